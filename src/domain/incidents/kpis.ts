/**
 * The incident KPIs of one period, every figure a distribution against its target where keel.yaml
 * sets one (see ./stats.ts for the percentile method): incidents per month by severity; time to
 * detect, act, mitigate and resolve per severity; detection sources; communication (detection to
 * the first public update, the share of updates within the cadence); retrospective and follow-up
 * completion with the overdue lists of `keel report` (./agenda.ts: the same functions).
 */
import type { Severity } from '../../schemas/common.ts';
import type { Incident } from '../../schemas/incident.ts';
import { followUpAgenda, type FollowUpItem, type IncidentRecord, retrospectiveAgenda, type RetrospectiveItem } from './agenda.ts';
import { type Deadlines, retrospectiveOwed, updateGaps } from './deadlines.ts';
import { KEY_DURATIONS, keyDuration, type KeyDurationKey, type KeyDurationTargets, type KeyInstants } from './key-times.ts';
import { inPeriod, type Period } from './periods.ts';
import { distribution, type Distribution } from './stats.ts';
import { calendarMonth } from '../../core/zone.ts';

const SEVERITY_ORDER: readonly Severity[] = ['SEV0', 'SEV1', 'SEV2', 'SEV3', 'SEV4'];
export const DETECTION_SOURCES = ['alert', 'customer', 'employee', 'synthetic', 'other'] as const;
export type DetectionSource = (typeof DETECTION_SOURCES)[number];
export const FOLLOW_UP_TYPES = ['prevent', 'mitigate', 'detect', 'process'] as const;
type FollowUpType = (typeof FOLLOW_UP_TYPES)[number];

/** An incident as the KPIs read it: the reports' record, its key times, detection source and targets. */
export interface KpiIncident extends IncidentRecord {
  readonly instants: KeyInstants;
  readonly detection: DetectionSource | undefined;
  readonly targets: KeyDurationTargets;
}

/** Who a point or a list entry is. */
export interface IncidentRef {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
}

export interface SeverityFigure<T> {
  readonly severity: Severity;
  readonly figure: T;
}

/** A key duration's distribution, and the incidents still open that cannot have its end yet (not "not recorded"). */
export interface DurationFigure extends Distribution<IncidentRef> {
  readonly open: readonly IncidentRef[];
}

export interface DurationKpi {
  readonly key: KeyDurationKey;
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly bySeverity: readonly SeverityFigure<DurationFigure>[];
}

export interface Share {
  readonly count: number;
  readonly of: number;
  /** count / of; undefined when of is 0. */
  readonly share: number | undefined;
}

export interface CommunicationKpi {
  /** Detection to the first public update; incidents without a public update are counted in internalOnly. */
  readonly firstUpdate: Distribution<IncidentRef>;
  readonly internalOnly: number;
  /** Gaps between public updates within the cadence keel.yaml promises (backfilled incidents not held to it). */
  readonly withinCadence: Share;
  /** The cadence of an open incident of this severity, as written in keel.yaml. */
  readonly cadence: string;
}

export interface IncidentKpis {
  readonly period: Period;
  readonly incidents: number;
  /** The severities with an incident in the period, most severe first. */
  readonly severities: readonly Severity[];
  readonly perMonth: readonly { readonly month: string; readonly counts: Readonly<Record<Severity, number>>; readonly total: number }[];
  readonly durations: readonly DurationKpi[];
  readonly detection: readonly SeverityFigure<{
    readonly sources: readonly { readonly source: DetectionSource; readonly count: number; readonly share: number }[];
    readonly n: number;
    readonly notRecorded: readonly IncidentRef[];
  }>[];
  readonly communication: readonly SeverityFigure<CommunicationKpi>[];
  readonly retrospectives: {
    /** Published over required (resolved, and not before retrospectivesFrom). */
    readonly bySeverity: readonly SeverityFigure<Share>[];
    /** `keel report retrospectives`' overdue entries, for the period's incidents. */
    readonly overdue: readonly RetrospectiveItem[];
  };
  readonly followUps: {
    /** Done over agreed (every follow-up but those closed as wont-do). */
    readonly byType: readonly { readonly type: FollowUpType; readonly done: Share }[];
    /** `keel report followups`' overdue entries, for the period's incidents: the most overdue first. */
    readonly overdue: readonly FollowUpItem[];
  };
}

export interface KpiOptions {
  readonly now: number;
  readonly deadlines: Deadlines;
}

const share = (count: number, of: number): Share => ({ count, of, share: of === 0 ? undefined : count / of });
const ref = (i: KpiIncident): IncidentRef => ({ id: i.id, title: i.title, severity: i.severity });
type FollowUp = Incident['followUps'][number];

