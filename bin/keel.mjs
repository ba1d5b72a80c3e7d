#!/usr/bin/env node
// In a checkout of Keel the CLI is TypeScript, run by Node's type stripping (Node >= 22.18;
// `npm run` puts the bundled Node 24 first on PATH). The installed package has no src/: it
// runs lib/, the JavaScript `npm pack` compiled (Node refuses to strip types in node_modules).
import { existsSync } from 'node:fs';
import module from 'node:module';
import { checkNodeVersion } from './node-version.mjs';

// First: on a Node older than package.json's engines, one line saying what to install, exit 2.
checkNodeVersion();

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

const source = new URL('../src/cli/main.ts', import.meta.url);
const { main } = await import(existsSync(source) ? source.href : new URL('../lib/cli/main.js', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
