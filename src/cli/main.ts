/**
 * `keel` command line: finds the command in the table, parses its options, runs it. Returns
 * the exit code instead of exiting so tests can call it.
 * Exit codes: 0 no errors, 1 content errors (or a failed build), 2 usage errors, 70 an internal error.
 */
import { parseArgs } from 'node:util';
import { debug } from '../core/env.ts';
import { escapeControls, excerpt } from '../core/escape.ts';
import { UsageError } from '../core/usage-error.ts';
import type { Command, Io } from './command.ts';
import { loadCommand, loadCommands } from './commands/index.ts';
import { usage } from './usage.ts';

export type { Io } from './command.ts';

const defaultIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  cwd: process.cwd(),
  interactive: process.stdin.isTTY && process.stdout.isTTY,
};

/** The usage text: it loads every command's module, so only when it is printed. */
const usageText = async () => usage(await loadCommands());

/** Exit code of an internal error: EX_SOFTWARE. */
const INTERNAL_ERROR = 70;

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // A usage error: the usage goes to stderr, like every other usage error.
    io.err(`keel: no command given\n\n${await usageText()}`);
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    io.out(await usageText());
    return 0;
  }
  const command = await loadCommand(name);
  if (!command) {
    io.err(`keel: unknown command "${escapeControls(excerpt(name))}"\n\n${await usageText()}`);
    return 2;
  }
  // A tool that asked for JSON reads stdout as JSON: a usage error is JSON there too.
  const fail = (message: string, code: number, withUsage = '') => {
    if (command.options.format && formatOf(rest) === 'json') io.out(JSON.stringify({ error: { kind: 'usage', message, exitCode: code } }, null, 2));
    io.err(`keel: ${escapeControls(message)}${withUsage}`);
    return code;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: { ...parseOptions(command), help: { type: 'boolean', short: 'h' } } });
  } catch (cause) {
    return fail((cause as Error).message, 2, `\n\n${await usageText()}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(await usageText());
    return 0;
  }
  if (positionals.length > 0 && !command.positionals) {
    return fail(`unexpected argument "${excerpt(positionals[0]!)}"; pass the folder with --content`, 2);
  }
  try {
    return await command.run({ values, positionals }, io);
  } catch (cause) {
    if (!(cause instanceof UsageError)) return internalError(command.name, cause, io);
    // One line, whatever the environment or arguments held.
    return fail(cause.message, cause.exitCode);
  }
}

/** The value of the last --format of the arguments (as parseArgs would take it), read even when they do not parse. */
function formatOf(args: readonly string[]): string | undefined {
  let format: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg === '--format' && i + 1 < args.length) format = args[++i];
  }
  return format;
}

/**
 * A command that threw: a bug in Keel, never a raw stack trace on content. One line naming the
 * command and the message, exit 70 (EX_SOFTWARE of sysexits.h); the stack under KEEL_DEBUG=1.
 */
function internalError(name: string, cause: unknown, io: Io): number {
  const message = cause instanceof Error ? cause.message : String(cause);
  io.err(`keel: internal error in ${name}: ${escapeControls(excerpt(message.split('\n')[0] ?? '', 300))}`);
  // The frames only: the message (which may quote content) was printed escaped above.
  if (debug(io.env) && cause instanceof Error && cause.stack)
    io.err(
      cause.stack
        .split('\n')
        .filter((line) => /^\s+at /.test(line))
        .join('\n'),
    );
  else io.err('  a bug in Keel: please report it; KEEL_DEBUG=1 shows the stack');
  return INTERNAL_ERROR;
}

function parseOptions(command: Command) {
  return Object.fromEntries(
    Object.entries(command.options).map(([name, spec]) => [name, spec.short ? { type: spec.type, short: spec.short } : { type: spec.type }]),
  ) as Record<string, { type: 'string' | 'boolean'; short?: string }>;
}
