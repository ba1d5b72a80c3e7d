/**
 * Burn rates over the standard look-back windows (Google SRE Workbook): error rate over the
 * window / (1 − target). A window shorter than the data's resolution is not measurable: null
 * with the reason, never a guess.
 */
import { HOUR_MS } from '../../core/time.ts';
import { ALERT_LOOKBACKS_MS } from './alerts.ts';
import type { BudgetView, BurnRate } from './view.ts';
import { formatDurationMs, periodLength, type Interval } from './windows.ts';

/** The look-back windows burn rates are reported for: every window of the alert tables, by name (`5m` … `3d`). */
export const BURN_WINDOWS: Readonly<Record<string, number>> = Object.fromEntries(ALERT_LOOKBACKS_MS.map((ms) => [formatDurationMs(ms), ms]));

export type BurnWindow = string;

/** Burn rates over every standard window ending at `at`. */
export function burnRates(view: BudgetView, at: number): Record<BurnWindow, BurnRate> {
  const out = {} as Record<BurnWindow, BurnRate>;
  for (const [name, ms] of Object.entries(BURN_WINDOWS)) out[name] = view.burn(at, ms);
  return out;
}

/** How long the remaining budget lasts at the current burn, and what "current" meant. */
export interface Exhaustion {
  /** Milliseconds until the budget is spent; 0 when already spent; null when the burn is 0 or unknown. */
  readonly ms: number | null;
  /** The look-back window whose burn rate was used. */
  readonly basisMs: number;
  readonly burnRate: number | null;
  /** Calendar windows: the period ends (and the budget renews) before the budget would run out. */
  readonly periodEndsFirst: boolean;
  /** End of the window in force (calendar: the period's end). */
  readonly periodEnd: number;
}

/**
 * Time to exhaustion at the current burn: burn rate b spends b / period of the budget per
 * unit of time, so the remaining share r lasts r × period / b (period: the window's length;
 * a calendar window's real length). "Current" is the 1 h burn rate, or the burn rate over one
 * resolution step when the data are coarser than 1 h.
 */
export function timeToExhaustion(view: BudgetView, at: number, remaining: number | null): Exhaustion {
  const basisMs = Math.max(HOUR_MS, view.resolutionMs ?? HOUR_MS);
  const burn = view.burn(at, basisMs).value;
  const window: Interval = view.windowAt(at);
  const base = { basisMs, burnRate: burn, periodEnd: window.to };
  if (remaining === null) return { ms: null, ...base, periodEndsFirst: false };
  if (remaining <= 0) return { ms: 0, ...base, periodEndsFirst: false };
  if (burn === null || burn <= 0) return { ms: null, ...base, periodEndsFirst: view.window.calendar !== undefined };
  const ms = (remaining * periodLength(window)) / burn;
  return { ms, ...base, periodEndsFirst: view.window.calendar !== undefined && at + ms > window.to };
}
