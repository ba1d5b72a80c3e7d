/**
 * `npm run schemas`: writes JSON Schemas for editors (YAML language server, VS Code) to
 * public/schemas/, generated from the Zod schemas with Zod's own z.toJSONSchema, input side
 * (fields with defaults are optional, transforms are seen from the author's side).
 *
 *   node scripts/json-schemas.ts            write public/schemas/*.schema.json
 *   node scripts/json-schemas.ts --check    exit 1 if the committed files are stale
 *   node scripts/json-schemas.ts --out DIR  write elsewhere
 *
 * Content files point at them with a first-line comment, e.g.
 *   # yaml-language-server: $schema=../../public/schemas/service.schema.json
 *
 * Keel's primitives (timestamps, dates, durations, ids) are strings checked by refinements,
 * which JSON Schema cannot see; the override below gives them the matching `pattern` and
 * `format` so editors flag a bad duration or a naive timestamp as you type.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { FOLDER_KINDS, SettingsSchema, SLO_FOLDER_KINDS } from '../src/content/kinds.ts';
import { CalendarDate, DURATION_PATTERN, Duration, Id, RFC1123_LABEL, Timestamp } from '../src/schemas/common.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_OUT = join(ROOT, 'public', 'schemas');
/** Draft 7: what the YAML language server (and so VS Code's YAML extension) implements. */
const DRAFT = 'http://json-schema.org/draft-07/schema#';

type Json = Record<string, unknown>;

/** Mirrors the RFC 3339 rule of src/schemas/common.ts (a time with an explicit offset). */
const RFC3339_PATTERN = '^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$';
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** The refinement each primitive carries; clones made by .describe() share it. */
function refinementOf(schema: z.ZodType): unknown {
  return (schema._zod.def as { checks?: unknown[] }).checks?.[0];
}

const PRIMITIVES: { check: unknown; json: Json }[] = [
  { check: refinementOf(Timestamp), json: { format: 'date-time', pattern: RFC3339_PATTERN } },
  { check: refinementOf(CalendarDate), json: { format: 'date', pattern: DATE_PATTERN } },
  { check: refinementOf(Duration), json: { pattern: DURATION_PATTERN.source } },
  { check: refinementOf(Id), json: { pattern: RFC1123_LABEL.source, maxLength: 63 } },
];

function convert(schema: z.ZodType): Json {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-07',
    // Nothing in our schemas should be unrepresentable; if something becomes so, accept
    // anything there rather than failing the whole export (the validator still checks it).
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const checks = (zodSchema._zod.def as { checks?: unknown[] }).checks ?? [];
      for (const primitive of PRIMITIVES) {
        if (checks.includes(primitive.check)) Object.assign(jsonSchema, primitive.json);
      }
    },
  }) as Json;
  delete json.$schema;
  return json;
}

function document(title: string, description: string, body: Json): Json {
  return { $schema: DRAFT, title, description, ...body };
}

/** Every schema file, by file name. */
export function buildSchemas(): Map<string, Json> {
  const files = new Map<string, Json>();
  files.set('keel.schema.json', document('Keel settings', 'content/keel.yaml: portal-wide settings.', convert(SettingsSchema)));
  const folders: Record<keyof typeof FOLDER_KINDS, string> = {
    services: 'service',
    maintenance: 'maintenance',
    incidents: 'incident',
    runbooks: 'runbook',
    concerns: 'concern',
    experiments: 'experiment',
  };
  for (const [collection, name] of Object.entries(folders) as [keyof typeof FOLDER_KINDS, string][]) {
    const kind = FOLDER_KINDS[collection];
    const where = kind.format === 'yaml' ? `content/${kind.folder}/<id>.yaml` : `front matter of content/${kind.folder}/<id>.md(x)`;
    files.set(`${name}.schema.json`, document(`Keel ${name}`, `${where}.`, convert(kind.schema as unknown as z.ZodType)));
  }
  // slos/: every document of a multi-document file is one of these kinds.
  const defs: Json = {};
  const apiVersions: string[] = [];
  const kinds: string[] = [];
  for (const [apiVersion, byKind] of Object.entries(SLO_FOLDER_KINDS)) {
    apiVersions.push(apiVersion);
    for (const [kind, { schema }] of Object.entries(byKind)) {
      kinds.push(kind);
      defs[kind] = convert(schema as unknown as z.ZodType);
    }
  }
  files.set(
    'openslo.schema.json',
    document('OpenSLO v1 and Keel ErrorBudgetPolicy', 'A document in content/slos/: an OpenSLO v1 object (apiVersion: openslo/v1) or a Keel error-budget policy (apiVersion: keel/v1).', {
      type: 'object',
      properties: {
        apiVersion: { type: 'string', enum: apiVersions },
        kind: { type: 'string', enum: kinds },
      },
      required: ['apiVersion', 'kind', 'metadata', 'spec'],
      anyOf: Object.keys(defs).map((kind) => ({ $ref: `#/definitions/${kind}` })),
      definitions: defs,
    }),
  );
  return files;
}

export function serialize(json: Json): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}

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
