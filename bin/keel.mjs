#!/usr/bin/env node
// The CLI is TypeScript run directly by Node's type stripping (Node >= 22.18; `npm run`
// puts the bundled Node 24 first on PATH).
import { main } from '../src/cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
