import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

/** The admin web: served by bot/http/admin-static.ts under /admin/, talking to /api. */
export default defineConfig({
  root,
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    fs: { allow: [`${root}/..`] },
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  logLevel: 'warn',
});
