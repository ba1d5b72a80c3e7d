/**
 * `keel preview`: serves the built sites with `astro preview`, one process per audience:
 * public on http://localhost:4321 and internal on http://localhost:4322. Stops both when
 * either stops or on Ctrl-C. Run `keel build` first.
 *
 * Both servers share one project root, so they run with `--ignore-lock`: Astro otherwise
 * allows one `astro preview` per root (.astro/preview.json) and refuses the second.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { outRoot, type Audience } from '../../core/env.ts';
import { astroArgs, astroEnv } from '../astro.ts';
import type { Command } from '../command.ts';

const SITES: { audience: Audience; port: number }[] = [
  { audience: 'public', port: 4321 },
  { audience: 'internal', port: 4322 },
];

export const preview: Command = {
  name: 'preview',
  summary: 'Serve the built sites: public on :4321, internal on :4322.',
  arguments: '[-- ASTRO_OPTIONS…]',
  positionals: true,
  options: {
    out: { type: 'string', value: 'DIR', description: 'output root the sites were built into (default: $KEEL_OUT_DIR or ./dist)' },
  },
  run({ values, positionals }, io) {
    const out = values.out as string | undefined;
    const root = outRoot(io.cwd, out === undefined ? io.env : { ...io.env, KEEL_OUT_DIR: out });
    const missing = SITES.filter((s) => !existsSync(join(root, s.audience, 'index.html')));
    if (missing.length > 0) {
      const list = missing.map((s) => relative(io.cwd, join(root, s.audience)) || '.').join(' and ');
      io.err(`keel: ${list} not built yet; run \`keel build\` first`);
      return Promise.resolve(1);
    }
    return new Promise((resolveExit) => {
      const children: ChildProcess[] = [];
      let stopping = false;
      const stopAll = (code: number) => {
        if (stopping) return;
        stopping = true;
        for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        resolveExit(code);
      };
      for (const { audience, port } of SITES) {
        const child = spawn(process.execPath, astroArgs('preview', ['--port', String(port), '--ignore-lock', ...positionals]), {
          cwd: io.cwd,
          stdio: 'inherit',
          env: astroEnv(io.env, io.cwd, audience, undefined, out),
        });
        child.on('exit', (code, signal) => {
          if (!stopping && code !== 0) io.err(`keel: the ${audience} preview stopped (${signal ?? `exit code ${code}`}); stopping the other one`);
          stopAll(code ?? 0);
        });
        children.push(child);
      }
      io.out('keel: serving public on http://localhost:4321 and internal on http://localhost:4322 (Ctrl-C stops both)');
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(0));
    });
  },
};
