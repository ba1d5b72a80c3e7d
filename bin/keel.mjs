#!/usr/bin/env node
// The CLI is TypeScript run directly by Node's type stripping (Node >= 22.18; `npm run`
// puts the bundled Node 24 first on PATH).
import module from 'node:module';

// Reuse compiled (and type-stripped) modules across runs: startup is a large part of a
// `keel validate` on a small content folder.
module.enableCompileCache?.();

// `keel validate | head` closes the pipe early: drop the rest of the output, keep the exit
// code, and print no stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
