import { defineRule } from '../../core/rule.ts';
import { didYouMean } from '../../core/suggest.ts';
import { parseMarkdown, scanSections, treeSections, type Section } from '../../lint/markdown.ts';
import { RETROSPECTIVE_EXTRA_SECTIONS, RETROSPECTIVE_SECTIONS } from '../../schemas/retrospective.ts';
import { retrospectiveState } from '../retrospective-state.ts';
import type { Settings } from '../../schemas/settings.ts';
import { defineBodyRule } from '../rule.ts';

const DEFAULT_SECTIONS = RETROSPECTIVE_SECTIONS.map((s) => s.heading);
const GUIDANCE = new Map<string, string>([...RETROSPECTIVE_SECTIONS, ...RETROSPECTIVE_EXTRA_SECTIONS].map((s) => [key(s.heading), s.guidance]));

/** Headings compare without case and with spaces collapsed (a Section's heading comes collapsed and trimmed). */
function key(heading: string): string {
  const lower = heading.toLowerCase();
  return /\s\s|[\t\n\r]|^\s|\s$/.test(lower) ? lower.replace(/\s+/g, ' ').trim() : lower;
}

/** A heading that may be meant as `wanted`: a likely typo, or the same first six letters ("Follow-ups"). */
function nearHeading(wanted: string, present: readonly string[]): string | undefined {
  const stem = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}]/gu, '')
      .slice(0, 6);
  return didYouMean(wanted, present) ?? present.find((h) => stem(h).length === 6 && stem(h) === stem(wanted));
}

/** A required heading and its key. */
interface Required {
  heading: string;
  key: string;
}

/** The required sections of the settings, computed once per settings. */
let requiredOf: { settings: Settings | undefined; required: Required[] } | undefined;

function required(settings: Settings | undefined): Required[] {
  if (requiredOf && requiredOf.settings === settings) return requiredOf.required;
  const headings = settings?.retrospective.requiredSections ?? DEFAULT_SECTIONS;
  const byKey = new Map(headings.map((heading) => [key(heading), { heading, key: key(heading) }]));
  requiredOf = { settings, required: [...byKey.values()] };
  return requiredOf.required;
}

interface Problem {
  heading: string;
  /** The empty section; undefined when it is missing. */
  section: Section | undefined;
}

/** What is wrong with the sections: required headings missing, or present with nothing under them (the first of a heading counts). */
function problems(sections: readonly Section[], required: readonly Required[]): Problem[] {
  const keys = sections.map((s) => key(s.heading));
  const out: Problem[] = [];
  for (const { heading, key: k } of required) {
    const found = sections[keys.indexOf(k)];
    if (!found) out.push({ heading, section: undefined });
    else if (found.empty) out.push({ heading, section: found });
  }
  return out;
}

export default defineBodyRule({
  meta: defineRule({
    id: 'retrospective/sections',
    severity: 'error',
    summary:
      'A retrospective without one of its required sections as a non-empty ## heading (keel.yaml retrospective.requiredSections; default: the seven elements). An error once published; a warning on a draft or in-review retrospective of a resolved incident.',
    configurable: true,
    messages: {
      missing: { text: '{status} retrospective has no "## {section}" section', hint: 'add "## {section}": {hint}' },
      renamed: {
        text: '{status} retrospective has no "## {section}" section',
        hint: 'rename "## {near}" to "## {section}" (keel.yaml retrospective.requiredSections)',
      },
      empty: { text: 'section "## {section}" is empty ({status} retrospective)', hint: 'write it: {hint}' },
    },
  }),
  collections: ['incidents'],
  check(body, { file, data, settings, report }) {
    const state = retrospectiveState(data, body.text);
    if (!state) return;
    const wanted = required(settings);
    if (wanted.length === 0) return;
    // The line scan answers for most bodies; remark parses only when it is unsure or finds something.
    let sections = scanSections(body.text, body.format);
    if (!sections || problems(sections, wanted).length > 0) {
      const tree = parseMarkdown(body.text, body.format);
      sections = tree ? treeSections(tree) : (sections ?? scanSections(body.text, body.format, true)!);
    }
    const found = problems(sections, wanted);
    if (found.length === 0) return;
    const others = sections.map((s) => s.heading).filter((h) => !wanted.some((r) => r.key === key(h)));
    // A missing section is reported where the body starts (at the closing fence when there is no body).
    const start = body.text.trim() === '' ? { file, line: Math.max(1, body.line - 1), column: 1 } : { file, line: body.line, column: 1 };
    for (const { heading, section } of found) {
      const hint = GUIDANCE.get(key(heading)) ?? 'say what the team agreed it holds';
      const common = { status: state.status, section: heading, hint };
      if (section) {
        report({ file, line: section.line + body.line - 1, column: section.column }, { message: 'empty', data: common, severity: state.severity });
        continue;
      }
      const near = nearHeading(heading, others);
      if (near) report(start, { message: 'renamed', data: { ...common, near }, severity: state.severity });
      else report(start, { message: 'missing', data: common, severity: state.severity });
    }
  },
});
