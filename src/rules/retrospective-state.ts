/**
 * Whether an incident's retrospective is checked, and how hard, from its front matter as
 * written: a published retrospective at the rule's severity (error); a draft or in-review one,
 * once the incident is resolved, as warnings; a draft of an incident still open is not checked
 * yet (the retrospective is written after the incident: `keel new incident` starts a file that
 * validates clean), nor a draft with no section yet (not started: a note, an imported history).
 */
import type { Severity } from '../core/diagnostic.ts';

export type ReviewStatus = 'draft' | 'in-review' | 'published';

export interface RetrospectiveState {
  status: ReviewStatus;
  /** The severity of the findings about it: undefined means the rule's own. */
  severity: Severity | undefined;
}

const record = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** A `##` heading at the start of a line: the retrospective has been started. */
const STARTED = /^ {0,3}##[ \t]/m;

export function retrospectiveState(data: unknown, body: string): RetrospectiveState | undefined {
  const front = record(data);
  if (!front) return undefined;
  const written = record(front.review)?.status;
  // A missing review block is a draft (the schema's default); a wrong status is the schema's to report.
  const status: ReviewStatus = written === 'published' || written === 'in-review' ? written : 'draft';
  if (status === 'published') return { status, severity: undefined };
  if (front.resolved === undefined || front.resolved === null) return undefined;
  // A draft without a single ## heading is not started (a note, an imported history): its
  // lateness is incident/retrospective-overdue's to report, not seven missing sections.
  if (status === 'draft' && !STARTED.test(body)) return undefined;
  return { status, severity: 'warning' };
}
