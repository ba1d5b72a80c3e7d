import { defineRule } from '../../core/rule.ts';
import type { ContentIndex } from '../../content/entry.ts';
import { incidentBudgets } from '../../domain/slo/evaluate.ts';
import { percent } from '../../domain/slo/numbers.ts';
import { engineIncident, type Incident } from '../../domain/slo/series.ts';
import { Id, Timestamp } from '../../schemas/common.ts';
import { isMapping, OPENSLO_API_VERSION, SLOSchema, type SLO } from '../../schemas/openslo.ts';
import { defineIndexRule, placeOf, type Located } from '../rule.ts';
import { policyFacts } from '../slo-facts.ts';

/**
 * Google's error-budget policy (SRE Workbook): a single incident that consumes more than a
 * share of the budget (20 %) needs a retrospective with at least one P0 action. A policy says
 * so with a step `when: { incidentConsumedAbove: 0.2 }`; this rule finds the resolved
 * incidents over the threshold whose follow-ups have no P0 item (one that is "wont-do" does
 * not count). The share is the engine's budget per incident (src/domain/slo): the largest
 * over the SLO's objectives (and its composite), over the incident's customer-impact
 * intervals, of the budget of a full window (the SLO's, or the step's `of`), with the
 * measurements up to the run's "now". Policies, incidents and SLOs are
 * read as written (src/rules/slo-facts.ts and below): a schema error elsewhere in any of them
 * hides nothing this rule reads.
 */
export default defineIndexRule({
  meta: defineRule({
    id: 'policy/incident-p0',
    severity: 'warning',
    summary: 'An incident consumed more of an SLO budget than a policy step allows, and its follow-ups have no P0 item.',
    configurable: true,
    messages: {
      noP0: {
        text: 'the incident consumed {share} of the error budget of SLO "{slo}", over the {threshold} at which policy "{policy}" requires a P0 follow-up; none of its follow-ups is P0',
        hint: 'add the follow-up that most reduces the risk of a repeat with priority: P0 (the policy step "{step}")',
      },
    },
  }),
  check({ index, now, report }) {
    // Policy steps with an incident condition, by the SLO they govern: the lowest threshold wins.
    const thresholds = new Map<string, { threshold: number; ofMs: number | undefined; policy: string; step: string }>();
    for (const policy of policyFacts(index)) {
      for (const step of policy.steps) {
        const condition = step.incidentConsumedAbove;
        // The step's name is part of the finding: a step without a well-formed one is the schema's finding.
        if (condition === undefined || step.name === undefined) continue;
        const threshold = condition.share;
        for (const { slo } of policy.slos) {
          const known = thresholds.get(slo);
          if (!known || threshold < known.threshold) thresholds.set(slo, { threshold, ofMs: condition.ofMs, policy: policy.id, step: step.name });
        }
      }
    }
    if (thresholds.size === 0) return;
    const candidates = incidentsAsWritten(index).filter(
      (i): i is IncidentFacts & { started: string; resolved: string } =>
        i.started !== undefined && i.resolved !== undefined && i.slos.some((s) => thresholds.has(s.slo)) && !i.hasP0,
    );
    if (candidates.length === 0) return;
    const engineIncidents: Incident[] = candidates.map((i) => engineIncident(i.id, { ...i, slos: i.slos.map((s) => s.slo) }));
    const series = new Map(index.measurements.map((m) => [m.id, m.series]));
    const entries = new Map(candidates.map((c) => [c.id, c]));
    for (const slo of slosAsWritten(index)) {
      const rule = thresholds.get(slo.metadata.name);
      const data = series.get(slo.metadata.name);
      if (!rule || !data) continue;
      const largest = new Map<string, number>();
      for (const part of incidentBudgets({
        slo,
        series: data,
        incidents: engineIncidents,
        now,
        ...(rule.ofMs === undefined ? {} : { referenceMs: rule.ofMs }),
      })) {
        for (const i of part.incidents) {
          if (i.share !== null && i.share > (largest.get(i.id) ?? Number.NEGATIVE_INFINITY)) largest.set(i.id, i.share);
        }
      }
      for (const [id, share] of largest) {
        if (!(share > rule.threshold)) continue;
        const incident = entries.get(id)!;
        const named = incident.slos.find((s) => s.slo === slo.metadata.name)!;
        const where = incident.followUpsWritten ? placeOf(incident.entry, ['followUps'], 'key') : placeOf(incident.entry, ['slos', named.index]);
        report(where, {
          message: 'noP0',
          data: { share: percent(share, 1), slo: slo.metadata.name, threshold: percent(rule.threshold, 1), policy: rule.policy, step: rule.step },
        });
      }
    }
  },
});

