// Serves www/ on http://127.0.0.1:8080/ (or $PORT) with http-server, caching off so a
// rebuild shows at the next reload.
import { spawn } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const port = process.env.PORT || '8080';
console.log(`\nhubpulse demo: http://127.0.0.1:${port}/`);
const server = spawn(`${root}node_modules/.bin/http-server`, [`${root}www`, '-a', '127.0.0.1', '-p', port, '-c-1', '--silent'], {
  stdio: 'inherit',
});
server.on('exit', (code) => process.exit(code ?? 0));
