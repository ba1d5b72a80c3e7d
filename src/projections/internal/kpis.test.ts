/**
 * What the KPI pages receive: a page per period, the default at /kpis/, each linking to every
 * other; and the overdue lists that `keel report followups|retrospectives` print, entry for entry
 * (run here as users run it, on the report fixture whose README says what is overdue).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { validateContent } from '../../rules/validate.ts';
import { kpiPages } from './kpis.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const FIXTURE = `${ROOT}tests/fixtures/report`;
const NOW = '2026-11-22T12:00:00Z';

async function report(subject: string): Promise<unknown> {
  const out: string[] = [];
  const code = await main(['report', subject, '--format', 'json', '--content', FIXTURE], {
    out: (t) => out.push(t),
    err: () => {},
    env: { KEEL_NOW: NOW },
    cwd: ROOT,
  });
  expect(code).toBe(0);
  return JSON.parse(out.join('\n'));
}

describe('the KPI pages', async () => {
  const { index } = await validateContent(FIXTURE, { cwd: FIXTURE, now: Date.parse(NOW) });
  const pages = kpiPages(index, Date.parse(NOW));
  const last90 = pages[0]!;

  it('one page per period, the last 90 days at /kpis/, each marking itself current among links to all', () => {
    expect(pages.map((p) => [p.kpis.period.key, p.href])).toEqual([
      ['last-90-days', '/kpis/'],
      ['this-quarter', '/kpis/this-quarter/'],
      ['last-quarter', '/kpis/last-quarter/'],
      ['this-year', '/kpis/this-year/'],
    ]);
    for (const page of pages) {
      expect(page.periods.map((p) => p.href)).toEqual(pages.map((p) => p.href));
      expect(page.periods.filter((p) => p.current).map((p) => p.href)).toEqual([page.href]);
    }
  });

  it('lists exactly the overdue follow-ups of `keel report followups`, with their owners (every fixture incident is in the last 90 days)', async () => {
    const json = (await report('followups')) as {
      owners: { owner: string | null; followUps: { id: string; incident: string; state: string; due: string }[] }[];
    };
    const overdue = json.owners.flatMap((g) => g.followUps.filter((f) => f.state === 'overdue').map((f) => [f.incident, f.id, g.owner ?? undefined, f.due]));
    expect(overdue.length).toBeGreaterThan(1);
    expect(overdue.some(([, , owner]) => owner === undefined)).toBe(true);
    const shown = last90.kpis.followUps.overdue.map((f) => [f.incident.id, f.followUp.id, f.followUp.owner, f.deadline?.due]);
    expect([...shown].sort()).toEqual([...overdue].sort());
  });

  it('lists exactly the overdue retrospectives of `keel report retrospectives`', async () => {
    const json = (await report('retrospectives')) as { retrospectives: { incident: string; state: string; due: string }[] };
    const overdue = json.retrospectives.filter((r) => r.state === 'overdue').map((r) => [r.incident, r.due]);
    expect(overdue.length).toBeGreaterThan(0);
    expect(last90.kpis.retrospectives.overdue.map((r) => [r.incident.id, r.deadline.due])).toEqual(overdue);
  });
});
