/**
 * SLI measurements, `content/measurements/<slo-name>.csv`: one row per interval.
 * - Ratio SLIs: `timestamp,good,total` — events in the interval ending at timestamp.
 * - Threshold SLIs: `timestamp,value` — the metric's value at timestamp.
 * Timestamps are RFC 3339 with an offset and strictly ascending.
 */
import { z } from 'zod';
import { addRuleIssue, Timestamp } from './common.ts';
import { MEASUREMENT_GOOD_TOTAL } from './rules.ts';

export const RATIO_HEADER = ['timestamp', 'good', 'total'] as const;
export const THRESHOLD_HEADER = ['timestamp', 'value'] as const;

const Count = z.int().min(0).describe('A whole number of events, 0 or more.');

export const RatioMeasurementSchema = z
  .strictObject({
    timestamp: Timestamp.describe('End of the interval.'),
    good: Count.describe('Good events in the interval.'),
    total: Count.describe('All events in the interval.'),
  })
  .superRefine((row, ctx) => {
    if (row.good > row.total) addRuleIssue(ctx, MEASUREMENT_GOOD_TOTAL, 'exceeds', { path: ['good'] });
  });

export const ThresholdMeasurementSchema = z.strictObject({
  timestamp: Timestamp.describe('When the value was observed.'),
  value: z.number().describe('The metric value.'),
});

/** @public The type of a valid entry, for code that reads this kind. */
export type RatioMeasurement = z.output<typeof RatioMeasurementSchema>;
/** @public The type of a valid entry, for code that reads this kind. */
export type ThresholdMeasurement = z.output<typeof ThresholdMeasurementSchema>;
