import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImpactInterval, ImpactLevel, IncidentInput } from './levels.ts';
import { componentUptime, uptimeByComponent, uptimeDays, type ComponentUptime } from './uptime.ts';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const at = (text: string) => Date.parse(text);

/** The fields of each day that hand-computed cases state. */
const summary = (uptime: ComponentUptime) =>
  uptime.days.map((d) => ({
    date: d.date,
    lengthMs: d.lengthMs,
    coveredMs: d.coveredMs,
    downtimeMs: d.downtimeMs,
    worst: d.worst,
    incidents: d.incidents,
  }));

const quiet = (date: string, coveredMs = DAY) => ({
  date,
  lengthMs: DAY,
  coveredMs,
  downtimeMs: 0,
  worst: 'operational',
  incidents: [],
});

describe('uptimeDays', () => {
  it('lists the days ending with the one holding now, oldest first, today covered up to now', () => {
    const days = uptimeDays({ now: at('2026-05-10T12:00:00Z'), zone: 'UTC', days: 3 });
    expect(days.map((d) => [d.date, d.start, d.lengthMs, d.coveredMs])).toEqual([
      ['2026-05-08', at('2026-05-08T00:00:00Z'), DAY, DAY],
      ['2026-05-09', at('2026-05-09T00:00:00Z'), DAY, DAY],
      ['2026-05-10', at('2026-05-10T00:00:00Z'), DAY, 12 * H],
    ]);
  });

  it('defaults to 90 days', () => {
    const days = uptimeDays({ now: at('2026-05-10T12:00:00Z'), zone: 'UTC' });
    expect(days).toHaveLength(90);
    expect(days[0]!.date).toBe('2026-02-10');
    expect(days.at(-1)!.date).toBe('2026-05-10');
  });

  it('cuts days at the zone midnight and counts 23- and 25-hour days by their real length', () => {
    const spring = uptimeDays({ now: at('2026-03-30T12:00:00+02:00'), zone: 'Europe/Berlin', days: 3 });
    expect(spring.map((d) => [d.date, d.start, d.lengthMs, d.coveredMs])).toEqual([
      ['2026-03-28', at('2026-03-28T00:00:00+01:00'), 24 * H, 24 * H],
      ['2026-03-29', at('2026-03-29T00:00:00+01:00'), 23 * H, 23 * H],
      ['2026-03-30', at('2026-03-30T00:00:00+02:00'), 24 * H, 12 * H],
    ]);
    const autumn = uptimeDays({ now: at('2026-10-26T06:00:00+01:00'), zone: 'Europe/Berlin', days: 2 });
    expect(autumn.map((d) => [d.date, d.start, d.lengthMs, d.coveredMs])).toEqual([
      ['2026-10-25', at('2026-10-25T00:00:00+02:00'), 25 * H, 25 * H],
      ['2026-10-26', at('2026-10-26T00:00:00+01:00'), 24 * H, 6 * H],
    ]);
  });

  it('starts a day whose midnight does not exist at its first instant (Santiago, 2026-09-06)', () => {
    const days = uptimeDays({ now: at('2026-09-06T12:00:00-03:00'), zone: 'America/Santiago', days: 2 });
    expect(days.map((d) => [d.date, d.start, d.lengthMs, d.coveredMs])).toEqual([
      ['2026-09-05', at('2026-09-05T00:00:00-04:00'), 24 * H, 24 * H],
      ['2026-09-06', at('2026-09-06T01:00:00-03:00'), 23 * H, 11 * H],
    ]);
  });

  it('leaves days before launchedOn without data', () => {
    const days = uptimeDays({ now: at('2026-05-10T12:00:00Z'), zone: 'UTC', days: 3, launchedOn: '2026-05-09' });
    expect(days.map((d) => d.coveredMs)).toEqual([0, DAY, 12 * H]);
  });

  it('rejects a window that is not a positive whole number of days, or a bad launch day', () => {
    const now = at('2026-05-10T12:00:00Z');
    expect(() => uptimeDays({ now, zone: 'UTC', days: 0 })).toThrow(RangeError);
    expect(() => uptimeDays({ now, zone: 'UTC', days: 1.5 })).toThrow(RangeError);
    expect(() => uptimeDays({ now, zone: 'UTC', launchedOn: '2026-02-30' })).toThrow(RangeError);
  });
});

