import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The server serves dist/web at `/` (src/server/web-root.ts), so the app is built there with base `/`.
// In development, `npx vite` proxies /api to a running server (PORT 3100 by default, CLIENTELE_API_URL to change).
export default defineConfig({
  root: fromRoot('./src/web'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fromRoot('./dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // ECharts is large and only the 360 and reports need it: keep it out of the first load.
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/react')) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': process.env.CLIENTELE_API_URL ?? 'http://127.0.0.1:3100' },
  },
});
