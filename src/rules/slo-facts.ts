/**
 * SLOs, SLIs and error-budget policies as written, for the SLO-side cross-file rules: every
 * well-formed field, whether or not the document passed its schema (as incident-facts.ts does for
 * incidents). A schema error elsewhere in a document then hides none of openslo/objective-op,
 * measurement/sli-type or the policy rules: each reads only the fields it needs, and skips a
 * check whose fields are missing or malformed (the schema reports those).
 */
import type { ContentIndex } from '../content/entry.ts';
import { incidentThreshold } from '../domain/slo/policy.ts';
import { Id } from '../schemas/common.ts';
import { ErrorBudgetPolicySchema } from '../schemas/error-budget-policy.ts';
import { hasValue, inlineSliOf, isMapping, sliMetricOf, type SliMetric, type Written } from '../schemas/openslo.ts';
import type { Located } from './rule.ts';

/** Where an objective's SLI is: written inline (the schema checks the objective against it), or named. */
export type SliSource = { inline: true; metric: SliMetric | undefined } | { inline: false; ref: string | undefined };

export interface ObjectiveFacts {
  /** Position in the list, from 0. */
  index: number;
  /** The objective as written (as parsed, for a valid SLO), for the checks the schema declares. */
  written: Written;
  sli: SliSource;
}

export interface SloFacts {
  entry: Located;
  id: string;
  /** The SLI of the SLO as a whole: the first objective's, else the SLO's own (what its measurements are of). */
  sli: SliSource;
  objectives: ObjectiveFacts[];
}

export interface PolicyStepFacts {
  index: number;
  name: string | undefined;
  remainingBudgetBelow: number | undefined;
  /** The incident condition, normalised: the share and the period (`of`) whose full budget it is of. */
  incidentConsumedAbove: { share: number; ofMs?: number } | undefined;
}

export interface PolicyFacts {
  entry: Located;
  id: string;
  /** The SLOs it governs: each well-formed name, with its position in the list. */
  slos: { index: number; slo: string }[];
  steps: PolicyStepFacts[];
}

const policySpec = ErrorBudgetPolicySchema.shape.spec.shape;
const stepShape = policySpec.steps.element.shape;
const whenShape = stepShape.when.shape;

/** The value if the schema accepts it, else undefined. */
function valid<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, value: unknown): T | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

const asMapping = (value: unknown): Written => (isMapping(value) ? value : {});
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);

/** An objective's SLI: its own or the SLO's, inline or by reference (the objective's own comes first). */
function sliSource(spec: Written, objective: Written): SliSource {
  const inline = inlineSliOf(spec, objective);
  if (inline) return { inline: true, metric: sliMetricOf(inline.spec) };
  const ref = hasValue(objective.indicatorRef) ? objective.indicatorRef : spec.indicatorRef;
  return { inline: false, ref: typeof ref === 'string' ? ref : undefined };
}

/** Facts of an SLO from its spec: the schema's output for a valid one, the data as written otherwise. */
function sloFromSpec(entry: Located, id: string, specValue: unknown): SloFacts {
  const spec = asMapping(specValue);
  const objectives = asList(spec.objectives).flatMap((o, index) => (isMapping(o) ? [{ index, written: o, sli: sliSource(spec, o) }] : []));
  const first = asList(spec.objectives)[0];
  return { entry, id, sli: sliSource(spec, asMapping(first)), objectives };
}

const sloCache = new WeakMap<ContentIndex, SloFacts[]>();

/** Every SLO, valid or not, as far as its fields are well-formed (computed once per index). */
export function sloFacts(index: ContentIndex): SloFacts[] {
  let facts = sloCache.get(index);
  if (!facts) {
    facts = [
      ...index.collections.slos.map((entry) => sloFromSpec(entry, entry.id, entry.data.spec)),
      ...(index.invalid?.slos ?? []).map((entry) => sloFromSpec(entry, entry.id, asMapping(entry.raw).spec)),
    ];
    sloCache.set(index, facts);
  }
  return facts;
}

const sliCache = new WeakMap<ContentIndex, ReadonlyMap<string, SliMetric | undefined>>();

/** The metric of every SLI object by name, valid or not (a valid one wins a name they share). */
function sliMetrics(index: ContentIndex): ReadonlyMap<string, SliMetric | undefined> {
  let metrics = sliCache.get(index);
  if (!metrics) {
    const map = new Map<string, SliMetric | undefined>();
    for (const sli of index.collections.slis) if (!map.has(sli.id)) map.set(sli.id, sliMetricOf(sli.data.spec));
    for (const sli of index.invalid?.slis ?? []) if (!map.has(sli.id)) map.set(sli.id, sliMetricOf(asMapping(sli.raw).spec));
    metrics = map;
    sliCache.set(index, metrics);
  }
  return metrics;
}

/** The metric an SLI source measures: written inline, or of the SLI object it names. */
export function metricOf(index: ContentIndex, sli: SliSource): SliMetric | undefined {
  if (sli.inline) return sli.metric;
  return sli.ref === undefined ? undefined : sliMetrics(index).get(sli.ref);
}

/** Names of every SLO that exists, valid or not (an invalid one's problems are reported already). */
export function sloNames(index: ContentIndex): Set<string> {
  return new Set(sloFacts(index).map((s) => s.id));
}

function policyFromData(entry: ContentIndex['collections']['errorBudgetPolicies'][number]): PolicyFacts {
  const { spec } = entry.data;
  return {
    entry,
    id: entry.id,
    slos: spec.slos.map((slo, index) => ({ index, slo })),
    steps: spec.steps.map((step, index) => ({
      index,
      name: step.name,
      remainingBudgetBelow: step.when.remainingBudgetBelow,
      incidentConsumedAbove: step.when.incidentConsumedAbove === undefined ? undefined : incidentThreshold(step.when.incidentConsumedAbove),
    })),
  };
}

function policyFromRaw(entry: Located, id: string, raw: unknown): PolicyFacts {
  const spec = asMapping(asMapping(raw).spec);
  return {
    entry,
    id,
    slos: asList(spec.slos).flatMap((item, index) => {
      const slo = valid(Id, item);
      return slo === undefined ? [] : [{ index, slo }];
    }),
    steps: asList(spec.steps).flatMap((item, index) => {
      if (!isMapping(item)) return [];
      const when = asMapping(item.when);
      const incident = valid(whenShape.incidentConsumedAbove, when.incidentConsumedAbove);
      return [
        {
          index,
          name: valid(stepShape.name, item.name),
          remainingBudgetBelow: valid(whenShape.remainingBudgetBelow, when.remainingBudgetBelow),
          incidentConsumedAbove: incident === undefined ? undefined : incidentThreshold(incident),
        },
      ];
    }),
  };
}

const policyCache = new WeakMap<ContentIndex, PolicyFacts[]>();

/** Every error-budget policy, valid or not, as far as its fields are well-formed (computed once per index). */
export function policyFacts(index: ContentIndex): PolicyFacts[] {
  let facts = policyCache.get(index);
  if (!facts) {
    facts = [
      ...index.collections.errorBudgetPolicies.map(policyFromData),
      ...(index.invalid?.errorBudgetPolicies ?? []).map((entry) => policyFromRaw(entry, entry.id, entry.raw)),
    ];
    policyCache.set(index, facts);
  }
  return facts;
}