/** What this rule reads of an incident, as written (valid or not): key times, SLOs and follow-ups. */
interface IncidentFacts {
  entry: Located;
  id: string;
  started: string | undefined;
  mitigated: string | undefined;
  resolved: string | undefined;
  impact: { level: string; from: string; to?: string | undefined }[];
  /** The SLOs it names: each well-formed name, with its position in the list. */
  slos: { index: number; slo: string }[];
  followUpsWritten: boolean;
  /** A follow-up of priority P0 that is not "wont-do", however well-formed its other fields. */
  hasP0: boolean;
}

const isP0 = (f: unknown) => isMapping(f) && f.priority === 'P0' && f.status !== 'wont-do';
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
const timestamp = (value: unknown): string | undefined => (value !== undefined && Timestamp.safeParse(value).success ? (value as string) : undefined);

function incidentsAsWritten(index: ContentIndex): IncidentFacts[] {
  const valid = index.collections.incidents.map((entry): IncidentFacts => ({
    entry,
    id: entry.id,
    started: entry.data.started,
    mitigated: entry.data.mitigated,
    resolved: entry.data.resolved,
    impact: entry.data.impact,
    slos: entry.data.slos.map((slo, i) => ({ index: i, slo })),
    followUpsWritten: entry.data.followUps.length > 0,
    hasP0: entry.data.followUps.some(isP0),
  }));
  const invalid = (index.invalid?.incidents ?? []).map((entry): IncidentFacts => {
    const raw = isMapping(entry.raw) ? entry.raw : {};
    const followUps = listOf(raw.followUps);
    return {
      entry,
      id: entry.id,
      started: timestamp(raw.started),
      mitigated: timestamp(raw.mitigated),
      resolved: timestamp(raw.resolved),
      impact: listOf(raw.impact).flatMap((i) => {
        if (!isMapping(i)) return [];
        const from = timestamp(i.from);
        const to = timestamp(i.to);
        return from === undefined || typeof i.level !== 'string' ? [] : [{ level: i.level, from, ...(to === undefined ? {} : { to }) }];
      }),
      slos: listOf(raw.slos).flatMap((slo, i) => (Id.safeParse(slo).success ? [{ index: i, slo: slo as string }] : [])),
      followUpsWritten: followUps.length > 0,
      hasP0: followUps.some(isP0),
    };
  });
  return [...valid, ...invalid];
}

/**
 * Every SLO the engine can evaluate: the valid ones, and those whose only problems lie outside
 * their spec (metadata labels, say): the engine reads the name and the spec.
 */
function slosAsWritten(index: ContentIndex): SLO[] {
  const valid = new Set(index.collections.slos.map((s) => s.id));
  const invalid = (index.invalid?.slos ?? []).flatMap((entry): SLO[] => {
    // A name a valid SLO has too is id/duplicate's finding: that SLO is the one evaluated.
    if (valid.has(entry.id)) return [];
    const raw = isMapping(entry.raw) ? entry.raw : {};
    const spec = SLOSchema.shape.spec.safeParse(raw.spec);
    return spec.success ? [{ apiVersion: OPENSLO_API_VERSION, kind: 'SLO', metadata: { name: entry.id }, spec: spec.data }] : [];
  });
  return [...index.collections.slos.map((s) => s.data), ...invalid];
}