/** Whether a retrospective is owed at now (the same test as its deadline's: resolved, not before retrospectivesFrom). */
const retrospectiveRequired = (i: KpiIncident, { now, deadlines }: KpiOptions): boolean =>
  i.resolved !== undefined && i.resolved <= now && retrospectiveOwed(i.resolved, deadlines.zone, deadlines.retrospectivesFrom);

/** The KPIs of the incidents that started in `period`. */
export function incidentKpis(all: readonly KpiIncident[], period: Period, options: KpiOptions): IncidentKpis {
  const { deadlines, now } = options;
  const incidents = all.filter((i) => inPeriod(i.instants.started, period));
  const severities = SEVERITY_ORDER.filter((s) => incidents.some((i) => i.severity === s));
  const bySeverity = <T>(figure: (of: readonly KpiIncident[], severity: Severity) => T): SeverityFigure<T>[] =>
    severities.map((severity) => ({
      severity,
      figure: figure(
        incidents.filter((i) => i.severity === severity),
        severity,
      ),
    }));

  const perMonth = period.months.map((month) => {
    const inMonth = incidents.filter((i) => calendarMonth(i.instants.started, deadlines.zone) === month);
    const counts = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, inMonth.filter((i) => i.severity === s).length])) as Record<Severity, number>;
    return { month, counts, total: inMonth.length };
  });

  const durations = KEY_DURATIONS.map((d) => ({
    ...d,
    bySeverity: bySeverity((of): DurationFigure => {
      // An open incident has no mitigated or resolved time yet: it is still open, not a time left unrecorded.
      const awaited = (i: KpiIncident) => i.resolved === undefined && (d.to === 'mitigated' || d.to === 'resolved') && i.instants[d.to] === undefined;
      const values = of
        .filter((i) => !awaited(i))
        .map((i) => {
          const duration = keyDuration(d.key, i.instants, i.targets);
          return { item: ref(i), ms: duration.state === 'recorded' ? duration.ms : undefined };
        });
      // Every incident of a severity has that severity's targets.
      return { ...distribution(values, of[0]?.targets[d.key]), open: of.filter(awaited).map(ref) };
    }),
  }));

  const detection = bySeverity((of) => {
    const recorded = of.filter((i) => i.detection !== undefined);
    return {
      n: recorded.length,
      sources: DETECTION_SOURCES.map((source) => {
        const count = recorded.filter((i) => i.detection === source).length;
        return { source, count, share: count / recorded.length };
      }).filter((s) => s.count > 0),
      notRecorded: of.filter((i) => i.detection === undefined).map(ref),
    };
  });

  const communication = bySeverity((of, severity): CommunicationKpi => {
    const published = of.filter((i) => i.updates.some((u) => u.at !== undefined));
    const firstUpdate = distribution(
      published.map((i) => {
        const first = Math.min(...i.updates.flatMap((u) => (u.at === undefined ? [] : [u.at])));
        const detected = i.instants.detected;
        return { item: ref(i), ms: detected === undefined || first < detected ? undefined : first - detected };
      }),
      undefined,
    );
    const gaps = published.flatMap((i) => updateGaps(i, deadlines));
    return {
      firstUpdate,
      internalOnly: of.length - published.length,
      withinCadence: share(gaps.filter((g) => !g.late).length, gaps.length),
      cadence: deadlines.cadenceAfter(severity, undefined).text,
    };
  });

  const agenda = { now, deadlines, dueWithinDays: 0 };
  const retrospectives = {
    bySeverity: bySeverity((of) => {
      const required = of.filter((i) => retrospectiveRequired(i, options));
      return share(required.filter((i) => i.reviewStatus === 'published').length, required.length);
    }),
    overdue: retrospectiveAgenda(incidents, agenda).retrospectives.filter((r) => r.state === 'overdue'),
  };

  const followUps: FollowUp[] = incidents.flatMap((i) => i.followUps);
  const overdueFollowUps = followUpAgenda(incidents, agenda)
    .owners.flatMap((g) => g.items)
    .filter((item) => item.state === 'overdue')
    .sort((a, b) => a.deadline!.daysLeft - b.deadline!.daysLeft || (a.incident.id < b.incident.id ? -1 : a.incident.id > b.incident.id ? 1 : 0));

  return {
    period,
    incidents: incidents.length,
    severities,
    perMonth,
    durations,
    detection,
    communication,
    retrospectives,
    followUps: {
      byType: FOLLOW_UP_TYPES.map((type) => {
        const agreed = followUps.filter((f) => f.type === type && f.status !== 'wont-do');
        return { type, done: share(agreed.filter((f) => f.status === 'done').length, agreed.length) };
      }),
      overdue: overdueFollowUps,
    },
  };
}
