import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatPath, type DataPath } from '../core/diagnostic.ts';
import { issuesToDiagnostics, schemaAt } from './zod-issues.ts';

/**
 * Diagnostics for `value`, each as `where rule message | hint`, where `where` is the path the
 * diagnostic asked to be located (and whether at the key or the value).
 */
function diagnose(schema: z.ZodType, value: unknown, basePath?: DataPath): string[] {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return [];
  const asked: string[] = [];
  const diagnostics = issuesToDiagnostics(result.error.issues, {
    file: 'content/x.yaml',
    schema,
    ...(basePath ? { basePath } : {}),
    locate: (path, at = 'value') => {
      asked.push(`${formatPath(path) || '(root)'}@${at}`);
      return { line: asked.length, column: 1 };
    },
  });
  return diagnostics.map((d) => `${asked[d.line - 1]} ${d.rule} ${d.message}${d.hint ? ` | ${d.hint}` : ''}`);
}

describe('formatPath', () => {
  it('writes paths as authors read them', () => {
    expect(formatPath(['public', 'updates', 2, 'status'])).toBe('public.updates[2].status');
    expect(formatPath([0, 'good'])).toBe('[0].good');
    expect(formatPath(['metadata', 'annotations', 'example.com/x'])).toBe('metadata.annotations.example.com/x');
    expect(formatPath([])).toBe('');
  });
});

describe('schemaAt', () => {
  const schema = z.object({
    a: z.array(z.object({ b: z.string().optional() })).default([]),
    r: z.record(z.string(), z.number()),
    u: z.union([z.object({ x: z.number() }), z.literal(false)]),
  });

  it('follows objects, arrays, records, unions and wrappers', () => {
    expect(schemaAt(schema, ['a', 0, 'b'])?._zod.def.type).toBe('string');
    expect(schemaAt(schema, ['r', 'anything'])?._zod.def.type).toBe('number');
    expect(schemaAt(schema, ['u', 'x'])?._zod.def.type).toBe('number');
    expect(schemaAt(schema, ['nope'])).toBeUndefined();
    expect(schemaAt(schema, ['a', 0, 'b', 'deeper'])).toBeUndefined();
  });
});

