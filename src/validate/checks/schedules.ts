/** Rules about dates relative to each other or to now: maintenance windows, runbook reviews. */
import type { ContentIndex } from '../../content/entry.ts';
import { durationMs } from '../../schemas/common.ts';
import type { Diagnostic } from '../diagnostic.ts';

export function checkSchedules(index: ContentIndex, now: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of index.collections.maintenance) {
    if (Date.parse(m.data.scheduled.to) <= Date.parse(m.data.scheduled.from)) {
      out.push({ file: m.file, ...m.locate(['scheduled', 'to']), severity: 'error', message: `the window ends (${m.data.scheduled.to}) before it starts (${m.data.scheduled.from})`, rule: 'maintenance/window' });
    }
    let previous = Number.NEGATIVE_INFINITY;
    m.data.updates.forEach((u, i) => {
      const t = Date.parse(u.at);
      if (t < previous) {
        out.push({ file: m.file, ...m.locate(['updates', i, 'at']), severity: 'error', message: `update ${i + 1} (${u.at}) is earlier than the one before it`, rule: 'maintenance/update-order', hint: 'list updates oldest first' });
      }
      previous = t;
    });
  }
  const interval = index.settings?.data.runbookReviewInterval ?? '90d';
  for (const r of index.collections.runbooks) {
    const reviewed = Date.parse(`${r.data.lastReviewed}T00:00:00Z`);
    if (now - reviewed > durationMs(interval)) {
      out.push({
        file: r.file, ...r.locate(['lastReviewed']), severity: 'warning',
        message: `runbook last reviewed ${r.data.lastReviewed}, more than ${interval} ago`, rule: 'runbook/stale',
        hint: 'walk through it against the current system, fix what changed, and update lastReviewed',
      });
    }
    if (reviewed > now) {
      out.push({ file: r.file, ...r.locate(['lastReviewed']), severity: 'error', message: `lastReviewed ${r.data.lastReviewed} is in the future`, rule: 'runbook/review-date' });
    }
  }
  return out;
}
