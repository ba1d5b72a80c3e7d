/**
 * Burn rates over the standard look-back windows (Google SRE Workbook): error rate over the
 * window / (1 − target). A window shorter than the data's resolution is not measurable: null
 * with the reason, never a guess.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/time.ts';
import type { BudgetView, BurnRate } from './view.ts';

export const BURN_WINDOWS = {
  '5m': 5 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': HOUR_MS,
  '6h': 6 * HOUR_MS,
  '1d': DAY_MS,
  '3d': 3 * DAY_MS,
} as const;

export type BurnWindow = keyof typeof BURN_WINDOWS;

/** Burn rates over every standard window ending at `at`. */
export function burnRates(view: BudgetView, at: number): Record<BurnWindow, BurnRate> {
  const out = {} as Record<BurnWindow, BurnRate>;
  for (const [name, ms] of Object.entries(BURN_WINDOWS) as [BurnWindow, number][]) out[name] = view.burn(at, ms);
  return out;
}

/** How long the remaining budget lasts at the current burn, and what "current" meant. */
export interface Exhaustion {
  /** Milliseconds until the budget is spent; 0 when already spent; null when the burn is 0 or unknown. */
  readonly ms: number | null;
  /** The look-back window whose burn rate was used. */
  readonly basisMs: number;
  readonly burnRate: number | null;
}

/**
 * Time to exhaustion at the current burn: burn rate b spends b / period of the budget per
 * unit of time, so the remaining share r lasts r × period / b. "Current" is the 1 h burn
 * rate, or the burn rate over one resolution step when the data are coarser than 1 h.
 */
export function timeToExhaustion(view: BudgetView, at: number, remaining: number | null): Exhaustion {
  const basisMs = Math.max(HOUR_MS, view.resolutionMs ?? HOUR_MS);
  const burn = view.burn(at, basisMs).value;
  if (remaining === null) return { ms: null, basisMs, burnRate: burn };
  if (remaining <= 0) return { ms: 0, basisMs, burnRate: burn };
  if (burn === null || burn <= 0) return { ms: null, basisMs, burnRate: burn };
  return { ms: (remaining * view.window.nominalMs) / burn, basisMs, burnRate: burn };
}