describe('issuesToDiagnostics', () => {
  const Service = z.strictObject({
    name: z.string().describe('Human name of the service.'),
    owner: z.string().describe('Owning team or person.'),
    tier: z.union([z.literal(1), z.literal(2)]).describe('Criticality tier.'),
    kind: z.enum(['api', 'worker']).optional(),
    tags: z.array(z.string()).max(2).optional(),
    links: z.array(z.strictObject({ title: z.string(), url: z.url() })).optional(),
  });
  const ok = { name: 'API', owner: 'team', tier: 1 };

  it('unknown fields: at the key, with "did you mean" or the known fields', () => {
    expect(diagnose(Service, { ...ok, ownr: 'x', colour: 'red' })).toEqual([
      'ownr@key schema/unknown-field unknown field "ownr" | did you mean "owner"?',
      'colour@key schema/unknown-field unknown field "colour" | known fields here: name, owner, tier, kind, tags, links',
    ]);
    expect(diagnose(Service, { ...ok, links: [{ title: 't', url: 'https://x.example', tilte: 'x' }] })).toEqual([
      'links[0].tilte@key schema/unknown-field unknown field "tilte" in links[0] | did you mean "title"?',
    ]);
  });

  it('missing fields: "required", at the mapping that should hold them, with the field description', () => {
    expect(diagnose(Service, {})).toEqual([
      '(root)@value schema/required name is required | add name — human name of the service',
      '(root)@value schema/required owner is required | add owner — owning team or person',
      '(root)@value schema/required tier is required | add tier — criticality tier',
    ]);
    expect(diagnose(Service, { ...ok, links: [{ url: 'https://x.example' }] })).toEqual(['links[0]@value schema/required links[0].title is required']);
  });

  it('a missing enum or literal says what it takes', () => {
    const Window = z.object({ method: z.enum(['Occurrences', 'Timeslices']).describe('How the budget is counted.'), kind: z.literal('burnrate') });
    expect(diagnose(Window, {})).toEqual([
      '(root)@value schema/required method is required | add method — how the budget is counted: one of Occurrences, Timeslices',
      '(root)@value schema/required kind is required | add kind — "burnrate"',
    ]);
  });

  it('wrong types: what was expected, what was given, and how to fix the usual mistakes', () => {
    expect(diagnose(Service, { name: 42, owner: 'x', tier: 1, tags: 'a, b' })).toEqual([
      'name@value schema/type name must be text (got 42) | quote the value to keep it as text',
      'tags@value schema/type tags must be a list (got "a, b") | write a list: one "- item" per line, or [a, b]',
    ]);
    // The size check of a list does not run on text as well: one problem, not two.
    expect(diagnose(z.object({ one: z.array(z.string()).length(1), some: z.array(z.string()).min(1) }), { one: 'cond', some: '' })).toEqual([
      'one@value schema/type one must be a list (got "cond") | write a list: one "- item" per line, or [a, b]',
      'some@value schema/type some must be a list (got "") | write a list: one "- item" per line, or [a, b]',
    ]);
    expect(diagnose(z.object({ n: z.number(), m: z.object({}), b: z.boolean(), i: z.int() }), { n: '12', m: null, b: 'yes', i: 1.5 })).toEqual([
      'n@value schema/type n must be a number (got "12") | remove the quotes: numbers are written bare',
      'm@value schema/type m must be a mapping (got null) | nothing follows the key: indent the fields under it, or write {} for none',
      'b@value schema/type b must be true or false (got "yes")',
      'i@value schema/type i must be a whole number (got 1.5)',
    ]);
    expect(diagnose(Service, 'just text')).toEqual(['(root)@value schema/type document must be a mapping (got "just text")']);
    expect(diagnose(Service, [1])).toEqual(['(root)@value schema/type document must be a mapping (got a list)']);
  });

  it('shortens long values in messages', () => {
    expect(diagnose(z.object({ n: z.number() }), { n: 'x'.repeat(80) })).toEqual([`n@value schema/type n must be a number (got "${'x'.repeat(57)}...")`]);
  });

  it('enums: the accepted values, a case hint or a did-you-mean', () => {
    expect(diagnose(Service, { ...ok, kind: 'API' })).toEqual(['kind@value schema/enum kind must be one of api, worker (got "API") | values are case-sensitive: write "api"']);
    expect(diagnose(Service, { ...ok, kind: 'workr' })).toEqual(['kind@value schema/enum kind must be one of api, worker (got "workr") | did you mean "worker"?']);
    expect(diagnose(Service, { ...ok, kind: 'cron' })).toEqual(['kind@value schema/enum kind must be one of api, worker (got "cron")']);
    expect(diagnose(z.object({ v: z.literal('keel/v1') }), { v: 'keel/v2' })).toEqual(['v@value schema/enum v must be "keel/v1" (got "keel/v2")']);
  });

  it('unions of values: every accepted value, with the field description', () => {
    expect(diagnose(Service, { ...ok, tier: 3 })).toEqual(['tier@value schema/enum tier must be one of 1, 2 (got 3) | Criticality tier.']);
    const StatusPage = z.object({ statusPage: z.union([z.strictObject({ component: z.string() }), z.literal(false)]) });
    expect(diagnose(StatusPage, { statusPage: 'yes' })).toEqual(['statusPage@value schema/type statusPage must be one of a mapping, false (got "yes")']);
  });

  it('unions: a problem inside the option that fits best, not "must be one of"', () => {
    const StatusPage = z.object({ statusPage: z.union([z.strictObject({ component: z.string() }), z.literal(false)]) });
    expect(diagnose(StatusPage, { statusPage: { component: 3 } })).toEqual(['statusPage.component@value schema/type statusPage.component must be text (got 3) | quote the value to keep it as text']);
  });

  it('ranges: lists, text and numbers, inclusive and exclusive', () => {
    const Ranges = z.object({
      one: z.array(z.string()).length(1),
      some: z.array(z.string()).min(2),
      few: z.array(z.string()).max(2),
      text: z.string().min(1),
      code: z.string().min(3).max(4),
      ratio: z.number().min(0).lt(1),
      count: z.number().positive().max(10),
    });
    expect(diagnose(Ranges, { one: [], some: ['a'], few: ['a', 'b', 'c'], text: '', code: 'ab', ratio: 1, count: 0 })).toEqual([
      'one@value schema/range one must have exactly 1 item',
      'some@value schema/range some must have at least 2 items',
      'few@value schema/range few must have at most 2 items',
      'text@value schema/range text must not be empty',
      'code@value schema/range code must be at least 3 characters',
      'ratio@value schema/range ratio must be less than 1 (got 1)',
      'count@value schema/range count must be greater than 0 (got 0)',
    ]);
    expect(diagnose(Ranges, { one: ['a', 'b'], some: ['a', 'b'], few: [], text: 'x', code: 'abcde', ratio: -1, count: 11 })).toEqual([
      'one@value schema/range one must have exactly 1 item',
      'code@value schema/range code must be at most 4 characters',
      'ratio@value schema/range ratio must be at least 0 (got -1)',
      'count@value schema/range count must be at most 10 (got 11)',
    ]);
  });

  it('explains target and targetPercent when they are too big', () => {
    const Objective = z.object({ target: z.number().lt(1).optional(), targetPercent: z.number().lt(100).optional() });
    expect(diagnose(Objective, { target: 99.9, targetPercent: 100 })).toEqual([
      'target@value schema/range target must be less than 1 (got 99.9) | target is a ratio in [0, 1): write 0.995 for 99.5 %, or use targetPercent',
      'targetPercent@value schema/range targetPercent must be less than 100 (got 100) | targetPercent is in [0, 100): 100 % leaves no error budget',
    ]);
  });

  it('formats: URLs and others', () => {
    expect(diagnose(Service, { ...ok, links: [{ title: 't', url: 'not a url' }] })).toEqual(['links[0].url@value schema/format links[0].url must be a valid http(s) URL (got "not a url")']);
    expect(diagnose(z.object({ mail: z.email() }), { mail: 'ana' })).toEqual(['mail@value schema/format mail must be a valid email (got "ana")']);
  });

  it('custom issues carry their rule and hint; messages marked field: true name the field', () => {
    const Custom = z.object({
      at: z.string().superRefine((v, ctx) => ctx.addIssue({ code: 'custom', message: `must have a UTC offset (got "${v}")`, params: { rule: 'schema/timestamp-offset', hint: 'add Z', field: true } })),
      spec: z.object({}).superRefine((_, ctx) => ctx.addIssue({ code: 'custom', message: 'an SLO needs indicator or indicatorRef', params: { rule: 'openslo/indicator' } })),
    });
    expect(diagnose(Custom, { at: '2026-01-01 10:00', spec: {} })).toEqual([
      'at@value schema/timestamp-offset at must have a UTC offset (got "2026-01-01 10:00") | add Z',
      'spec@value openslo/indicator an SLO needs indicator or indicatorRef',
    ]);
  });

  it('reports a custom issue at the key when the key itself is wrong', () => {
    const Annotations = z.object({
      annotations: z.record(z.string(), z.string()).superRefine((a, ctx) => {
        for (const key of Object.keys(a)) ctx.addIssue({ code: 'custom', message: `annotation "${key}" is reserved`, params: { rule: 'openslo/metadata-key', at: 'key' }, path: [key] });
      }),
    });
    expect(diagnose(Annotations, { annotations: { 'openslo.com/x': 'y' } })).toEqual(['annotations.openslo.com/x@key openslo/metadata-key annotation "openslo.com/x" is reserved']);
  });

  it('falls back to schema/custom and schema/invalid for issues no Keel schema raises', () => {
    expect(diagnose(z.object({ x: z.string().refine(() => false, { message: 'x is not acceptable' }) }), { x: 'y' })).toEqual(['x@value schema/custom x is not acceptable']);
    expect(diagnose(z.object({ step: z.number().multipleOf(5) }), { step: 7 })).toEqual(['step@value schema/invalid step: Invalid number: must be a multiple of 5']);
  });

  it('prefixes the base path when the data sits inside a larger document', () => {
    expect(diagnose(Service, { ...ok, tier: 'x' }, ['spec', 'service'])).toEqual(['spec.service.tier@value schema/enum tier must be one of 1, 2 (got "x") | Criticality tier.']);
  });

  it('names the file and severity', () => {
    const result = Service.safeParse({ ...ok, name: 1 }, { reportInput: true });
    const [d] = issuesToDiagnostics(result.error!.issues, { file: 'content/services/api.yaml', locate: () => ({ line: 3, column: 7 }), schema: Service });
    expect(d).toEqual({ file: 'content/services/api.yaml', line: 3, column: 7, severity: 'error', message: 'name must be text (got 1)', rule: 'schema/type', hint: 'quote the value to keep it as text' });
  });
});
