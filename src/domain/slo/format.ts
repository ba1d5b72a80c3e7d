/**
 * The weekly-review report (`keel report slos`) for people: markdown to paste in a pull
 * request or chat (a table per SLO objective), and plain text for a terminal. Both format
 * what the engine computed (evaluate.ts); percentages and factors are rounded for reading
 * and written without binary noise (99.9 %, never 99.90000000000001 %). The JSON form is
 * report.ts's, unrounded.
 */
import { DateTime } from 'luxon';
import type { RootContent } from 'mdast';
import { code, emphasis, markdownHeading, markdownParagraph, markdownTable, plain, toGfm } from '../../core/document.ts';
import { oneLine } from '../../core/escape.ts';
import { formatDuration, MINUTE_MS } from '../../core/time.ts';
import { plural } from '../../core/words.ts';
import { BURN_WINDOWS, type BurnWindow } from './burn.ts';
import type { ObjectiveEvaluation, SloEvaluation } from './evaluate.ts';
import { describeAction } from './policy.ts';
import { formatDurationMs } from './windows.ts';
import { fixed, percent } from './numbers.ts';

/** What a human report shows: the evaluations, the run's now and the zone times are shown in. */
export interface ReportModel {
  readonly now: number;
  /** IANA zone for times (keel.yaml timeZone); UTC when absent. */
  readonly zone: string;
  readonly evaluations: readonly SloEvaluation[];
}

export { fixed, percent } from './numbers.ts';

/** A target: as many decimals as written, up to 4 (99.95 %, 99.999 %). */
export const targetPercent = (target: number): string => percent(target, 4);

/** A burn rate: one decimal from 10 up, two below; "18.3×", "0.42×". */
export function burnFactor(x: number): string {
  return `${fixed(x, Math.abs(x) >= 10 ? 1 : 2)}×`;
}

/** An alert threshold: two decimals (14.4×, 13.44×, 0.93×), two significant digits below 0.1 (0.033×). */
export function factor(x: number): string {
  return `${Math.abs(x) >= 0.1 ? fixed(x, 2) : Number(x.toPrecision(2)).toString()}×`;
}

/** Budget minutes: a tenth of a minute below 100 minutes, so that the minutes and the percentage beside them agree (39.6 of 43.2). */
function budgetMinutes(minutes: number): string {
  return Math.abs(minutes) < 100 ? `${fixed(Math.abs(minutes), 1)} min` : formatDuration(Math.abs(minutes) * MINUTE_MS);
}

/** An instant in the report's zone: "2026-11-22 01:00 +01:00". */
export function at(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm ZZ');
}

const BURN_ORDER: readonly BurnWindow[] = Object.keys(BURN_WINDOWS);

/** The lines a report shows for one objective, as label/value pairs (shared by text and markdown). */
export function objectiveRows(e: ObjectiveEvaluation, zone: string): [string, string][] {
  const rows: [string, string][] = [];
  const b = e.errorBudget;
  rows.push(['Status', e.stale ? `${e.status} (stale)` : e.status]);
  rows.push(['Target', targetPercent(e.target)]);
  const window = `${e.window.rolling ? 'rolling' : 'calendar'} ${e.window.duration}, ${at(e.window.from, zone)} – ${at(e.window.to, zone)}`;
  rows.push(['Window', `${e.budgetingMethod}, ${window}`]);
  const asOf = e.stale
    ? `${at(e.asOf, zone)} — stale: last measurement ${e.lastMeasurement === null ? 'none' : at(e.lastMeasurement, zone)}`
    : at(e.asOf, zone);
  rows.push(['As of', asOf]);
  let attainment = e.attainment === null ? 'no data' : percent(e.attainment, 3);
  if (e.coverage !== undefined && e.coverage !== null && e.coverage < 1 && e.noData) {
    attainment += ` (data for ${percent(e.coverage, 1)} of the window so far; ${e.noData.count} ${e.noData.unit} without data)`;
  }
  rows.push(['Attainment', attainment]);
  if (b.remaining === null) rows.push(['Budget remaining', 'no data']);
  else {
    const amount = b.events
      ? ` (${fixed(b.events.remaining, 0)} of ${fixed(b.events.budget, 0)} bad events left)`
      : b.minutes
        ? ` (${budgetMinutes(b.minutes.remaining)}${b.minutes.remaining < 0 ? ' over' : ''} of ${budgetMinutes(b.minutes.budget)})`
        : '';
    const x = b.exhaustion;
    const exhaustion =
      b.remaining <= 0
        ? ''
        : x.periodEndsFirst
          ? `; the period ends ${at(x.periodEnd, zone)}, before the budget runs out at the current burn`
          : x.ms === null
            ? ''
            : `; lasts ${formatDuration(x.ms)} at the current burn`;
    rows.push(['Budget remaining', `${percent(b.remaining, 1)}${amount}${exhaustion}`]);
  }
  rows.push(['Burn rates', BURN_ORDER.map((w) => `${w} ${burnValue(e, w)}`).join(' · ')]);
  const firing = e.alerts.filter((a) => a.firing);
  rows.push([
    'Alerts firing',
    firing.length === 0
      ? 'none'
      : firing
          .map((a) => {
            const w = a.alert;
            const widened = [
              w.longMs !== w.evalLongMs ? `${formatDurationMs(w.longMs)} widened to ${formatDurationMs(w.evalLongMs)}` : '',
              w.shortMs !== w.evalShortMs ? `${formatDurationMs(w.shortMs)} widened to ${formatDurationMs(w.evalShortMs)}` : '',
            ]
              .filter(Boolean)
              .join(', ');
            return `${w.name} (${w.severity}: ${formatDurationMs(w.longMs)} and ${formatDurationMs(w.shortMs)} burn above ${factor(w.factor)}${widened ? `; ${widened} by the data's resolution` : ''})`;
          })
          .join(', '),
  ]);
  for (const policy of e.policies) {
    const steps = policy.inForce.map((s) => `${s.step} since ${s.sinceStartOfHistory ? 'the data begins' : at(s.since, zone)}`);
    rows.push([`Policy ${policy.name}`, steps.length === 0 ? 'no step in force' : steps.join('; ')]);
    if (steps.length > 0)
      rows.push(['Actions in force', policy.inForce.map((s) => `${s.step}: ${s.actions.map((a) => describeAction(a, e.service)).join(' ')}`).join(' · ')]);
  }
  rows.push(['Backtest', backtestSummary(e, zone)]);
  const shares = e.incidents.filter((i) => i.share !== null);
  if (shares.length > 0) {
    const usual = (i: (typeof shares)[number]) => (i.baselineShare === null ? '' : `, ${percent(i.baselineShare, 1)} at the usual error rate`);
    rows.push([
      'Budget per incident',
      shares.map((i) => `${i.id} ${percent(i.share!, 1)} of a ${formatDurationMs(i.referenceMs)} budget${usual(i)}`).join('; '),
    ]);
  }
  if (e.problem !== undefined) rows.push(['Problem', e.problem]);
  return rows;
}

