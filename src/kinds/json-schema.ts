/**
 * JSON Schemas for editors (YAML language server, VS Code), generated from each kind's Zod
 * schema with Zod's own z.toJSONSchema, input side (fields with defaults are optional,
 * transforms are seen from the author's side). `npm run schemas` writes them to public/schemas/.
 *
 * Keel's primitives (timestamps, dates, durations, ids) are strings checked by refinements,
 * which JSON Schema cannot see; the override below gives them the matching `pattern` and
 * `format` so editors flag a bad duration or a naive timestamp as you type.
 */
import { z } from 'zod';
import { DURATION_PATTERN } from '../core/time.ts';
import { CalendarDate, Duration, Id, RFC1123_LABEL, Timestamp } from '../schemas/common.ts';
import { KINDS, SETTINGS } from './index.ts';
import type { KindDefinition } from './kind.ts';

/** Draft 7: what the YAML language server (and so VS Code's YAML extension) implements. */
const DRAFT = 'http://json-schema.org/draft-07/schema#';

type Json = Record<string, unknown>;

/** Mirrors the RFC 3339 rule of src/core/time.ts (a time with an explicit offset). */
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

/** Every schema file, by file name: one per kind, the documents of one folder sharing one. */
export function buildSchemas(): Map<string, Json> {
  const files = new Map<string, Json>();
  files.set(SETTINGS.jsonSchema, document('Keel settings', `content/${SETTINGS.file}: portal-wide settings.`, convert(SETTINGS.schema)));
  for (const kind of KINDS) {
    const { source } = kind;
    if (source.format === 'document') continue;
    const name = kind.jsonSchema.replace(/\.schema\.json$/, '');
    const where = source.format === 'yaml' ? `content/${source.folder}/<id>.yaml` : `front matter of content/${source.folder}/<id>.md(x)`;
    files.set(kind.jsonSchema, document(`Keel ${name}`, `${where}.`, convert(kind.schema)));
  }
  // slos/: every document of a multi-document file is one of these kinds.
  const documents = new Map<string, KindDefinition[]>();
  for (const kind of KINDS) {
    if (kind.source.format !== 'document') continue;
    const list = documents.get(kind.jsonSchema) ?? [];
    list.push(kind);
    documents.set(kind.jsonSchema, list);
  }
  for (const [file, kinds] of documents) {
    const defs: Json = {};
    const apiVersions: string[] = [];
    for (const kind of kinds) {
      if (kind.source.format !== 'document') continue;
      if (!apiVersions.includes(kind.source.apiVersion)) apiVersions.push(kind.source.apiVersion);
      defs[kind.source.kind] = convert(kind.schema);
    }
    files.set(
      file,
      document(
        'OpenSLO v1 and Keel ErrorBudgetPolicy',
        'A document in content/slos/: an OpenSLO v1 object (apiVersion: openslo/v1) or a Keel error-budget policy (apiVersion: keel/v1).',
        {
          type: 'object',
          properties: {
            apiVersion: { type: 'string', enum: apiVersions },
            kind: { type: 'string', enum: Object.keys(defs) },
          },
          required: ['apiVersion', 'kind', 'metadata', 'spec'],
          anyOf: Object.keys(defs).map((kind) => ({ $ref: `#/definitions/${kind}` })),
          definitions: defs,
        },
      ),
    );
  }
  return files;
}

export function serialize(json: Json): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}
