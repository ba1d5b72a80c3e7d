/**
 * Turns Zod issues into Keel diagnostics: a message that names the field, the value that was
 * given, a hint (did you mean…, the field's description), a rule id, and the position of the
 * offending value in the source.
 */
import { z } from 'zod';
import { formatPath, type DataPath, type Diagnostic, type Locate } from '../core/diagnostic.ts';
import { diagnose, type MessageData, type RuleMeta } from '../core/rule.ts';
import { didYouMean } from '../core/suggest.ts';
import { CUSTOM, ENUM, FORMAT, INVALID, RANGE, REQUIRED, TYPE, UNKNOWN_FIELD } from '../schemas/rules.ts';

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : typeof value;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
};

/** Removes optional/default/pipe wrappers to reach the schema that describes a value. */
function unwrap(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let current = schema;
  for (let i = 0; i < 10 && current; i++) {
    const def = current._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current;
}

/** The sub-schema at `path`, following objects, arrays, records and (object) union options. */
export function schemaAt(root: z.core.$ZodType, path: DataPath): z.core.$ZodType | undefined {
  let current = unwrap(root);
  for (const segment of path) {
    if (!current) return undefined;
    current = unwrap(childSchema(current, segment));
  }
  return current;
}

function childSchema(schema: z.core.$ZodType, segment: PropertyKey): z.core.$ZodType | undefined {
  const def = schema._zod.def as unknown as {
    type: string;
    shape?: Record<string, z.core.$ZodType>;
    element?: z.core.$ZodType;
    valueType?: z.core.$ZodType;
    options?: z.core.$ZodType[];
  };
  switch (def.type) {
    case 'object':
      // Own fields only: a key named "constructor" or "__proto__" is not a field of the shape.
      return def.shape && Object.hasOwn(def.shape, String(segment)) ? def.shape[String(segment)] : undefined;
    case 'array':
      return def.element;
    case 'record':
      return def.valueType;
    case 'union':
      for (const option of def.options ?? []) {
        const child = childSchema(unwrap(option)!, segment);
        if (child) return child;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Field names an object schema accepts at `path` (for "did you mean" on unknown fields). */
function knownKeys(root: z.core.$ZodType, path: DataPath): string[] {
  const schema = schemaAt(root, path);
  if (!schema) return [];
  const def = schema._zod.def as unknown as { type: string; shape?: object; options?: z.core.$ZodType[] };
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  if (def.type === 'union') return (def.options ?? []).flatMap((o) => knownKeys(o, []));
  return [];
}

function descriptionAt(root: z.core.$ZodType, path: DataPath): string | undefined {
  // Descriptions sit on the outermost wrapper (`.optional().describe()`), so look before unwrapping.
  let current: z.core.$ZodType | undefined = unwrap(root);
  let described: z.core.$ZodType | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    described = childSchema(current, segment);
    current = unwrap(described);
  }
  return described ? z.globalRegistry.get(described)?.description : undefined;
}

interface Site {
  file: string;
  locate: Locate;
  schema: z.core.$ZodType;
  /** Prefix for paths when the data sits inside a larger document. */
  basePath?: DataPath;
}

/** Converts the issues of one failed parse into diagnostics. */
export function issuesToDiagnostics(issues: readonly z.core.$ZodIssue[], site: Site): Diagnostic[] {
  return cappedIssuesToDiagnostics(issues, site, Number.POSITIVE_INFINITY).diagnostics;
}

/**
 * The first `max` diagnostics of a failed parse, and how many more there are (counted, not
 * built: a list of half a million bad items costs a count, not half a million positions).
 */
export function cappedIssuesToDiagnostics(issues: readonly z.core.$ZodIssue[], site: Site, max: number): { diagnostics: Diagnostic[]; more: number } {
  // Zod runs a list's size checks even on a value of the wrong type (`tags: a, b` is "at most 2
  // characters"): the type error says it all.
  const wrongType = new Set(issues.filter((i) => i.code === 'invalid_type').map((i) => formatPath(i.path)));
  // "x is required" beside an unknown field that is a typo of x says the same thing twice.
  const typos = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = knownKeys(site.schema, issue.path);
    // A typo's suggestion hides "x is required"; a file of thousands of unknown keys is no typo.
    for (const key of issue.keys.slice(0, max)) {
      const suggestion = didYouMean(key, known);
      if (suggestion) typos.add(formatPath([...issue.path, suggestion]));
    }
  }
  const missing = (i: z.core.$ZodIssue) => i.input === undefined && i.code !== 'unrecognized_keys' && i.code !== 'custom';
  const diagnostics: Diagnostic[] = [];
  let more = 0;
  for (const issue of issues) {
    if ((issue.code === 'too_big' || issue.code === 'too_small') && wrongType.has(formatPath(issue.path))) continue;
    if (missing(issue) && typos.has(formatPath(issue.path))) continue;
    const room = max - diagnostics.length;
    if (room <= 0) {
      more += issue.code === 'unrecognized_keys' ? issue.keys.length : 1;
      continue;
    }
    if (issue.code === 'unrecognized_keys' && issue.keys.length > room) more += issue.keys.length - room;
    for (const d of issueToDiagnostics(issue, site, room)) diagnostics.push(d);
  }
  return { diagnostics, more };
}

function issueToDiagnostics(issue: z.core.$ZodIssue, site: Site, room = Number.POSITIVE_INFINITY): Diagnostic[] {
  const path = issue.path;
  const label = formatPath(path);
  const make = <M extends string>(rule: RuleMeta<M>, message: M, data: MessageData, hint?: string, at: DataPath = path, where: 'value' | 'key' = 'value'): Diagnostic =>
    diagnose(rule, { file: site.file, ...site.locate([...(site.basePath ?? []), ...at], where) }, { message, data, hint });

  // A missing field fails as a wrong type, as a wrong value (enums, literals) or as a union that
  // matched nothing: say that it is required and what it takes, not "(got undefined)".
  if (issue.input === undefined && (issue.code === 'invalid_type' || ((issue.code === 'invalid_value' || issue.code === 'invalid_union') && path.length > 0))) {
    const field = String(path[path.length - 1] ?? '');
    const description = descriptionAt(site.schema, path);
    const what = description ? lowerFirst(description).replace(/\.$/, '') : undefined;
    const accepted =
      issue.code === 'invalid_value'
        ? issue.values.length === 1
          ? JSON.stringify(issue.values[0])
          : `one of ${issue.values.map(String).join(', ')}`
        : undefined;
    const hint = what || accepted ? `add ${field} — ${[what, accepted].filter(Boolean).join(': ')}` : undefined;
    return [make(REQUIRED, hint ? 'missing' : 'bare', { field: label || 'value', hint: hint ?? '' }, undefined, path.slice(0, -1), 'value')];
  }

  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(site.schema, path);
      return issue.keys.slice(0, room).map((key) => {
        const suggestion = didYouMean(key, known);
        const hint = suggestion
          ? `did you mean "${suggestion}"?`
          : known.length
            ? `known fields here: ${known.join(', ')}`
            : undefined;
        return make(UNKNOWN_FIELD, 'unknown', { key, where: label ? ` in ${label}` : '' }, hint, [...path, key], 'key');
      });
    }
    case 'invalid_type': {
      // YAML's .nan and .inf are numbers to JavaScript, but no count, target or threshold.
      if (typeof issue.input === 'number' && !Number.isFinite(issue.input)) {
        const got = Number.isNaN(issue.input) ? '.nan' : issue.input > 0 ? '.inf' : '-.inf';
        return [make(TYPE, 'notFinite', { field: label || 'value', got })];
      }
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return [make(TYPE, 'wrongType', { field: label || 'document', expected, got: describeValue(issue.input) }, typeHint(issue.expected, issue.input))];
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const got = describeValue(issue.input);
      // Every enum finding has a hint: the likely intended value, else what the field means.
      const described = enumHint(site.schema, path);
      if (values.length === 1) {
        return [make(ENUM, 'exactly', { field: label || 'value', value: JSON.stringify(issue.values[0]), got }, described)];
      }
      const input = typeof issue.input === 'string' ? issue.input : typeof issue.input === 'number' || typeof issue.input === 'boolean' ? String(issue.input) : '';
      const sameCase = values.find((v) => v.toLowerCase() === input.toLowerCase());
      const near = sameCase ?? didYouMean(input, values);
      const hint = sameCase ? `values are case-sensitive: write "${sameCase}"` : near ? `did you mean "${near}"?` : described;
      return [make(ENUM, 'oneOf', { field: label || 'value', values: values.join(', '), got }, hint)];
    }
    case 'too_big':
    case 'too_small':
      return [make(RANGE, 'range', { field: label || 'value', requirement: rangeRequirement(issue) }, rangeHint(issue))];
    case 'invalid_format':
      return [make(FORMAT, 'format', { field: label || 'value', format: issue.format === 'url' ? 'http(s) URL' : issue.format, got: describeValue(issue.input) })];
    case 'invalid_union':
      return unionDiagnostics(issue, site, make);
    case 'custom': {
      // Custom issues come from addRuleIssue (src/schemas/common.ts) with their rule's message.
      const params = (issue.params ?? {}) as { rule?: string; hint?: string; at?: 'key'; field?: boolean };
      const text = params.field ? `${label || 'value'} ${issue.message}` : issue.message;
      const diagnostic = make(CUSTOM, 'custom', { text }, params.hint, path, params.at ?? 'value');
      return [params.rule ? { ...diagnostic, rule: params.rule } : diagnostic];
    }
    default:
      return [make(INVALID, 'invalid', { field: label || 'value', text: issue.message })];
  }
}