function burnValue(e: ObjectiveEvaluation, w: BurnWindow): string {
  const rate = e.burnRates[w];
  if (rate === undefined) return 'n/m';
  if (rate.value !== null) return burnFactor(rate.value);
  return rate.reason === 'no data in window' ? 'no data' : 'n/m';
}

/** The backtest in a sentence or two: how often pages would have fired, and what they meant for each incident. */
export function backtestSummary(e: ObjectiveEvaluation, zone: string): string {
  const pages = e.backtest.firings.filter((f) => f.severity === 'page');
  const unmatched = e.backtest.unmatched.filter((f) => f.severity === 'page');
  const parts = [`${plural(pages.length, 'page firing')} in the history, ${unmatched.length} matching no incident`];
  for (const i of e.backtest.incidents) {
    if (i.alertAt === null) {
      parts.push(`${i.id}: no page would have fired`);
      continue;
    }
    let when = `${i.id}: page at ${at(i.alertAt, zone)}`;
    if (i.leadMinutes !== null) {
      when +=
        i.leadMinutes > 0
          ? `, ${formatDuration(Math.abs(i.leadMinutes) * MINUTE_MS)} before detection`
          : i.leadMinutes < 0
            ? `, ${formatDuration(Math.abs(i.leadMinutes) * MINUTE_MS)} after detection`
            : ', at detection';
    }
    parts.push(when);
  }
  return parts.join('; ');
}

/** The objectives of an evaluation as shown, then the composite. */
export function shown(evaluation: SloEvaluation): ObjectiveEvaluation[] {
  return evaluation.composite ? [...evaluation.objectives, evaluation.composite] : [...evaluation.objectives];
}

/** An objective as reports name it: "slo — displayName", or "slo (objective i)". */
export function title(e: Pick<ObjectiveEvaluation, 'slo' | 'objective'>): string {
  return typeof e.objective === 'number' ? `${e.slo} (objective ${e.objective})` : `${e.slo} — ${e.objective}`;
}

/**
 * The report as markdown: an overview table, then a table per SLO objective. Serialised from a
 * syntax tree (src/core/document.ts), like every other report: names, steps and actions from
 * content are escaped text (no HTML, link or emphasis of theirs), each on one line.
 */
export function renderMarkdown(model: ReportModel): string {
  const entries = model.evaluations.flatMap(shown);
  const children: RootContent[] = [markdownHeading(2, [plain(`SLO report, ${at(model.now, model.zone)}`)])];
  if (entries.length === 0) return toGfm([...children, markdownParagraph([plain('No SLOs.')])]);
  const overview = entries.map((e) =>
    [
      oneLine(title(e)),
      e.stale ? `${e.status} (stale)` : e.status,
      targetPercent(e.target),
      e.attainment === null ? 'no data' : percent(e.attainment, 3),
      e.errorBudget.remaining === null ? 'no data' : percent(e.errorBudget.remaining, 1),
      burnValue(e, '1h'),
    ].map((text) => [plain(text)]),
  );
  children.push(markdownTable(['SLO', 'Status', 'Target', 'Attainment', 'Budget remaining', '1h burn'], overview));
  for (const e of entries) {
    children.push(markdownHeading(3, [plain(oneLine(title(e)))]), markdownParagraph([plain('Service '), code(oneLine(e.service))]));
    children.push(
      markdownTable(
        ['', ''],
        objectiveRows(e, model.zone).map(([label, value]) => [[plain(oneLine(label))], [plain(oneLine(value))]]),
      ),
    );
  }
  children.push(markdownParagraph([emphasis('n/m: not measurable at the data’s resolution.')]));
  return toGfm(children);
}

/** The report as plain text for a terminal: a block per SLO objective. */
export function renderText(model: ReportModel): string {
  const entries = model.evaluations.flatMap(shown);
  const lines = [`SLO report, ${at(model.now, model.zone)}`];
  if (entries.length === 0) return [...lines, '', 'No SLOs.'].join('\n');
  for (const e of entries) {
    // Names, steps and actions come from content: one line each, controls escaped (no forged CI line).
    lines.push('', oneLine(title(e)));
    const rows = objectiveRows(e, model.zone).map(([label, value]) => [oneLine(label), oneLine(value)] as const);
    const width = Math.max(...rows.map(([label]) => label.length));
    for (const [label, value] of rows) lines.push(`  ${label.padEnd(width)}  ${value}`);
  }
  return lines.join('\n');
}
