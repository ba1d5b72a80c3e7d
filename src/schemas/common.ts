/**
 * Primitives shared by every content kind. Each carries its own rule id and hint so that a
 * bad value is reported the same way wherever it appears (see src/validate/zod-issues.ts).
 */
import { z } from 'zod';

/** What a custom issue carries besides its message: the rule id and a hint for the author. */
export interface RuleParams {
  rule: string;
  hint?: string;
  /** Report at the key rather than the value (the key itself is wrong, e.g. a reserved annotation). */
  at?: 'key';
}

/** Raises a custom issue with a Keel rule id; used by refinements throughout the schemas. */
export function addRuleIssue(
  ctx: z.RefinementCtx,
  message: string,
  params: RuleParams,
  path: PropertyKey[] = [],
): void {
  ctx.addIssue({ code: 'custom', message, params: { ...params }, path });
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const NAIVE_DATE_TIME = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0);
}

/** True when `value` is an RFC 3339 timestamp with an explicit offset and real calendar values. */
export function isTimestamp(value: string): boolean {
  if (!RFC3339.test(value)) return false;
  // The pattern fixed where each field is: read them without allocating.
  const num = (from: number, to: number) => Number(value.slice(from, to));
  return isRealDate(num(0, 4), num(5, 7), num(8, 10)) && num(11, 13) < 24 && num(14, 16) < 60 && num(17, 19) < 61;
}

/** An instant: RFC 3339 with an offset (`2026-03-04T10:15:00Z`, `…+01:00`). */
export const Timestamp = z.string().superRefine((value, ctx) => {
  if (isTimestamp(value)) return;
  if (NAIVE_DATE_TIME.test(value)) {
    const withSeconds = value.length === 16 ? `${value}:00` : value;
    const base = value.length === 10 ? `${value}T00:00:00` : withSeconds.replace(' ', 'T');
    addRuleIssue(ctx, `must have a UTC offset (got "${value}")`, {
      rule: 'schema/timestamp-offset',
      hint: `every time needs an offset so it means one instant: write "${base}Z" for UTC or add your offset, e.g. "${base}+01:00"`,
    });
    return;
  }
  addRuleIssue(ctx, `must be an RFC 3339 timestamp (got "${value}")`, {
    rule: 'schema/timestamp',
    hint: 'write times as 2026-03-04T10:15:00Z or 2026-03-04T11:15:00+01:00',
  });
});

/** A calendar day, `YYYY-MM-DD` (due dates, review dates). */
export const CalendarDate = z.string().superRefine((value, ctx) => {
  const m = FULL_DATE.exec(value);
  if (m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) return;
  addRuleIssue(ctx, `must be a date YYYY-MM-DD (got "${value}")`, {
    rule: 'schema/date',
    hint: 'write dates as 2026-03-04',
  });
});

/**
 * A duration in OpenSLO's shorthand: a positive whole number and one unit,
 * m (minute), h (hour), d (day), w (week), M (month), Q (quarter), Y (year).
 * Units are case-sensitive: `1m` is a minute, `1M` a month.
 */
export const DURATION_PATTERN = /^[1-9]\d*[mhdwMQY]$/;
export const Duration = z.string().superRefine((value, ctx) => {
  if (DURATION_PATTERN.test(value)) return;
  const lower = /^\d+\s*(min|mins|minutes?|hours?|hrs?|days?|weeks?|s|sec|seconds?)$/i.test(value);
  addRuleIssue(ctx, `must be a duration like 5m, 1h, 28d (got "${value}")`, {
    rule: 'schema/duration',
    hint: lower
      ? 'use one of the units m h d w M Q Y after a whole number, e.g. 30m or 4h'
      : 'a whole number followed by one unit: m (minute) h d w M (month) Q Y; units are case-sensitive',
  });
});

/** Milliseconds in one unit of a duration; months, quarters and years use calendar averages. */
const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  M: 30 * 86_400_000,
  Q: 91 * 86_400_000,
  Y: 365 * 86_400_000,
};

/** Converts a valid duration shorthand to milliseconds. */
export function durationMs(duration: string): number {
  const unit = duration.slice(-1);
  return Number(duration.slice(0, -1)) * (UNIT_MS[unit] ?? Number.NaN);
}

/** RFC 1123 label: lower-case letters, digits and hyphens, at most 63 characters. */
export const RFC1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** An identifier: an RFC 1123 label (also how file names become ids). */
export const Id = z.string().superRefine((value, ctx) => {
  if (RFC1123_LABEL.test(value)) return;
  const suggestion = value
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  addRuleIssue(ctx, `is not a valid id (got "${value}")`, {
    rule: 'schema/id',
    hint: `ids use lower-case letters, digits and hyphens (at most 63), e.g. "${suggestion || 'my-id'}"`,
  });
});

/** A non-empty, trimmed line of text. */
export const Text = z.string().trim().min(1);

/** A web address. */
export const Url = z.url({ protocol: /^https?$/ });

/** Severity levels, most severe first. */
export const SEVERITIES = ['SEV0', 'SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/** Statuspage component statuses that describe impact (operational is the absence of impact). */
export const ImpactLevel = z.enum(['degraded_performance', 'partial_outage', 'major_outage']);

/** Statuspage incident update statuses. */
export const IncidentUpdateStatus = z.enum(['investigating', 'identified', 'monitoring', 'resolved']);

/** Statuspage scheduled-maintenance update statuses. */
export const MaintenanceUpdateStatus = z.enum(['scheduled', 'in_progress', 'verifying', 'completed']);

/** A person or team, as a handle or e-mail address. */
export const Person = Text.describe('A person or team: a handle such as "@ana" or "team-payments", or an e-mail address.');
