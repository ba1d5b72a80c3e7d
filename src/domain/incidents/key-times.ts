/**
 * An incident's key durations — time to detect, to act, to mitigate, to resolve — each with the
 * target keel.yaml sets for the incident's severity (today: time to action) and whether it was
 * met. A duration whose end is not in the front matter is "not recorded", never zero: the KPI
 * pages leave it out of the figure and count it beside it.
 */
import { instantOf } from '../../core/time.ts';
import type { Incident, KeyTime } from '../../schemas/incident.ts';

/** The key durations, each from one key time to a later one, as the pages and KPIs name them. */
export const KEY_DURATIONS = [
  { key: 'detect', label: 'Time to detect', from: 'started', to: 'detected' },
  { key: 'action', label: 'Time to action', from: 'detected', to: 'acknowledged' },
  { key: 'mitigate', label: 'Time to mitigate', from: 'started', to: 'mitigated' },
  { key: 'resolve', label: 'Time to resolve', from: 'started', to: 'resolved' },
] as const satisfies readonly { key: string; label: string; from: KeyTime; to: KeyTime }[];

export type KeyDurationKey = (typeof KEY_DURATIONS)[number]['key'];

/** The key times of one incident as instants (epoch ms); absent where the front matter has none. */
export type KeyInstants = { readonly started: number } & { readonly [K in Exclude<KeyTime, 'started'>]?: number | undefined };

/** A target as keel.yaml writes it (`15m`) and in milliseconds. */
export interface Target {
  readonly text: string;
  readonly ms: number;
}

/** The targets that apply to one incident, by key duration (keel.yaml sets time to action per severity). */
export type KeyDurationTargets = Readonly<Partial<Record<KeyDurationKey, Target>>>;

interface KeyDurationHead {
  readonly key: KeyDurationKey;
  readonly label: string;
  readonly from: KeyTime;
  readonly to: KeyTime;
  /** The target for the incident's severity, where keel.yaml sets one. */
  readonly target: Target | undefined;
}

/**
 * One key duration of one incident:
 * - `recorded`: both ends known and in order; `withinTarget` is undefined without a target;
 * - `not-recorded`: an end is missing (`missing` names which);
 * - `out-of-order`: the end comes before the start (incident/time-order reports it; a portal
 *   that turned that rule off still never sees a negative duration).
 */
export type KeyDuration = KeyDurationHead &
  (
    | { readonly state: 'recorded'; readonly ms: number; readonly withinTarget: boolean | undefined }
    | { readonly state: 'not-recorded'; readonly missing: readonly KeyTime[] }
    | { readonly state: 'out-of-order' }
  );

/** A duration meets its target when it is no longer than the target ("SEV0 within 5 minutes"). */
export const isWithinTarget = (ms: number, target: Target): boolean => ms <= target.ms;

/** One key duration of an incident. */
export function keyDuration(key: KeyDurationKey, instants: KeyInstants, targets: KeyDurationTargets): KeyDuration {
  const { label, from, to } = KEY_DURATIONS.find((d) => d.key === key)!;
  const head = { key, label, from, to, target: targets[key] };
  const start = instants[from];
  const end = instants[to];
  if (start === undefined || end === undefined) {
    return { ...head, state: 'not-recorded', missing: [from, to].filter((t) => instants[t] === undefined) };
  }
  if (end < start) return { ...head, state: 'out-of-order' };
  const ms = end - start;
  return { ...head, state: 'recorded', ms, withinTarget: head.target === undefined ? undefined : isWithinTarget(ms, head.target) };
}

/** All four key durations of an incident, in the order of KEY_DURATIONS. */
export function keyDurations(instants: KeyInstants, targets: KeyDurationTargets): KeyDuration[] {
  return KEY_DURATIONS.map((d) => keyDuration(d.key, instants, targets));
}

/** The key times of a valid incident entry as instants. */
export function keyInstants(data: Pick<Incident, KeyTime>): KeyInstants {
  const at = (text: string | undefined) => (text === undefined ? undefined : instantOf(text));
  return {
    started: instantOf(data.started),
    detected: at(data.detected),
    acknowledged: at(data.acknowledged),
    mitigated: at(data.mitigated),
    resolved: at(data.resolved),
  };
}
