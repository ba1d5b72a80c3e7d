/**
 * Keel's Astro configuration, the one every `keel build|dev|preview` runs with. Paths derive
 * from this module's own location, so the same file serves a checkout of Keel (src/, run as
 * TypeScript) and the installed package (lib/, compiled): the project root is the package
 * root, the source folder is the one this file sits in. astro.config.mjs re-exports it for
 * `astro` commands run by hand in a checkout. Everything Keel-specific (audience, output
 * folder, validation, routes) lives in the integration; see ./integration.ts.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import keel from './integration.ts';

export default defineConfig({
  root: fileURLToPath(new URL('../../', import.meta.url)),
  srcDir: fileURLToPath(new URL('../', import.meta.url)),
  integrations: [keel()],
  // Static files only, and the same bytes for the same content.
  output: 'static',
  // Whether styles are inlined depends on the audience (src/astro/integration.ts).
  build: { format: 'directory' },
  trailingSlash: 'ignore',
  // Rendered bodies (retrospectives, runbooks): PromQL, common in runbooks, has no grammar in
  // Shiki; show it as plain text without a warning on every build. The high-contrast theme: the
  // default's comments (#6a737d on #24292e) fail WCAG's 4.5:1 (axe, on code of real postmortems).
  markdown: { shikiConfig: { theme: 'github-dark-high-contrast', langAlias: { promql: 'plaintext' } } },
  devToolbar: { enabled: false },
  // The site has no client JavaScript; prefetch would add some.
  prefetch: false,
  // `keel preview` promises public on 4321 and internal on 4322: a busy port is an error, not
  // a reason to move one site onto the other's port.
  vite: { preview: { strictPort: true } },
});
