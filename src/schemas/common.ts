/**
 * Primitives shared by every content kind. Each reports through a rule declared in
 * ./rules.ts, so that a bad value is reported the same way wherever it appears.
 */
import { z } from 'zod';
import type { DataPath } from '../core/diagnostic.ts';
import type { MessageData, RuleMeta } from '../core/rule.ts';
import { fill } from '../core/rule.ts';
import { DURATION_PATTERN, isCalendarDate, isTimestamp, NAIVE_DATE_TIME } from '../core/time.ts';
import { DATE, DURATION, ID, TIMESTAMP, TIMESTAMP_OFFSET } from './rules.ts';

/** What a custom issue carries besides its message; src/content/zod-issues.ts reads it. */
export interface RuleParams {
  rule: string;
  hint?: string | undefined;
  /** Report at the key rather than the value (the key itself is wrong, e.g. a reserved annotation). */
  at?: 'key';
  /** The message continues the field's name. */
  field?: boolean;
}

/** Raises a custom issue with one of a rule's declared messages. */
export function addRuleIssue<M extends string>(
  ctx: z.RefinementCtx,
  rule: RuleMeta<M>,
  message: M,
  { data, path = [], at }: { data?: MessageData; path?: DataPath; at?: 'key' } = {},
): void {
  const spec = rule.messages[message];
  const params: RuleParams = { rule: rule.id, hint: spec.hint === undefined ? undefined : fill(spec.hint, data) };
  if (at) params.at = at;
  if (spec.field) params.field = true;
  ctx.addIssue({ code: 'custom', message: fill(spec.text, data), params: { ...params }, path: [...path] });
}

/** An instant: RFC 3339 with an offset (`2026-03-04T10:15:00Z`, `…+01:00`). */
export const Timestamp = z.string().superRefine((value, ctx) => {
  if (isTimestamp(value)) return;
  if (NAIVE_DATE_TIME.test(value)) {
    const withSeconds = value.length === 16 ? `${value}:00` : value;
    const base = value.length === 10 ? `${value}T00:00:00` : withSeconds.replace(' ', 'T');
    addRuleIssue(ctx, TIMESTAMP_OFFSET, 'naive', { data: { value, base } });
    return;
  }
  addRuleIssue(ctx, TIMESTAMP, 'invalid', { data: { value } });
});

/** A calendar day, `YYYY-MM-DD` (due dates, review dates). */
export const CalendarDate = z.string().superRefine((value, ctx) => {
  if (isCalendarDate(value)) return;
  addRuleIssue(ctx, DATE, 'invalid', { data: { value } });
});

/** A duration in OpenSLO's shorthand (see src/core/time.ts). */
export const Duration = z.string().superRefine((value, ctx) => {
  if (DURATION_PATTERN.test(value)) return;
  const wordUnit = /^\d+\s*(min|mins|minutes?|hours?|hrs?|days?|weeks?|s|sec|seconds?)$/i.test(value);
  addRuleIssue(ctx, DURATION, wordUnit ? 'wordUnit' : 'invalid', { data: { value } });
});

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
  addRuleIssue(ctx, ID, 'value', { data: { value, suggestion: suggestion || 'my-id' } });
});

/** A non-empty, trimmed line of text. */
export const Text = z.string().trim().min(1);

/** A web address. */
export const Url = z.url({ protocol: /^https?$/ });

/** Severity levels, most severe first. */
export const SEVERITIES = ['SEV0', 'SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/**
 * Statuspage component statuses an incident can give a component: `operational` names a
 * component as affected without impairing it (Statuspage lists such components too).
 */
export const ImpactLevel = z.enum(['operational', 'degraded_performance', 'partial_outage', 'major_outage']);

/** Statuspage's incident impact, as declared by whoever communicates the incident. */
export const IncidentImpact = z.enum(['none', 'minor', 'major', 'critical']);

/** Statuspage incident update statuses. */
export const IncidentUpdateStatus = z.enum(['investigating', 'identified', 'monitoring', 'resolved']);

/** Statuspage scheduled-maintenance update statuses. */
export const MaintenanceUpdateStatus = z.enum(['scheduled', 'in_progress', 'verifying', 'completed']);

/** A person or team, as a handle or e-mail address. */
export const Person = Text.describe('A person or team: a handle such as "@ana" or "team-payments", or an e-mail address.');
