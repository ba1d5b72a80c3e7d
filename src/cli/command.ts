/**
 * A `keel` command: a module with its name, a summary, its options and `run(args, io)`. The
 * usage text is generated from the table of commands (src/cli/commands/index.ts).
 */

import type { Ask } from './new/ask.ts';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** A person at a terminal can answer questions (stdin and stdout are TTYs); `keel new` asks only then. */
  interactive?: boolean;
  /** How questions are asked (tests script the answers); default: prompts in the terminal. */
  ask?: Ask;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder shown in the usage, e.g. DIR. */
  value?: string;
  description: string;
}

export interface CommandArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  summary: string;
  /** Positional arguments as shown in the usage, e.g. `[-- ASTRO_ARGS…]`. */
  arguments?: string;
  /** Whether positional arguments are accepted (otherwise one is a usage error). */
  positionals?: boolean;
  options: Record<string, OptionSpec>;
  /** Returns the exit code: 0 success, 1 content errors or a failed step, 2 usage errors. */
  run(args: CommandArgs, io: Io): Promise<number>;
}

/** The --content option, the same for every command that reads the content folder (src/core/env.ts: contentDir). */
export const CONTENT_OPTION: OptionSpec = {
  type: 'string',
  value: 'DIR',
  description: 'content folder (default: $KEEL_CONTENT, else . if it holds keel.yaml, else ./content)',
};
