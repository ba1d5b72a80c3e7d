import { defineRule } from '../../core/rule.ts';
import { didYouMean } from '../../core/suggest.ts';
import { readSections, type Section } from '../../lint/markdown.ts';
import { RETROSPECTIVE_EXTRA_SECTIONS, RETROSPECTIVE_SECTIONS } from '../../schemas/retrospective.ts';
import { DEFAULT_REQUIRED_SECTIONS, type RequiredSection, type Settings } from '../../schemas/settings.ts';
import { retrospectiveState } from '../retrospective-state.ts';
import { defineBodyRule } from '../rule.ts';

/** Headings recur from retrospective to retrospective ("Summary", "Timeline"): each key is made once. */
const KEYS = new Map<string, string>();

const GUIDANCE = new Map<string, string>([...RETROSPECTIVE_SECTIONS, ...RETROSPECTIVE_EXTRA_SECTIONS].map((s) => [key(s.heading), s.guidance]));

/** Headings compare without case and with spaces collapsed (a Section's heading comes collapsed and trimmed). */
function key(heading: string): string {
  let known = KEYS.get(heading);
  if (known === undefined) {
    const lower = heading.toLowerCase();
    known = /\s\s|[\t\n\r]|^\s|\s$/.test(lower) ? lower.replace(/\s+/g, ' ').trim() : lower;
    if (KEYS.size >= 4096) KEYS.clear();
    KEYS.set(heading, known);
  }
  return known;
}

/** A required section, its heading and aliases as keys. */
interface Required {
  heading: string;
  aliases: readonly string[];
  keys: ReadonlySet<string>;
}

/** The required sections of the settings, computed once per settings. */
let requiredOf: { settings: Settings | undefined; required: Required[] } | undefined;

function required(settings: Settings | undefined): Required[] {
  if (requiredOf && requiredOf.settings === settings) return requiredOf.required;
  const sections: readonly RequiredSection[] = settings?.retrospective.requiredSections ?? DEFAULT_REQUIRED_SECTIONS;
  const seen = new Set<string>();
  const out: Required[] = [];
  for (const { heading, aliases } of sections) {
    if (seen.has(key(heading))) continue;
    seen.add(key(heading));
    out.push({ heading, aliases, keys: new Set([heading, ...aliases].map(key)) });
  }
  requiredOf = { settings, required: out };
  return out;
}

interface Problem {
  section: Required;
  /** The empty section; undefined when it is missing. */
  found: Section | undefined;
}

/** What is wrong with the sections: required ones missing (under their heading and every alias), or present with nothing under them (the first counts). */
function problems(sections: readonly Section[], wanted: readonly Required[]): Problem[] {
  const keys = sections.map((s) => key(s.heading));
  const out: Problem[] = [];
  for (const section of wanted) {
    const found = sections[keys.findIndex((k) => section.keys.has(k))];
    if (!found) out.push({ section, found: undefined });
    else if (found.empty) out.push({ section, found });
  }
  return out;
}

/** The words of a heading, lower case; "follow-up" is one word. */
const wordsOf = (heading: string): string[] => heading.toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [];

/**
 * How close a heading of the document is to a required section: the words it shares with the
 * heading or an alias (the last word, the head noun, counts more), or a likely typo.
 */
function closeness(heading: string, section: Required): number {
  const words = wordsOf(heading);
  let best = 0;
  for (const name of [section.heading, ...section.aliases]) {
    const theirs = wordsOf(name);
    const shared = words.filter((w) => theirs.includes(w)).length;
    const union = new Set([...words, ...theirs]).size;
    let score = union === 0 ? 0 : shared / union;
    if (words.length > 0 && words.at(-1) === theirs.at(-1)) score += 0.5;
    if (didYouMean(name, [heading])) score += 1;
    best = Math.max(best, score);
  }
  return best;
}

