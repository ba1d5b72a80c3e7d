// @ts-check
// Keel's Astro configuration in a checkout of Keel: `keel build|dev|preview` pass this file
// (an .mjs is imported natively, see src/cli/astro.ts); the installed package passes its
// compiled lib/astro/config.js instead.
export { default } from './src/astro/config.ts';
