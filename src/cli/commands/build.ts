/**
 * `keel build`: builds the public site, then the internal one (or the one `--audience` names),
 * each with its own `astro build` (KEEL_AUDIENCE=public|internal), and stops at the first failure
 * with its exit code.
 */
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { AUDIENCES, outRoot, type Audience } from '../../core/env.ts';
import { UsageError } from '../../core/usage-error.ts';
import { astroArgs, astroEnv, buildEnv, buildNodeFlags } from '../astro.ts';
import { CONTENT_OPTION, type Command } from '../command.ts';

/** Where `keel preview` serves each site. */
const PREVIEW_PORT: Readonly<Record<Audience, number>> = { public: 4321, internal: 4322 };

/** The audiences to build: the one `--audience` names, else both. */
function audiencesOf(value: string | undefined): readonly Audience[] {
  if (value === undefined) return AUDIENCES;
  if ((AUDIENCES as readonly string[]).includes(value)) return [value as Audience];
  throw new UsageError(`--audience must be one of ${AUDIENCES.join(', ')} (got "${value}")`);
}

export const build: Command = {
  name: 'build',
  summary: 'Validate the content, then build both sites (<out>/public and <out>/internal), or the one --audience names.',
  arguments: '[-- ASTRO_OPTIONS…]',
  positionals: true,
  options: {
    content: CONTENT_OPTION,
    out: { type: 'string', value: 'DIR', description: 'output root (default: $KEEL_OUT_DIR or ./dist)' },
    audience: { type: 'string', value: 'AUDIENCE', description: 'build one site only: public or internal (default: both)' },
  },
  run({ values, positionals }, io) {
    const audiences = audiencesOf(values.audience as string | undefined);
    const content = values.content as string | undefined;
    const out = values.out as string | undefined;
    const root = outRoot(io.cwd, out === undefined ? io.env : { ...io.env, KEEL_OUT_DIR: out });
    const show = (path: string) => relative(io.cwd, path) || '.';
    const times: string[] = [];
    for (const audience of audiences) {
      const started = performance.now();
      io.out(`\nkeel: building the ${audience} site`);
      const run = spawnSync(process.execPath, [...buildNodeFlags(audience), ...astroArgs('build', positionals)], {
        cwd: io.cwd,
        stdio: 'inherit',
        env: { ...astroEnv(io.env, io.cwd, audience, content, out), ...buildEnv(io.env) },
      });
      if (run.status !== 0) {
        io.err(`\nkeel: the ${audience} build failed${run.signal ? ` (${run.signal})` : ''}; nothing more was built`);
        return Promise.resolve(run.status ?? 1);
      }
      times.push(`${audience} ${((performance.now() - started) / 1000).toFixed(1)}s`);
    }
    const built = audiences.length === AUDIENCES.length ? 'both sites' : `the ${audiences[0]} site`;
    io.out(`
keel: built ${built} (${times.join(', ')})
${audiences.map((a) => `  ${a.padEnd(9)} ${show(join(root, a, 'index.html'))}`).join('\n')}
Open ${audiences.length > 1 ? 'those files' : 'that file'} in a browser, or run \`keel preview\` to serve ${audiences.length > 1 ? 'them' : 'it'}:
  ${audiences.map((a) => `${a} on http://localhost:${PREVIEW_PORT[a]}`).join(', ')}`);
    return Promise.resolve(0);
  },
};
