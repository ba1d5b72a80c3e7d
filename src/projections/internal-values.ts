/**
 * What the leak guard looks for: every internal-only value of the content, as text that would
 * show up in a file of the public site if it ever reached one.
 *
 * Internal = everything but what the public projection carries:
 * - every kind with `audience: 'internal'` (runbooks, concerns, experiments, OpenSLO documents,
 *   error-budget policies), whole: ids, every text field, bodies;
 * - incidents: the internal title, the retrospective body, participants, contributing factors,
 *   follow-ups, tags, references (services, SLOs, runbooks); an incident without a `public`
 *   block also with its id. Its `public` block and impact (component names) are public;
 * - services: name, description, owner, links, dependencies, id; `statusPage` is public;
 * - maintenance and keel.yaml are public by nature.
 *
 * Values that cannot carry a secret are left out: enumerations (status, type, severity, …),
 * numbers, booleans, timestamps, dates and durations. Text that the public projection itself
 * contains (an internal title equal to the public one, a service id equal to a component's id,
 * a retrospective quoting a public update) is allowed. Short values are left out: a value under
 * {@link MIN_VALUE} characters, or a fragment of Markdown under {@link MIN_FRAGMENT}, would be
 * found by chance; so is a value with fewer than {@link MIN_VALUE} letters and digits besides
 * the public names (organisation, groups, components) it contains.
 *
 * Markdown (bodies and long text fields) is cut into fragments at its markup (emphasis, code,
 * links, tables, list markers, quotes): what a renderer would keep as one run of text.
 */
import type { ContentIndex } from '../content/entry.ts';
import { publicStatus, type PublicStatus } from './public/status.ts';

/** One internal value and where it comes from (`content/incidents/x.md: followUps[0].owner`). */
export interface InternalValue {
  /** The text as searched for (normalised with {@link normaliseText}). */
  text: string;
  source: string;
}

/** Shortest whole value looked for. */
export const MIN_VALUE = 8;
/** Shortest Markdown fragment looked for. */
export const MIN_FRAGMENT = 16;

/**
 * Keys whose string values are enumerations (or formats) rather than free text: not looked for,
 * wherever they are (an OpenSLO data source's `type`, an alert's `severity`, a `tier` label too).
 */
export const ENUM_KEYS: ReadonlySet<string> = new Set([
  'apiVersion',
  'kind',
  'status',
  'type',
  'priority',
  'category',
  'severity',
  'default',
  'detection',
  'tier',
  'level',
  'outcome',
  'value',
  'effort',
  'complexity',
  'risk',
  'op',
  'budgetingMethod',
  'timeZone',
  'unit',
]);

