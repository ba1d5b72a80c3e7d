import { defineRule } from '../../core/rule.ts';
import { incidentBudgets } from '../../domain/slo/evaluate.ts';
import { percent } from '../../domain/slo/format.ts';
import type { Incident } from '../../domain/slo/series.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

/**
 * Google's error-budget policy (SRE Workbook): a single incident that consumes more than a
 * share of the budget (20 %) needs a retrospective with at least one P0 action. A policy says
 * so with a step `when: { incidentConsumedAbove: 0.2 }`; this rule finds the resolved
 * incidents over the threshold whose follow-ups have no P0 item (one that is "wont-do" does
 * not count). The share is the engine's budget per incident (src/domain/slo): the largest
 * over the SLO's objectives (and its composite), measured in the SLO window in which the
 * incident ended, with the measurements up to the run's "now".
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
    const thresholds = new Map<string, { threshold: number; policy: string; step: string }>();
    for (const policy of index.collections.errorBudgetPolicies) {
      for (const step of policy.data.spec.steps) {
        const threshold = step.when.incidentConsumedAbove;
        if (threshold === undefined) continue;
        for (const slo of policy.data.spec.slos) {
          const known = thresholds.get(slo);
          if (!known || threshold < known.threshold) thresholds.set(slo, { threshold, policy: policy.id, step: step.name });
        }
      }
    }
    if (thresholds.size === 0) return;
    const candidates = index.collections.incidents.filter(
      (i) =>
        i.data.resolved !== undefined &&
        i.data.slos.some((s) => thresholds.has(s)) &&
        !i.data.followUps.some((f) => f.priority === 'P0' && f.status !== 'wont-do'),
    );
    if (candidates.length === 0) return;
    const engineIncidents: Incident[] = candidates.map(({ id, data }) => ({
      id,
      started: Date.parse(data.started),
      resolved: Date.parse(data.resolved!),
      slos: data.slos,
    }));
    const series = new Map(index.measurements.map((m) => [m.id, m.series]));
    const entries = new Map(candidates.map((c) => [c.id, c]));
    for (const slo of index.collections.slos) {
      const rule = thresholds.get(slo.id);
      const data = series.get(slo.id);
      if (!rule || !data) continue;
      const largest = new Map<string, number>();
      for (const part of incidentBudgets({ slo: slo.data, series: data, incidents: engineIncidents, now })) {
        for (const i of part.incidents) {
          if (i.share !== null && i.share > (largest.get(i.id) ?? Number.NEGATIVE_INFINITY)) largest.set(i.id, i.share);
        }
      }
      for (const [id, share] of largest) {
        if (!(share > rule.threshold)) continue;
        const entry = entries.get(id)!;
        const where = entry.data.followUps.length > 0 ? placeOf(entry, ['followUps'], 'key') : placeOf(entry, ['slos', entry.data.slos.indexOf(slo.id)]);
        report(where, {
          message: 'noP0',
          data: { share: percent(share, 1), slo: slo.id, threshold: percent(rule.threshold, 1), policy: rule.policy, step: rule.step },
        });
      }
    }
  },
});
