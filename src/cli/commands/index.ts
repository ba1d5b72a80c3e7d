/**
 * The table of `keel` commands; the usage text is generated from it (src/cli/usage.ts). Each
 * command's module is loaded when that command runs: `keel validate` loads no other command's
 * code (the usage loads them all).
 */
import type { Command } from '../command.ts';

const LOADERS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./validate.ts')).validate,
  new: async () => (await import('./new.ts')).newCommand,
  report: async () => (await import('./report.ts')).report,
  policy: async () => (await import('./policy.ts')).policy,
  import: async () => (await import('./import.ts')).importCommand,
  pull: async () => (await import('./pull.ts')).pull,
  rules: async () => (await import('./rules.ts')).rules,
  build: async () => (await import('./build.ts')).build,
  dev: async () => (await import('./dev.ts')).dev,
  preview: async () => (await import('./preview.ts')).preview,
};

/** The command of that name (one module is loaded once: every call gives the same object), or undefined. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name]!() : undefined;
}

/** Every command, in the usage's order. */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(Object.values(LOADERS).map((load) => load()));
}
