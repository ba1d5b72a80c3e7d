/**
 * The lint as unified plugins: `remarkKeelDisable` collects the disable comments of a Markdown
 * tree; `retextBlameless` runs the rules of src/lint/blameless.yaml over an nlcst tree (from
 * remark-retext for bodies, from retext-english for front-matter text). Findings go to
 * `file.data.lint`, positions in the linted text.
 */
import type { Root as MdastRoot } from 'mdast';
import type { Nodes as NlcstNodes, Root as NlcstRoot, Sentence, SentenceContent } from 'nlcst';
import type { VFile } from 'vfile';
import type { LintRule, LintScope } from './rules.ts';
import { TaggedSentence, type Mention, type SubjectKind, type SubjectWords } from './subject.ts';
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

export type { Mention };

/** Lower case, curly apostrophes straight, then apostrophes and hyphens gone (as nlcst-normalize does). */
export function normalize(word: string): string {
  return word.toLowerCase().replace(/['’‘-]/g, '');
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
  for (const person of people) {
    for (const [key, mention] of personMentions(person)) if (!out.has(key)) out.set(key, mention);
  }
  // Longest first: "maya okafor" before "maya".
  return [...out.values()].sort((a, b) => b.words.length - a.words.length);
}

/** One participant's mentions by key, in the order readMentions adds them; a participant recurs in many incidents, each with others. */
const PERSON_MENTIONS = new Map<string, [string, Mention][]>();

function personMentions(person: string): [string, Mention][] {
  const known = PERSON_MENTIONS.get(person);
  if (known) return known;
  const out: [string, Mention][] = [];
  const add = (words: string[]) => {
    const normalized = words.map(normalize).filter(Boolean);
    if (normalized.length === 0 || (normalized.length === 1 && normalized[0]!.length < 3)) return;
    out.push([normalized.join(' '), { person, words: normalized }]);
  };
  const value = person.trim();
  const email = /^([^@\s]+)@[^@\s]+$/.exec(value);
  const base = email ? email[1]! : value.replace(/^@/, '');
  if (email) add([value]);
  add([base]);
  const parts = base.split(/[\s._]+/).filter(Boolean);
  if (parts.length > 1) {
    add(parts);
    for (const part of parts) if (part.length >= 3) add([part]);
  }
  if (PERSON_MENTIONS.size >= 4096) PERSON_MENTIONS.clear();
  PERSON_MENTIONS.set(person, out);
  return out;
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

/** A sentence as one string, with where each of its children starts in it. */
function sentenceText(sentence: Sentence): { text: string; starts: number[] } {
  const toString = unifiedStack().nlcstToString;
  let text = '';
  const starts: number[] = [];
  for (const child of sentence.children) {
    starts.push(text.length);
    text += toString(child);
  }
  return { text, starts };
}

/** Whether a phrase starting at `at` of a sentence's text stands inside quotation marks. */
function insideQuotes(text: string, at: number): boolean {
  const before = text.slice(0, at);
  const straight = (before.match(/"/g) ?? []).length;
  const open = (before.match(/[“«]/g) ?? []).length;
  const close = (before.match(/[”»]/g) ?? []).length;
  return straight % 2 === 1 || open > close;
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

/** A phrase found in a sentence, before its rules decide. */
interface Match {
  rules: PhraseRule[];
  phrase: string;
  nodes: SentenceContent[];
  /** Where the phrase starts and ends in the sentence's text. */
  from: number;
  to: number;
}

type PhraseRule = Extract<LintRule, { kind: 'phrases' }>;

/** Whether a rule's subject condition holds for a subject of this kind. */
function subjectFits(rule: PhraseRule, kind: SubjectKind): boolean {
  switch (rule.subject) {
    case 'any':
      return true;
    case 'not-system':
      return kind !== 'system' && kind !== 'affected';
    case 'person':
      return kind === 'named' || kind === 'person' || kind === 'role';
    case 'named':
      return kind === 'named';
  }
}

/** Words between a subject and a verb phrase: auxiliaries, negations, adverbs. */
const FILLERS = new Set([
  'had',
  'has',
  'have',
  'was',
  'were',
  'is',
  'are',
  'been',
  'also',
  'not',
  'never',
  'just',
  'then',
  'still',
  'again',
  'all',
  'both',
  'itself',
  'themselves',
  'already',
  'often',
  'once',
]);
/** Words after which the subject is not the word before the phrase ("the engineer who failed to", "… and failed to"). */
const UNSURE = new Set(['who', 'that', 'which', 'and', 'but', 'or', 'yet', 'so', 'then', 'to', 'by', 'of', 'on', 'in', 'at', 'from', 'for', 'with']);
/** Phrases that begin with their verb: the word before them is their subject's head. */
const VERB_FIRST = /^(?:failed|forgot|neglected|omitted|should|shouldn['’]t|should['’]ve|could|couldn['’]t|could['’]ve|did|didn['’]t|ought)\b/i;

/** Conjunctions after which the tagger reads the subject of the sentence's first verb ("the pods restarted and failed to …"). */
const CONJUNCTIONS = new Set(['and', 'but', 'or', 'yet', 'so']);
/** Nouns for people by their ending ("reviewer", "operator", "analyst", "attendant", "agent", "technician"), as compromise's Actor tag reads them. */
const AGENT_NOUN = /(?:er|or|ist|ant|ent|ian)s?$/;
/** Words with those endings that are no nouns: they stand between a subject and its verb, never for it. */
const NOT_NOUNS = new Set([
  'after',
  'over',
  'under',
  'other',
  'either',
  'neither',
  'whether',
  'never',
  'ever',
  'however',
  'rather',
  'later',
  'earlier',
  'per',
  'recent',
  'different',
  'important',
  'significant',
  'sufficient',
  'consistent',
  'apparent',
]);

/** A word as the quick check compares it: lower case, no handle sign, possessive or punctuation around it. */
const bare = (token: string) =>
  normalize(
    token
      .replace(/^[^\p{L}\p{N}@]+|[^\p{L}\p{N}]+$/gu, '')
      .replace(/^@/, '')
      .replace(/['’]s$/i, ''),
  );

/** Whether a word is one of a participant's, whole or in part ("maya", "Maya's", "team-platform"). */
function participantWord(token: string, people: readonly Mention[]): boolean {
  const word = bare(token);
  return word !== '' && people.some((m) => m.words.includes(word) || m.words.join('') === word);
}

/** Whether a lower-case word may stand for people: a pronoun or word for people, a role, people affected, a noun for people by its ending, a participant. */
function mayBePeople(word: string, words: SubjectWords, people: readonly Mention[]): boolean {
  const singular = word.replace(/s$/, '');
  if ([word, singular].some((w) => words.people.includes(w) || words.roles.includes(w) || words.affected.includes(w))) return true;
  return participantWord(word, people) || (!words.things.includes(word) && !NOT_NOUNS.has(word) && AGENT_NOUN.test(word));
}

/**
 * Whether the subject of a verb-first phrase is surely a thing, read from the words before it
 * without the tagger: a lower-case noun ("traffic failed to", "the replica had failed to") that
 * is no pronoun for people, role, group or participant, with no comma, name or preposition in
 * the way. Most "failed to" of real retrospectives are answered here; anything less sure goes
 * to compromise.
 *
 * After "and", "but", "or" ("the thresholds were static and did not follow …") the tagger reads
 * the subject of the first verb of the sentence, which may be anywhere before the conjunction:
 * for a rule about a person (`person`: a subject that is no one, or a system, does not count)
 * the phrase is spared when nothing before the conjunction may name or stand for people.
 */
export function surelyThingBefore(text: string, at: number, words: SubjectWords, people: readonly Mention[], subject: PhraseRule['subject']): boolean {
  if (!VERB_FIRST.test(text.slice(at))) return false;
  const before = text.slice(Math.max(0, at - 200), at);
  const tokens = before.match(/[^\s]+/g) ?? [];
  let i = tokens.length - 1;
  while (i >= 0 && (FILLERS.has(tokens[i]!) || /^[a-z]+ly$/.test(tokens[i]!))) i--;
  const head = tokens[i];
  if (head !== undefined && CONJUNCTIONS.has(head) && subject === 'person')
    return noPeopleBefore(text, at - before.length + tokenStart(before, i), words, people);
  if (head === undefined || !/^[a-z][a-z0-9-]*$/.test(head) || UNSURE.has(head)) return false;
  // The noun phrase's other words: no preposition ("anyone familiar with the system"), comma or name.
  for (const previous of tokens.slice(Math.max(0, i - 3), i)) {
    if (UNSURE.has(previous.toLowerCase()) || /[,;:()"“”]$/.test(previous) || /^@/.test(previous) || participantWord(previous, people)) return false;
  }
  const previous = tokens[i - 1];
  const first = i === 1 && before.length === at && modifiesNext(tokens);
  if (previous !== undefined && /^\p{Lu}/u.test(previous) && !OPENERS.has(previous.toLowerCase()) && !first) return false;
  return words.things.includes(head) || !mayBePeople(head, words, people);
}

/** Auxiliaries after a subject: a word before one of them is no verb. */
const AUXILIARIES = new Set(['was', 'were', 'is', 'are', 'had', 'has', 'have']);
/** Adverbs without "-ly" that may follow a name ("Maya alone forgot to"). */
const ADVERBS = new Set([
  'alone',
  'too',
  'first',
  'soon',
  'now',
  'today',
  'yesterday',
  'tonight',
  'always',
  'even',
  'only',
  'instead',
  'together',
  'twice',
  'almost',
  'later',
  'ever',
  'never',
]);

/**
 * Whether the first word of a sentence is capitalised as the first word, not as a name: a plain
 * word before a lower-case noun, which it modifies ("Alert thresholds were …", "Health checks
 * failed to …"). A name stands before its verb ("Maya restarted …"), its surname or "'s".
 */
function modifiesNext(tokens: readonly string[]): boolean {
  const [first, next] = tokens;
  return (
    first !== undefined &&
    next !== undefined &&
    /^\p{Lu}\p{Ll}+$/u.test(first) &&
    /^[a-z][a-z0-9-]*$/.test(next) &&
    !FILLERS.has(next) &&
    !UNSURE.has(next) &&
    !AUXILIARIES.has(next) &&
    !ADVERBS.has(next) &&
    !/(?:ly|self|selves)$/.test(next)
  );
}

/** Where the `i`-th whitespace-separated token of `text` starts. */
function tokenStart(text: string, i: number): number {
  const re = /[^\s]+/g;
  for (let k = 0, m = re.exec(text); m; k++, m = re.exec(text)) if (k === i) return m.index;
  return text.length;
}

/**
 * Whether the sentence up to `end` names or stands for no one: no handle, no capitalised word
 * (but a sentence opener such as "The"), no word for people, role, people affected or
 * participant, no "who". Whatever verb the tagger takes there, its subject is then no person.
 */
function noPeopleBefore(text: string, end: number, words: SubjectWords, people: readonly Mention[]): boolean {
  const tokens = text.slice(0, end).match(/[^\s]+/g) ?? [];
  return tokens.every((token, k) => {
    if (token.includes('@')) return false;
    const word = bare(token);
    if (word === '') return true;
    // The first word, capitalised as such: an opener ("The"), or a word modifying the noun before an auxiliary ("Alert thresholds were").
    if (/\p{Lu}/u.test(token) && !(k === 0 && (OPENERS.has(word) || (modifiesNext(tokens) && AUXILIARIES.has(tokens[2] ?? ''))))) return false;
    return word !== 'who' && !mayBePeople(word, words, people);
  });
}

/** Sentence-initial words that are capitalised without being names. */
const OPENERS = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'it',
  'we',
  'our',
  'their',
  'they',
  'in',
  'at',
  'on',
  'after',
  'before',
  'when',
  'during',
  'because',
  'once',
  'then',
  'while',
  'as',
  'if',
  'no',
  'one',
  'some',
  'all',
]);

/**
 * Whether a sentence may name a person: a handle, a capitalised word (other than a sentence
 * opener such as "The"), or a word of a participant. What compromise and the participants can
 * call a name is always one of these.
 */
export function mayName(text: string, people: readonly Mention[] | (() => readonly Mention[])): boolean {
  const words = text.match(/@?[\p{L}\p{N}][\p{L}\p{N}._'’-]*/gu) ?? [];
  // A handle or a capitalised word answers first: then the participants need not be worked out (`people` may be a function).
  if (words.some((w, i) => w.startsWith('@') || (/^\p{Lu}/u.test(w) && !(i === 0 && OPENERS.has(w.toLowerCase()))))) return true;
  const mentions = typeof people === 'function' ? people() : people;
  if (mentions.length === 0) return false;
  const lower = new Set(
    words.map((w) =>
      normalize(
        w
          .replace(/^@/, '')
          .replace(/[._'’-]+$/, '')
          .replace(/['’]s$/i, ''),
      ),
    ),
  );
  return mentions.some((m) => m.words.every((w) => lower.has(w)) || lower.has(m.words.join('')));
}

/** Decides the matches of one sentence: quotes, negation, the verb after, the subject; a longer phrase wins over one inside it. */
function judgeSentence(file: VFile, sentence: Sentence, matches: Match[], words: SubjectWords): void {
  const { people } = lintData(file);
  const { text } = sentenceText(sentence);
  let tagged: TaggedSentence | undefined;
  const tags = () => (tagged ??= new TaggedSentence(text, words, people));
  const found: { rule: PhraseRule; match: Match; person: string }[] = [];
  for (const match of matches) {
    if (insideQuotes(text, match.from)) continue;
    for (const rule of match.rules) {
      // A person named needs a name in the sentence: spare the tagger the sentences without one.
      if (rule.subject === 'named' && !mayName(text, people)) continue;
      if ((rule.subject === 'person' || rule.subject === 'not-system') && surelyThingBefore(text, match.from, words, people, rule.subject)) continue;
      const simple = rule.subject === 'any' && !rule.negatable && !rule.predicative && !rule.verbAfter;
      if (simple) {
        found.push({ rule, match, person: '' });
        continue;
      }
      const t = tags();
      const first = t.termAt(match.from);
      const end = t.termAt(match.to);
      if (rule.negatable && t.negatedBefore(first)) continue;
      if (rule.predicative && end < t.terms.length && t.terms[end]!.tags.has('Noun') && !t.terms[end]!.tags.has('Pronoun')) continue;
      if (rule.verbAfter?.some((p) => normalize(p.replace(/\s+/g, ' ')) === normalize(match.phrase.replace(/\s+/g, ' '))) && !t.verbAfter(end)) continue;
      if (rule.subject === 'any') {
        found.push({ rule, match, person: '' });
        continue;
      }
      const subject = t.subjectOf(first);
      if (subjectFits(rule, subject.kind)) {
        found.push({ rule, match, person: subject.text });
        continue;
      }
      const agent = rule.agent ? t.agentAfter(end) : undefined;
      if (agent && subjectFits(rule, agent.kind)) found.push({ rule, match, person: agent.text });
    }
  }
  // "should have known" (hindsight) is not also "should have" (counterfactual).
  for (const f of found) {
    const inside = found.some(
      (g) => g !== f && g.match.from <= f.match.from && g.match.to >= f.match.to && g.match.to - g.match.from > f.match.to - f.match.from,
    );
    if (!inside) report(file, f.rule, f.match.nodes, { phrase: f.match.phrase, person: f.person || 'someone' });
  }
}

/** What a text is, for the rules that apply to it (see src/lint/blameless.yaml). */
export type { LintScope };

/** retext plugin: the rules of `rules` that read `scope`, phrases in one pass of nlcst-search, then judged sentence by sentence. */
export function retextBlameless({ rules, scope, subjects }: { rules: readonly LintRule[]; scope: LintScope; subjects: SubjectWords }) {
  const byPhrase = new Map<string, PhraseRule[]>();
  const followUp = new Map<string, LintRule[]>();
  for (const rule of rules) {
    if (rule.kind === 'phrases' && rule.in.includes(scope)) for (const phrase of rule.phrases) byPhrase.set(phrase, [...(byPhrase.get(phrase) ?? []), rule]);
    if (rule.kind === 'follow-up-phrases' && scope === 'follow-up')
      for (const phrase of rule.phrases) followUp.set(phrase, [...(followUp.get(phrase) ?? []), rule]);
  }
  const allPhrases = [...byPhrase.keys()];
  const allFollowUpPhrases = [...followUp.keys()];
  const { search, nlcstToString: toString } = unifiedStack();
  // nlcst-search matches a phrase only where its first word is (normalized), and indexes every
  // phrase by that word on each call: hundreds of phrases for a text of a few words. It is given
  // only the phrases whose first word the tree holds (and "*" ones), which it would match alike.
  const firstWord = new Map([...allPhrases, ...allFollowUpPhrases].map((phrase) => [phrase, normalize(phrase.split(' ', 1)[0]!)]));
  return (tree: NlcstRoot, file: VFile) => {
    const words = new Set(['*']);
    const walk = (node: NlcstNodes): void => {
      if (node.type === 'WordNode') words.add(normalize(toString(node)));
      else if ('children' in node) for (const child of node.children) walk(child);
    };
    walk(tree);
    const present = (list: string[]) => list.filter((phrase) => words.has(firstWord.get(phrase)!));
    const phrases = present(allPhrases);
    const followUpPhrases = present(allFollowUpPhrases);
    if (followUpPhrases.length > 0) {
      search(
        tree,
        followUpPhrases,
        (nodes, index, parent, phrase) => {
          if (parent.type === 'SentenceNode' && quoted(parent.children, index, nodes.length)) return;
          for (const rule of followUp.get(phrase) ?? []) report(file, rule, nodes, { phrase: toString(nodes) });
        },
        { allowLiterals: true },
      );
    }
    if (phrases.length === 0) return;
    const bySentence = new Map<Sentence, Match[]>();
    // nlcst-search leaves out "literal" words, which for nlcst-is-literal includes a word before a
    // colon ("Root cause: …"): Keel reads those, and leaves out only phrases in quotes.
    search(
      tree,
      phrases,
      (nodes, index, parent, phrase) => {
        if (parent.type !== 'SentenceNode') return;
        const sentence = parent;
        if (quoted(sentence.children, index, nodes.length)) return;
        const { starts } = sentenceText(sentence);
        const last = index + nodes.length - 1;
        const match: Match = {
          rules: byPhrase.get(phrase) ?? [],
          phrase: toString(nodes),
          nodes,
          from: starts[index]!,
          to: starts[last]! + toString(sentence.children[last]!).length,
        };
        bySentence.set(sentence, [...(bySentence.get(sentence) ?? []), match]);
      },
      { allowLiterals: true },
    );
    for (const [sentence, matches] of bySentence) judgeSentence(file, sentence, matches, subjects);
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
    const kept = tree.children.map((node) => {
      const from = node.position?.start.offset;
      const to = node.position?.end.offset;
      return from === undefined || to === undefined || keep(text.slice(from, to));
    });
    // A kept block's neighbours stay too: the English parser reads across blocks where a sentence
    // ends ("… careless." before "- restart the pods" is one word, before "Maya …" a sentence end).
    return { ...tree, children: tree.children.filter((_, i) => kept[i] || kept[i - 1] || kept[i + 1]) };
  };
}
