/**
 * The blameless-language lint of one document: its Markdown body (remark → remark-retext →
 * retextBlameless), the customer statement and the follow-up titles of its front matter
 * (retext-english → retextBlameless). Rules: src/lint/blameless.yaml.
 *
 * Speed: a body is parsed only when a filter over its raw text (every phrase of the rules and
 * every causal verb as one regular expression, then a participant's name before the verb) finds
 * something the rules could report; most bodies never are, and the unified stack is not even
 * loaded (stack.ts). Then retext reads only the paragraphs the filter kept. The filter matches
 * at least what the rules match, so it never hides a finding (a property test checks it).
 * A body too large for remark (markdown.ts) is read as text, paragraph by paragraph.
 */
import type { VFile } from 'vfile';
import type { DataPath, Place, Severity, Sink } from '../core/diagnostic.ts';
import { diagnose } from '../core/rule.ts';
import { parseMarkdown, type MarkdownFormat } from './markdown.ts';
import {
  disableNextLine,
  isDisabled,
  lintData,
  mentionsOf,
  readDirective,
  normalize,
  remarkKeelDisable,
  remarkKeepBlocks,
  retextBlameless,
  type Disabled,
  type LintFinding,
  type LintScope,
  type Mention,
} from './plugins.ts';
import { LINT, type LintRule, type LintRules } from './rules.ts';
import { unifiedStack } from './stack.ts';

/**
 * Markdown that is not prose: code, HTML (comments included), MDX expressions and ESM, front
 * matter. mdast-util-to-nlcst also skips tables and marks inline code as source, which no rule
 * matches. JSX elements' children are Markdown and are read; their attributes are not.
 */
const NOT_PROSE = ['code', 'html', 'mdxFlowExpression', 'mdxTextExpression', 'mdxjsEsm', 'yaml', 'toml', 'definition'];

/**
 * The filters read the text in lower case (underscores as spaces) with ASCII word boundaries, no Unicode classes and the
 * phrases as a trie (`blame(?:d|s)?`): several times faster than the plain list with the `u`
 * flag, and they match at least as much as the rules (a letter outside ASCII counts as a
 * boundary). Within a word, an apostrophe or hyphen of the phrase may be written or not;
 * between two words: spaces and the markup that the tree does not keep (`**`, `[`).
 */
const BETWEEN = '[^a-z0-9]{1,16}';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A phrase as regular-expression tokens: one per character, a gap between words, `*` any word. */
function phraseTokens(phrase: string): string[] {
  const out: string[] = [];
  phrase.split(/\s+/).forEach((word, i) => {
    if (i > 0) out.push(BETWEEN);
    if (word === '*') out.push('\\S+');
    else for (const c of word.toLowerCase()) out.push(c === "'" || c === '’' || c === '-' ? "['’‘-]?" : escapeRegExp(c));
  });
  return out;
}

type Trie = Map<string, Trie>;
const END = '';

/** The phrases as one alternation, common beginnings shared. */
function trieOf(phrases: readonly string[]): string {
  const root: Trie = new Map();
  for (const phrase of phrases) {
    let node = root;
    for (const token of phraseTokens(phrase)) {
      let next = node.get(token);
      if (!next) node.set(token, (next = new Map<string, Trie>()));
      node = next;
    }
    node.set(END, new Map<string, Trie>());
  }
  const emit = (node: Trie): string => {
    const alternatives = [...node].filter(([token]) => token !== END).map(([token, child]) => token + emit(child));
    if (alternatives.length === 0) return '';
    const body = alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
    return node.has(END) ? `(?:${body})?` : body;
  };
  return emit(root);
}

/** The phrases as one alternation; none (their rules turned off): a pattern that never matches, not the empty one that always does. */
const anyOf = (phrases: readonly string[]) => (phrases.length === 0 ? '(?!)' : trieOf(phrases));

/** The filters of a rule set. */
interface Filters {
  /** Any phrase of the prose rules. */
  prose: RegExp;
  /** Any phrase of the prose rules (group 1) or causal verb of person-as-cause (global: the filter walks its matches). */
  proseOrVerb: RegExp | undefined;
  followUp: RegExp;
  /** person-as-cause's window: words between the name and the verb. */
  personWindow: number;
  startVerbs: ReadonlySet<string>;
}