/**
 * The document's headings closest to a missing section (at most two): a heading counts for the
 * section it is closest to, so "## Follow-up timeline" is offered for the timeline, not for
 * "Follow-up actions".
 */
function closestHeadings(section: Required, others: readonly string[], wanted: readonly Required[]): string[] {
  return others
    .map((heading) => ({ heading, score: closeness(heading, section) }))
    .filter(({ heading, score }) => score > 0 && wanted.every((other) => other === section || closeness(heading, other) <= score))
    .sort((a, b) => b.score - a.score)
    .slice(0, 2)
    .map(({ heading }) => heading);
}

const quoteHeadings = (headings: readonly string[]) => headings.map((h) => `"## ${h}"`).join(' or ');

/** ' (or "## Action items", "## Next steps", …)' */
function aliasText(section: Required): string {
  if (section.aliases.length === 0) return '';
  const shown = section.aliases.slice(0, 3).map((a) => `"## ${a}"`);
  return ` (or ${shown.join(', ')}${section.aliases.length > 3 ? ', …' : ''})`;
}

const OWN_TEMPLATE = "Or declare your team's own template (headings and aliases) in keel.yaml retrospective.requiredSections";

export default defineBodyRule({
  meta: defineRule({
    id: 'retrospective/sections',
    severity: 'error',
    summary:
      'A retrospective without one of its required sections as a non-empty ## heading, under its heading or one of its aliases (keel.yaml retrospective.requiredSections; default: the seven elements with the headings other templates use), or with a code fence left open, which hides every heading after it. An error once published; a warning on a draft or in-review retrospective of a resolved incident.',
    configurable: true,
    messages: {
      missing: { text: '{status} retrospective has no "## {section}" section{aliases}', hint: `add "## {section}": {hint} ${OWN_TEMPLATE}` },
      near: {
        text: '{status} retrospective has no "## {section}" section{aliases}',
        hint: 'the closest headings here: {near}; rename it to "## {section}", or list it as an alias of "{section}" in keel.yaml retrospective.requiredSections',
      },
      empty: { text: 'section "## {section}" is empty ({status} retrospective)', hint: 'write it: {hint}' },
      unclosedFence: {
        text: 'code fence {fence} is never closed: every heading after it is read as code ({status} retrospective)',
        hint: 'close it with a line of {fence}',
      },
    },
  }),
  collections: ['incidents'],
  check(body, { file, data, settings, report }) {
    const state = retrospectiveState(data, body.text);
    if (!state) return;
    const wanted = required(settings);
    if (wanted.length === 0) return;
    const { sections, unclosedFence } = readSections(body.text, body.format, (scanned) => problems(scanned, wanted).length === 0);
    const at = (line: number, column: number) => ({ file, line: line + body.line - 1, column });
    if (unclosedFence) {
      report(at(unclosedFence.line, unclosedFence.column), {
        message: 'unclosedFence',
        data: { status: state.status, fence: unclosedFence.fence },
        severity: state.severity,
      });
    }
    const found = problems(sections, wanted);
    if (found.length === 0) return;
    const others = sections.map((s) => s.heading).filter((h) => !wanted.some((r) => r.keys.has(key(h))));
    // A missing section is reported where the body starts (at the closing fence when there is no body).
    const start = body.text.trim() === '' ? { file, line: Math.max(1, body.line - 1), column: 1 } : { file, line: body.line, column: 1 };
    for (const { section, found: empty } of found) {
      const hint = GUIDANCE.get(key(section.heading)) ?? 'say what the team agreed it holds';
      const common = { status: state.status, section: section.heading, hint, aliases: aliasText(section) };
      if (empty) {
        report(at(empty.line, empty.column), { message: 'empty', data: common, severity: state.severity });
        continue;
      }
      const near = closestHeadings(section, others, wanted);
      if (near.length > 0) report(start, { message: 'near', data: { ...common, near: quoteHeadings(near) }, severity: state.severity });
      else report(start, { message: 'missing', data: common, severity: state.severity });
    }
  },
});