/** The field's description as a hint for an enum finding ("Statuspage incident status at this update."). */
function enumHint(schema: z.core.$ZodType, path: DataPath): string | undefined {
  const description = descriptionAt(schema, path);
  return description?.replace(/\.$/, '');
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

function typeHint(expected: string, input: unknown): string | undefined {
  if (expected === 'array' && (typeof input === 'string' || typeof input === 'object')) {
    return 'write a list: one "- item" per line, or [a, b]';
  }
  if ((expected === 'object' || expected === 'record') && input === null) {
    return 'nothing follows the key: indent the fields under it, or write {} for none';
  }
  if (expected === 'string' && typeof input === 'number') return 'quote the value to keep it as text';
  if (expected === 'number' && typeof input === 'string' && input.trim() !== '' && !Number.isNaN(Number(input))) {
    return 'remove the quotes: numbers are written bare';
  }
  return undefined;
}

/** What a value outside its range must be: "have at least 1 item", "be less than 1 (got 1.5)". */
function rangeRequirement(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const got = describeValue(issue.input);
  const isBig = issue.code === 'too_big';
  const limit = isBig ? (issue).maximum : (issue).minimum;
  switch (issue.origin) {
    case 'array':
      if (issue.exact) return `have exactly ${limit} item${limit === 1 ? '' : 's'}`;
      return isBig ? `have at most ${limit} items` : `have at least ${limit} item${limit === 1 ? '' : 's'}`;
    case 'string':
      if (!isBig && limit === 1) return 'not be empty';
      return isBig ? `be at most ${limit} characters` : `be at least ${limit} characters`;
    default: {
      const bound = issue.inclusive ? (isBig ? 'at most' : 'at least') : isBig ? 'less than' : 'greater than';
      return `be ${bound} ${limit} (got ${got})`;
    }
  }
}

function rangeHint(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string | undefined {
  const path = issue.path.map(String);
  const field = path[path.length - 1];
  if (field === 'target' && issue.code === 'too_big') return 'target is a ratio in [0, 1): write 0.995 for 99.5 %, or use targetPercent';
  if (field === 'targetPercent' && issue.code === 'too_big') return 'targetPercent is in [0, 100): 100 % leaves no error budget';
  return undefined;
}

/**
 * A union failed. When every option rejected the value itself (wrong literal or type), say
 * what would be accepted; otherwise report the option that got furthest into the value.
 */
function unionDiagnostics(
  issue: z.core.$ZodIssueInvalidUnion,
  site: Site,
  make: <M extends string>(rule: RuleMeta<M>, message: M, data: MessageData, hint?: string) => Diagnostic,
): Diagnostic[] {
  const base = issue.path;
  // Option issues carry paths relative to the union.
  const branches = issue.errors
    .filter((errs) => errs.length > 0)
    .map((errs) => errs.map((e) => ({ ...e, path: [...base, ...e.path] })));
  const rejectsValue = (e: z.core.$ZodIssue) =>
    (e.code === 'invalid_type' || e.code === 'invalid_value') && e.path.length === base.length;
  const label = formatPath(base) || 'value';
  const partial = branches.filter((errs) => !errs.some(rejectsValue));
  if (partial.length > 0) {
    // A loop, not Math.max(...list): a long list of issues would overflow the stack.
    const deepest = (errs: z.core.$ZodIssue[]) => errs.reduce((most, e) => Math.max(most, e.path.length), 0);
    const best = partial.sort((a, b) => deepest(b) - deepest(a) || a.length - b.length)[0]!;
    return issuesToDiagnostics(best, site);
  }
  const accepted = branches.flatMap((errs) =>
    errs.filter(rejectsValue).flatMap((e) =>
      e.code === 'invalid_value' ? e.values.map((v) => JSON.stringify(v)) : [TYPE_NAMES[(e as z.core.$ZodIssueInvalidType).expected] ?? (e as z.core.$ZodIssueInvalidType).expected],
    ),
  );
  const unique = [...new Set(accepted)];
  const onlyValues = branches.every((errs) => errs.every((e) => e.code === 'invalid_value'));
  const expected = unique.length === 1 ? unique[0]! : `one of ${unique.join(', ')}`;
  const hint = descriptionAt(site.schema, base);
  const got = describeValue(issue.input);
  return [onlyValues ? make(ENUM, 'exactly', { field: label, value: expected, got }, hint) : make(TYPE, 'wrongType', { field: label, expected, got }, hint)];
}