function filtersOf(rules: LintRules): Filters {
  const phrases = (kind: LintRule['kind']) => rules.rules.flatMap((r) => (r.kind === kind && 'phrases' in r ? r.phrases : []));
  const verbs = rules.rules.flatMap((r) => (r.kind === 'person-as-cause' ? r.verbs : []));
  const prose = anyOf(phrases('phrases'));
  return {
    prose: new RegExp(`\\b${prose}\\b`),
    proseOrVerb: verbs.length > 0 ? new RegExp(`\\b(?:(${prose})|${trieOf(verbs)})\\b`, 'g') : undefined,
    followUp: new RegExp(`\\b${anyOf(phrases('follow-up-phrases'))}\\b`),
    personWindow: Math.max(0, ...rules.rules.map((r) => (r.kind === 'person-as-cause' ? r.window : 0))),
    startVerbs: new Set(rules.rules.flatMap((r) => (r.kind === 'follow-up-verb' ? r.verbs.map((v) => v.toLowerCase()) : []))),
  };
}

/** How far before a causal verb the filter looks for a participant's name, in characters. */
const NAME_BEFORE_VERB = 400;

const isWordCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * The participants' names as the filter looks for them in lower-case text: every form
 * mentionsOf knows ("maya.okafor", "maya okafor", "maya", "okafor", an e-mail address), each
 * also without apostrophes and hyphens and with a curly apostrophe, and parts of fewer than
 * three letters too (the filter may find more than the rule, never less).
 */
export function filterNames(people: readonly string[]): string[] {
  const out = new Set<string>();
  const add = (form: string) => {
    if (!form) return;
    out.add(form);
    out.add(normalize(form));
    out.add(form.replace(/'/g, '’'));
  };
  for (const person of people) {
    const value = person.trim().toLowerCase();
    const at = value.indexOf('@', 1);
    if (at > 0) add(value);
    const base = value.slice(value.startsWith('@') ? 1 : 0, at > 0 ? at : undefined);
    add(base);
    const parts = base.split(/[\s._]+/).filter(Boolean);
    if (parts.length > 1) {
      add(parts.join(' '));
      for (const part of parts) add(part);
    }
  }
  out.delete('');
  return [...out];
}

/**
 * Whether one of `names` stands as a word in `lower` before `verbAt`, in the same paragraph,
 * with at most `window` words (and one chunk of slack: a possessive, markup) between: what
 * person-as-cause could report. Whitespace-separated chunks holding a letter or digit are
 * counted, never more than the words the rule counts; the nearest occurrence of a name decides.
 */
function nameBefore(lower: string, verbAt: number, names: readonly string[], window: number): boolean {
  const from = Math.max(0, verbAt - NAME_BEFORE_VERB);
  for (const name of names) {
    for (let at = lower.lastIndexOf(name, verbAt - name.length); at >= from; at = at > 0 ? lower.lastIndexOf(name, at - 1) : -1) {
      const end = at + name.length;
      if (end > verbAt || (at > 0 && isWordCode(lower.charCodeAt(at - 1))) || (end < verbAt && isWordCode(lower.charCodeAt(end)))) continue;
      let chunks = 0;
      let inChunk = false;
      let counted = false;
      let newline = false;
      let paragraph = false;
      for (let i = end; i < verbAt; i++) {
        const c = lower.charCodeAt(i);
        if (c === 10) {
          if (newline) {
            paragraph = true;
            break;
          }
          newline = true;
          inChunk = false;
        } else if (c === 32 || c === 9 || c === 13) inChunk = false;
        else {
          newline = false;
          if (!inChunk) {
            inChunk = true;
            counted = false;
          }
          if (!counted && isWordCode(c)) {
            chunks++;
            counted = true;
          }
        }
      }
      if (!paragraph && chunks <= window + 1) return true;
      break;
    }
  }
  return false;
}

/**
 * Whether the text may hold a finding: a phrase, or a causal verb with a participant named
 * shortly before it (what person-as-cause could report).
 */
function mayHold(raw: string, filters: Filters, names: () => readonly string[]): boolean {
  // Lower case (faster than the `i` flag); `\b` does not see a boundary between "_" and a letter
  // (`_root cause_`): read "_" as a space.
  const lower = raw.toLowerCase();
  // A letter whose lower case is longer ("İ") moves the offsets: then let the parse decide.
  if (lower.length !== raw.length) return true;
  const text = lower.includes('_') ? lower.replace(/_/g, ' ') : lower;
  if (!filters.proseOrVerb) return filters.prose.test(text);
  // One pass for both: a phrase (group 1) ends it; a verb looks back for a name.
  const re = filters.proseOrVerb;
  re.lastIndex = 0;
  let found: readonly string[] | undefined;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== undefined) return true;
    found ??= names();
    if (found.length === 0) return false;
    if (nameBefore(text, m.index, found, filters.personWindow)) return true;
  }
  return false;
}

