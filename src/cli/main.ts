/**
 * `keel` command line: finds the command in the table, parses its options, runs it. Returns
 * the exit code instead of exiting so tests can call it.
 * Exit codes: 0 no errors, 1 content errors (or a failed build), 2 usage errors.
 */
import { parseArgs } from 'node:util';
import { escapeControls, excerpt } from '../core/escape.ts';
import { UsageError } from '../core/usage-error.ts';
import type { Command, Io } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { usage } from './usage.ts';

export type { Io } from './command.ts';

const defaultIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  cwd: process.cwd(),
  interactive: process.stdin.isTTY && process.stdout.isTTY,
};

const USAGE = usage(COMMANDS);

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // A usage error: the usage goes to stderr, like every other usage error.
    io.err(`keel: no command given\n\n${USAGE}`);
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`keel: unknown command "${escapeControls(excerpt(name))}"\n\n${USAGE}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: { ...parseOptions(command), help: { type: 'boolean', short: 'h' } } });
  } catch (cause) {
    io.err(`keel: ${escapeControls((cause as Error).message)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length > 0 && !command.positionals) {
    io.err(`keel: unexpected argument "${escapeControls(excerpt(positionals[0]!))}"; pass the folder with --content`);
    return 2;
  }
  try {
    return await command.run({ values, positionals }, io);
  } catch (cause) {
    if (!(cause instanceof UsageError)) throw cause;
    // One line, whatever the environment or arguments held.
    io.err(`keel: ${escapeControls(cause.message)}`);
    return cause.exitCode;
  }
}

function parseOptions(command: Command) {
  return Object.fromEntries(
    Object.entries(command.options).map(([name, spec]) => [name, spec.short ? { type: spec.type, short: spec.short } : { type: spec.type }]),
  ) as Record<string, { type: 'string' | 'boolean'; short?: string }>;
}
