/** Key durations of one incident: definitions, targets, "not recorded" (never zero), out of order. */
import { describe, expect, it } from 'vitest';
import { keyDurationTargetsOf } from '../../model/key-time-targets.ts';
import type { Settings } from '../../schemas/settings.ts';
import { keyDuration, keyDurations, keyInstants } from './key-times.ts';

const at = Date.parse;
const MIN = 60_000;
const fifteen = { action: { text: '15m', ms: 15 * MIN } };

const instants = keyInstants({
  started: '2026-10-14T09:00:00+02:00',
  detected: '2026-10-14T09:04:00+02:00',
  acknowledged: '2026-10-14T09:20:00+02:00',
  mitigated: '2026-10-14T10:00:00+02:00',
  resolved: '2026-10-14T11:30:00+02:00',
});

describe('key durations', () => {
  it('measures detect from the start, action from detection, mitigate and resolve from the start', () => {
    const byKey = Object.fromEntries(keyDurations(instants, {}).map((d) => [d.key, d]));
    expect(byKey.detect).toMatchObject({ label: 'Time to detect', state: 'recorded', ms: 4 * MIN, target: undefined, withinTarget: undefined });
    expect(byKey.action).toMatchObject({ label: 'Time to action', from: 'detected', to: 'acknowledged', state: 'recorded', ms: 16 * MIN });
    expect(byKey.mitigate).toMatchObject({ state: 'recorded', ms: 60 * MIN });
    expect(byKey.resolve).toMatchObject({ state: 'recorded', ms: 150 * MIN });
    expect(keyDurations(instants, {}).map((d) => d.key)).toEqual(['detect', 'action', 'mitigate', 'resolve']);
  });

  it('checks time to action against its target: within at exactly the target, outside one minute past it', () => {
    expect(keyDuration('action', instants, fifteen)).toMatchObject({ state: 'recorded', ms: 16 * MIN, target: { text: '15m' }, withinTarget: false });
    const onTheDot = { ...instants, acknowledged: at('2026-10-14T09:19:00+02:00') };
    expect(keyDuration('action', onTheDot, fifteen)).toMatchObject({ ms: 15 * MIN, withinTarget: true });
  });

  it('says "not recorded" with the missing ends when an end is absent, never zero', () => {
    const noAck = keyInstants({ started: '2026-10-14T09:00:00Z', detected: '2026-10-14T09:04:00Z' });
    expect(keyDuration('action', noAck, fifteen)).toEqual({
      key: 'action',
      label: 'Time to action',
      from: 'detected',
      to: 'acknowledged',
      target: fifteen.action,
      state: 'not-recorded',
      missing: ['acknowledged'],
    });
    const onlyStart = keyInstants({ started: '2026-10-14T09:00:00Z' });
    expect(keyDuration('action', onlyStart, fifteen)).toMatchObject({ state: 'not-recorded', missing: ['detected', 'acknowledged'] });
    expect(keyDuration('detect', onlyStart, {})).toMatchObject({ state: 'not-recorded', missing: ['detected'] });
    expect(keyDurations(onlyStart, fifteen).some((d) => 'ms' in d)).toBe(false);
  });

  it('never gives a negative duration when the ends are out of order', () => {
    const backwards = { ...instants, acknowledged: at('2026-10-14T09:01:00+02:00') };
    expect(keyDuration('action', backwards, fifteen)).toMatchObject({ state: 'out-of-order' });
  });

  it('reads instants across offsets and a leap second', () => {
    const i = keyInstants({ started: '2016-12-31T23:59:59Z', detected: '2017-01-01T00:59:60+01:00' });
    expect(keyDuration('detect', i, {})).toMatchObject({ state: 'recorded', ms: 1000 });
  });
});

describe('targets per severity from keel.yaml', () => {
  it("takes severities.<SEV>.timeToAction, else Keel's default", () => {
    const targets = keyDurationTargetsOf({ severities: { SEV1: { timeToAction: '15m' }, SEV0: { timeToAction: '5m' } } } as unknown as Settings);
    expect(targets('SEV1')).toEqual({ action: { text: '15m', ms: 15 * MIN } });
    expect(targets('SEV0')).toEqual({ action: { text: '5m', ms: 5 * MIN } });
    expect(keyDurationTargetsOf(undefined)('SEV2')).toEqual({ action: { text: '1h', ms: 60 * MIN } });
  });
});
