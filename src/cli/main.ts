/**
 * `keel` command line. Returns the exit code instead of exiting so tests can call it.
 * Exit codes: 0 no errors, 1 content errors, 2 usage errors.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ClockError, now } from '../domain/clock.ts';
import { formatReport, type OutputFormat } from '../validate/diagnostic.ts';
import { validateContent } from '../validate/validate.ts';

const USAGE = `Usage: keel <command> [options]

Commands:
  validate   Check every file of the content folder; report every problem.

Options for validate:
  --content DIR      content folder (default: $KEEL_CONTENT or ./content)
  --format FORMAT    text (default), github (workflow annotations) or json
  --strict           treat warnings as errors
  -h, --help         show this help
`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const defaultIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  cwd: process.cwd(),
};

const FORMATS: OutputFormat[] = ['text', 'github', 'json'];

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        content: { type: 'string' },
        format: { type: 'string', default: 'text' },
        strict: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (cause) {
    io.err(`keel: ${(cause as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (values.help || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (command === undefined) {
    // A usage error: the usage goes to stderr, like every other usage error.
    io.err(`keel: no command given\n\n${USAGE}`);
    return 2;
  }
  if (command !== 'validate') {
    io.err(`keel: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  if (extra.length > 0) {
    io.err(`keel: unexpected argument "${extra[0]}"; pass the folder with --content`);
    return 2;
  }
  const format = values.format as OutputFormat;
  if (!FORMATS.includes(format)) {
    io.err(`keel: --format must be one of ${FORMATS.join(', ')} (got "${values.format}")`);
    return 2;
  }
  // An empty KEEL_CONTENT (a CI variable that is not set) means the default, not the working directory.
  const contentDir = values.content ?? (io.env.KEEL_CONTENT || 'content');
  // The clock reads the same environment as the rest of the run (KEEL_NOW, SOURCE_DATE_EPOCH).
  let clock: number;
  try {
    clock = now(io.env);
  } catch (cause) {
    if (!(cause instanceof ClockError)) throw cause;
    io.err(`keel: ${cause.message}`);
    return 2;
  }
  const result = await validateContent(resolve(io.cwd, contentDir), { cwd: io.cwd, strict: values.strict, now: clock, keepSources: false });
  io.out(formatReport(result.diagnostics, result.summary, format));
  return result.ok ? 0 : 1;
}
