/**
 * Who does what a lint phrase says: the subject (or the passive agent) of the clause a phrase
 * stands in, read from the part-of-speech tags of compromise (a small English tagger that knows
 * first names, pronouns, roles such as "engineer" and handles such as "@maya"). "Traffic failed
 * to reach the cluster" has a system for subject; "the on-call engineer failed to page" a person.
 *
 * compromise is loaded on first use (a quarter of a second): only a sentence holding a phrase of
 * a rule that asks about its subject is ever tagged.
 */
import { createRequire } from 'node:module';
import type nlpType from 'compromise/two';

/** A participant as the text may name them: word sequences, normalized (see mentionsOf in plugins.ts). */
export interface Mention {
  /** The participant as written in the front matter ("@maya.okafor"). */
  person: string;
  words: string[];
}

/** What stands as the subject of a phrase. */
export type SubjectKind =
  /** A person by name or handle ("Maya", "@maya.okafor", a participant of the front matter). */
  | 'named'
  /** A pronoun for people ("we", "they", "someone"). */
  | 'person'
  /** A role or a group of people ("the on-call engineer", "the team"). */
  | 'role'
  /** People affected, not responding ("customers", "users"). */
  | 'affected'
  /** A system, a process, a metric, an event ("traffic", "the deploy", "it"). */
  | 'system'
  /** A capitalised word alone that compromise does not know: a name or a product ("Priya", "Redis"). */
  | 'unknown'
  /** No subject in the clause: an imperative, a heading-like fragment, a log message. */
  | 'none';

/** The words that decide a subject's kind (src/lint/blameless.yaml `subjects:`). */
export interface SubjectWords {
  /** Pronouns and words for people. */
  people: readonly string[];
  /** Pronouns for things. */
  things: readonly string[];
  /** Roles and groups of people at work. */
  roles: readonly string[];
  /** People the incident happened to. */
  affected: readonly string[];
}

interface Term {
  text: string;
  normal: string;
  pre: string;
  post: string;
  tags: ReadonlySet<string>;
  start: number;
  end: number;
}

type Nlp = typeof nlpType;
let nlp: Nlp | undefined;
const load = createRequire(import.meta.url);

interface JsonTerm {
  text: string;
  normal: string;
  pre: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}

/**
 * Sentences already tagged, by their text: tagging depends on the text alone, and text recurs
 * (a contributing factor or a templated paragraph copied from incident to incident), while one
 * tagging costs about a millisecond. Bounded: cleared when full.
 */
const TAGGED = new Map<string, readonly Term[]>();
const TAGGED_MAX = 4096;

/** The tagged terms of a sentence, each with its offsets in `text` (not to be changed: they are shared). */
function termsOf(text: string): readonly Term[] {
  let terms = TAGGED.get(text);
  if (terms === undefined) {
    if (TAGGED.size >= TAGGED_MAX) TAGGED.clear();
    terms = tag(text);
    TAGGED.set(text, terms);
  }
  return terms;
}

function tag(text: string): Term[] {
  nlp ??= load('compromise/two') as Nlp;
  const sentences = nlp(text).json({ offset: true, terms: { offset: true } }) as { terms: JsonTerm[] }[];
  return sentences.flatMap((s) =>
    s.terms.map((t) => ({
      text: t.text,
      normal: t.normal,
      pre: t.pre,
      post: t.post,
      tags: new Set(t.tags),
      start: t.offset.start,
      end: t.offset.start + t.offset.length,
    })),
  );
}

