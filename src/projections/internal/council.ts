/**
 * What the SRE council's pages show, computed once: the backlog as columns by status with
 * counts, the agenda of undecided concerns (oldest first), the value-to-effort points of raised
 * and accepted concerns, and each concern's before/after on its measuring SLOs: attainment over
 * equal periods (the SLO's window) either side of the day the change took effect.
 */
import { DAY_MS, utcMidnight } from '../../core/time.ts';
import { percent } from '../../domain/slo/format.ts';
import { windowSpec } from '../../domain/slo/windows.ts';
import type { Concern } from '../../schemas/concern.ts';
import { HREF } from './links.ts';
import { attainmentOver, objectiveEvents, type MeasuredSlo, type PeriodAttainment } from './slo-periods.ts';
import type { Link } from './slos.ts';

export interface ConcernInput {
  readonly id: string;
  readonly data: Concern;
}

type Status = Concern['status'];
type Rating = NonNullable<Concern['assessment']>['value'];

/** Every status, in the order a concern moves through them, with its column heading (complete by type). */
const STATUS_LABELS: Record<Status, string> = {
  raised: 'Raised',
  accepted: 'Accepted',
  rejected: 'Rejected',
  epic: 'Epic',
  'in-progress': 'In progress',
  addressed: 'Addressed',
};

const RATING_SCORE: Record<Rating, number> = { low: 1, medium: 2, high: 3 };

export interface ConcernCard {
  readonly id: string;
  readonly title: string;
  readonly raisedOn: string;
  readonly raisedBy: string;
  readonly services: readonly string[];
  readonly value: Rating | undefined;
  readonly effort: Rating | undefined;
}

