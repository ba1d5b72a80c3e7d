/**
 * A rule is a module: its metadata (src/core/rule.ts) and a check that reports through a
 * context. Index rules see the whole content index (references, time order, cadence); body
 * rules see one Markdown body as its file is read.
 */
import type { DataPath, Locate, Place, Severity } from '../core/diagnostic.ts';
import type { MessageData, RuleMeta } from '../core/rule.ts';
import type { ContentIndex } from '../content/entry.ts';
import type { Body } from '../content/parse.ts';
import type { Settings } from '../schemas/settings.ts';
import type { CollectionName } from '../kinds/index.ts';

export interface ReportArgs<M extends string> {
  message: M;
  data?: MessageData;
  /** A hint computed at the site (did you mean …); replaces the message's own. */
  hint?: string | undefined;
  /**
   * This finding's severity when it differs from the rule's by where it is (a draft
   * retrospective: warning; a customer statement: error). keel.yaml `rules:` still sets the
   * severity of every finding of a configurable rule.
   */
  severity?: Severity | undefined;
}

export interface Context<M extends string> {
  /** Reports one of the rule's messages at a place (a function, so rules may destructure it). */
  report: (place: Place, args: ReportArgs<M>) => void;
}

export interface IndexContext<M extends string> extends Context<M> {
  index: ContentIndex;
  /** The run's "now" (src/core/env.ts), for rules about dates relative to today. */
  now: number;
  /** Every rule Keel has (for rules about rule configuration). */
  rules: readonly RuleMeta[];
}

export interface IndexRule<M extends string = string> {
  meta: RuleMeta<M>;
  scope: 'index';
  check(context: IndexContext<M>): void;
}

export interface BodyRule<M extends string = string> {
  meta: RuleMeta<M>;
  scope: 'body';
  /** Collections whose bodies it reads. */
  collections: readonly CollectionName[];
  check(body: Body, context: BodyContext<M>): void;
}

/** What a body rule sees besides the body. */
export interface BodyContext<M extends string> extends Context<M> {
  file: string;
  /** The front matter as written (before the schema: no defaults); undefined when its YAML did not parse. */
  data: unknown;
  /**
   * The place of a front-matter value (or its key). It parses the front matter again (the `yaml`
   * package), so ask only for a finding; without positions (YAML that did not parse), the body's start.
   */
  placeOf: (path: DataPath, where?: 'value' | 'key') => Place;
  /** keel.yaml's settings (read before every body); undefined when it is missing or invalid. */
  settings: Settings | undefined;
}

export type Rule = IndexRule | BodyRule;

/** Declares a rule; keeps its message ids typed for `report`. */
export function defineIndexRule<M extends string>(rule: Omit<IndexRule<M>, 'scope'>): IndexRule<M> {
  return { scope: 'index', ...rule };
}

export function defineBodyRule<M extends string>(rule: Omit<BodyRule<M>, 'scope'>): BodyRule<M> {
  return { scope: 'body', ...rule };
}

/** Something with a file and positions: an entry, valid or not. */
export interface Located {
  file: string;
  locate: Locate;
}

/** The place of a value (or its key) in an entry's file. */
export function placeOf(entry: Located, path: DataPath, where: 'value' | 'key' = 'value'): Place {
  return { file: entry.file, ...entry.locate(path, where) };
}

/** Line 1, column 1 of a file: for findings about a whole file. */
export function fileStart(file: string): Place {
  return { file, line: 1, column: 1 };
}
