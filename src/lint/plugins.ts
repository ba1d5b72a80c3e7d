/**
 * The lint as unified plugins: `remarkKeelDisable` collects the disable comments of a Markdown
 * tree; `retextBlameless` runs the rules of src/lint/blameless.yaml over an nlcst tree (from
 * remark-retext for bodies, from retext-english for front-matter text). Findings go to
 * `file.data.lint`, positions in the linted text.
 */
import type { Root as MdastRoot } from 'mdast';
import type { Root as NlcstRoot, Sentence, SentenceContent } from 'nlcst';
import type { VFile } from 'vfile';
import type { LintRule } from './rules.ts';
import { unifiedStack } from './stack.ts';

/** What a lint rule found, at a place in the linted text (1-based). */
export interface LintFinding {
  rule: LintRule;
  data: Record<string, string>;
  line: number;
  column: number;
}

/** Lines whose findings are off: all lint rules, or the ids listed. */
export type Disabled = Map<number, 'all' | Set<string>>;

/** What the plugins read and write on the file. */
export interface LintData {
  /** The participants of the incident, as mentions to look for (see mentionsOf). */
  people: readonly Mention[];
  findings: LintFinding[];
  disabled: Disabled;
  /** Where each finding ends, by rule: overlapping phrases are reported once. */
  ends: Set<string>;
  /** Whether a block's text may hold a finding (remarkKeepBlocks). */
  keep: (text: string) => boolean;
}

/** The lint's state on a file (created by `lintData`). */
export function lintData(file: VFile): LintData {
  return file.data as unknown as LintData;
}

const DIRECTIVE = /^keel-disable-next-line(?:[ \t]+([\s\S]*?))?$/;

/** `keel-disable-next-line lint/a, lint/b` (the comment's text): the ids, or 'all'. */
export function readDirective(comment: string): 'all' | Set<string> | undefined {
  const m = DIRECTIVE.exec(comment.trim());
  if (!m) return undefined;
  const ids = (m[1] ?? '').split(/[\s,]+/).filter(Boolean);
  return ids.length === 0 ? 'all' : new Set(ids);
}

/** Records a directive for the line after `line`; two directives for one line add up. */
export function disableNextLine(disabled: Disabled, line: number, ids: 'all' | Set<string>): void {
  const before = disabled.get(line + 1);
  if (before === 'all' || ids === 'all') disabled.set(line + 1, 'all');
  else disabled.set(line + 1, new Set([...(before ?? []), ...ids]));
}

/** Whether a finding is switched off by a disable comment. */
export function isDisabled(disabled: Disabled, finding: LintFinding): boolean {
  const off = disabled.get(finding.line);
  return off === 'all' || (off !== undefined && off.has(finding.rule.meta.id));
}

const HTML_COMMENT = /^<!--([\s\S]*?)-->$/;
const MDX_COMMENT = /^\s*\/\*([\s\S]*?)\*\/\s*$/;

/** remark plugin: reads `<!-- keel-disable-next-line … -->` and MDX's `{/* keel-disable-next-line … *\/}`. */
export function remarkKeelDisable() {
  const { visit } = unifiedStack();
  return (tree: MdastRoot, file: VFile) => {
    const { disabled } = lintData(file);
    visit(tree, (node) => {
      let text: string | undefined;
      if (node.type === 'html') text = HTML_COMMENT.exec(node.value.trim())?.[1];
      else if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') text = MDX_COMMENT.exec(node.value)?.[1];
      const ids = text === undefined ? undefined : readDirective(text);
      if (ids && node.position) disableNextLine(disabled, node.position.end.line, ids);
    });
  };
}

/** A participant as the text may name them: word sequences, normalized. */
export interface Mention {
  /** The participant as written in the front matter ("@maya.okafor"). */
  person: string;
  words: string[];
}

