/**
 * The status page's uptime percentages agree with an independent, minute-by-minute computation
 * from the incidents' impact intervals (Statuspage's rule: major outage counts fully, partial
 * outage 0.3, degraded performance 0), on the sample content and on an imported Statuspage
 * history shaped like real ones (updates without status, renamed components, backfilled posts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import type { ContentIndex } from '../src/content/entry.ts';
import { publicStatus } from '../src/projections/public/status.ts';
import { validateContent } from '../src/rules/validate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MINUTE = 60_000;
const WEIGHT: Record<string, number> = { major_outage: 1, partial_outage: 0.3, degraded_performance: 0, operational: 0 };
const RANK: Record<string, number> = { operational: 0, degraded_performance: 1, partial_outage: 2, major_outage: 3 };

/** 90-day uptime of one component, minute by minute, from the impact intervals alone. */
function naiveUptime(index: ContentIndex, component: string, from: number, now: number): number {
  const intervals = index.collections.incidents.flatMap((i) =>
    i.data.impact
      .filter((x) => x.component === component)
      .map((x) => ({ level: x.level, from: Date.parse(x.from), to: x.to ? Date.parse(x.to) : i.data.resolved ? Date.parse(i.data.resolved) : now })),
  );
  let down = 0;
  let minutes = 0;
  for (let t = from; t < now; t += MINUTE) {
    minutes++;
    let worst = 'operational';
    for (const x of intervals) if (x.from <= t && t < x.to && RANK[x.level]! > RANK[worst]!) worst = x.level;
    down += WEIGHT[worst]!;
  }
  return 100 * (1 - down / minutes);
}

async function check(content: string, nowIso: string): Promise<number> {
  const now = Date.parse(nowIso);
  const { index, ok } = await validateContent(content, { now });
  expect(ok).toBe(true);
  const status = publicStatus({
    settings: index.settings!.data,
    services: index.collections.services,
    incidents: index.collections.incidents,
    maintenance: index.collections.maintenance,
    now,
  });
  let compared = 0;
  for (const component of status.components) {
    const days = component.uptime.days.filter((d) => d.uptime !== null);
    if (days.length === 0) continue;
    // The window the page covers: from the zone's midnight starting the first day with data, to now.
    const firstDay = days[0]!.date;
    const from = dayStartIn(index.settings!.data.timeZone, Date.parse(`${firstDay}T00:00:00Z`));
    const expected = naiveUptime(index, component.name, from, now);
    expect(component.uptime.percent, component.name).toBeCloseTo(expected, 6);
    compared++;
  }
  return compared;
}

/** The zone's midnight starting the day whose UTC midnight is given (the page's days start at the zone's midnight). */
function dayStartIn(zone: string, utcMidnight: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric' }).formatToParts(utcMidnight);
  const hour = Number(parts.find((p) => p.type === 'hour')!.value);
  const minute = Number(parts.find((p) => p.type === 'minute')!.value);
  const offset = (hour >= 12 ? hour - 24 : hour) * 60 + minute;
  return utcMidnight - offset * MINUTE;
}

describe('uptime agrees with an independent computation', () => {
  it('on the sample content', async () => {
    expect(await check(join(ROOT, 'content'), '2026-11-22T12:00:00Z')).toBeGreaterThan(5);
  });

  it('on an imported Statuspage history', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-uptime-'));
    try {
      const out: string[] = [];
      const code = await main(
        [
          'import',
          'statuspage',
          join(ROOT, 'tests/fixtures/statuspage/incidents.json'),
          join(ROOT, 'tests/fixtures/statuspage/summary.json'),
          '--out',
          join(dir, 'content'),
        ],
        {
          out: (t) => out.push(t),
          err: (t) => out.push(t),
          env: { KEEL_NOW: '2026-03-02T12:00:00-07:00' },
          cwd: dir,
        },
      );
      expect(code, out.join('\n')).toBe(0);
      expect(await check(join(dir, 'content'), '2026-03-02T12:00:00-07:00')).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
