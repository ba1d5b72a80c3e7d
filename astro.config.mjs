// @ts-check
// Keel's Astro configuration. Everything Keel-specific (audience, output folder, validation,
// routes) lives in the integration; see src/astro/integration.ts for the environment it reads.
import { defineConfig } from 'astro/config';
import keel from './src/astro/integration.ts';

export default defineConfig({
  integrations: [keel()],
  // Static files only, and the same bytes for the same content.
  output: 'static',
  // Styles inline, so that index.html also works opened straight from disk.
  build: { inlineStylesheets: 'always', format: 'directory' },
  trailingSlash: 'ignore',
  devToolbar: { enabled: false },
  // The site has no client JavaScript; prefetch would add some.
  prefetch: false,
  // `npm run preview` promises public on 4321 and internal on 4322: a busy port is an
  // error, not a reason to move one site onto the other's port.
  vite: { preview: { strictPort: true } },
});