/** The lint, ready to run: its rules, filters and processors. */
export interface Linter {
  rules: LintRules;
  filters: Filters;
  /** The unified processors, made on first use (see stack.ts). */
  processors: () => Processors;
}

function bodyProcessor(rules: readonly LintRule[]) {
  const { unified, remarkRetext, ParseEnglish } = unifiedStack();
  return unified()
    .use(remarkKeelDisable)
    .use(remarkKeepBlocks)
    .use(remarkRetext, new ParseEnglish(), { ignore: NOT_PROSE })
    .use(retextBlameless, { rules, scope: 'prose' })
    .freeze();
}

function textProcessor(rules: readonly LintRule[], scope: LintScope) {
  const { unified, retextEnglish } = unifiedStack();
  return unified().use(retextEnglish).use(retextBlameless, { rules, scope }).freeze();
}

interface Processors {
  body: ReturnType<typeof bodyProcessor>;
  text: Record<LintScope, ReturnType<typeof textProcessor>>;
}

export function createLinter(rules: LintRules): Linter {
  let processors: Processors | undefined;
  return {
    rules,
    filters: filtersOf(rules),
    processors: () =>
      (processors ??= {
        body: bodyProcessor(rules.rules),
        text: { prose: textProcessor(rules.rules, 'prose'), 'follow-up': textProcessor(rules.rules, 'follow-up') },
      }),
  };
}

function fileOf(value: string, people: readonly Mention[], keep: (text: string) => boolean = () => true): VFile {
  const file = new (unifiedStack().VFile)({ value });
  Object.assign(file.data, { people, findings: [], disabled: new Map(), ends: new Set(), keep });
  return file;
}

/** A line with its inline code spans (a run of backticks to the next run of the same length) blanked out, in linear time. */
function blankInlineCode(line: string): string {
  const runs: { at: number; length: number }[] = [];
  for (let i = line.indexOf('`'); i >= 0; i = line.indexOf('`', i)) {
    let end = i;
    while (line.charCodeAt(end) === 96) end++;
    runs.push({ at: i, length: end - i });
    i = end;
  }
  if (runs.length < 2) return line;
  // The next run of the same length, for each run: one pass from the right.
  const next: (number | undefined)[] = [];
  const last = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    next[r] = last.get(runs[r]!.length);
    last.set(runs[r]!.length, r);
  }
  let out = '';
  let from = 0;
  for (let r = 0; r < runs.length;) {
    const close = next[r];
    if (close === undefined) {
      r++;
      continue;
    }
    const end = runs[close]!.at + runs[close]!.length;
    out += line.slice(from, runs[r]!.at) + ' '.repeat(end - runs[r]!.at);
    from = end;
    r = close + 1;
  }
  return out + line.slice(from);
}

/**
 * A body that remark does not parse (too large, or MDX that does not parse), as plain text: code,
 * comments, HTML and MDX lines blanked out (offsets kept), disable comments read.
 */
export function blankBody(text: string, format: MarkdownFormat): { text: string; disabled: Disabled } {
  const disabled: Disabled = new Map();
  const lines = text.split('\n');
  let fence: RegExp | undefined;
  let comment: string[] | undefined;
  const blank = (s: string) => s.replace(/[^\r]/g, ' ');
  const out = lines.map((line, i) => {
    if (fence) {
      if (fence.test(line)) fence = undefined;
      return blank(line);
    }
    if (comment) {
      const end = line.indexOf('-->');
      comment.push(end < 0 ? line : line.slice(0, end));
      if (end >= 0) {
        const ids = readDirective(comment.join('\n'));
        if (ids) disableNextLine(disabled, i + 1, ids);
        comment = undefined;
      }
      return blank(line);
    }
    const opened = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (opened) {
      fence = new RegExp(`^ {0,3}${opened[1]![0]!}{${opened[1]!.length},}[ \\t]*$`);
      return blank(line);
    }
    const trimmed = line.trim();
    const html = /^<!--([\s\S]*?)(-->|$)/.exec(trimmed);
    if (html) {
      if (html[2] === '-->') {
        const ids = readDirective(html[1]!);
        if (ids) disableNextLine(disabled, i + 1, ids);
      } else comment = [html[1]!];
      return blank(line);
    }
    if (format === 'mdx' && trimmed.startsWith('{')) {
      const mdx = trimmed.length < 1000 ? /^\{\s*\/\*([\s\S]*?)\*\/\s*\}$/.exec(trimmed) : null;
      const ids = mdx ? readDirective(mdx[1]!) : undefined;
      if (ids) disableNextLine(disabled, i + 1, ids);
      return blank(line);
    }
    if (trimmed.startsWith('<')) return blank(line);
    return blankInlineCode(line);
  });
  return { text: out.join('\n'), disabled };
}

