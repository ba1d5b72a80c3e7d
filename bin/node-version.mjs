// The Node.js version Keel needs, checked before any of Keel (or Astro) loads: on an older
// Node the user gets one line saying what to install instead of a stack trace or Astro's own
// message. The minimum is package.json's `engines.node` (">=X.Y.Z"), the one place it is written.
import { readFileSync } from 'node:fs';

/** "22.23.4" from ">=22.23.4". */
export function minimumNode(engines) {
  const m = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(String(engines).trim());
  if (!m) throw new Error(`package.json engines.node must read ">=X.Y.Z" (got ${JSON.stringify(engines)})`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Whether `version` ("20.20.2", "v24.1.0") is at least `minimum`. */
export function satisfies(version, minimum) {
  const parts = String(version).replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const have = parts[i] ?? 0;
    if (have !== minimum[i]) return have > minimum[i];
  }
  return true;
}

/** The one line printed on an unsupported Node. */
export function unsupportedNodeLine(version, minimum) {
  return (
    `keel: needs Node.js ${minimum.join('.')} or newer (this is Node.js ${String(version).replace(/^v/, '')}); ` +
    'in CI use actions/setup-node with node-version: 24, locally run "npm i -D node@24" (npm run and npx then use it)'
  );
}

/** Exits with 2 and the version line when this Node is too old. */
export function checkNodeVersion() {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const minimum = minimumNode(manifest.engines.node);
  if (satisfies(process.versions.node, minimum)) return;
  process.stderr.write(`${unsupportedNodeLine(process.versions.node, minimum)}\n`);
  process.exit(2);
}
