/**
 * Maintenance windows as written, for the maintenance rules: every well-formed field, whether or
 * not the file passed its schema (as incident-facts.ts does for incidents).
 */
import type { ContentIndex } from '../content/entry.ts';
import { Timestamp } from '../schemas/common.ts';
import type { Located } from './rule.ts';

export interface MaintenanceFacts {
  entry: Located;
  from: string | undefined;
  to: string | undefined;
  /** Each update's time as written, by position (undefined where malformed). */
  updates: (string | undefined)[];
}

const timestamp = (value: unknown): string | undefined => (Timestamp.safeParse(value).success ? (value as string) : undefined);
const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const cache = new WeakMap<ContentIndex, MaintenanceFacts[]>();

export function maintenanceFacts(index: ContentIndex): MaintenanceFacts[] {
  let facts = cache.get(index);
  if (!facts) {
    facts = [
      ...index.collections.maintenance.map((m) => ({
        entry: m,
        from: m.data.scheduled.from,
        to: m.data.scheduled.to,
        updates: m.data.updates.map((u) => u.at),
      })),
      ...(index.invalid?.maintenance ?? []).map((m) => {
        const raw = asRecord(m.raw);
        const scheduled = asRecord(raw.scheduled);
        const updates = Array.isArray(raw.updates) ? raw.updates.map((u) => timestamp(asRecord(u).at)) : [];
        return { entry: m, from: timestamp(scheduled.from), to: timestamp(scheduled.to), updates };
      }),
    ];
    cache.set(index, facts);
  }
  return facts;
}
