/**
 * `keel dev`: the internal site (or, with --audience public, the public one) from the content
 * folder, served by `astro dev` with live reload: a content edit is validated at once; errors
 * show in the terminal and in the browser's overlay and clear when fixed (src/astro/dev.ts).
 *
 * `--ignore-lock`: Astro allows one dev server per project root, and the root is Keel's package,
 * shared by every content folder; two `keel dev` on different folders and ports are fine.
 */
import { spawn } from 'node:child_process';
import { AUDIENCES, type Audience } from '../../core/env.ts';
import { UsageError } from '../../core/usage-error.ts';
import { astroArgs, astroEnv } from '../astro.ts';
import { CONTENT_OPTION, type Command } from '../command.ts';

export const dev: Command = {
  name: 'dev',
  summary: 'Serve the internal site with live reload while you edit content (http://localhost:4322).',
  arguments: '[-- ASTRO_OPTIONS…]',
  positionals: true,
  options: {
    content: CONTENT_OPTION,
    audience: { type: 'string', value: 'SITE', description: 'internal (default) or public' },
    port: { type: 'string', value: 'PORT', description: 'port to serve on (default 4322)' },
  },
  run({ values, positionals }, io) {
    const audience = (values.audience as string | undefined) ?? 'internal';
    if (!(AUDIENCES as readonly string[]).includes(audience)) throw new UsageError(`--audience must be one of ${AUDIENCES.join(', ')} (got "${audience}")`);
    const port = (values.port as string | undefined) ?? '4322';
    if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) throw new UsageError(`--port must be a port number (got "${port}")`);
    return new Promise((resolveExit) => {
      const child = spawn(process.execPath, astroArgs('dev', ['--port', port, '--ignore-lock', ...positionals]), {
        cwd: io.cwd,
        stdio: 'inherit',
        // A development server whatever the shell says (a NODE_ENV of test or production changes how Vite reloads pages).
        env: { ...astroEnv(io.env, io.cwd, audience as Audience, values.content as string | undefined, undefined), NODE_ENV: 'development' },
      });
      const stop = () => child.kill('SIGTERM');
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, stop);
      child.on('exit', (code, signal) => resolveExit(signal === 'SIGTERM' || signal === 'SIGINT' ? 0 : (code ?? 1)));
    });
  },
};