/** Punctuation after a term that ends its clause. */
const CLAUSE_END = /[.!?,;:()\u2014\u2013"\u201c\u201d]|\s-\s/;
const endsClause = (t: Term) => CLAUSE_END.test(t.post);

const isNoun = (t: Term) => t.tags.has('Noun') || t.tags.has('Pronoun');
const isVerb = (t: Term) => t.tags.has('Verb');
/** Words between a subject and its verb: "had", "also", "not", "simply", "should". */
const isFiller = (t: Term) =>
  t.tags.has('Adverb') || t.tags.has('Auxiliary') || t.tags.has('Modal') || t.tags.has('Negative') || t.tags.has('Copula') || t.text === '';
/** Words of a noun phrase before its head: "the", "on-call", "database", "Maya's". */
const inNounPhrase = (t: Term) =>
  t.tags.has('Noun') || t.tags.has('Adjective') || t.tags.has('Determiner') || t.tags.has('Possessive') || t.tags.has('Value') || t.tags.has('Hyphenated');

/** Prepositions that attach a noun phrase to the one before it ("the author of the change"). */
const PREPOSITIONS = new Set(['of', 'on', 'in', 'at', 'from', 'for', 'with']);

const NAME_TAGS = ['Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName', 'AtMention', 'Honorific'];

/** A sentence's terms and the questions the rules ask about a phrase in it. */
export class TaggedSentence {
  readonly terms: readonly Term[];
  private readonly words: SubjectWords;
  private readonly people: readonly Mention[];
  private readonly text: string;
  constructor(text: string, words: SubjectWords, people: readonly Mention[]) {
    this.text = text;
    this.terms = termsOf(text);
    this.words = words;
    this.people = people;
  }

  /** The index of the term at a character offset (the first term starting at or after it). */
  termAt(offset: number): number {
    const i = this.terms.findIndex((t) => t.end > offset);
    return i < 0 ? this.terms.length : i;
  }

  /**
   * The kind of the subject of the phrase starting at term `i` (see SubjectKind), and its words.
   * A phrase that is not a verb ("by mistake" after "deleted the table") takes the subject of
   * the verb before it in its clause.
   */
  subjectOf(i: number, depth = 0, phrase = this.terms.length): { kind: SubjectKind; text: string } {
    const terms = this.terms;
    const first = terms[i];
    if (first && !isVerb(first) && depth < 3) {
      for (let k = i - 1; k >= 0 && !endsClause(terms[k]!); k--) {
        if (isVerb(terms[k]!) && !isFiller(terms[k]!)) return this.subjectOf(k, depth + 1, i);
      }
    }
    // A passive verb's subject suffers the action: the agent is after "by" (not the phrase's own
    // "by mistake"), or unnamed (a person implied).
    if (first?.tags.has('Passive') && terms[i - 1]?.tags.has('Passive')) return this.agentAfter(i + 1, phrase) ?? { kind: 'none', text: '' };
    let j = i - 1;
    if (j >= 0 && endsClause(terms[j]!)) return this.beforeComma(j);
    while (j >= 0 && isFiller(terms[j]!) && !endsClause(terms[j]!)) j--;
    if (j < 0) return { kind: 'none', text: '' };
    const t = terms[j]!;
    if (endsClause(t)) return this.beforeComma(j);
    if (t.normal === 'who') return j > 0 && isNoun(terms[j - 1]!) ? this.nounPhrase(j - 1) : { kind: 'person', text: 'who' };
    if ((t.normal === 'that' || t.normal === 'which') && j > 0 && isNoun(terms[j - 1]!)) return this.nounPhrase(j - 1);
    // "… restarted the pod and failed to …": the subject of the verb before "and".
    if (['and', 'but', 'or', 'then', 'yet', 'so'].includes(t.normal) && depth < 3) {
      const verb = terms.findIndex((x, k) => k < j && isVerb(x) && !isFiller(x));
      return verb >= 0 ? this.subjectOf(verb, depth + 1) : { kind: 'none', text: '' };
    }
    return isNoun(t) ? this.nounPhrase(j) : { kind: 'none', text: '' };
  }

  /**
   * The subject before a clause break: an appositive ("Alice, the on-call engineer, failed") or a
   * subject at the start of the sentence; not an introductory phrase ("Going forward, be careful").
   */
  private beforeComma(j: number): { kind: SubjectKind; text: string } {
    if (!isNoun(this.terms[j]!)) return { kind: 'none', text: '' };
    let start = j;
    while (start > 0 && inNounPhrase(this.terms[start - 1]!) && !endsClause(this.terms[start - 1]!)) start--;
    return start === 0 || endsClause(this.terms[start - 1]!) ? this.nounPhrase(j) : { kind: 'none', text: '' };
  }

  /** The agent of a passive verb ending at term `end` ("merged by Maya Okafor"), if any. */
  agentAfter(end: number, limit = this.terms.length): { kind: SubjectKind; text: string } | undefined {
    const terms = this.terms;
    for (let k = end; k < Math.min(limit, end + 3); k++) {
      if (terms[k]!.normal === 'by') {
        let last = k + 1;
        while (last + 1 < terms.length && inNounPhrase(terms[last + 1]!) && !endsClause(terms[last]!)) last++;
        return last < terms.length && isNoun(terms[last]!) ? this.nounPhrase(last, k + 1) : undefined;
      }
      if (endsClause(terms[k]!)) return undefined;
    }
    return undefined;
  }

  /** Whether a verb (not a noun or an adjective) follows the phrase ending at term `end`: "should have checked", not "should have clear rules". */
  verbAfter(end: number): boolean {
    let k = end;
    while (k < this.terms.length && this.terms[k]!.tags.has('Adverb')) k++;
    const t = this.terms[k];
    return t !== undefined && isVerb(t) && !t.tags.has('Noun') && !t.tags.has('Adjective');
  }

  /** Whether the clause before term `i` is negated ("no one is to blame", "we do not blame"). */
  negatedBefore(i: number): boolean {
    for (let k = i - 1; k >= 0; k--) {
      const t = this.terms[k]!;
      if (endsClause(t)) return false;
      if (t.tags.has('Negative') || ['not', 'no', 'never', 'nobody', 'without', 'nothing', 'none'].includes(t.normal)) return true;
    }
    return false;
  }

  /** The kind of the noun phrase whose head is term `head`. */
  private nounPhrase(head: number, from?: number): { kind: SubjectKind; text: string } {
    const terms = this.terms;
    let start = from ?? head;
    if (from === undefined) while (start > 0 && inNounPhrase(terms[start - 1]!) && !endsClause(terms[start - 1]!)) start--;
    // "the author of the change", "the engineer on shift": the head is before the preposition.
    const before = terms[start - 1];
    if (
      from === undefined &&
      start >= 2 &&
      before?.tags.has('Preposition') &&
      !endsClause(before) &&
      PREPOSITIONS.has(before.normal) &&
      isNoun(terms[start - 2]!)
    ) {
      return this.nounPhrase(start - 2);
    }
    const phrase = terms.slice(start, head + 1);
    const written = this.text.slice(phrase[0]!.start, terms[head]!.end);
    // "the on-call engineer", not "The on-call engineer", in the middle of a message.
    const text = phrase[0]!.tags.has('Determiner') || phrase[0]!.tags.has('Pronoun') ? written.charAt(0).toLowerCase() + written.slice(1) : written;
    const h = terms[head]!;
    const headWord = h.normal.replace(/['’]s$/, '');
    if (phrase.some((t) => NAME_TAGS.some((tag) => t.tags.has(tag)) || t.text.startsWith('@') || this.participant(t)) || this.participantPhrase(written)) {
      return { kind: 'named', text };
    }
    const { people, things, roles, affected } = this.words;
    if (h.tags.has('Pronoun') || people.includes(headWord) || things.includes(headWord)) {
      if (things.includes(headWord)) return { kind: 'system', text };
      // "they" stands for people unless the sentence named things first ("the pods … they").
      if (headWord === 'they' && terms.slice(0, start).some((t) => t.tags.has('Plural') && !t.tags.has('Actor') && !roles.includes(t.normal))) {
        return { kind: 'system', text };
      }
      return { kind: people.includes(headWord) ? 'person' : 'system', text };
    }
    if (affected.includes(headWord)) return { kind: 'affected', text };
    if (roles.includes(headWord) || h.tags.has('Actor')) return { kind: 'role', text };
    // A capitalised word alone ("Priya", "Redis"): a name compromise does not know, or a product.
    if (phrase.length === 1 && /^\p{Lu}\p{Ll}+$/u.test(h.text) && !h.tags.has('Plural')) return { kind: 'unknown', text };
    return { kind: 'system', text };
  }

  /** Whether a noun phrase is a participant written whole ("Alice Smith", "team-platform", "@maya.okafor"). */
  private participantPhrase(written: string): boolean {
    const key = written
      .toLowerCase()
      .replace(/['’]s$/, '')
      .replace(/[^\p{L}\p{N}]/gu, '');
    return key !== '' && this.people.some((m) => m.words.join('').replace(/[^\p{L}\p{N}]/gu, '') === key);
  }

  /** Whether a term is a participant of the incident (front matter), by one of their words. */
  private participant(t: Term): boolean {
    const word = t.normal.replace(/['’]s$/, '').replace(/^@/, '');
    return this.people.some((m) => m.words.length === 1 && m.words[0] === word.replace(/['’‘-]/g, ''));
  }
}