describe('componentUptime (hand-computed, UTC, now 2026-05-10 12:00)', () => {
  const options = { now: at('2026-05-10T12:00:00Z'), zone: 'UTC', days: 3 };
  const incident = (id: string, impact: ImpactInterval[], resolved?: number): IncidentInput => {
    const started = Math.min(...impact.map((i) => i.from));
    return resolved === undefined ? { id, impact, started } : { id, impact, started, resolved };
  };

  it('counts an hour of major outage fully', () => {
    const result = componentUptime(
      'api',
      [incident('i1', [{ component: 'api', level: 'major_outage', from: at('2026-05-09T10:00:00Z'), to: at('2026-05-09T11:00:00Z') }])],
      options,
    );
    expect(summary(result)).toEqual([
      quiet('2026-05-08'),
      { ...quiet('2026-05-09'), downtimeMs: H, worst: 'major_outage', incidents: ['i1'] },
      quiet('2026-05-10', 12 * H),
    ]);
    expect(result.days[1]!.uptime).toBeCloseTo(1 - 1 / 24, 12);
    expect(result.days[0]!.uptime).toBe(1);
    expect(result.coveredMs).toBe(60 * H);
    expect(result.downtimeMs).toBe(H);
    expect(result.uptime).toBeCloseTo(1 - 1 / 60, 12);
  });

  it('counts partial outage at 0.3 and degraded performance not at all', () => {
    const result = componentUptime(
      'api',
      [
        incident('i1', [{ component: 'api', level: 'partial_outage', from: at('2026-05-08T04:00:00Z'), to: at('2026-05-08T06:00:00Z') }]),
        incident('i2', [{ component: 'api', level: 'degraded_performance', from: at('2026-05-09T04:00:00Z'), to: at('2026-05-09T10:00:00Z') }]),
      ],
      options,
    );
    const [d8, d9] = result.days;
    expect(d8!.partialMs).toBe(2 * H);
    expect(d8!.downtimeMs).toBeCloseTo(0.6 * H, 6);
    expect(d8!.uptime).toBeCloseTo(0.975, 12);
    expect(d8!.worst).toBe('partial_outage');
    expect(d9!.degradedMs).toBe(6 * H);
    expect(d9!.downtimeMs).toBe(0);
    expect(d9!.uptime).toBe(1);
    expect(d9!.worst).toBe('degraded_performance');
    expect(d9!.incidents).toEqual(['i2']);
  });

  it('counts overlapping levels once, at the worst level in force', () => {
    // partial 10:00-12:00 and major 11:00-11:30: 30 min major + 90 min partial = 30 + 27 min.
    const result = componentUptime(
      'api',
      [
        incident('i2', [{ component: 'api', level: 'major_outage', from: at('2026-05-09T11:00:00Z'), to: at('2026-05-09T11:30:00Z') }]),
        incident('i1', [
          { component: 'api', level: 'partial_outage', from: at('2026-05-09T10:00:00Z'), to: at('2026-05-09T12:00:00Z') },
          { component: 'api', level: 'partial_outage', from: at('2026-05-09T10:30:00Z'), to: at('2026-05-09T11:15:00Z') },
        ]),
      ],
      options,
    );
    const day = result.days[1]!;
    expect([day.majorMs, day.partialMs]).toEqual([30 * MIN, 90 * MIN]);
    expect(day.downtimeMs).toBeCloseTo(57 * MIN, 6);
    expect(day.uptime).toBeCloseTo(1 - 57 / 1440, 12);
    expect(day.worst).toBe('major_outage');
    expect(day.incidents).toEqual(['i1', 'i2']); // by start time, not input order
  });

  it('splits an interval at midnight and ends an ongoing one at now', () => {
    const result = componentUptime(
      'api',
      [
        incident('i1', [{ component: 'api', level: 'major_outage', from: at('2026-05-08T23:00:00Z'), to: at('2026-05-09T01:00:00Z') }]),
        incident('i2', [{ component: 'api', level: 'major_outage', from: at('2026-05-10T09:00:00Z') }]),
      ],
      options,
    );
    expect(result.days.map((d) => [d.majorMs, d.incidents])).toEqual([
      [H, ['i1']],
      [H, ['i1']],
      [3 * H, ['i2']],
    ]);
    expect(result.days[2]!.uptime).toBeCloseTo(1 - 3 / 12, 12);
    expect(result.downtimeMs).toBe(5 * H);
    expect(result.uptime).toBeCloseTo(1 - 5 / 60, 12);
  });

  it('ends an open-ended interval of a resolved incident at its resolution', () => {
    const result = componentUptime(
      'api',
      [incident('i1', [{ component: 'api', level: 'major_outage', from: at('2026-05-09T10:00:00Z') }], at('2026-05-09T10:45:00Z'))],
      options,
    );
    expect(result.days.map((d) => d.majorMs)).toEqual([0, 45 * MIN, 0]);
  });

  it('lists incidents that name the component as operational, without downtime', () => {
    const result = componentUptime(
      'api',
      [incident('i1', [{ component: 'api', level: 'operational', from: at('2026-05-09T10:00:00Z'), to: at('2026-05-09T11:00:00Z') }])],
      options,
    );
    expect(summary(result)[1]).toEqual({ ...quiet('2026-05-09'), incidents: ['i1'] });
  });

  it('ignores impact after now and on other components', () => {
    const result = componentUptime(
      'api',
      [
        incident('i1', [
          { component: 'api', level: 'major_outage', from: at('2026-05-10T11:00:00Z'), to: at('2026-05-10T14:00:00Z') },
          { component: 'web', level: 'major_outage', from: at('2026-05-09T00:00:00Z'), to: at('2026-05-10T00:00:00Z') },
        ]),
        incident('i2', [{ component: 'api', level: 'major_outage', from: at('2026-05-10T13:00:00Z') }]),
      ],
      options,
    );
    expect(summary(result)).toEqual([
      quiet('2026-05-08'),
      quiet('2026-05-09'),
      { ...quiet('2026-05-10', 12 * H), downtimeMs: H, worst: 'major_outage', incidents: ['i1'] },
    ]);
  });

  it('counts nothing before launchedOn: no data, no incidents', () => {
    const result = componentUptime(
      'api',
      [incident('i1', [{ component: 'api', level: 'major_outage', from: at('2026-05-07T22:00:00Z'), to: at('2026-05-09T02:00:00Z') }])],
      { ...options, launchedOn: '2026-05-09' },
    );
    expect(result.days[0]).toMatchObject({ date: '2026-05-08', coveredMs: 0, majorMs: 0, uptime: null, worst: null, incidents: [] });
    expect(result.days[1]).toMatchObject({ majorMs: 2 * H, worst: 'major_outage', incidents: ['i1'] });
    expect(result.coveredMs).toBe(36 * H);
    expect(result.uptime).toBeCloseTo(1 - 2 / 36, 12);
  });

  it('has no uptime at all when no day has data', () => {
    const result = componentUptime('api', [], { ...options, launchedOn: '2026-06-01' });
    expect(result.uptime).toBeNull();
    expect(result.days.every((d) => d.uptime === null && d.worst === null)).toBe(true);
  });
});

