import { describe, expect, it } from 'vitest';
import { alertWindows } from './alerts.ts';
import { toEvents } from './events.ts';
import { H, steady, T0 } from './fixtures.ts';
import { objectiveHistory } from './history.ts';
import { objectiveView } from './view.ts';
import { windowSpecOf } from './windows.ts';

// A 1-day rolling SLO at 90 %: 100 events an hour (a day's budget: 240 bad events), 7 days of rows.
// Day 3 spends 300 bad events (rows at 50h, 51h, 52h), the row at 160h 50.
const asOf = T0 + 168 * H;
const events = toEvents(steady(168, 100, { 49: 100, 50: 100, 51: 100, 159: 50 }), { method: 'Occurrences', target: 0.9 });
const view = objectiveView(events, 0.9, windowSpecOf('1d', true), asOf);
const policy = { metadata: { name: 'p' }, spec: { slos: ['checkout'], steps: [{ name: 'watch', when: { remainingBudgetBelow: 0.9 }, actions: ['look'] }] } };
const history = objectiveHistory({ view, alerts: alertWindows(24 * H, H), policies: [policy], incidents: [], asOf });
const hours = (t: number) => (t - T0) / H;

describe('objectiveHistory: what an SLO dashboard draws', () => {
  it('gives the SLI of every row of the window in force, the dip included', () => {
    expect(history.sli.time.map(hours)).toEqual(Array.from({ length: 24 }, (_, i) => 145 + i));
    expect(history.sli.values[15]).toBeCloseTo(0.5);
    expect(history.sli.values.filter((v) => v !== 1)).toHaveLength(1);
  });

  it('gives the budget remaining at every row of the window', () => {
    expect(history.remaining.values[14]).toBe(1);
    expect(history.remaining.values.at(-1)).toBeCloseTo(1 - 50 / 240);
  });

  it('gives each alert its two burn-rate series against its threshold', () => {
    expect(history.burn.map((b) => b.alert)).toEqual(['page-1h', 'page-6h']);
    expect(history.burn[0]!.long.values[15]).toBeCloseTo(5);
  });

  it('measures the past full windows, newest first, as far as the data reach: day 3 missed', () => {
    expect(history.pastWindows.map((w) => [hours(w.from), hours(w.to), w.met])).toEqual([
      [120, 144, true],
      [96, 120, true],
      [72, 96, true],
      [48, 72, false],
      [24, 48, true],
      [0, 24, true],
    ]);
    expect(history.pastWindows[3]!.consumed).toBeCloseTo(1.25);
    expect(history.pastWindows[3]!.attainment).toBeCloseTo(0.875);
  });

  it('lists when each policy step came into force and left it, newest first', () => {
    expect(history.policies[0]!.changes.map((c) => [hours(c.at), c.change])).toEqual([
      [160, 'entered'],
      [76, 'left'],
      [50, 'entered'],
    ]);
  });

  it('has nothing to draw without data, and says no window is covered', () => {
    const empty = objectiveView(
      toEvents({ type: 'ratio', time: [], good: [], total: [] }, { method: 'Occurrences', target: 0.9 }),
      0.9,
      windowSpecOf('1d', true),
      asOf,
    );
    const none = objectiveHistory({ view: empty, alerts: [], policies: [policy], incidents: [], asOf });
    expect(none.sli.time).toEqual([]);
    expect(none.pastWindows).toEqual([]);
    expect(none.policies[0]!.changes).toEqual([]);
  });
});
