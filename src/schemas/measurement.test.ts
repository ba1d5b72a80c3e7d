import { describe, expect, it } from 'vitest';
import { problems } from '../../tests/support/schema-problems.ts';
import { RATIO_HEADER, RatioMeasurementSchema, THRESHOLD_HEADER, ThresholdMeasurementSchema } from './measurement.ts';

describe('measurement rows', () => {
  it('has the two headers', () => {
    expect(RATIO_HEADER.join(',')).toBe('timestamp,good,total');
    expect(THRESHOLD_HEADER.join(',')).toBe('timestamp,value');
  });

  it('accepts ratio rows with 0 ≤ good ≤ total', () => {
    for (const [good, total] of [
      [0, 0],
      [0, 10],
      [10, 10],
      [995, 1000],
    ]) {
      expect(problems(RatioMeasurementSchema, { timestamp: '2026-11-20T00:00:00Z', good, total })).toEqual([]);
    }
  });

  it('rejects good above total (measurement/good-total, on good)', () => {
    const result = RatioMeasurementSchema.safeParse({ timestamp: '2026-11-20T00:00:00Z', good: 11, total: 10 });
    expect(result.error!.issues.map((i) => i.path)).toEqual([['good']]);
    expect(problems(RatioMeasurementSchema, { timestamp: '2026-11-20T00:00:00Z', good: 11, total: 10 })).toEqual([
      'measurement/good-total good must not exceed total | good counts a subset of total: 0 ≤ good ≤ total',
    ]);
  });

  it('reports good above total beside a malformed timestamp in the same row', () => {
    expect(problems(RatioMeasurementSchema, { timestamp: 'yesterday', good: 11, total: 10 }).map((p) => p.split(' | ')[0])).toEqual([
      'schema/timestamp timestamp must be an RFC 3339 timestamp (got "yesterday")',
      'measurement/good-total good must not exceed total',
    ]);
  });

  it('counts are whole numbers, 0 or more', () => {
    expect(problems(RatioMeasurementSchema, { timestamp: '2026-11-20T00:00:00Z', good: 1.5, total: -1 })).toEqual([
      'schema/type good must be a whole number (got 1.5)',
      'schema/range total must be at least 0 (got -1)',
    ]);
  });

  it('rejects naive timestamps and unknown columns', () => {
    expect(problems(ThresholdMeasurementSchema, { timestamp: '2026-11-20T00:00:00', value: 0.2 })).toEqual([
      'schema/timestamp-offset timestamp must have a UTC offset (got "2026-11-20T00:00:00") | every time needs an offset so it means one instant: write "2026-11-20T00:00:00Z" for UTC or add your offset, e.g. "2026-11-20T00:00:00+01:00"',
    ]);
    expect(problems(ThresholdMeasurementSchema, { timestamp: '2026-11-20T00:00:00Z', value: -3.5 })).toEqual([]);
    expect(problems(ThresholdMeasurementSchema, { timestamp: '2026-11-20T00:00:00Z', value: 1, good: 1 })).toEqual([
      'schema/unknown-field unknown field "good" | known fields here: timestamp, value',
    ]);
  });
});
