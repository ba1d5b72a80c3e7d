/**
 * `keel build`: builds the public site, then the internal one, each with its own `astro build`
 * (KEEL_AUDIENCE=public|internal), and stops at the first failure with its exit code.
 */
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { AUDIENCES, outRoot } from '../../core/env.ts';
import { astroArgs, astroEnv } from '../astro.ts';
import { CONTENT_OPTION, type Command } from '../command.ts';

export const build: Command = {
  name: 'build',
  summary: 'Validate the content, then build both sites: <out>/public and <out>/internal.',
  arguments: '[-- ASTRO_OPTIONS…]',
  positionals: true,
  options: {
    content: CONTENT_OPTION,
    out: { type: 'string', value: 'DIR', description: 'output root (default: $KEEL_OUT_DIR or ./dist)' },
  },
  run({ values, positionals }, io) {
    const content = values.content as string | undefined;
    const out = values.out as string | undefined;
    const root = outRoot(io.cwd, out === undefined ? io.env : { ...io.env, KEEL_OUT_DIR: out });
    const show = (path: string) => relative(io.cwd, path) || '.';
    const times: string[] = [];
    for (const audience of AUDIENCES) {
      const started = performance.now();
      io.out(`\nkeel: building the ${audience} site`);
      const run = spawnSync(process.execPath, astroArgs('build', positionals), {
        cwd: io.cwd,
        stdio: 'inherit',
        env: astroEnv(io.env, io.cwd, audience, content, out),
      });
      if (run.status !== 0) {
        io.err(`\nkeel: the ${audience} build failed${run.signal ? ` (${run.signal})` : ''}; nothing more was built`);
        return Promise.resolve(run.status ?? 1);
      }
      times.push(`${audience} ${((performance.now() - started) / 1000).toFixed(1)}s`);
    }
    io.out(`
keel: built both sites (${times.join(', ')})
  public    ${show(join(root, 'public', 'index.html'))}
  internal  ${show(join(root, 'internal', 'index.html'))}
Open those files in a browser, or run \`keel preview\` to serve them:
  public on http://localhost:4321, internal on http://localhost:4322`);
    return Promise.resolve(0);
  },
};
