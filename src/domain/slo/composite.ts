/**
 * Composite SLOs of the time-based methods, as the OpenSLO spec defines them, built as an
 * event series of their own so that every figure (attainment, budget in minutes, burn rates,
 * alerts, budget per incident) is computed the way it is for one objective. The composite's
 * slices are those of its longest slice length; an objective's slices fall into the
 * composite slice that holds their end.
 *
 * The Occurrences composite is view.ts's `occurrencesComposite`.
 */
import { sliceEvents, type EventSeries } from './events.ts';
import type { SliceGrid } from './windows.ts';

interface Part {
  readonly events: EventSeries;
  readonly weight: number;
}

/** Per composite slice end: each objective's slice figures folded into it. */
interface Cell {
  /** Per objective: sum of slice ratios (good), count of slices with data, and whether any was bad. */
  readonly good: Float64Array;
  readonly count: Float64Array;
  readonly anyBad: Uint8Array;
}

function cells(parts: readonly Part[], grid: SliceGrid): Map<number, Cell> {
  const out = new Map<number, Cell>();
  parts.forEach(({ events }, i) => {
    for (let k = 0; k < events.time.length; k++) {
      const good = events.good[k + 1]! - events.good[k]!;
      const bad = events.bad[k + 1]! - events.bad[k]!;
      if (good + bad <= 0) continue; // A slice without data says nothing.
      const end = grid.endOf(events.time[k]!);
      let cell = out.get(end);
      if (cell === undefined) {
        cell = { good: new Float64Array(parts.length), count: new Float64Array(parts.length), anyBad: new Uint8Array(parts.length) };
        out.set(end, cell);
      }
      cell.good[i]! += good / (good + bad);
      cell.count[i]! += 1;
      if (bad > 0) cell.anyBad[i] = 1;
    }
  });
  return out;
}

/**
 * The composite slice series of time-based objectives.
 *
 * - Timeslices, the spec: "If it was a bad minute for any individual objective, it's
 *   considered a bad minute for the Composite SLO." A composite slice is bad when any
 *   objective had a bad slice in it, good when some objective had data and none was bad.
 *   Weights play no part (the spec gives them none here).
 * - RatioTimeslices, the spec's example: two objectives at 95 % make a composite of 90 %. Each
 *   weight multiplies the missing part: the composite slice's ratio is 1 − Σ wᵢ (1 − rᵢ) over
 *   the objectives with data in the slice (rᵢ: the mean of the objective's slice ratios in
 *   it), never below 0.
 */
export function timesliceComposite(method: 'Timeslices' | 'RatioTimeslices', parts: readonly Part[], grid: SliceGrid): EventSeries {
  const byEnd = cells(parts, grid);
  const ends = [...byEnd.keys()].sort((a, b) => a - b);
  const good: number[] = [];
  const bad: number[] = [];
  const lengths: number[] = [];
  for (const end of ends) {
    const cell = byEnd.get(end)!;
    lengths.push(end - grid.startOf(end));
    if (method === 'Timeslices') {
      const isBad = cell.anyBad.some((b) => b === 1);
      good.push(isBad ? 0 : 1);
      bad.push(isBad ? 1 : 0);
      continue;
    }
    let missing = 0;
    parts.forEach((part, i) => {
      if (cell.count[i]! > 0) missing += part.weight * (1 - cell.good[i]! / cell.count[i]!);
    });
    const ratio = Math.max(0, 1 - missing);
    good.push(ratio);
    bad.push(1 - ratio);
  }
  return sliceEvents(ends, good, bad, lengths, grid.sliceMs, grid.anchor);
}
