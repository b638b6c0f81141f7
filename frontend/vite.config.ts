import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Two pages: the public portal at / and the staff console at /console/. Both talk only to the
// documented API. The target matches the Chromium generation on county desktops.
export default defineConfig({
  plugins: [vue()],
  build: {
    target: 'chrome87',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        portal: resolve(__dirname, 'index.html'),
        console: resolve(__dirname, 'console/index.html'),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/health': 'http://127.0.0.1:8080' },
  },
})