/**
 * The lint findings of a Markdown body, positions in the body (line 1 = its first line). `keep`
 * says which blocks of text may hold a finding (the filter); retext reads only those.
 */
export function lintMarkdown(
  linter: Linter,
  text: string,
  format: MarkdownFormat,
  people: readonly Mention[] = [],
  keep: (text: string) => boolean = () => true,
): LintFinding[] {
  const tree = parseMarkdown(text, format);
  if (tree) {
    const file = fileOf(text, people, keep);
    linter.processors().body.runSync(tree, file);
    const { findings, disabled } = lintData(file);
    return findings.filter((f) => !isDisabled(disabled, f));
  }
  // Paragraph by paragraph, only those the filter keeps: the English parser's time grows faster
  // than the text it reads, and these bodies are the largest.
  const plain = blankBody(text, format);
  const { prose } = linter.processors().text;
  const found: LintFinding[] = [];
  for (const block of blocksOf(plain.text)) {
    if (!keep(block.text)) continue;
    const file = fileOf(block.text, people);
    prose.runSync(prose.parse(file), file);
    for (const f of lintData(file).findings) {
      const finding = { ...f, line: f.line + block.line - 1 };
      if (!isDisabled(plain.disabled, finding)) found.push(finding);
    }
  }
  return found;
}

/** Paragraphs longer than this are read in pieces of whole lines. */
const MAX_BLOCK = 16 * 1024;

/** The paragraphs of a text (split at blank lines, long ones at line ends), each with its first line. */
function blocksOf(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let line = 1;
  let start = 0;
  const push = (end: number) => {
    const block = text.slice(start, end);
    if (block.trim() !== '') out.push({ text: block, line });
    for (let i = block.indexOf('\n'); i >= 0; i = block.indexOf('\n', i + 1)) line++;
    start = end;
  };
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    const next = text.indexOf('\n', i + 1);
    const blankNext = next >= 0 && text.slice(i + 1, next).trim() === '';
    if (blankNext || i + 1 - start > MAX_BLOCK) push(i + 1);
  }
  push(text.length);
  return out;
}

/** The lint findings of a plain text (a front-matter value), positions in the text. */
export function lintText(linter: Linter, text: string, scope: LintScope, people: readonly Mention[] = []): LintFinding[] {
  const file = fileOf(text, people);
  const processor = linter.processors().text[scope];
  processor.runSync(processor.parse(file), file);
  return lintData(file).findings;
}