describe('componentUptime across DST changes', () => {
  it('gives a whole 23-hour day of major outage 0 % and weighs the window by real lengths (Berlin, spring)', () => {
    const incidents: IncidentInput[] = [
      {
        id: 'i1',
        started: at('2026-03-28T00:00:00+01:00'),
        resolved: at('2026-03-30T00:00:00+02:00'),
        impact: [
          { component: 'api', level: 'partial_outage', from: at('2026-03-28T00:00:00+01:00'), to: at('2026-03-29T00:00:00+01:00') },
          { component: 'api', level: 'major_outage', from: at('2026-03-29T00:00:00+01:00') },
        ],
      },
    ];
    const result = componentUptime('api', incidents, { now: at('2026-03-30T12:00:00+02:00'), zone: 'Europe/Berlin', days: 3 });
    expect(result.days.map((d) => [d.date, d.lengthMs, d.partialMs, d.majorMs])).toEqual([
      ['2026-03-28', 24 * H, 24 * H, 0],
      ['2026-03-29', 23 * H, 0, 23 * H],
      ['2026-03-30', 24 * H, 0, 0],
    ]);
    expect(result.days.map((d) => d.uptime)).toEqual([expect.closeTo(0.7, 12), 0, 1]);
    expect(result.uptime).toBeCloseTo(1 - 30.2 / 59, 12);
  });

  it('counts a 25-hour day in full (Berlin, autumn)', () => {
    const incidents: IncidentInput[] = [
      {
        id: 'i1',
        started: at('2026-10-25T00:00:00+02:00'),
        impact: [{ component: 'api', level: 'partial_outage', from: at('2026-10-25T00:00:00+02:00'), to: at('2026-10-26T00:00:00+01:00') }],
      },
    ];
    const result = componentUptime('api', incidents, { now: at('2026-10-26T06:00:00+01:00'), zone: 'Europe/Berlin', days: 2 });
    expect(result.days[0]).toMatchObject({ date: '2026-10-25', lengthMs: 25 * H, partialMs: 25 * H, worst: 'partial_outage' });
    expect(result.days[0]!.uptime).toBeCloseTo(0.7, 12);
    expect(result.uptime).toBeCloseTo(1 - 7.5 / 31, 12);
  });
});

