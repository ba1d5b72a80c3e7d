/**
 * The periods the KPI pages are computed for, bounded in the portal's time zone: the last 90
 * days (the 90 calendar days ending today), this quarter, last quarter and this year. An incident
 * belongs to the period its `started` falls in; `from` is inclusive, `to` exclusive.
 */
import { addCalendar, calendarDay, calendarMonth, startOfUnit } from '../../core/zone.ts';

export const PERIODS = [
  { key: 'last-90-days', label: 'Last 90 days' },
  { key: 'this-quarter', label: 'This quarter' },
  { key: 'last-quarter', label: 'Last quarter' },
  { key: 'this-year', label: 'This year' },
] as const;

export type PeriodKey = (typeof PERIODS)[number]['key'];

/** The period shown when none is chosen. */
export const DEFAULT_PERIOD: PeriodKey = 'last-90-days';

export interface Period {
  readonly key: PeriodKey;
  readonly label: string;
  /** First instant (the zone's midnight). */
  readonly from: number;
  /** End, exclusive: now for the periods that run to today, the next quarter's midnight for last quarter. */
  readonly to: number;
  /** First and last calendar day, in the zone. */
  readonly firstDay: string;
  readonly lastDay: string;
  /** The calendar months it touches, `YYYY-MM`, oldest first. */
  readonly months: readonly string[];
}

function bounds(key: PeriodKey, now: number, zone: string): { from: number; to: number } {
  switch (key) {
    case 'last-90-days':
      return { from: addCalendar(startOfUnit(now, zone, 'day'), zone, -89, 'days'), to: now };
    case 'this-quarter':
      return { from: startOfUnit(now, zone, 'quarter'), to: now };
    case 'last-quarter': {
      const thisQuarter = startOfUnit(now, zone, 'quarter');
      return { from: addCalendar(thisQuarter, zone, -1, 'quarters'), to: thisQuarter };
    }
    case 'this-year':
      return { from: startOfUnit(now, zone, 'year'), to: now };
  }
}

/** A period's bounds at `now` in `zone`. */
export function period(key: PeriodKey, now: number, zone: string): Period {
  const { from, to } = bounds(key, now, zone);
  const last = Math.max(from, to - 1);
  const months: string[] = [];
  for (let m = startOfUnit(from, zone, 'month'); m <= last; m = addCalendar(m, zone, 1, 'months')) months.push(calendarMonth(m, zone));
  return { key, label: PERIODS.find((p) => p.key === key)!.label, from, to, firstDay: calendarDay(from, zone), lastDay: calendarDay(last, zone), months };
}

/** Every period at `now`, in the order of PERIODS. */
export const periods = (now: number, zone: string): Period[] => PERIODS.map((p) => period(p.key, now, zone));

export const inPeriod = (at: number, p: Pick<Period, 'from' | 'to'>): boolean => at >= p.from && at < p.to;
