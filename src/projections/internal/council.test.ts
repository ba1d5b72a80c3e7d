import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateContent } from '../../rules/validate.ts';
import type { Concern } from '../../schemas/concern.ts';
import { concernBeforeAfter, councilAgenda, councilBoard, sloBeforeAfter, valueEffort, type ConcernInput } from './council.ts';
import { measuredSlosOf } from './slo-periods.ts';

const SAMPLE = fileURLToPath(new URL('../../../content', import.meta.url));
const NOW = Date.parse('2026-11-22T12:00:00Z');
const DAY = 86_400_000;

/** The rows of a measurements CSV, read here without Keel's loader: the independent side of the comparison. */
function csvRows(name: string): { t: number; cells: number[] }[] {
  const [, ...lines] = readFileSync(`${SAMPLE}/measurements/${name}.csv`, 'utf8').trim().split('\n');
  return lines.map((line) => {
    const [time, ...cells] = line.split(',');
    return { t: Date.parse(time!), cells: cells.map(Number) };
  });
}

const concern = (id: string, status: Concern['status'], raisedOn: string, rest: Partial<Concern> = {}): ConcernInput => ({
  id,
  data: {
    title: id,
    raisedBy: '@ana',
    raisedOn,
    status,
    services: [],
    criteria: { whySre: 'w', whyImportant: 'i', whatIsInvolved: 'x' },
    links: { stories: [] },
    slos: [],
    incidents: [],
    ...rest,
  },
});
const assessed = (value: 'low' | 'medium' | 'high', effort: 'low' | 'medium' | 'high') => ({
  assessment: { value, effort, complexity: 'low' as const, risk: 'low' as const, blockers: [], evidence: [] },
});

describe('the council board, agenda and matrix', () => {
  const concerns = [
    concern('b', 'raised', '2026-11-02'),
    concern('a', 'raised', '2026-10-01', assessed('high', 'low')),
    concern('c', 'accepted', '2026-09-01', assessed('medium', 'high')),
    concern('d', 'addressed', '2026-08-01', assessed('high', 'high')),
  ];

  it('has a column per status in the order concerns move, with counts, oldest first', () => {
    expect(councilBoard(concerns).map((c) => [c.label, c.count, c.concerns.map((x) => x.id)])).toEqual([
      ['Raised', 2, ['a', 'b']],
      ['Accepted', 1, ['c']],
      ['Rejected', 0, []],
      ['Epic', 0, []],
      ['In progress', 0, []],
      ['Addressed', 1, ['d']],
    ]);
  });

  it('puts the undecided concerns on the agenda, oldest first, with how long each has waited', () => {
    expect(councilAgenda(concerns, NOW).map((c) => [c.id, c.waitingDays])).toEqual([
      ['a', 52],
      ['b', 20],
    ]);
  });

  it('places raised and accepted concerns by value and effort, and lists those not assessed', () => {
    const { points, notAssessed } = valueEffort(concerns);
    expect(points.map((p) => [p.id, p.value, p.effort])).toEqual([
      ['c', 2, 3],
      ['a', 3, 1],
    ]);
    expect(notAssessed.map((c) => c.id)).toEqual(['b']);
  });
});

describe('before/after on the sample content', async () => {
  const { index } = await validateContent(SAMPLE, { cwd: SAMPLE, now: NOW });
  const slos = measuredSlosOf(index);

  it('matches an independent computation from the CSV (Occurrences, good/total)', () => {
    const [result] = sloBeforeAfter(slos.get('payment-authorisation')!, '2026-10-21');
    const change = Date.parse('2026-10-21T00:00:00Z');
    const sum = (from: number, to: number) => {
      const rows = csvRows('payment-authorisation').filter((r) => r.t > from && r.t <= to);
      return rows.reduce((s, r) => s + r.cells[0]!, 0) / rows.reduce((s, r) => s + r.cells[1]!, 0);
    };
    expect(result!.before.attainment).toBeCloseTo(sum(change - 28 * DAY, change), 12);
    expect(result!.after.attainment).toBeCloseTo(sum(change, change + 28 * DAY), 12);
    expect(result!.difference).toBeCloseTo(sum(change, change + 28 * DAY) - sum(change - 28 * DAY, change), 12);
    expect(result!.text).toMatch(/^\d+(\.\d+)? % → \d+(\.\d+)? % \([+−±][\d.]+ points\), 28 days before and after 2026-10-21$/);
  });

  it('matches an independent computation from the CSV (Timeslices of a threshold SLI: good hours / hours)', () => {
    const concern = index.collections.concerns.find((c) => c.id === 'etl-silent-failures')!;
    const { changedOn, slos: results } = concernBeforeAfter(concern.data, slos);
    expect(changedOn).toBe('2026-09-24');
    const change = Date.parse('2026-09-24T00:00:00Z');
    const share = (from: number, to: number, limit: number) => {
      const rows = csvRows('etl-freshness').filter((r) => r.t > from && r.t <= to);
      return rows.filter((r) => r.cells[0]! <= limit).length / rows.length;
    };
    // A composite SLO whose two objectives read the one measurements file.
    expect(results.map((r) => [r.slo, r.objective])).toEqual([
      ['etl-freshness', 'Warehouse at most 6 hours behind'],
      ['etl-freshness', 'Customer revenue export at most 12 hours behind'],
    ]);
    for (const [i, limit] of [360, 720].entries()) {
      expect(results[i]!.before.attainment).toBeCloseTo(share(change - 7 * DAY, change, limit), 12);
      expect(results[i]!.after.attainment).toBeCloseTo(share(change, change + 7 * DAY, limit), 12);
    }
    // A week that holds the September incident, when the warehouse fell days behind.
    const [during] = sloBeforeAfter(slos.get('etl-freshness')!, '2026-09-11');
    const september = Date.parse('2026-09-11T00:00:00Z');
    expect(during!.before.attainment).toBeLessThan(0.95);
    expect(during!.before.attainment).toBeCloseTo(share(september - 7 * DAY, september, 360), 12);
  });

  it('says "not enough data" when the measurements do not cover a period, naming it', () => {
    const concern = index.collections.concerns.find((c) => c.id === 'provider-certificates-by-hand')!;
    const { changedOn, slos: results } = concernBeforeAfter(concern.data, slos);
    expect(changedOn).toBe('2026-11-18');
    expect(results.map((r) => [r.slo, r.difference, r.text])).toEqual([
      ['payment-authorisation', null, 'not enough data: the measurements do not cover the 28 days after (2026-11-18 to 2026-12-15)'],
      ['api-availability', null, 'not enough data: the measurements do not cover the 30 days after (2026-11-18 to 2026-12-17)'],
    ]);
  });

  it('has no before/after for a concern without a decision or change date', () => {
    const raised = index.collections.concerns.find((c) => c.data.status === 'raised')!;
    expect(concernBeforeAfter(raised.data, slos)).toEqual({ changedOn: undefined, slos: [] });
  });

  it('shows every sample concern in its column', () => {
    const board = councilBoard(index.collections.concerns);
    expect(board.reduce((n, c) => n + c.count, 0)).toBe(index.collections.concerns.length);
    for (const c of index.collections.concerns) expect(board.find((col) => col.status === c.data.status)!.concerns.map((x) => x.id)).toContain(c.id);
  });
});