export interface BoardColumn {
  readonly status: Status;
  readonly label: string;
  readonly count: number;
  readonly concerns: readonly ConcernCard[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Oldest first, then by id: the order of the board's cards and of the agenda. */
const byAge = (a: ConcernInput, b: ConcernInput): number => byText(a.data.raisedOn, b.data.raisedOn) || byText(a.id, b.id);

function card({ id, data }: ConcernInput): ConcernCard {
  return {
    id,
    title: data.title,
    raisedOn: data.raisedOn,
    raisedBy: data.raisedBy,
    services: data.services,
    value: data.assessment?.value,
    effort: data.assessment?.effort,
  };
}

/** The backlog: one column per status (empty ones too, so the board keeps its shape), oldest first. */
export function councilBoard(concerns: readonly ConcernInput[]): BoardColumn[] {
  return (Object.keys(STATUS_LABELS) as Status[]).map((status) => {
    const cards = concerns
      .filter((c) => c.data.status === status)
      .sort(byAge)
      .map(card);
    return { status, label: STATUS_LABELS[status], count: cards.length, concerns: cards };
  });
}

export interface AgendaItem extends ConcernCard {
  readonly criteria: Concern['criteria'];
  /** Whole days since it was raised. */
  readonly waitingDays: number;
}

/** The next meeting's agenda: every undecided (raised) concern, oldest first. */
export function councilAgenda(concerns: readonly ConcernInput[], now: number): AgendaItem[] {
  return concerns
    .filter((c) => c.data.status === 'raised')
    .sort(byAge)
    .map((c) => ({ ...card(c), criteria: c.data.criteria, waitingDays: Math.max(0, Math.floor((now - utcMidnight(c.data.raisedOn)) / DAY_MS)) }));
}

export interface ValueEffortPoint {
  readonly id: string;
  readonly title: string;
  readonly status: Status;
  /** 1 (low) to 3 (high). */
  readonly value: number;
  readonly effort: number;
}

/** The value-to-effort matrix of raised and accepted concerns; those not yet assessed are listed apart. */
export function valueEffort(concerns: readonly ConcernInput[]): { points: ValueEffortPoint[]; notAssessed: ConcernCard[] } {
  const open = concerns.filter((c) => c.data.status === 'raised' || c.data.status === 'accepted').sort(byAge);
  return {
    points: open.flatMap(({ id, data }) =>
      data.assessment === undefined
        ? []
        : [{ id, title: data.title, status: data.status, value: RATING_SCORE[data.assessment.value], effort: RATING_SCORE[data.assessment.effort] }],
    ),
    notAssessed: open.filter((c) => c.data.assessment === undefined).map(card),
  };
}

/** Before/after of one objective of a measuring SLO. */
export interface ObjectiveBeforeAfter {
  readonly slo: string;
  readonly objective: string;
  readonly target: number;
  /** The length of each period: the SLO's window. */
  readonly days: number;
  readonly before: PeriodAttainment;
  readonly after: PeriodAttainment;
  /** after − before, in attainment (0.0012 = 0.12 points); null when either period lacks data. */
  readonly difference: number | null;
  /** "99.2 % → 99.71 % (+0.51 points), 28 days before and after 2026-09-24", or why not. */
  readonly text: string;
}

export interface ConcernBeforeAfter {
  /** The day the change took effect (beforeAfter.changedOn, else the decision's date); undefined: neither. */
  readonly changedOn: string | undefined;
  readonly slos: readonly ObjectiveBeforeAfter[];
}

const isoDay = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** "+0.51 points", "−1.2 points". */
export function pointsText(difference: number): string {
  const points = Number((difference * 100).toFixed(2));
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points)} points`;
}

/** A period named by its first and last whole days (UTC): "2026-08-27 to 2026-09-23". */
export const periodName = ({ from, to }: { from: number; to: number }): string => `${isoDay(from)} to ${isoDay(to - 1)}`;

/** Attainment of an SLO's objectives over the equal periods before and after `changedOn` (midnight UTC). */
export function sloBeforeAfter(measured: MeasuredSlo, changedOn: string, periodMs = windowSpec(measured.slo).nominalMs): ObjectiveBeforeAfter[] {
  const change = utcMidnight(changedOn);
  const before = { from: change - periodMs, to: change };
  const after = { from: change, to: change + periodMs };
  const days = Math.round(periodMs / DAY_MS);
  return objectiveEvents(measured).map(({ label, target, events }) => {
    const b = attainmentOver(events, measured.series, before);
    const a = attainmentOver(events, measured.series, after);
    const enough = b.covered && a.covered && b.attainment !== null && a.attainment !== null;
    const difference = enough ? a.attainment - b.attainment : null;
    const missing = [!b.covered && `before (${periodName(before)})`, !a.covered && `after (${periodName(after)})`].filter(Boolean).join(' and ');
    const text = enough
      ? `${percent(b.attainment, 2)} → ${percent(a.attainment, 2)} (${pointsText(difference!)}), ${days} days before and after ${changedOn}`
      : `not enough data: the measurements do not cover the ${days} days ${missing}`;
    return { slo: measured.id, objective: label, target, days, before: b, after: a, difference, text };
  });
}

/** A concern's before/after on each SLO that measures it (slos[]), from the day the change took effect. */
export function concernBeforeAfter(concern: Concern, slos: ReadonlyMap<string, MeasuredSlo>): ConcernBeforeAfter {
  const changedOn = concern.beforeAfter?.changedOn ?? concern.decision?.date;
  if (changedOn === undefined) return { changedOn, slos: [] };
  return {
    changedOn,
    slos: concern.slos.flatMap((id) => {
      const measured = slos.get(id);
      return measured === undefined ? [] : sloBeforeAfter(measured, changedOn);
    }),
  };
}

// --- the pages -----------------------------------------------------------------------------

/** The value-to-effort matrix as a chart: one point per assessed raised or accepted concern, its table beside it. */
export interface MatrixChart {
  readonly id: string;
  readonly title: string;
  readonly x: { readonly label: string; readonly ticks: readonly string[] };
  readonly y: { readonly label: string; readonly ticks: readonly string[] };
  readonly points: readonly (ValueEffortPoint & { readonly href: string; readonly statusLabel: string })[];
  readonly notAssessed: readonly (ConcernCard & { readonly href: string })[];
}

export interface ConcernPage {
  readonly id: string;
  readonly title: string;
  readonly href: string;
  readonly status: Status;
  readonly statusLabel: string;
  readonly raisedOn: string;
  readonly raisedBy: string;
  readonly services: readonly Link[];
  readonly criteria: Concern['criteria'];
  readonly assessment: Concern['assessment'];
  readonly decision: Concern['decision'];
  readonly epic: string | undefined;
  readonly stories: readonly string[];
  readonly incidents: readonly Link[];
  /** The SLOs named in slos[] that exist (with a page); `unknownSlos` the others. */
  readonly slos: readonly Link[];
  readonly before: string | undefined;
  readonly after: string | undefined;
  /** The day the change took effect and where it comes from. */
  readonly changedOn: { readonly date: string; readonly source: 'beforeAfter.changedOn' | 'decision.date' } | undefined;
  readonly measured: readonly (ObjectiveBeforeAfter & { readonly href: string; readonly beforeName: string; readonly afterName: string })[];
  /** Why there are no before/after figures, when there are none. */
  readonly unmeasured: string | undefined;
}

export interface CouncilPortal {
  readonly board: readonly BoardColumn[];
  readonly agenda: readonly AgendaItem[];
  readonly matrix: MatrixChart;
  readonly pages: readonly ConcernPage[];
}

export interface CouncilContext {
  readonly slos: ReadonlyMap<string, MeasuredSlo>;
  readonly serviceNames: ReadonlyMap<string, string>;
  readonly incidentTitles: ReadonlyMap<string, string>;
  readonly sloTitles: ReadonlyMap<string, string>;
}

const RATING_TICKS = ['', 'low', 'medium', 'high'];

function unmeasuredReason(data: Concern, changedOn: string | undefined, measured: number, ctx: CouncilContext): string | undefined {
  if (measured > 0) return undefined;
  if (data.slos.length === 0) return 'No SLO measures this concern (slos: is empty), so there is nothing to compare.';
  if (data.slos.every((id) => !ctx.slos.has(id))) return `None of its SLOs (${data.slos.join(', ')}) is defined.`;
  if (changedOn === undefined)
    return 'No change date yet: before and after are compared once the council decides (decision.date) or beforeAfter.changedOn is set.';
  return undefined;
}

function concernPage({ id, data }: ConcernInput, ctx: CouncilContext): ConcernPage {
  const link = (names: ReadonlyMap<string, string>, href: (id: string) => string) => (x: string) => ({ id: x, title: names.get(x) ?? x, href: href(x) });
  const { changedOn, slos: results } = concernBeforeAfter(data, ctx.slos);
  return {
    id,
    title: data.title,
    href: HREF.concern(id),
    status: data.status,
    statusLabel: STATUS_LABELS[data.status],
    raisedOn: data.raisedOn,
    raisedBy: data.raisedBy,
    services: data.services.map(link(ctx.serviceNames, HREF.service)),
    criteria: data.criteria,
    assessment: data.assessment,
    decision: data.decision,
    epic: data.links.epic,
    stories: data.links.stories,
    incidents: data.incidents.map(link(ctx.incidentTitles, HREF.incident)),
    slos: data.slos.filter((s) => ctx.slos.has(s)).map(link(ctx.sloTitles, (s) => HREF.slo(s))),
    before: data.beforeAfter?.before,
    after: data.beforeAfter?.after,
    changedOn:
      changedOn === undefined ? undefined : { date: changedOn, source: data.beforeAfter?.changedOn === undefined ? 'decision.date' : 'beforeAfter.changedOn' },
    measured: results.map((r) => ({ ...r, href: HREF.slo(r.slo), beforeName: periodName(r.before), afterName: periodName(r.after) })),
    unmeasured: unmeasuredReason(data, changedOn, results.length, ctx),
  };
}

/** Everything the council's pages show: the board, the agenda, the value-to-effort matrix and a page per concern. */
export function councilPortal(concerns: readonly ConcernInput[], now: number, ctx: CouncilContext): CouncilPortal {
  const { points, notAssessed } = valueEffort(concerns);
  return {
    board: councilBoard(concerns),
    agenda: councilAgenda(concerns, now),
    matrix: {
      id: 'value-effort',
      title: 'Value against effort of raised and accepted concerns',
      x: { label: 'Effort', ticks: RATING_TICKS },
      y: { label: 'Value', ticks: RATING_TICKS },
      points: points.map((p) => ({ ...p, href: HREF.concern(p.id), statusLabel: STATUS_LABELS[p.status] })),
      notAssessed: notAssessed.map((c) => ({ ...c, href: HREF.concern(c.id) })),
    },
    pages: [...concerns].sort(byAge).map((c) => concernPage(c, ctx)),
  };
}
