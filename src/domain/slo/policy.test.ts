import { describe, expect, it } from 'vitest';
import { toEvents } from './events.ts';
import { budgetPerIncident } from './evaluate.ts';
import { H, steady, T0 } from './fixtures.ts';
import { evaluatePolicy, type PolicyInput, type PolicyStepInput } from './policy.ts';
import type { Incident } from './series.ts';
import { objectiveView } from './view.ts';
import { windowSpecOf } from './windows.ts';

// A 1-day rolling SLO at 90 %: 100 events an hour, so a day's budget is 240 bad events.
// Rows at 45h, 46h, 47h have 60 bad events, the row at 48h 61 (241 in all: overspent).
const events = toEvents(steady(48, 100, { 44: 60, 45: 60, 46: 60, 47: 61 }), { method: 'Occurrences', target: 0.9 });
const view = objectiveView(events, 0.9, windowSpecOf('1d', true), T0 + 48 * H);
const at = (h: number) => T0 + h * H;

const policy = (steps: PolicyStepInput[]): PolicyInput => ({ metadata: { name: 'p' }, spec: { slos: ['checkout'], steps } });
const since = (steps: PolicyStepInput[], incidents: Incident[] = []) =>
  evaluatePolicy(view, policy(steps), incidents, 'checkout').inForce.map((s) => [s.step, (s.since - T0) / H]);

describe('policy steps', () => {
  it('remainingBudgetBelow holds while the remaining budget is below it, since the hour it dropped', () => {
    // Remaining after 46h: 1 − 120/240 = 0.5 (not below 0.5); after 47h: 0.25.
    expect(since([{ name: 'at risk', when: { remainingBudgetBelow: 0.5 }, actions: ['review'] }])).toEqual([['at risk', 47]]);
    // 0 means overspent: 241 > 240 only at 48h.
    expect(since([{ name: 'exhausted', when: { remainingBudgetBelow: 0 }, actions: ['freeze'] }])).toEqual([['exhausted', 48]]);
    expect(since([{ name: 'never', when: { remainingBudgetBelow: -0.5 }, actions: ['x'] }])).toEqual([]);
  });

  it('burnRate holds while the burn over its window is above the threshold (strictly)', () => {
    // 1 h burn: 6 at 45h–47h, 6.1 at 48h.
    expect(since([{ name: 'fast', when: { burnRate: { above: 5, window: '1h' } }, actions: ['x'] }])).toEqual([['fast', 45]]);
    expect(since([{ name: 'faster', when: { burnRate: { above: 6, window: '1h' } }, actions: ['x'] }])).toEqual([['faster', 48]]);
    // 30 m cannot be measured on hourly data: the step does not hold.
    expect(since([{ name: 'blind', when: { burnRate: { above: 0, window: '30m' } }, actions: ['x'] }])).toEqual([]);
  });

  it('needs every field of a step to hold, and lists every step in force with its actions', () => {
    const state = evaluatePolicy(
      view,
      policy([
        { name: 'at risk', when: { remainingBudgetBelow: 0.5 }, actions: ['review'] },
        { name: 'fast burn', when: { remainingBudgetBelow: 0.5, burnRate: { above: 5, window: '1h' } }, actions: ['freeze features'] },
        { name: 'slow', when: { remainingBudgetBelow: 0.5, burnRate: { above: 1, window: '6h' } }, actions: ['y'] },
        { name: 'calm', when: { remainingBudgetBelow: 0.5, burnRate: { above: 20, window: '1h' } }, actions: ['z'] },
      ]),
      [],
      'checkout',
    );
    expect(state.name).toBe('p');
    expect(state.inForce.map((s) => [s.step, (s.since - T0) / H, s.actions, s.sinceStartOfHistory])).toEqual([
      ['at risk', 47, ['review'], false],
      ['fast burn', 47, ['freeze features'], false],
      ['slow', 47, ['y'], false],
    ]);
  });

  it('incidentConsumedAbove holds for an incident naming the SLO that spent more than the share', () => {
    // Started 44.5h, resolved 46.5h: rows 45h, 46h, 47h overlap it (180 bad of a 240 budget: 0.75).
    const incidents: Incident[] = [
      { id: 'inc-1', started: at(44.5), resolved: at(46.5), slos: ['checkout'] },
      { id: 'inc-2', started: at(44.5), resolved: at(46.5), slos: ['other'] },
    ];
    // At 45h it had spent 60/240 = 0.25, at 46h 0.5, at 47h 0.75.
    expect(since([{ name: 'p0', when: { incidentConsumedAbove: 0.2 }, actions: ['retro with a P0'] }], incidents)).toEqual([['p0', 45]]);
    expect(since([{ name: 'p0', when: { incidentConsumedAbove: 0.5 }, actions: ['retro'] }], incidents)).toEqual([['p0', 47]]);
    expect(since([{ name: 'p0', when: { incidentConsumedAbove: 0.8 }, actions: ['retro'] }], incidents)).toEqual([]);
    const state = evaluatePolicy(view, policy([{ name: 'p0', when: { incidentConsumedAbove: 0.2 }, actions: ['r'] }]), incidents, 'checkout');
    expect(state.inForce[0]?.incidents).toEqual(['inc-1']);
  });

  it('forgets an incident once the rolling window has passed it', () => {
    const old: Incident[] = [{ id: 'old', started: at(1), resolved: at(2), slos: ['checkout'] }];
    const burnt = toEvents(steady(48, 100, { 0: 100, 1: 100 }), { method: 'Occurrences', target: 0.9 });
    const v = objectiveView(burnt, 0.9, windowSpecOf('1d', true), at(48));
    const state = evaluatePolicy(v, policy([{ name: 'p0', when: { incidentConsumedAbove: 0.2 }, actions: ['r'] }]), old, 'checkout');
    expect(state.inForce).toEqual([]);
    // ...but its budget share is still reported: the row at 2h (its interval (1h, 2h] is the
    // incident's) has 100 bad events, of the budget of a FULL day: the data cover 2 hours of the
    // day before the impact ended, 200 events, so a day holds 2,400 events and a budget of 240
    // (never the 20 of the two hours seen, which would call it 500 %).
    expect(budgetPerIncident(v, old, 'checkout', at(48))).toEqual([
      {
        id: 'old',
        started: at(1),
        end: at(2),
        resolved: true,
        intervals: [{ from: at(1), to: at(2) }],
        referenceMs: 24 * H,
        share: 100 / 240,
        baselineShare: 100 / 240,
      },
    ]);
  });
});

describe('budget per incident', () => {
  it('is the share of the budget spent between started and resolved, or asOf while open', () => {
    const incidents: Incident[] = [
      { id: 'resolved', started: at(44.5), resolved: at(46.5), slos: ['checkout'] },
      { id: 'open', started: at(46), slos: ['checkout'] },
      { id: 'future', started: at(50), slos: ['checkout'] },
    ];
    const shares = budgetPerIncident(view, incidents, 'checkout', at(48));
    expect(shares.map((s) => [s.id, s.resolved, (s.end - T0) / H])).toEqual([
      ['resolved', true, 46.5],
      ['open', false, 48],
    ]);
    expect(shares[0]!.share).toBeCloseTo(180 / 240, 12);
    expect(shares[1]!.share).toBeCloseTo(121 / 240, 12); // rows 47h and 48h
  });
});
