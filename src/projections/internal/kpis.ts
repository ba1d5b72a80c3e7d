/**
 * What the KPI pages receive: the incident KPIs (src/domain/incidents/kpis.ts) of each period —
 * the last 90 days at /kpis/, the others at /kpis/<period>/ — with the links between the periods.
 * The incidents are read the way `keel report` reads them (incidentRecord, deadlinesOf), plus
 * their key times and the targets keel.yaml sets for their severity.
 */
import type { ContentIndex } from '../../content/entry.ts';
import { incidentRecord } from '../../domain/incidents/agenda.ts';
import { keyInstants } from '../../domain/incidents/key-times.ts';
import { incidentKpis, type IncidentKpis, type KpiIncident } from '../../domain/incidents/kpis.ts';
import { DEFAULT_PERIOD, periods, type PeriodKey } from '../../domain/incidents/periods.ts';
import { deadlinesOf } from '../../model/deadlines.ts';
import { keyDurationTargetsOf } from '../../model/key-time-targets.ts';
import { HREF } from './links.ts';

export interface PeriodLink {
  readonly key: PeriodKey;
  readonly label: string;
  readonly href: string;
  readonly current: boolean;
}

export interface KpiPage {
  readonly href: string;
  readonly kpis: IncidentKpis;
  /** Every period, this one marked current: the period switcher (plain links). */
  readonly periods: readonly PeriodLink[];
}

/** The page of a period: the default period at /kpis/, the others at /kpis/<period>/. */
export const kpiHref = (key: PeriodKey): string => (key === DEFAULT_PERIOD ? HREF.kpis : `${HREF.kpis}${key}/`);

/** The incidents of the index as the KPIs read them. */
export function kpiIncidents(index: ContentIndex): KpiIncident[] {
  const targets = keyDurationTargetsOf(index.settings?.data);
  return index.collections.incidents.map(({ id, data }) => ({
    ...incidentRecord(id, data),
    instants: keyInstants(data),
    detection: data.detection,
    targets: targets(data.severity),
  }));
}

/** One page per period, the default first. */
export function kpiPages(index: ContentIndex, now: number): KpiPage[] {
  const deadlines = deadlinesOf(index.settings?.data);
  const incidents = kpiIncidents(index);
  const all = periods(now, deadlines.zone);
  return all.map((period) => ({
    href: kpiHref(period.key),
    kpis: incidentKpis(incidents, period, { now, deadlines }),
    periods: all.map((p) => ({ key: p.key, label: p.label, href: kpiHref(p.key), current: p.key === period.key })),
  }));
}
