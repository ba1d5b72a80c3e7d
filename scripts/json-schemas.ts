/**
 * `npm run schemas`: writes the JSON Schemas for editors (src/kinds/json-schema.ts) to
 * public/schemas/.
 *
 *   node scripts/json-schemas.ts            write public/schemas/*.schema.json
 *   node scripts/json-schemas.ts --check    exit 1 if the committed files are stale
 *   node scripts/json-schemas.ts --out DIR  write elsewhere
 *
 * Content files point at them with a first-line comment, e.g.
 *   # yaml-language-server: $schema=../../public/schemas/service.schema.json
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSchemas, serialize } from '../src/kinds/json-schema.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_OUT = join(ROOT, 'public', 'schemas');

function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean', default: false }, out: { type: 'string' } } });
  const out = resolve(values.out ?? DEFAULT_OUT);
  const files = buildSchemas();
  if (values.check) {
    const stale: string[] = [];
    for (const [name, json] of files) {
      let current: string | undefined;
      try {
        current = readFileSync(join(out, name), 'utf8');
      } catch {
        current = undefined;
      }
      if (current !== serialize(json)) stale.push(name);
    }
    if (stale.length > 0) {
      process.stderr.write(`stale JSON Schemas in ${relative(process.cwd(), out) || '.'}: ${stale.join(', ')}\nrun: npm run schemas\n`);
      return 1;
    }
    process.stdout.write(`${files.size} JSON Schemas are current\n`);
    return 0;
  }
  mkdirSync(out, { recursive: true });
  for (const [name, json] of files) writeFileSync(join(out, name), serialize(json));
  process.stdout.write(`wrote ${files.size} JSON Schemas to ${relative(process.cwd(), out) || '.'}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
