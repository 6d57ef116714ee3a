import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app is built into dist/web, which the server serves with an index.html fallback.
// In development Vite serves the app and forwards /api to the server started beside it.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
