/**
 * Content files from data: the one writer `keel new` and `keel import` share. Front matter is
 * written with gray-matter, whose YAML engine here is js-yaml's core schema: the schema Keel
 * reads with (src/content/yaml.ts), so what is written reads back as the same values, and
 * times and dates stay strings ("2026-11-22T08:20:00+01:00", not a Date).
 */
import { createRequire } from 'node:module';
import type matterType from 'gray-matter';
import { CORE_SCHEMA, dump, load } from 'js-yaml';

/** gray-matter (CommonJS), required at the first file written: reading content never needs it. */
const matter = (): typeof matterType => createRequire(import.meta.url)('gray-matter') as typeof matterType;

const YAML_ENGINE = {
  parse: (text: string) => load(text, { schema: CORE_SCHEMA }) as object,
  // No line folding (lineWidth -1): a long public update stays one line, as authors write it.
  stringify: (data: object) => dump(data, { schema: CORE_SCHEMA, lineWidth: -1, noRefs: true }),
};

/** A Markdown/MDX file: `---`, the data as YAML, `---`, a blank line, the body. */
export function frontMatterFile(data: Record<string, unknown>, body: string): string {
  return matter().stringify(`\n${body.replace(/^\n+/, '')}`, data, { engines: { yaml: YAML_ENGINE }, language: 'yaml' });
}

/** A YAML file, optionally led by comment lines (a `yaml-language-server` schema, a note). */
export function yamlFile(data: Record<string, unknown>, comments: readonly string[] = []): string {
  return `${comments.map((c) => `# ${c}\n`).join('')}${YAML_ENGINE.stringify(data)}`;
}

/** Several YAML documents in one file (an OpenSLO Service beside its SLO). */
export function yamlDocuments(documents: readonly Record<string, unknown>[], comments: readonly string[] = []): string {
  return `${comments.map((c) => `# ${c}\n`).join('')}${documents.map((d) => YAML_ENGINE.stringify(d)).join('---\n')}`;
}
