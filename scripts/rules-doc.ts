/**
 * `npm run rules-doc`: writes docs/rules.md from the rule registry. `--check` exits 1 when the
 * committed file is stale (a test runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rulesDocument } from '../src/rules/docs.ts';
import { ALL_RULES, DOCUMENTED_RULES } from '../src/rules/index.ts';

const FILE = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'docs', 'rules.md');
const text = rulesDocument(DOCUMENTED_RULES);

if (process.argv.includes('--check')) {
  let current: string;
  try {
    current = readFileSync(FILE, 'utf8');
  } catch {
    current = '';
  }
  if (current !== text) {
    process.stderr.write('docs/rules.md is stale: run npm run rules-doc\n');
    process.exitCode = 1;
  } else process.stdout.write(`docs/rules.md lists all ${ALL_RULES.length} rules\n`);
} else {
  writeFileSync(FILE, text);
  process.stdout.write(`wrote docs/rules.md (${ALL_RULES.length} rules)\n`);
}
