/**
 * `keel` on an unsupported Node: one line saying which version it needs and how to get it, exit
 * 2, before any of Keel loads. The old Node is simulated (process.versions.node set before the
 * entry point runs), so the test runs the real bin/keel.mjs on any machine.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { minimumNode, satisfies, unsupportedNodeLine } from '../bin/node-version.mjs';

const BIN = fileURLToPath(new URL('../bin/keel.mjs', import.meta.url));
const ENGINES = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { engines: { node: string } }).engines.node;

function keelOn(version: string, args: string[]) {
  const pretend = `data:text/javascript,Object.defineProperty(process.versions,"node",{value:${JSON.stringify(version)}})`;
  const run = spawnSync(process.execPath, ['--import', pretend, BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the Node version check', () => {
  it('reads the minimum from package.json engines, which is what Astro 7 needs as npm resolves it', () => {
    expect(ENGINES).toBe('>=22.23.4');
    expect(minimumNode(ENGINES)).toEqual([22, 23, 4]);
  });

  it('compares versions part by part', () => {
    const min = minimumNode('>=22.23.4');
    expect(['20.20.2', '22.19.0', '22.23.3', 'v22.9.9'].filter((v) => satisfies(v, min))).toEqual([]);
    expect(['22.23.4', '22.24.0', '23.0.0', '24.1.0', 'v26.0.0'].every((v) => satisfies(v, min))).toBe(true);
  });

  it('on Node 20: one line with the version needed, setup-node and npm i -D node@24, exit 2, nothing else run', () => {
    const run = keelOn('20.20.2', ['validate', '--content', '/nonexistent']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${unsupportedNodeLine('20.20.2', [22, 23, 4])}\n`);
    expect(run.stderr).toMatchInlineSnapshot(`
      "keel: needs Node.js 22.23.4 or newer (this is Node.js 20.20.2); in CI use actions/setup-node with node-version: 24, locally run "npm i -D node@24" (npm run and npx then use it)
      "
    `);
  });

  it('on a supported Node, keel runs', () => {
    const run = keelOn(process.versions.node, ['--help']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
