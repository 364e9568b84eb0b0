import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built from the repository root (`npm run build:portal`), so every path is anchored here
// rather than on the working directory.
const portalRoot = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  root: portalRoot,
  base: '/',
  plugins: [react()],
  build: {
    // The API serves the portal from apps/api/public.
    outDir: '../api/public',
    emptyOutDir: true,
    // Skips gzip-sizing every chunk; the size report is silent at --logLevel warn anyway.
    reportCompressedSize: false,
    // The MUI and react-admin vendor chunks are large but cached across deploys.
    chunkSizeWarningLimit: 1_000,
    rolldownOptions: {
      output: {
        // Vendor code in its own chunks, so a portal change does not invalidate them.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/,
              priority: 3,
            },
            { name: 'mui', test: /node_modules[\\/](@mui|@emotion|@popperjs)[\\/]/, priority: 2 },
            // keccak and the ABI coder for the pool page's in-browser proof check
            { name: 'ethers', test: /node_modules[\\/](ethers|@noble|@adraffy)[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/health': apiTarget,
      '/metrics': apiTarget,
    },
  },
});