/** Lower case, curly apostrophes straight, then apostrophes and hyphens gone (as nlcst-normalize does). */
export function normalize(word: string): string {
  return word.toLowerCase().replace(/['’‘-]/g, '');
}

/** A word of a sentence: "maya.okafor's" is the mention "maya.okafor". */
function wordOf(value: string): string {
  return normalize(value.replace(/['’]s$/i, ''));
}

/**
 * How the text may name a participant: "@maya.okafor" (or "maya.okafor@example.com") as
 * "maya.okafor", "maya okafor", "maya" and "okafor"; "Alice Smith" as itself, "alice" and
 * "smith". Parts shorter than three letters are left out (too likely to be other words).
 */
export function mentionsOf(people: readonly string[]): Mention[] {
  const key = people.join('\n');
  const known = MENTIONS.get(key);
  if (known) return known;
  if (MENTIONS.size >= 1024) MENTIONS.clear();
  const mentions = readMentions(people);
  MENTIONS.set(key, mentions);
  return mentions;
}

/** Teams and people recur from incident to incident: their mentions are worked out once. */
const MENTIONS = new Map<string, Mention[]>();

function readMentions(people: readonly string[]): Mention[] {
  const out = new Map<string, Mention>();
  const add = (person: string, words: string[]) => {
    const normalized = words.map(normalize).filter(Boolean);
    if (normalized.length === 0 || (normalized.length === 1 && normalized[0]!.length < 3)) return;
    const key = normalized.join(' ');
    if (!out.has(key)) out.set(key, { person, words: normalized });
  };
  for (const person of people) {
    const value = person.trim();
    const email = /^([^@\s]+)@[^@\s]+$/.exec(value);
    const base = email ? email[1]! : value.replace(/^@/, '');
    if (email) add(person, [value]);
    add(person, [base]);
    const parts = base.split(/[\s._]+/).filter(Boolean);
    if (parts.length > 1) {
      add(person, parts);
      for (const part of parts) if (part.length >= 3) add(person, [part]);
    }
  }
  // Longest first: "maya okafor" before "maya".
  return [...out.values()].sort((a, b) => b.words.length - a.words.length);
}

/** Punctuation that ends a clause: a mention and a verb on either side are not subject and predicate. */
const CLAUSE_BREAK = new Set([',', ';', ':', '(', ')', '—', '–', '-', '"', '“', '”']);

interface Token {
  word: string;
  /** Index of the node in the sentence. */
  index: number;
}

/** The words of a sentence, split into clauses. */
function clauses(sentence: Sentence): Token[][] {
  const toString = unifiedStack().nlcstToString;
  const out: Token[][] = [[]];
  sentence.children.forEach((node, index) => {
    if (node.type === 'WordNode') out.at(-1)!.push({ word: wordOf(toString(node)), index });
    else if (node.type === 'SourceNode') out.at(-1)!.push({ word: '', index });
    else if (node.type === 'PunctuationNode' && CLAUSE_BREAK.has(node.value)) out.push([]);
  });
  return out;
}

function startsWith(tokens: readonly Token[], at: number, words: readonly string[]): boolean {
  return words.every((w, k) => tokens[at + k]?.word === w);
}

/** Records a finding, once per rule and end: "to blame" is not reported again as "blame". */
function report(file: VFile, rule: LintRule, nodes: readonly SentenceContent[], data: Record<string, string>): void {
  const start = nodes[0]?.position?.start;
  const end = nodes.at(-1)?.position?.end;
  if (!start || !end) return;
  const state = lintData(file);
  const key = `${rule.meta.id} ${end.line}:${end.column}`;
  if (state.ends.has(key)) return;
  state.ends.add(key);
  state.findings.push({ rule, data, line: start.line, column: start.column });
}

/** A participant named, then at most `window` words, then a causal verb, in one clause. */
function personAsCause(tree: NlcstRoot, file: VFile, rule: Extract<LintRule, { kind: 'person-as-cause' }>): void {
  const { visit, nlcstToString: toString } = unifiedStack();
  const { people } = lintData(file);
  if (people.length === 0) return;
  const verbs = rule.verbs.map((v) => v.split(/\s+/).map(normalize));
  visit(tree, 'SentenceNode', (sentence: Sentence) => {
    for (const tokens of clauses(sentence)) {
      for (let i = 0; i < tokens.length; i++) {
        const mention = people.find((m) => startsWith(tokens, i, m.words));
        if (!mention) continue;
        const after = i + mention.words.length;
        let next = after;
        for (let j = after; j <= after + rule.window && j < tokens.length; j++) {
          const verb = verbs.find((v) => startsWith(tokens, j, v));
          if (!verb) continue;
          // Start at an "@" right before the name: the handle as written.
          const first = tokens[i]!.index;
          const from = first > 0 && sentence.children[first - 1]!.type === 'SymbolNode' && toString(sentence.children[first - 1]!) === '@' ? first - 1 : first;
          const nodes = sentence.children.slice(from, tokens[j + verb.length - 1]!.index + 1);
          report(file, rule, nodes, { person: mention.person, phrase: toString(nodes) });
          next = j + verb.length;
          break;
        }
        i = next - 1;
      }
    }
  });
}

const OPENING_QUOTES = new Set(['"', "'", '“', '‘', '«']);
const CLOSING_QUOTES = new Set(['"', "'", '”', '’', '»']);

/**
 * A phrase in quotes is mentioned, not used (`we say "contributing factors", not "root cause"`).
 * nlcst-search skips a quoted word; this skips a quoted phrase of several words.
 */
function quoted(siblings: readonly SentenceContent[], index: number, length: number): boolean {
  const before = siblings[index - 1];
  const after = siblings[index + length];
  return before?.type === 'PunctuationNode' && OPENING_QUOTES.has(before.value) && after?.type === 'PunctuationNode' && CLOSING_QUOTES.has(after.value);
}

/** What a text is, for the rules that apply to it. */
export type LintScope = 'prose' | 'follow-up';

/** retext plugin: the rules of `rules` that apply to `scope`, phrases in one pass of nlcst-search. */
export function retextBlameless({ rules, scope }: { rules: readonly LintRule[]; scope: LintScope }) {
  const kind = scope === 'prose' ? 'phrases' : 'follow-up-phrases';
  const byPhrase = new Map<string, LintRule[]>();
  for (const rule of rules) {
    if (rule.kind !== kind) continue;
    for (const phrase of rule.phrases) byPhrase.set(phrase, [...(byPhrase.get(phrase) ?? []), rule]);
  }
  const phrases = [...byPhrase.keys()];
  const person = scope === 'prose' ? rules.find((r) => r.kind === 'person-as-cause') : undefined;
  const { search, nlcstToString: toString } = unifiedStack();
  return (tree: NlcstRoot, file: VFile) => {
    if (phrases.length > 0) {
      // nlcst-search leaves out "literal" words, which for nlcst-is-literal includes a word before a
      // colon ("Root cause: …"): Keel reads those, and leaves out only phrases in quotes.
      search(
        tree,
        phrases,
        (nodes, index, parent, phrase) => {
          if (parent.type === 'SentenceNode' && quoted(parent.children, index, nodes.length)) return;
          for (const rule of byPhrase.get(phrase) ?? []) report(file, rule, nodes, { phrase: toString(nodes) });
        },
        { allowLiterals: true },
      );
    }
    if (person) personAsCause(tree, file, person);
  };
}

/**
 * remark plugin: keeps only the blocks of the body whose text `keep` accepts (the lint's filter),
 * so that retext reads a few paragraphs rather than the whole body. Runs after the disable
 * comments are read; positions stay those of the whole body.
 */
export function remarkKeepBlocks() {
  return (tree: MdastRoot, file: VFile): MdastRoot => {
    const { keep } = lintData(file);
    const text = String(file.value);
    return {
      ...tree,
      children: tree.children.filter((node) => {
        const from = node.position?.start.offset;
        const to = node.position?.end.offset;
        return from === undefined || to === undefined || keep(text.slice(from, to));
      }),
    };
  };
}
