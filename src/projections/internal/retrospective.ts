/**
 * A retrospective's body with its MDX components, rendered without running the MDX: the loader
 * replaces each component the MDX check found (src/content/mdx-components.ts) by a mark before
 * Astro renders the body as Markdown (`markComponents`); the page cuts the rendered HTML at the
 * marks (`bodyParts`) and puts there what `retrospectiveComponents` computed for each use:
 * - `<SloChart slo="…" objective from to />`: the SLI and error budget remaining of each of the
 *   SLO's objectives (or of the one `objective` names) around the incident (by default as long
 *   before and after it as it lasted, at least six hours), the incident's
 *   interval shaded — from the SLO engine's own events and budget view, so the figures agree with
 *   the SLO's page;
 * - `<KeyTimes />`: the key times and every public update, in time order, with the time since
 *   the one before.
 */
import { HOUR_MS, instantOf, isTimestamp } from '../../core/time.ts';
import { COMPOSITE_OBJECTIVE, objectiveNames, rendersUse, type ComponentUse } from '../../core/mdx-components.ts';
import type { ContentIndex } from '../../content/entry.ts';
import { compositeBudget, isComposite } from '../../domain/slo/evaluate.ts';
import { budgetRatio } from '../../domain/slo/events.ts';
import { objectiveView, type BudgetView } from '../../domain/slo/view.ts';
import { windowSpec, type Interval } from '../../domain/slo/windows.ts';
import type { Incident } from '../../schemas/incident.ts';
import { markdownToHtml } from '../public/markdown.ts';
import { HREF, objectiveKey } from './links.ts';
import { measuredSlosOf, objectiveEvents, type MeasuredSlo } from './slo-periods.ts';
import { chart, type Chart, type Link } from './slos.ts';

/** A mark no author writes (a private-use character around it), kept by Markdown and the sanitiser as text. */
const MARK = '\u{E000}keel-component-';
const MARK_END = '\u{E000}';
const MARKED = new RegExp(`<p>${MARK}(\\d+)${MARK_END}</p>|${MARK}(\\d+)${MARK_END}`, 'gu');

/** The body with each rendered component replaced by its mark (a paragraph of its own for a block). */
export function markComponents(body: string, uses: readonly ComponentUse[]): string {
  let out = '';
  let from = 0;
  uses.forEach((use, i) => {
    if (!rendersUse(use) || use.start < from) return;
    const mark = `${MARK}${i}${MARK_END}`;
    out += body.slice(from, use.start) + (use.flow ? `\n\n${mark}\n\n` : mark);
    from = use.end;
  });
  return out + body.slice(from);
}

export type BodyPart = { readonly html: string; readonly component?: undefined } | { readonly component: number; readonly html?: undefined };

/** The rendered HTML cut at the component marks: HTML, then the component of use n, then HTML… */
export function bodyParts(html: string): BodyPart[] {
  const parts: BodyPart[] = [];
  let from = 0;
  for (const m of html.matchAll(MARKED)) {
    if (m.index > from) parts.push({ html: html.slice(from, m.index) });
    parts.push({ component: Number(m[1] ?? m[2]) });
    from = m.index + m[0].length;
  }
  if (from < html.length) parts.push({ html: html.slice(from) });
  return parts;
}

export interface TimelineItem {
  readonly label: string;
  /** undefined: not recorded (a key time the front matter does not give). */
  readonly at: number | undefined;
  readonly kind: 'key' | 'update';
  /** Time since the item before it that has a time; undefined for the first or when not recorded. */
  readonly sincePrevious: number | undefined;
  /** A public update's text as customers read it (the public site's Markdown subset, sanitised). */
  readonly html?: string | undefined;
}

const KEY_LABELS = { started: 'Started', detected: 'Detected', acknowledged: 'Acknowledged', mitigated: 'Mitigated', resolved: 'Resolved' } as const;

/** The key times and public updates of an incident in time order (a key time before an update at the same instant), then the key times not recorded. */
export function keyTimeline(data: Pick<Incident, keyof typeof KEY_LABELS | 'public'>): TimelineItem[] {
  const timed: { label: string; at: number; kind: 'key' | 'update'; html?: string }[] = [];
  const missing: TimelineItem[] = [];
  for (const [key, label] of Object.entries(KEY_LABELS) as [keyof typeof KEY_LABELS, string][]) {
    const text = data[key];
    if (text === undefined) missing.push({ label, at: undefined, kind: 'key', sincePrevious: undefined });
    else timed.push({ label, at: instantOf(text), kind: 'key' });
  }
  (data.public?.updates ?? []).forEach((u, i) =>
    timed.push({
      label: `Public update ${i + 1}${u.status === undefined ? '' : ` (${u.status})`}`,
      at: instantOf(u.at),
      kind: 'update',
      html: markdownToHtml(u.body),
    }),
  );
  const order = timed.map((t, i) => ({ t, i })).sort((a, b) => a.t.at - b.t.at || (a.t.kind === b.t.kind ? a.i - b.i : a.t.kind === 'key' ? -1 : 1));
  const items = order.map(({ t }, k): TimelineItem => ({ ...t, sincePrevious: k === 0 ? undefined : t.at - order[k - 1]!.t.at }));
  return [...items, ...missing];
}

export interface SloChartView {
  readonly name: 'SloChart';
  readonly slo: Link;
  /** The interval shown and the incident's (started to mitigated, resolved, or now). */
  readonly from: number;
  readonly to: number;
  readonly incident: { readonly from: number; readonly to: number };
  /** The objectives charted, in the SLO's order: every one, or the one `objective` names. */
  readonly objectives: readonly ObjectiveCharts[];
}

