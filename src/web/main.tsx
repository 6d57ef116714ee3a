import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import './shell/i18n.ts';
import './shell/app.css';
import { SessionProvider } from './auth/session-context.tsx';
import { AppRoutes } from './shell/app-routes.tsx';
import { ThemedApp } from './shell/themed-app.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemedApp>
      <SessionProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </SessionProvider>
    </ThemedApp>
  </StrictMode>,
);
