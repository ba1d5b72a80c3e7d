import { describe, expect, it } from 'vitest';
import { alignedTimes, counterIncreases, ratioRows, sampleMap, sumByTime, windowedCounts } from './counts.ts';
import { mergeRows } from './csv.ts';

const M = 60_000;

describe('measurement rows from samples', () => {
  it('aligns rows to the step: (from, to], multiples of the step since the epoch', () => {
    expect(alignedTimes(7 * M, 22 * M, 5 * M)).toEqual([10 * M, 15 * M, 20 * M]);
    expect(alignedTimes(10 * M, 10 * M, 5 * M)).toEqual([]);
  });

  it('counts a counter per interval as increase() does: a drop is a reset, counted from zero; no sample at an end, no row', () => {
    const values = new Map([
      [0, 100],
      [5 * M, 130],
      [10 * M, 12], // reset: 12 since it
      [15 * M, 20],
      // 20 m missing: the rows ending at 20 and 25 have no data
      [25 * M, 31],
      [30 * M, 40],
    ]);
    const rows = counterIncreases(values, alignedTimes(0, 30 * M, 5 * M), 5 * M);
    expect([...rows]).toEqual([
      [5 * M, 30],
      [10 * M, 12],
      [15 * M, 8],
      [30 * M, 9],
    ]);
  });

  it('rounds windowed counts (increase() extrapolates) and sums several series per row', () => {
    expect([...windowedCounts(new Map([[5 * M, 41.6]]), [5 * M, 10 * M])]).toEqual([[5 * M, 42]]);
    const sum = sumByTime([
      new Map([[5 * M, 2]]),
      new Map([
        [5 * M, 3],
        [10 * M, 1],
      ]),
    ]);
    expect([...sum]).toEqual([
      [5 * M, 5],
      [10 * M, 1],
    ]);
  });

  it('keeps the first sample that is not a finite number apart', () => {
    expect(
      sampleMap([
        [0, 1],
        [M, Number.NaN],
        [2 * M, Number.POSITIVE_INFINITY],
      ]).bad,
    ).toEqual({ at: M, value: Number.NaN });
  });

  it('turns bad counts into good ones and caps a numerator above the total', () => {
    const total = new Map([
      [M, 10],
      [2 * M, 10],
    ]);
    expect(
      ratioRows(
        [M, 2 * M],
        new Map([
          [M, 3],
          [2 * M, 12],
        ]),
        'bad',
        total,
      ),
    ).toEqual({
      rows: [
        { t: M, good: 7, total: 10 },
        { t: 2 * M, good: 0, total: 10 },
      ],
      capped: 1,
    });
  });
});

describe('measurement files', () => {
  const header = ['timestamp', 'good', 'total'];
  it('starts a file, appends after the last row, and changes nothing without new rows', () => {
    const first = mergeRows(undefined, header, [{ t: 5 * M, fields: [1, 2] }]);
    expect(first).toBe('timestamp,good,total\n1970-01-01T00:05:00Z,1,2\n');
    expect(mergeRows(first, header, [{ t: 10 * M, fields: [3, 4] }])).toBe('timestamp,good,total\n1970-01-01T00:05:00Z,1,2\n1970-01-01T00:10:00Z,3,4\n');
    expect(mergeRows(first, header, [])).toBeUndefined();
    expect(mergeRows(undefined, header, [])).toBeUndefined();
  });

  it('replaces the rows from an instant on, keeping the ones before as written', () => {
    const text = 'timestamp,good,total\n1970-01-01T00:05:00Z,1,2\n1970-01-01T00:10:00+00:00,9,9\n';
    expect(mergeRows(text, header, [{ t: 10 * M, fields: [3, 4] }], 10 * M)).toBe('timestamp,good,total\n1970-01-01T00:05:00Z,1,2\n1970-01-01T00:10:00Z,3,4\n');
  });
});
