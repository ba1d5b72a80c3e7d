/**
 * The blameless-language lint of one document: its Markdown body (remark → remark-retext →
 * retextBlameless), the customer statement and the follow-up titles of its front matter
 * (retext-english → retextBlameless). Rules: src/lint/blameless.yaml.
 *
 * Speed: a body is parsed only when a filter over its raw text (every phrase of the rules as one
 * regular expression) finds something the rules could report; most bodies never are, and the
 * unified stack is not even loaded (stack.ts). Then retext reads only the paragraphs the filter
 * kept, and compromise tags only the sentences holding a phrase whose rule asks who its subject
 * is (subject.ts). The filter matches at least what the rules match, so it never hides a
 * finding (a property test checks it).
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
  remarkKeelDisable,
  mayName,
  remarkKeepBlocks,
  retextBlameless,
  type Disabled,
  type LintFinding,
  type Mention,
} from './plugins.ts';
import { LINT, LINT_SCOPES, type LintRule, type LintRules, type LintScope } from './rules.ts';
import { unifiedStack } from './stack.ts';

/**
 * Markdown that is not the author's prose: headings ("## Root cause" names a section), block
 * quotes (someone else's words), code, HTML (comments included), MDX expressions and ESM, front
 * matter. mdast-util-to-nlcst also skips tables and marks inline code as source, which no rule
 * matches. JSX elements' children are Markdown and are read; their attributes are not.
 */
const NOT_PROSE = ['heading', 'blockquote', 'code', 'html', 'mdxFlowExpression', 'mdxTextExpression', 'mdxjsEsm', 'yaml', 'toml', 'definition'];

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
  /** Any phrase of the prose rules but those about a person named. */
  prose: RegExp;
  /** Any phrase of the rules about a person named (global: the filter walks its matches); undefined when none is on. */
  named: RegExp | undefined;
  /** Both in one pass (a body is long): group 1 is a phrase of `prose`; undefined when `named` is. */
  either?: RegExp | undefined;
  followUp: RegExp;
  startVerbs: ReadonlySet<string>;
}

function filtersOf(rules: LintRules): Filters {
  const phrases = (kind: LintRule['kind'], named?: boolean) =>
    rules.rules.flatMap((r) =>
      r.kind === kind && 'phrases' in r && (named === undefined || (r.kind === 'phrases' && (r.subject === 'named') === named)) ? r.phrases : [],
    );
  const named = phrases('phrases', true);
  const prose = anyOf(phrases('phrases', false));
  return {
    prose: new RegExp(`\\b${prose}\\b`),
    named: named.length > 0 ? new RegExp(`\\b${anyOf(named)}\\b`, 'g') : undefined,
    either: named.length > 0 ? new RegExp(`\\b(?:(${prose})|${anyOf(named)})\\b`, 'g') : undefined,
    followUp: new RegExp(`\\b${anyOf([...phrases('phrases'), ...phrases('follow-up-phrases')])}\\b`),
    startVerbs: new Set(rules.rules.flatMap((r) => (r.kind === 'follow-up-verb' ? r.verbs.map((v) => v.toLowerCase()) : []))),
  };
}

/**
 * Where a sentence ends: ". " before a capital letter, also when a list item starts between them
 * (".\n- The"), a blank line (what the English parser splits at, or less; remark makes each list
 * item a block of its own).
 */