/** One objective's SLI and budget charts, linked to its page. */
export interface ObjectiveCharts {
  /** As the SLO's page names it (`objectiveNames`). */
  readonly label: string;
  readonly href: string;
  readonly charts: readonly Chart[];
}

export type ComponentView =
  | SloChartView
  | { readonly name: 'KeyTimes'; readonly items: readonly TimelineItem[] }
  /** A use the page cannot render (validation reports it): nothing is drawn. */
  | { readonly name: 'none' };

/** How far before and after the incident a chart reaches by default: as long as it lasted, at least this. */
const MIN_MARGIN_MS = 6 * HOUR_MS;

/** What each component use of an incident's body shows, by its position in `entry.components`. */
export function retrospectiveComponents(
  index: ContentIndex,
  incident: { id: string; data: Incident; components?: readonly ComponentUse[] | undefined },
  now: number,
  measured = measuredSlosOf(index),
): ComponentView[] {
  const uses = incident.components ?? [];
  if (uses.length === 0) return [];
  const data = incident.data;
  const started = instantOf(data.started);
  const ended = data.resolved ?? data.mitigated;
  const incidentEnd = Math.min(ended === undefined ? now : instantOf(ended), now);
  return uses.map((use): ComponentView => {
    if (!rendersUse(use)) return { name: 'none' };
    if (use.name === 'KeyTimes') return { name: 'KeyTimes', items: keyTimeline(data) };
    const prop = (name: string) => use.props.find((p) => p.name === name)?.value;
    const slo = measured.get(prop('slo')!);
    if (slo === undefined) return { name: 'none' };
    const margin = Math.max(MIN_MARGIN_MS, incidentEnd - started);
    const time = (name: string, fallback: number) => {
      const text = prop(name);
      return text !== undefined && isTimestamp(text) ? instantOf(text) : fallback;
    };
    const from = time('from', started - margin);
    const to = Math.min(time('to', incidentEnd + margin), now);
    const names = objectiveNames(slo.slo.spec.objectives, isComposite(slo.slo));
    const wanted = prop('objective');
    if (wanted !== undefined && !names.includes(wanted)) return { name: 'none' };
    const title = slo.slo.metadata.displayName ?? slo.id;
    return {
      name: 'SloChart',
      slo: { id: slo.id, title, href: HREF.slo(slo.id) },
      from,
      to,
      incident: { from: started, to: incidentEnd },
      objectives: objectiveCharts(slo, wanted, { from, to }, { from: started, to: incidentEnd }, now, incident.id),
    };
  });
}

/**
 * The SLI and budget charts over `(from, to]` of each objective of an SLO and of a composite
 * SLO's combination (or of the one named `only`), the incident shaded; each linked to its page on
 * the internal site (the SLO's first page is its composite's, else its first objective's).
 */
function objectiveCharts(
  slo: MeasuredSlo,
  only: string | undefined,
  { from, to }: Interval,
  incident: Interval,
  now: number,
  prefix: string,
): ObjectiveCharts[] {
  const objectives = slo.slo.spec.objectives;
  const composite = isComposite(slo.slo);
  const names = objectiveNames(objectives, composite);
  const events = objectiveEvents(slo);
  const bands = [{ label: 'incident', from: Math.max(from, incident.from), to: Math.min(to, incident.to) }];
  const empty = 'No measurements of this SLO around the incident.';
  /** What one pair of charts reads: a budget view, its target and the instants it has figures at. */
  const budgetOf = (i: number): { view: BudgetView; target: number; time: readonly number[] } | undefined => {
    if (i === objectives.length) return compositeBudget({ slo: slo.slo, series: slo.series, now });
    const objective = events[i];
    if (objective?.events === undefined) return undefined;
    return {
      view: objectiveView(objective.events, objective.target, windowSpec(slo.slo), now),
      target: objective.target,
      time: Array.from(objective.events.time),
    };
  };
  return names.flatMap((label, i): ObjectiveCharts[] => {
    if (only !== undefined && label !== only) return [];
    const isCombination = i === objectives.length;
    const href = isCombination || (i === 0 && !composite) ? HREF.slo(slo.id) : HREF.slo(slo.id, objectiveKey(objectives[i]!.displayName ?? i));
    const id = `${prefix}-${slo.id}-${isCombination ? COMPOSITE_OBJECTIVE : i}`;
    // A lone objective without a displayName is the SLO itself: its charts need no name.
    const of = objectives.length === 1 && objectives[0]!.displayName === undefined ? '' : ` (${label})`;
    const budget = budgetOf(i);
    if (budget === undefined) return [{ label, href, charts: [chart(`${id}-sli`, `SLI against the target${of}`, 'ratio', ['SLI'], [], [], empty)] }];
    const { view, target } = budget;
    const points = budget.time.filter((t) => t > from && t <= to);
    const ratio = budgetRatio(target);
    const sli = view.resolutionMs === undefined ? points.map(() => Number.NaN) : Array.from(view.burnSweep(points, view.resolutionMs), (b) => 1 - b * ratio);
    const remaining = points.map((t) => {
      const consumed = view.consumed(t);
      return consumed === null ? Number.NaN : 1 - consumed;
    });
    const noData = points.length === 0 ? empty : undefined;
    return [
      {
        label,
        href,
        charts: [
          {
            ...chart(
              `${id}-sli`,
              `SLI against the target${of}`,
              'ratio',
              ['SLI'],
              [{ time: points, values: sli }],
              [{ label: 'target', value: target }],
              noData,
            ),
            bands,
          },
          {
            ...chart(
              `${id}-budget`,
              `Error budget remaining${of}`,
              'ratio',
              ['budget remaining'],
              [{ time: points, values: remaining }],
              [{ label: 'exhausted', value: 0 }],
              noData,
            ),
            bands,
          },
        ],
      },
    ];
  });
}
