// `npm start` builds the web app only when its sources are newer than the last build, so a
// second start is quick and a fresh clone still gets a build.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const built = 'dist/web/index.html';
const sources = ['src/web', 'src/core', 'index.html', 'vite.config.ts', 'package-lock.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

if (!existsSync(built) || sources.some((s) => newest(s) > statSync(built).mtimeMs)) {
  execSync('npx vite build', { stdio: 'inherit' });
} else {
  console.log('web app is up to date');
}
