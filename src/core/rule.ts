/**
 * What every rule declares about itself, once: id, default severity, a one-line summary,
 * its messages and hints as templates. Loader, schema and cross-file rules all use this
 * shape; docs/rules.md is generated from it, and keel.yaml's `rules:` configures it.
 */
import type { Diagnostic, Place, Severity } from './diagnostic.ts';
import { excerpt } from './escape.ts';

/** A message template and the hint that goes with it. `{name}` placeholders take report data. */
export interface MessageSpec {
  text: string;
  hint?: string;
  /** The text continues the name of the field it is about: "started" + " must have …". */
  field?: boolean;
}

export interface RuleMeta<M extends string = string> {
  /** `family/name`; cross-file rules live at src/rules/<family>/<name>.ts. */
  id: string;
  severity: Severity;
  /** One line for docs/rules.md. */
  summary: string;
  messages: Record<M, MessageSpec>;
  /**
   * Whether keel.yaml `rules:` may change the severity or turn the rule off. Not for rules
   * whose finding means the file could not be read as an entry: turning those off would
   * drop a file silently.
   */
  configurable: boolean;
}

type Messages<M extends string> = Record<M, MessageSpec | string>;

/** Declares a rule's metadata; a message given as a string has no hint of its own. */
export function defineRule<M extends string>(meta: Omit<RuleMeta<M>, 'messages'> & { messages: Messages<M> }): RuleMeta<M> {
  const messages = {} as Record<M, MessageSpec>;
  for (const [id, spec] of Object.entries(meta.messages) as [M, MessageSpec | string][]) messages[id] = typeof spec === 'string' ? { text: spec } : spec;
  return { ...meta, messages };
}

/** Values that fill a template's `{name}` placeholders. */
export type MessageData = Record<string, string | number>;

/**
 * Placeholders filled with Keel's own text, never with content: a message filled from another
 * template (`text`), a schema's description (`hint`), the lists of what is allowed.
 */
const KEEL_TEXT = new Set(['text', 'hint', 'values', 'kinds', 'versions', 'folders', 'columns', 'requirement', 'expected']);

/**
 * Fills `{name}` placeholders; a placeholder without data is a programming error. A value is
 * quoted as a short excerpt (src/core/escape.ts): a message never carries a whole file. Only
 * placeholders that carry Keel's own text (KEEL_TEXT) are taken whole.
 */
export function fill(template: string, data: MessageData = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = Object.hasOwn(data, name) ? data[name] : undefined;
    if (value === undefined) throw new Error(`message placeholder {${name}} has no value`);
    return KEEL_TEXT.has(name) ? String(value) : excerpt(String(value));
  });
}

export interface ReportOptions<M extends string> {
  message: M;
  data?: MessageData;
  /** A hint computed at the site (did you mean …); replaces the template's. */
  hint?: string | undefined;
}

/** The one way to build a diagnostic: a rule's message at a place. */
export function diagnose<M extends string>(meta: RuleMeta<M>, place: Place, { message, data, hint }: ReportOptions<M>): Diagnostic {
  const spec = meta.messages[message];
  const templateHint = spec.hint === undefined ? undefined : fill(spec.hint, data);
  return { ...place, severity: meta.severity, message: fill(spec.text, data), rule: meta.id, hint: hint ?? templateHint };
}