describe('uptimeByComponent', () => {
  it('reports every named component in order, operational ones at 100 %', () => {
    const incidents: IncidentInput[] = [
      {
        id: 'i1',
        started: at('2026-05-10T06:00:00Z'),
        impact: [{ component: 'web', level: 'major_outage', from: at('2026-05-10T06:00:00Z'), to: at('2026-05-10T09:00:00Z') }],
      },
    ];
    const result = uptimeByComponent(['api', 'web'], incidents, { now: at('2026-05-10T12:00:00Z'), zone: 'UTC', days: 1 });
    expect([...result.keys()]).toEqual(['api', 'web']);
    expect(result.get('api')!.uptime).toBe(1);
    expect(result.get('web')!.uptime).toBeCloseTo(0.75, 12);
  });
});

// ---------------------------------------------------------------------------------------
// Property: the sweep agrees with a naive minute-by-minute count, in zones with DST changes
// (including one at midnight and a 30-minute one) and a zone with a 45-minute offset.

const LEVELS: readonly ImpactLevel[] = ['operational', 'degraded_performance', 'partial_outage', 'major_outage'];
const STRENGTH = (level: ImpactLevel) => LEVELS.indexOf(level);

/** `YYYY-MM-DD` of an instant in a zone, straight from Intl (independent of Luxon). */
function dateLabeller(zone: string): (t: number) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const cache = new Map<number, string>();
  // Every zone's offset is a multiple of 15 minutes, so the date is constant within a UTC quarter hour.
  return (t) => {
    const quarter = Math.floor(t / (15 * MIN));
    let label = cache.get(quarter);
    if (label === undefined) {
      const parts = Object.fromEntries(format.formatToParts(t).map((p) => [p.type, p.value]));
      label = `${parts.year}-${parts.month}-${parts.day}`;
      cache.set(quarter, label);
    }
    return label;
  };
}

function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

interface NaiveDay {
  date: string;
  lengthMs: number;
  coveredMs: number;
  majorMs: number;
  partialMs: number;
  degradedMs: number;
  worst: ImpactLevel | null;
  incidents: string[];
}

function naiveUptime(component: string, incidents: readonly IncidentInput[], now: number, zone: string, days: number, launchedOn?: string) {
  const label = dateLabeller(zone);
  const today = label(now);
  const dates = Array.from({ length: days }, (_, k) => shiftDate(today, k - (days - 1)));
  const stats = new Map(
    dates.map((date) => [
      date,
      { date, lengthMs: 0, coveredMs: 0, majorMs: 0, partialMs: 0, degradedMs: 0, strength: -1, incidents: new Set<IncidentInput>() },
    ]),
  );
  const flat = incidents.flatMap((incident) =>
    incident.impact
      .filter((i) => i.component === component)
      .map((i) => ({ incident, from: i.from, end: i.to ?? incident.resolved ?? Number.POSITIVE_INFINITY, strength: STRENGTH(i.level) })),
  );
  const hasData = (date: string) => launchedOn === undefined || date >= launchedOn;
  for (let t = now - (days + 2) * DAY; t < now + 2 * DAY; t += MIN) {
    const s = stats.get(label(t));
    if (s === undefined) continue;
    s.lengthMs += MIN;
    if (t >= now || !hasData(s.date)) continue;
    s.coveredMs += MIN;
    let strength = 0;
    for (const f of flat) {
      if (f.from <= t && t < f.end) {
        strength = Math.max(strength, f.strength);
        s.incidents.add(f.incident);
      }
    }
    s.strength = Math.max(s.strength, strength);
    if (strength === 3) s.majorMs += MIN;
    if (strength === 2) s.partialMs += MIN;
    if (strength === 1) s.degradedMs += MIN;
  }
  // An instant interval (from = end, after cutting at now) touches the day holding it.
  for (const f of flat) {
    const s = stats.get(label(f.from));
    if (f.from === Math.min(f.end, now) && f.from < now && s !== undefined && hasData(s.date)) s.incidents.add(f.incident);
  }
  const result: NaiveDay[] = [...stats.values()].map((s) => ({
    date: s.date,
    lengthMs: s.lengthMs,
    coveredMs: s.coveredMs,
    majorMs: s.majorMs,
    partialMs: s.partialMs,
    degradedMs: s.degradedMs,
    worst: s.strength < 0 ? null : LEVELS[s.strength]!,
    incidents: [...s.incidents].sort((a, b) => a.started - b.started || (a.id < b.id ? -1 : 1)).map((i) => i.id),
  }));
  return result;
}

