/**
 * The internal home: what needs attention now, each item with the page it links to, then what the
 * portal holds, each count linked to what it counts.
 */
import type { ContentIndex } from '../../content/entry.ts';
import { followUpAgenda, incidentRecord, retrospectiveAgenda } from '../../domain/incidents/agenda.ts';
import { dayDeadlineText } from '../../domain/incidents/deadlines.ts';
import { deadlinesOf } from '../../model/deadlines.ts';
import type { IncidentRow } from './incidents.ts';
import { HREF } from './links.ts';
import type { SloRow } from './slos.ts';

/** "Due soon" on the overview: within a week (as `keel report` by default). */
const DUE_WITHIN_DAYS = 7;

export interface AttentionItem {
  readonly href: string;
  readonly title: string;
  /** What is wrong, in words (times as instants for the page to show in the portal's zone). */
  readonly detail: string;
  readonly since?: number | undefined;
}

export interface AttentionGroup {
  readonly id: string;
  readonly title: string;
  readonly items: readonly AttentionItem[];
}

export interface Overview {
  readonly groups: readonly AttentionGroup[];
  readonly counts: readonly { readonly label: string; readonly count: number; readonly href: string }[];
}

const burnText = (row: SloRow) =>
  row.fastestBurn === null ? 'no burn rate' : `fastest burn ${+row.fastestBurn.value.toFixed(2)}× over ${row.fastestBurn.window}`;

export function overview(index: ContentIndex, sloRows: readonly SloRow[], incidents: readonly IncidentRow[], now: number): Overview {
  const c = index.collections;
  const sloLabel = (r: SloRow) => `${r.title}${r.composite || r.objective !== r.title ? ` — ${r.objective}` : ''}`;
  const burning = sloRows
    .filter((r) => r.state === 'exhausted' || r.state === 'at-risk')
    .sort((a, b) => (a.remaining ?? 0) - (b.remaining ?? 0))
    .map((r) => {
      const step = r.steps.at(-1);
      return {
        href: r.href,
        title: sloLabel(r),
        detail: `${r.state === 'exhausted' ? 'budget exhausted' : 'at risk'}: ${r.remaining === null ? 'no data' : `${+(r.remaining * 100).toFixed(1)} % of the budget left`}, ${burnText(r)}${step ? `; policy step "${step.step}" in force` : ''}`,
        since: step?.since,
      };
    });
  const firing = sloRows.filter((r) => r.firing.length > 0).map((r) => ({ href: r.href, title: sloLabel(r), detail: `firing: ${r.firing.join(', ')}` }));
  const data = sloRows
    .filter((r) => r.state === 'no-data' || r.stale)
    .map((r) => ({
      href: r.href,
      title: sloLabel(r),
      detail:
        r.lastMeasurement === null
          ? 'no data: no measurements'
          : r.state === 'no-data'
            ? `no data${r.problem ? `: ${r.problem}` : ' in the window'}`
            : 'stale since',
      since: r.lastMeasurement ?? undefined,
    }));
  const measured = new Set(index.measurements.map((m) => m.id));
  const unmeasured = c.errorBudgetPolicies.flatMap((p) =>
    p.data.spec.slos
      .filter((s) => !measured.has(s))
      .map((s) => ({
        href: HREF.slo(s),
        title: p.data.metadata.displayName ?? p.id,
        detail: `names SLO ${s}, which has no measurements: its steps cannot apply`,
      })),
  );
  const open = incidents.filter((i) => i.open).map((i) => ({ href: i.href, title: i.title, detail: `${i.severity}, ${i.status}`, since: i.started }));
  const options = { now, deadlines: deadlinesOf(index.settings?.data), dueWithinDays: DUE_WITHIN_DAYS };
  const records = c.incidents.map((e) => incidentRecord(e.id, e.data));
  const retrospectives = retrospectiveAgenda(records, options)
    .retrospectives.filter((r) => r.state === 'overdue')
    .map((r) => ({
      href: HREF.incident(r.incident.id),
      title: r.incident.title,
      detail: `${r.incident.severity} retrospective ${r.reviewStatus}, ${dayDeadlineText(r.deadline)}`,
    }));
  const followUps = followUpAgenda(records, options).owners.flatMap((g) =>
    g.items
      .filter((i) => i.state === 'overdue')
      .map((i) => ({
        href: HREF.incident(i.incident.id),
        title: `${i.followUp.id}: ${i.followUp.title}`,
        detail: `${g.owner ?? 'no owner'}, ${i.deadline ? dayDeadlineText(i.deadline) : 'no due date'} (${i.incident.title})`,
      })),
  );
  const groups: AttentionGroup[] = [
    { id: 'burning', title: 'SLOs exhausted or at risk', items: burning },
    { id: 'firing', title: 'Alerts firing', items: firing },
    { id: 'data', title: 'Stale measurements and SLOs with no data', items: [...data, ...unmeasured] },
    { id: 'open-incidents', title: 'Open incidents', items: open },
    { id: 'retrospectives', title: 'Overdue retrospectives', items: retrospectives },
    { id: 'follow-ups', title: 'Overdue follow-ups', items: followUps },
  ];
  return {
    groups,
    counts: [
      { label: 'SLO objectives', count: sloRows.length, href: HREF.slos },
      { label: 'services', count: c.services.length, href: HREF.services },
      { label: 'incidents', count: c.incidents.length, href: HREF.incidents },
      { label: 'runbooks', count: c.runbooks.length, href: HREF.runbooks },
      { label: 'concerns', count: c.concerns.length, href: '/raw/#concerns' },
      { label: 'experiments', count: c.experiments.length, href: '/raw/#experiments' },
    ],
  };
}
