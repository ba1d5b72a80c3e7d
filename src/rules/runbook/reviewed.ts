/** When a runbook was last reviewed: its lastReviewed day, read as midnight UTC. */
export function reviewedAt(lastReviewed: string): number {
  return Date.parse(`${lastReviewed}T00:00:00Z`);
}