const SENTENCE_END = /[.!?]["'”’)]*(?:\s*\n[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+|\s+)(?=[\p{Lu}@])|\n\s*\n/gu;

/**
 * Whether the text may hold a finding: a phrase of a rule, or a phrase about a person named in a
 * sentence that may name someone (what person-as-cause asks of its sentence, see mayName).
 */
function mayHold(raw: string, filters: Pick<Filters, 'prose' | 'named' | 'either'>, people: () => readonly Mention[] = () => []): boolean {
  // Lower case (faster than the `i` flag); `\b` does not see a boundary between "_" and a letter
  // (`_root cause_`): read "_" as a space.
  const lower = raw.toLowerCase();
  // A letter whose lower case is longer ("İ") moves the offsets: then let the parse decide.
  if (lower.length !== raw.length) return true;
  const text = lower.includes('_') ? lower.replace(/_/g, ' ') : lower;
  const named = filters.either;
  if (!named) return filters.prose.test(text);
  // One pass for both: a phrase of `prose` answers at once; after a phrase about a person named,
  // the search goes on from its next character, so a phrase starting inside it is still seen.
  named.lastIndex = 0;
  for (let m = named.exec(text); m; named.lastIndex = m.index + 1, m = named.exec(text)) {
    if (m[1] !== undefined) return true;
    let from = 0;
    let to = raw.length;
    SENTENCE_END.lastIndex = 0;
    for (let e = SENTENCE_END.exec(raw); e; e = SENTENCE_END.exec(raw)) {
      if (e.index + e[0].length <= m.index) from = e.index + e[0].length;
      else if (e.index >= m.index + m[0].length) {
        to = e.index + 1;
        break;
      }
    }
    if (mayName(raw.slice(from, to), people)) return true;
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

function bodyProcessor(rules: LintRules, scope: 'retrospective' | 'runbook') {
  const { unified, remarkRetext, ParseEnglish } = unifiedStack();
  return unified()
    .use(remarkKeelDisable)
    .use(remarkKeepBlocks)
    .use(remarkRetext, new ParseEnglish(), { ignore: NOT_PROSE })
    .use(retextBlameless, { rules: rules.rules, scope, subjects: rules.subjects })
    .freeze();
}

function textProcessor(rules: LintRules, scope: LintScope) {
  const { unified, retextEnglish } = unifiedStack();
  return unified().use(retextEnglish).use(retextBlameless, { rules: rules.rules, scope, subjects: rules.subjects }).freeze();
}

interface Processors {
  body: Record<'retrospective' | 'runbook', ReturnType<typeof bodyProcessor>>;
  text: Record<LintScope, ReturnType<typeof textProcessor>>;
}

export function createLinter(rules: LintRules): Linter {
  // Each kind made when first used: linting front-matter texts only loads no Markdown parser.
  let body: Processors['body'] | undefined;
  let text: Processors['text'] | undefined;
  const processors: Processors = {
    get body() {
      return (body ??= { retrospective: bodyProcessor(rules, 'retrospective'), runbook: bodyProcessor(rules, 'runbook') });
    },
    get text() {
      return (text ??= Object.fromEntries(LINT_SCOPES.map((scope) => [scope, textProcessor(rules, scope)])) as Processors['text']);
    },
  };
  return { rules, filters: filtersOf(rules), processors: () => processors };
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
  scope: 'retrospective' | 'runbook' = 'retrospective',
): LintFinding[] {
  const tree = parseMarkdown(text, format);
  if (tree) {
    const file = fileOf(text, people, keep);
    linter.processors().body[scope].runSync(tree, file);
    const { findings, disabled } = lintData(file);
    return findings.filter((f) => !isDisabled(disabled, f));
  }
  // Paragraph by paragraph, only those the filter keeps: the English parser's time grows faster
  // than the text it reads, and these bodies are the largest.
  const plain = blankBody(text, format);
  const prose = linter.processors().text[scope];
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

/** Texts repeat from incident to incident (a contributing factor, a follow-up): each is linted once. */
const TEXT_FINDINGS = new WeakMap<Linter, Map<string, readonly LintFinding[]>>();
const TEXT_FINDINGS_MAX = 4096;
/** ASCII without apostrophes: the English parser and the tagger then read only the text's own characters (no contraction, no case mapping that changes a length). */
const PLAIN_ASCII = /^[\x20-\x26\x28-\x7e\n\t]*$/;

/**
 * lintText, remembered by text, scope and the participants the text may name. The rules compare
 * participants' words with words of the text only (plugins.ts, subject.ts), so a participant
 * none of whose words is in the text (letters and digits only, lower case) cannot change the
 * findings: the key leaves them out, and the same factor is linted once for every incident
 * whose participants it does not name. Other texts are linted every time.
 */
function lintTextOnce(linter: Linter, text: string, scope: LintScope, people: readonly Mention[]): readonly LintFinding[] {
  if (!PLAIN_ASCII.test(text)) return lintText(linter, text, scope, people);
  const letters = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const named = people.filter((m) => m.words.some((w) => letters.includes(w.replace(/[^\p{L}\p{N}]/gu, ''))));
  const key = `${scope}\n${text}\n${JSON.stringify(named)}`;
  let memo = TEXT_FINDINGS.get(linter);
  if (!memo) TEXT_FINDINGS.set(linter, (memo = new Map<string, readonly LintFinding[]>()));
  let findings = memo.get(key);
  if (findings === undefined) {
    if (memo.size >= TEXT_FINDINGS_MAX) memo.clear();
    findings = lintText(linter, text, scope, named);
    memo.set(key, findings);
  }
  return findings;
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
  /** The front matter as written and the file line of its first line: findings then point at their phrase. */
  frontMatter?: { text: string; line: number } | undefined;
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

/** The contributing factors' descriptions, each with its path. */
export function factorTexts(data: unknown): { path: DataPath; text: string }[] {
  if (!isRecord(data) || !Array.isArray(data.contributingFactors)) return [];
  const out: { path: DataPath; text: string }[] = [];
  data.contributingFactors.forEach((f, i) => {
    if (isRecord(f) && isText(f.description)) out.push({ path: ['contributingFactors', i, 'description'], text: f.description });
    else if (isText(f)) out.push({ path: ['contributingFactors', i], text: f });
  });
  return out;
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

const escapeWord = (word: string) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/['’]/g, "(?:''|['’])");

/**
 * Where a finding in a front-matter value is in the file: at its phrase when the front matter's
 * text is known (the phrase found in the value's source, the same occurrence as in the value,
 * across folded lines), else at the value.
 */
function placeInValue(target: LintTarget, path: DataPath, value: string, finding: LintFinding): Place {
  const start = target.placeOf(path);
  const source = target.frontMatter;
  const phrase = finding.data.phrase;
  if (!source || !phrase) return start;
  const lines = value.split('\n');
  let offset = finding.column - 1;
  for (let l = 0; l < finding.line - 1; l++) offset += lines[l]!.length + 1;
  const pattern = phrase.trim().split(/\s+/).map(escapeWord).join('\\s+');
  const occurrence = (value.slice(0, offset).match(new RegExp(pattern, 'gi')) ?? []).length;
  const sourceLines = source.text.split('\n');
  const lineIndex = start.line - source.line;
  if (lineIndex < 0 || lineIndex >= sourceLines.length) return start;
  let from = start.column - 1;
  for (let l = 0; l < lineIndex; l++) from += sourceLines[l]!.length + 1;
  const re = new RegExp(pattern, 'gi');
  re.lastIndex = from;
  let m: RegExpExecArray | null = null;
  for (let k = 0; k <= occurrence; k++) {
    m = re.exec(source.text);
    if (!m) return start;
  }
  const at = m!.index;
  const before = source.text.slice(0, at);
  const line = source.line + (before.match(/\n/g) ?? []).length;
  return { file: target.file, line, column: at - before.lastIndexOf('\n') };
}

/**
 * Lints a document and reports every finding as a diagnostic at its phrase: in the body at the
 * exact words, in the front matter at the phrase inside the value. Internal prose takes each
 * rule's severity; the customer statement takes `publicStatementSeverity` at most.
 */
export function lintDocument(target: LintTarget, sink: Sink, linter: Linter = LINTER): void {
  const { filters, rules } = linter;
  const people = target.kind === 'incident' ? peopleOf(target.data) : [];
  let mentions: Mention[] | undefined;
  const mentioned = () => (mentions ??= mentionsOf(people));
  const mayFind = (text: string) => mayHold(text, filters, mentioned);
  const emit = (finding: LintFinding, place: Place, severity: Severity) => {
    const d = diagnose(finding.rule.meta, place, { message: 'found', data: finding.data });
    sink(severity === d.severity ? d : { ...d, severity });
  };
  const mildest = (a: Severity, b: Severity): Severity => (a === 'warning' || b === 'warning' ? 'warning' : 'error');

  const { body } = target;
  if (mayFind(body.text)) {
    const scope = target.kind === 'incident' ? 'retrospective' : 'runbook';
    for (const f of lintMarkdown(linter, body.text, body.format, mentioned(), mayFind, scope)) {
      emit(f, { file: target.file, line: f.line + body.line - 1, column: f.column }, f.rule.meta.severity);
    }
  }
  if (target.kind !== 'incident') return;

  for (const { path, text } of statementTexts(target.data)) {
    if (!mayFind(text)) continue;
    for (const f of lintTextOnce(linter, text, 'statement', mentioned())) {
      emit(f, placeInValue(target, path, text, f), mildest(f.rule.meta.severity, rules.publicStatementSeverity));
    }
  }
  for (const { path, text } of factorTexts(target.data)) {
    if (!mayFind(text)) continue;
    for (const f of lintTextOnce(linter, text, 'factor', mentioned())) emit(f, placeInValue(target, path, text, f), f.rule.meta.severity);
  }

  const data = target.data;
  if (!isRecord(data) || !Array.isArray(data.followUps)) return;
  const verbRule = rules.rules.find((r) => r.kind === 'follow-up-verb');
  data.followUps.forEach((followUp: unknown, i) => {
    if (!isRecord(followUp) || !isText(followUp.title)) return;
    const title = followUp.title;
    const path = ['followUps', i, 'title'];
    let vague = false;
    if (mayHold(title, { prose: filters.followUp, named: undefined })) {
      for (const f of lintTextOnce(linter, title, 'follow-up', mentioned())) {
        vague ||= f.rule.kind === 'follow-up-phrases';
        emit({ ...f, data: { ...f.data, title } }, placeInValue(target, path, title, f), f.rule.meta.severity);
      }
    }
    // One finding per title: a title that asks people to try harder is not also told to start with a verb.
    const open = followUp.status === undefined || followUp.status === 'open' || followUp.status === 'in-progress';
    if (!verbRule || !open || vague) return;
    const { ok, word } = startsWithVerb(title, filters.startVerbs);
    if (!ok) emit({ rule: verbRule, data: { title, word }, line: 1, column: 1 }, target.placeOf(path), verbRule.meta.severity);
  });
}
