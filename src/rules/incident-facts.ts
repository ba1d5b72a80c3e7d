/**
 * Incidents as written, for the incident rules: every field that is well-formed, whether or
 * not the file passed its schema as a whole. A bad status in one update then hides none of the
 * timeline's findings: each rule looks only at the fields it reads, and skips a check whose
 * fields are missing or malformed (the schema reports those).
 */
import { DAY_MS } from '../core/time.ts';
import type { ContentIndex } from '../content/entry.ts';
import { FollowUpSchema, IncidentSchema, PublicUpdateSchema, type Incident } from '../schemas/incident.ts';
import type { Located } from './rule.ts';

type UpdateStatus = NonNullable<Incident['public']>['updates'][number]['status'];
type FollowUp = Incident['followUps'][number];
type Impact = Incident['impact'][number];

export interface UpdateFacts {
  /** Position in the list, from 0 (messages say `index + 1`). */
  index: number;
  at: string | undefined;
  /** As written: undefined means "no change", or a malformed status (which the schema reports). */
  status: UpdateStatus;
  /** Whether the update has a status key at all, well-formed or not. */
  statusWritten: boolean;
  /** The status in force after this update: its own, else the one before it. */
  effective: UpdateStatus;
}

export interface ImpactFacts {
  index: number;
  component: string | undefined;
  level: Impact['level'] | undefined;
  from: string | undefined;
  to: string | undefined;
}

export interface IncidentFacts {
  entry: Located;
  severity: Incident['severity'] | undefined;
  started: string | undefined;
  detected: string | undefined;
  acknowledged: string | undefined;
  mitigated: string | undefined;
  resolved: string | undefined;
  backfilled: boolean;
  services: string[];
  /** Whether there is a well-formed `public` block with updates (an incident without one is internal). */
  hasPublic: boolean;
  /** `public.impact` as declared (undefined when absent or malformed). */
  publicImpact: NonNullable<Incident['public']>['impact'];
  /** Whether `public.impact` is written at all, well-formed or not (a malformed one is the schema's to report). */
  publicImpactWritten: boolean;
  updates: UpdateFacts[];
  impact: ImpactFacts[];
  followUps: { index: number; followUp: FollowUp }[];
  reviewStatus: Incident['review']['status'] | undefined;
  /**
   * `started` is later than every other time of the incident (key times, updates, impact): one
   * wrong value, reported once by incident/time-order instead of by every rule that compares with it.
   */
  startedIsOff: boolean;
}

const shape = IncidentSchema.shape;
const updateShape = PublicUpdateSchema.shape;
const publicShape = shape.public.unwrap().shape;
const impactShape = shape.impact.unwrap().element.shape;

/** The value if the schema accepts it, else undefined. */
function valid<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, value: unknown): T | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function withEffectiveStatus(updates: Omit<UpdateFacts, 'effective'>[]): UpdateFacts[] {
  let current: UpdateStatus;
  return updates.map((update) => {
    current = update.status ?? current;
    return { ...update, effective: current };
  });
}

/** Facts of a valid entry: its data, as the schema output it. */
function fromData(entry: Located, data: Incident): Omit<IncidentFacts, 'startedIsOff'> {
  return {
    entry,
    severity: data.severity,
    started: data.started,
    detected: data.detected,
    acknowledged: data.acknowledged,
    mitigated: data.mitigated,
    resolved: data.resolved,
    backfilled: data.backfilled,
    services: data.services,
    hasPublic: data.public !== undefined,
    publicImpact: data.public?.impact,
    publicImpactWritten: data.public?.impact !== undefined,
    updates: withEffectiveStatus(
      (data.public?.updates ?? []).map((u, index) => ({ index, at: u.at, status: u.status, statusWritten: u.status !== undefined })),
    ),
    impact: data.impact.map((i, index) => ({ index, component: i.component, level: i.level, from: i.from, to: i.to })),
    followUps: data.followUps.map((followUp, index) => ({ index, followUp })),
    reviewStatus: data.review.status,
  };
}

