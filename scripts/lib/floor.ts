/**
 * The floor for `keel validate`: list, read and YAML-parse every content file in one process,
 * and nothing else. Front matter only for Markdown/MDX; every document for YAML; the same
 * `yaml` calls and options as src/content/yaml.ts (parseAllDocuments with a LineCounter and
 * the 1.2 core schema, then toJS). Run in a fresh process by scripts/bench.ts:
 *
 *   node scripts/lib/floor.ts DIR [yaml|js-yaml|csv]
 *     → prints one JSON line {parser, files, documents, bytes, importMs, workMs}
 *
 * `csv` is the floor for `keel report slos`: read every measurements/*.csv and parse its rows
 * into columns of numbers (timestamps as epoch milliseconds), nothing else; `documents`
 * counts rows.
 *
 * `js-yaml` (loadAll with CORE_SCHEMA) is a second floor: the parser src/content/yaml.ts reads
 * data with since it went for speed (the `yaml` package then runs only for positions).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, parser = 'yaml'] = process.argv.slice(2);
if (!dir || (parser !== 'yaml' && parser !== 'js-yaml' && parser !== 'csv')) {
  process.stderr.write('usage: node scripts/lib/floor.ts DIR [yaml|js-yaml|csv]\n');
  process.exit(2);
}

if (parser === 'csv') {
  const started = performance.now();
  let files = 0;
  let rows = 0;
  let bytes = 0;
  const folder = join(dir, 'measurements');
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.csv')) continue;
    const text = readFileSync(join(folder, name), 'utf8');
    files++;
    bytes += text.length;
    const lines = text.split('\n');
    const width = lines[0]!.split(',').length;
    const columns: number[][] = Array.from({ length: width }, () => []);
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (line === '') continue;
      const cells = line.split(',');
      columns[0]!.push(Date.parse(cells[0]!));
      for (let c = 1; c < width; c++) columns[c]!.push(Number(cells[c]));
      rows++;
    }
  }
  const done = performance.now();
  process.stdout.write(`${JSON.stringify({ parser, files, documents: rows, bytes, importMs: 0, workMs: done - started })}\n`);
  process.exit(0);
}

const started = performance.now();
let parse: (text: string) => void;
if (parser === 'yaml') {
  const { LineCounter, parseAllDocuments } = await import('yaml');
  parse = (text) => {
    const lineCounter = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, schema: 'core', version: '1.2' });
    for (const doc of Array.isArray(docs) ? docs : []) {
      doc.toJS({ maxAliasCount: 100 });
      documents++;
    }
  };
} else {
  const { default: jsYaml } = await import('js-yaml');
  parse = (text) => jsYaml.loadAll(text, () => documents++, { schema: jsYaml.CORE_SCHEMA });
}
const imported = performance.now();

let files = 0;
let documents = 0;
let bytes = 0;
const walk = (rel: string) => {
  for (const dirent of readdirSync(join(dir, rel), { withFileTypes: true })) {
    if (dirent.name.startsWith('.')) continue;
    const child = rel ? `${rel}/${dirent.name}` : dirent.name;
    if (dirent.isDirectory()) {
      walk(child);
      continue;
    }
    const markdown = child.endsWith('.md') || child.endsWith('.mdx');
    if (!markdown && !child.endsWith('.yaml') && !child.endsWith('.yml')) continue;
    let text = readFileSync(join(dir, child), 'utf8');
    files++;
    bytes += text.length;
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (markdown) {
      const first = text.indexOf('\n');
      if (!text.startsWith('---') || first < 0) continue;
      const end = text.indexOf('\n---', first);
      if (end < 0) continue;
      parse(text.slice(first + 1, end + 1));
    } else {
      parse(text);
    }
  }
};
walk('');
const done = performance.now();
process.stdout.write(`${JSON.stringify({ parser, files, documents, bytes, importMs: imported - started, workMs: done - imported })}\n`);