/** A document to lint: an incident (its retrospective and front matter) or a runbook (its prose). */
export interface LintTarget {
  kind: 'incident' | 'runbook';
  file: string;
  body: { text: string; line: number; format: MarkdownFormat };
  /** The front matter as written. */
  data: unknown;
  /** Where a front-matter value is (parses again: only for a finding). */
  placeOf: (path: DataPath) => Place;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Everyone the front matter names: participants by role and follow-up owners. */
export function peopleOf(data: unknown): string[] {
  if (!isRecord(data)) return [];
  const out = new Set<string>();
  const participants = data.participants;
  if (isRecord(participants)) {
    for (const role of ['commander', 'scribe', 'communications']) if (isText(participants[role])) out.add(participants[role]);
    if (Array.isArray(participants.responders)) for (const r of participants.responders) if (isText(r)) out.add(r);
  }
  if (Array.isArray(data.followUps)) for (const f of data.followUps) if (isRecord(f) && isText(f.owner)) out.add(f.owner);
  return [...out];
}

/** The customer statement's texts, each with its path: public.title, summary, customerImpact, notAffected, actions[], updates[].body. */
export function statementTexts(data: unknown): { path: DataPath; text: string }[] {
  if (!isRecord(data) || !isRecord(data.public)) return [];
  const statement = data.public;
  const out: { path: DataPath; text: string }[] = [];
  for (const field of ['title', 'summary', 'customerImpact', 'notAffected']) {
    if (isText(statement[field])) out.push({ path: ['public', field], text: statement[field] });
  }
  if (Array.isArray(statement.actions)) statement.actions.forEach((a, i) => isText(a) && out.push({ path: ['public', 'actions', i], text: a }));
  if (Array.isArray(statement.updates)) {
    statement.updates.forEach((u, i) => isRecord(u) && isText(u.body) && out.push({ path: ['public', 'updates', i, 'body'], text: u.body }));
  }
  return out;
}

/** The first word of a title, lower case ("Load-test …" → "load-test"). */
function firstWord(title: string): string {
  return /^[^\p{L}\p{N}]*([\p{L}\p{N}][\p{L}\p{N}'’-]*)/u.exec(title)?.[1]?.toLowerCase() ?? '';
}

function startsWithVerb(title: string, verbs: ReadonlySet<string>): { ok: boolean; word: string } {
  const word = firstWord(title);
  return { ok: verbs.has(word) || verbs.has(word.split('-')[0]!), word };
}

/** The default linter, with the rules of src/lint/blameless.yaml. */
export const LINTER: Linter = createLinter(LINT);

/**
 * Lints a document and reports every finding as a diagnostic: in the body at the exact word,
 * in the front matter at the value. Internal prose takes each rule's severity; the customer
 * statement takes `publicStatementSeverity`.
 */
export function lintDocument(target: LintTarget, sink: Sink, linter: Linter = LINTER): void {
  const { filters, rules } = linter;
  const people = target.kind === 'incident' ? peopleOf(target.data) : [];
  let mentions: Mention[] | undefined;
  let names: string[] | undefined;
  // Without participants (a runbook), only the phrases.
  const bodyFilters = people.length > 0 ? filters : { ...filters, proseOrVerb: undefined };
  const mayFind = (text: string) => mayHold(text, bodyFilters, () => (names ??= filterNames(people)));
  const emit = (finding: LintFinding, place: Place, severity: Severity) => {
    const d = diagnose(finding.rule.meta, place, { message: 'found', data: finding.data });
    sink(severity === d.severity ? d : { ...d, severity });
  };

  const { body } = target;
  if (mayFind(body.text)) {
    for (const f of lintMarkdown(linter, body.text, body.format, (mentions ??= mentionsOf(people)), mayFind)) {
      emit(f, { file: target.file, line: f.line + body.line - 1, column: f.column }, f.rule.meta.severity);
    }
  }
  if (target.kind !== 'incident') return;

  for (const { path, text } of statementTexts(target.data)) {
    if (!mayFind(text)) continue;
    for (const f of lintText(linter, text, 'prose', (mentions ??= mentionsOf(people)))) emit(f, target.placeOf(path), rules.publicStatementSeverity);
  }

  const data = target.data;
  if (!isRecord(data) || !Array.isArray(data.followUps)) return;
  const verbRule = rules.rules.find((r) => r.kind === 'follow-up-verb');
  data.followUps.forEach((followUp: unknown, i) => {
    if (!isRecord(followUp) || !isText(followUp.title)) return;
    const title = followUp.title;
    let vague = false;
    if (mayHold(title, { ...filters, prose: filters.followUp, proseOrVerb: undefined }, () => [])) {
      for (const f of lintText(linter, title, 'follow-up')) {
        vague = true;
        emit({ ...f, data: { ...f.data, title } }, target.placeOf(['followUps', i, 'title']), f.rule.meta.severity);
      }
    }
    // One finding per title: a title that asks people to try harder is not also told to start with a verb.
    const open = followUp.status === undefined || followUp.status === 'open' || followUp.status === 'in-progress';
    if (!verbRule || !open || vague) return;
    const { ok, word } = startsWithVerb(title, filters.startVerbs);
    if (!ok) emit({ rule: verbRule, data: { title, word }, line: 1, column: 1 }, target.placeOf(['followUps', i, 'title']), verbRule.meta.severity);
  });
}