const CASES: readonly (readonly [zone: string, anchor: string])[] = [
  ['Europe/Berlin', '2026-03-29T01:00:00Z'],
  ['Europe/Berlin', '2026-10-25T01:00:00Z'],
  ['America/Santiago', '2026-04-05T03:00:00Z'], // clocks back at midnight: a 25-hour Saturday
  ['America/Santiago', '2026-09-06T04:00:00Z'], // midnight skipped: the day starts at 01:00
  ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'], // a 30-minute change
  ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
  ['Asia/Kathmandu', '2026-06-01T00:00:00Z'], // +05:45
  ['UTC', '2026-01-01T00:00:00Z'],
];

const scenario = fc
  .record({
    zoneCase: fc.constantFrom(...CASES),
    nowOffset: fc.integer({ min: -3 * 1440, max: 6 * 1440 }),
    days: fc.integer({ min: 1, max: 8 }),
    launchBack: fc.option(fc.integer({ min: -1, max: 9 }), { nil: undefined }),
    incidents: fc.array(
      fc.record({
        started: fc.integer({ min: -12 * 1440, max: 60 }),
        resolved: fc.option(fc.integer({ min: -10 * 1440, max: 240 }), { nil: undefined }),
        impact: fc.array(
          fc.record({
            component: fc.constantFrom('api', 'web'),
            level: fc.constantFrom(...LEVELS),
            from: fc.integer({ min: -11 * 1440, max: 120 }),
            length: fc.option(fc.integer({ min: 0, max: 3 * 1440 }), { nil: undefined }),
          }),
          { maxLength: 5 },
        ),
      }),
      { maxLength: 4 },
    ),
  })
  .map(({ zoneCase, nowOffset, days, launchBack, incidents }) => {
    const [zone, anchor] = zoneCase;
    const now = Date.parse(anchor) + nowOffset * MIN;
    const launchedOn = launchBack === undefined ? undefined : shiftDate(dateLabeller(zone)(now), -launchBack);
    const inputs: IncidentInput[] = incidents.map((raw, n) => {
      const impact: ImpactInterval[] = raw.impact.map((i) => {
        const from = now + i.from * MIN;
        return i.length === undefined
          ? { component: i.component, level: i.level, from }
          : { component: i.component, level: i.level, from, to: from + i.length * MIN };
      });
      const started = now + raw.started * MIN;
      const id = `i${n}`;
      return raw.resolved === undefined ? { id, impact, started } : { id, impact, started, resolved: now + raw.resolved * MIN };
    });
    return { zone, now, days, launchedOn, incidents: inputs };
  });

describe('uptime sweep against a minute-by-minute reference', () => {
  it('agrees on every day and on the window, on random intervals', () => {
    fc.assert(
      fc.property(scenario, ({ zone, now, days, launchedOn, incidents }) => {
        const options = launchedOn === undefined ? { now, zone, days } : { now, zone, days, launchedOn };
        const report = uptimeByComponent(['api', 'web'], incidents, options);
        for (const component of ['api', 'web']) {
          const fast = report.get(component)!;
          const slow = naiveUptime(component, incidents, now, zone, days, launchedOn);
          expect(
            fast.days.map((d) => ({
              date: d.date,
              lengthMs: d.lengthMs,
              coveredMs: d.coveredMs,
              majorMs: d.majorMs,
              partialMs: d.partialMs,
              degradedMs: d.degradedMs,
              worst: d.worst,
              incidents: d.incidents,
            })),
          ).toEqual(slow);
          for (const [i, day] of fast.days.entries()) {
            const reference = slow[i]!;
            if (reference.coveredMs === 0) expect(day.uptime).toBeNull();
            else expect(day.uptime).toBeCloseTo(1 - (reference.majorMs + 0.3 * reference.partialMs) / reference.coveredMs, 12);
          }
          const covered = slow.reduce((sum, d) => sum + d.coveredMs, 0);
          const downtime = slow.reduce((sum, d) => sum + d.majorMs + 0.3 * d.partialMs, 0);
          expect(fast.coveredMs).toBe(covered);
          expect(fast.downtimeMs).toBeCloseTo(downtime, 6);
          if (covered === 0) expect(fast.uptime).toBeNull();
          else expect(fast.uptime).toBeCloseTo(1 - downtime / covered, 12);
        }
      }),
      { numRuns: 300 },
    );
  });
});