/** Facts of an entry that failed its schema: each field on its own. */
function fromRaw(entry: Located, raw: unknown): Omit<IncidentFacts, 'startedIsOff'> {
  const data = asRecord(raw);
  const publicBlock = asRecord(data.public);
  const updates = asList(publicBlock.updates).map((item, index) => {
    const update = asRecord(item);
    return { index, at: valid(updateShape.at, update.at), status: valid(updateShape.status, update.status), statusWritten: 'status' in update };
  });
  return {
    entry,
    severity: valid(shape.severity, data.severity),
    started: valid(shape.started, data.started),
    detected: valid(shape.detected, data.detected),
    acknowledged: valid(shape.acknowledged, data.acknowledged),
    mitigated: valid(shape.mitigated, data.mitigated),
    resolved: valid(shape.resolved, data.resolved),
    backfilled: valid(shape.backfilled, data.backfilled) ?? false,
    services: valid(shape.services, data.services) ?? [],
    hasPublic: updates.length > 0,
    publicImpact: valid(publicShape.impact, publicBlock.impact),
    publicImpactWritten: 'impact' in publicBlock,
    updates: withEffectiveStatus(updates),
    impact: asList(data.impact).map((item, index) => {
      const impact = asRecord(item);
      return {
        index,
        component: valid(impactShape.component, impact.component),
        level: valid(impactShape.level, impact.level),
        from: valid(impactShape.from, impact.from),
        to: valid(impactShape.to, impact.to),
      };
    }),
    followUps: asList(data.followUps).flatMap((item, index) => {
      const followUp = valid(FollowUpSchema, item);
      return followUp ? [{ index, followUp }] : [];
    }),
    reviewStatus: valid(shape.review, data.review)?.status,
  };
}

/** Whether `started` lies after every other recorded time (at least two of them). */
function startedAfterEverything(facts: Omit<IncidentFacts, 'startedIsOff'>): boolean {
  if (facts.started === undefined) return false;
  const started = Date.parse(facts.started);
  const others = [facts.detected, facts.acknowledged, facts.mitigated, facts.resolved, ...facts.updates.map((u) => u.at), ...facts.impact.map((i) => i.from)]
    .filter((t) => t !== undefined)
    .map((t) => Date.parse(t));
  return others.length >= 2 && others.every((t) => t < started);
}

/** Four weeks: a first update this long after the start is a wrong month, not a slow first post. */
export const MONTH_TYPO_MS = 28 * DAY_MS;

/**
 * `started` lies four weeks or more before the first public update: the shape of a month typo
 * (incident/month-typo reports it unless the incident is backfilled; incident/date-slip then
 * leaves `started` to it).
 */
export function startedMonthsBeforeUpdates(facts: Pick<IncidentFacts, 'started' | 'updates'>): boolean {
  if (facts.started === undefined) return false;
  const times = facts.updates.flatMap((u) => (u.at === undefined ? [] : [Date.parse(u.at)]));
  return times.length > 0 && Math.min(...times) - Date.parse(facts.started) >= MONTH_TYPO_MS;
}

const withSuspicion = (facts: Omit<IncidentFacts, 'startedIsOff'>): IncidentFacts => ({ ...facts, startedIsOff: startedAfterEverything(facts) });

const cache = new WeakMap<ContentIndex, IncidentFacts[]>();

/** Every incident, valid or not, as far as its fields are well-formed (computed once per index). */
export function incidentFacts(index: ContentIndex): IncidentFacts[] {
  let facts = cache.get(index);
  if (!facts) {
    facts = [
      ...index.collections.incidents.map((entry) => withSuspicion(fromData(entry, entry.data))),
      ...(index.invalid?.incidents ?? []).map((entry) => withSuspicion(fromRaw(entry, entry.raw))),
    ];
    cache.set(index, facts);
  }
  return facts;
}
