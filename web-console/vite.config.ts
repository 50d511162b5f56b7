/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// The Spring Boot server that `npm run dev` (and `npm run preview`) proxy to; override
// with QALYPTUS_SERVER_URL. Production builds are served by that same server from
// classpath:/static, so the app itself only ever uses same-origin, root-relative URLs.
const backend = process.env['QALYPTUS_SERVER_URL'] || 'http://localhost:8080';

export default defineConfig({
  base: '/',
  build: {
    // Lands in the module jar under static/, which Spring Boot serves at /.
    outDir: 'target/classes/static',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // Keep everything in files (no data: URLs); a strict CSP can forbid them later.
    assetsInlineLimit: 0,
    rollupOptions: {
      // the console, and GraphiQL (served at /graphiql) with every asset bundled: nothing from a CDN
      input: { main: 'index.html', graphiql: 'graphiql.html' },
    },
  },
  // GraphiQL's editor workers (monaco) split into chunks, which only ES module workers allow
  worker: { format: 'es' },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/actuator': { target: backend, changeOrigin: false },
      '/graphql': { target: backend, changeOrigin: false, ws: true },
      '/graphiql': { target: backend, changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    strictPort: true,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Never pick up anything from the build output or dependencies.
    exclude: ['node_modules/**', 'target/**'],
  },
});
