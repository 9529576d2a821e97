import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { fileURLToPath } from 'node:url';
import { sizeReport } from './build/size-report';

const serverUrl = 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [solid(), sizeReport()],
  server: {
    proxy: {
      '/api': { target: serverUrl },
      '/healthz': { target: serverUrl },
      '/socket.io': { target: serverUrl, ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2020' },
});