/** Timestamps, dates, durations and numbers written as text. */
const NOT_TEXT = /^(\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?|\d+(\.\d+)?[smhdwMQY]?|\d+(\.\d+)?%?)$/;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeOnce(text: string): string {
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\\(u[0-9a-fA-F]{4}|["\\/nrt])/g, (_, e: string) =>
      e[0] === 'u' ? String.fromCharCode(parseInt(e.slice(1), 16)) : e === 'n' || e === 'r' || e === 't' ? ' ' : e,
    );
}

/**
 * Text as the guard compares it, in output files and in values alike: HTML/XML character
 * references and JSON escapes decoded (repeatedly: a feed holds escaped HTML), whitespace runs
 * made one space.
 */
export function normaliseText(text: string): string {
  let out = text;
  for (let i = 0; i < 3 && (out.includes('&') || out.includes('\\')); i++) {
    const next = decodeOnce(out);
    if (next === out) break;
    out = next;
  }
  return out.replace(/\s+/g, ' ');
}

/** Runs of text in Markdown: lines without their block markers, cut at inline markup. */
export function markdownFragments(markdown: string): string[] {
  const out: string[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const text = line.replace(/^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+|#{1,6}\s+)?/, '');
    for (const part of text.split(/[*`[\]()<>{}|~"'“”‘’]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|\s--?\s/u)) {
      const fragment = part.trim();
      if (fragment.length >= MIN_FRAGMENT && /\p{L}/u.test(fragment)) out.push(fragment);
    }
  }
  return out;
}

type Sink = (value: string, path: string) => void;

/** Every free-text string below `value`, with its path (`followUps[0].owner`). */
function strings(value: unknown, path: string, emit: Sink, skip: (path: string) => boolean = () => false, all = false): void {
  if (skip(path)) return;
  if (typeof value === 'string') {
    if (all) return emit(value, path);
    const key = /([A-Za-z]+)$/.exec(path.replace(/\[\d+\]$/, ''))?.[1];
    if (key !== undefined && ENUM_KEYS.has(key)) return;
    if (!NOT_TEXT.test(value.trim())) emit(value, path);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => strings(item, `${path}[${i}]`, emit, skip, all));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) strings(item, path ? `${path}.${key}` : key, emit, skip, all);
  }
}

/** Every string of a public value: what the public site may legitimately show. */
function publicTexts(status: PublicStatus): string {
  const out: string[] = [];
  strings(status, '', (value) => out.push(normaliseText(value)), undefined, true);
  return out.join('\n');
}

/**
 * The internal values of a content folder, without those the public projection shows (at
 * `now`), each once (the first source found).
 */
export function internalValues(index: ContentIndex, now: number): InternalValue[] {
  return internalValueSearch(index, now).values;
}

/** The internal values and a search for them in one pass over a text (indexes into `values`). */
export interface InternalValueSearch {
  values: InternalValue[];
  search: (text: string) => number[];
}

/**
 * {@link internalValues} with the search the leak guard runs over every output file: the one
 * multi-pattern search built over every candidate (to leave out what the public projection shows)
 * serves the guard too, so a large history builds it once.
 */
export function internalValueSearch(index: ContentIndex, now: number): InternalValueSearch {
  const found = new Map<string, string>();
  const add = (text: string, source: string) => {
    const normalised = normaliseText(text).trim();
    if (!found.has(normalised)) found.set(normalised, source);
  };
  const value =
    (file: string): Sink =>
    (text, path) => {
      if (text.trim().length >= MIN_VALUE) add(text, `${file}: ${path}`);
      if (/\s/.test(text.trim())) for (const fragment of markdownFragments(text)) add(fragment, `${file}: ${path}`);
    };
  const body = (file: string, text: string) => {
    for (const fragment of markdownFragments(text)) add(fragment, `${file}: body`);
  };

  const { collections } = index;
  for (const [name, entries] of Object.entries(collections)) {
    if (name === 'maintenance') continue;
    for (const entry of entries) {
      const emit = value(entry.file);
      if (name === 'incidents') {
        const incident = entry as (typeof collections.incidents)[number];
        const published = incident.data.public !== undefined;
        if (!published) emit(incident.id, 'id');
        strings(incident.data, '', emit, (path) => path === 'public' || path === 'impact' || (published && path === 'id'));
      } else if (name === 'services') {
        emit(entry.id, 'id');
        strings(entry.data, '', emit, (path) => path === 'statusPage');
      } else {
        emit(entry.id, 'id');
        strings(entry.data, '', emit);
      }
      if ('body' in entry && typeof entry.body === 'string') body(entry.file, entry.body);
    }
  }

  const candidates = [...found].flatMap(([text, source]) => (text.length >= MIN_VALUE ? [{ text, source }] : []));
  const all = new ValueSearch(candidates.map((c) => c.text));
  const settings = index.settings?.data;
  if (!settings) return { values: candidates, search: (text) => all.search(text) };
  const status = publicStatus({ settings, services: collections.services, incidents: collections.incidents, maintenance: collections.maintenance, now });
  const shown = new Set(all.search(publicTexts(status)));
  const names = publicNames(status);
  // Candidate index → index of the value kept, or -1.
  const kept = new Int32Array(candidates.length).fill(-1);
  const values: InternalValue[] = [];
  candidates.forEach((c, i) => {
    if (shown.has(i) || substance(c.text, names) < MIN_VALUE) return;
    kept[i] = values.length;
    values.push(c);
  });
  return { values, search: (text) => all.search(text).flatMap((i) => (kept[i]! >= 0 ? [kept[i]!] : [])) };
}

/** The names the public site prints everywhere (organisation, groups, components), as one pattern, longest first. */
function publicNames(status: PublicStatus): RegExp {
  const names = new Set([status.page.name, ...status.groups.map((g) => g.name), ...status.components.map((c) => c.name)].filter((n) => n.length > 0));
  const sorted = [...names].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(sorted.length > 0 ? sorted.join('|') : '(?!)', 'g');
}

/**
 * Letters and digits left in a value once the public names are taken out: "on Compliance API."
 * (a runbook's words around a component name) is no secret, and the site's own sentences
 * around that name ("No incidents on Compliance API.") would match it by chance.
 */
function substance(text: string, names: RegExp): number {
  return text.replace(names, ' ').replace(/[^\p{L}\p{N}]/gu, '').length;
}

/**
 * Finds which of many strings (each at least {@link MIN_VALUE} long) occur in a text, in one
 * pass over the text (Rabin–Karp over many patterns). Each value is anchored at the window of
 * {@link MIN_VALUE} code units that the fewest other values share (so that thousands of links
 * starting with "https://" do not all become candidates wherever the text says "https://"); a
 * rolling hash of the text's window at each position picks the candidates, a bit set skips most
 * positions without a lookup, and only the candidates are compared.
 */
export class ValueSearch {
  readonly #texts: readonly string[];
  /** Hash of a value's anchor window → [value index, anchor offset] pairs, flattened. */
  readonly #byHash = new Map<number, number[]>();
  readonly #bits = new Uint32Array(FILTER_BITS >>> 5);

  constructor(texts: readonly string[]) {
    this.#texts = texts;
    // How many windows of all values share each hash (approximately: by a slot of the hash). The
    // rolling hash is written out in each loop (no callback per window): with a hundred thousand
    // values of a large history, calls and closures cost more than the hashing.
    const uses = new Uint16Array(FILTER_BITS >>> 4);
    const mask = uses.length - 1;
    for (const text of texts) {
      if (text.length < MIN_VALUE) throw new RangeError(`a searched value must be at least ${MIN_VALUE} characters long (got "${text}")`);
      let h = windowHash(text);
      for (let i = 0; ; i++) {
        const slot = h & mask;
        if (uses[slot]! < 0xffff) uses[slot]!++;
        if (i + MIN_VALUE >= text.length) break;
        h = roll(h, text.charCodeAt(i), text.charCodeAt(i + MIN_VALUE));
      }
    }
    for (let index = 0; index < texts.length; index++) {
      const text = texts[index]!;
      let h = windowHash(text);
      let best = Number.POSITIVE_INFINITY;
      let offset = 0;
      let anchor = 0;
      for (let i = 0; ; i++) {
        const n = uses[h & mask]!;
        if (n < best) {
          best = n;
          offset = i;
          anchor = h;
        }
        if (i + MIN_VALUE >= text.length) break;
        h = roll(h, text.charCodeAt(i), text.charCodeAt(i + MIN_VALUE));
      }
      const list = this.#byHash.get(anchor);
      if (list) list.push(index, offset);
      else this.#byHash.set(anchor, [index, offset]);
      this.#bits[(anchor & (FILTER_BITS - 1)) >>> 5]! |= 1 << (anchor & 31);
    }
  }

  /** Indexes (into the texts given) of the texts found in `haystack`, in the order given. */
  search(haystack: string): number[] {
    const found = new Set<number>();
    if (this.#texts.length === 0 || haystack.length < MIN_VALUE) return [];
    const bits = this.#bits;
    let h = windowHash(haystack);
    for (let i = 0; ; i++) {
      if ((bits[(h & (FILTER_BITS - 1)) >>> 5]! & (1 << (h & 31))) !== 0) {
        const candidates = this.#byHash.get(h);
        if (candidates) {
          for (let c = 0; c < candidates.length; c += 2) {
            const index = candidates[c]!;
            const start = i - candidates[c + 1]!;
            if (start >= 0 && !found.has(index) && haystack.startsWith(this.#texts[index]!, start)) found.add(index);
          }
        }
      }
      if (i + MIN_VALUE >= haystack.length) break;
      h = roll(h, haystack.charCodeAt(i), haystack.charCodeAt(i + MIN_VALUE));
    }
    return [...found].sort((a, b) => a - b);
  }
}

const BASE = 257;
/** BASE to the power MIN_VALUE - 1, modulo 2^32. */
const POW = Array.from({ length: MIN_VALUE - 1 }).reduce<number>((p) => Math.imul(p, BASE), 1);
/** Size of the bit set that filters positions before the map lookup (2 MiB). */
const FILTER_BITS = 1 << 24;

/** The hash of the first MIN_VALUE code units of `text`. */
function windowHash(text: string): number {
  let h = 0;
  for (let i = 0; i < MIN_VALUE; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}

/** The hash of the next window: `out` leaves it, `into` enters it. */
const roll = (h: number, out: number, into: number): number => (Math.imul((h - Math.imul(out, POW)) | 0, BASE) + into) | 0;
