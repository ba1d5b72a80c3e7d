/** Rules that join SLOs to their SLIs, measurements and policies across files. */
import type { ContentIndex } from '../../content/entry.ts';
import { checkObjectiveAgainstSli, type SLISpec } from '../../schemas/openslo.ts';
import type { Diagnostic } from '../diagnostic.ts';

/** The SLI spec an SLO objective is measured by, inline or by reference. */
export function sliSpecOf(index: ContentIndex, slo: ContentIndex['collections']['slos'][number], objective = 0): SLISpec | undefined {
  const o = slo.data.spec.objectives[objective];
  const inline = o?.indicator ?? slo.data.spec.indicator;
  if (inline) return inline.spec;
  const ref = o?.indicatorRef ?? slo.data.spec.indicatorRef;
  return index.collections.slis.find((s) => s.id === ref)?.data.spec;
}

export function checkSlos(index: ContentIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const slo of index.collections.slos) {
    slo.data.spec.objectives.forEach((objective, i) => {
      // Inline SLIs were checked by the schema; referenced ones only now.
      if (objective.indicator ?? slo.data.spec.indicator) return;
      const sli = sliSpecOf(index, slo, i);
      if (!sli) return;
      checkObjectiveAgainstSli(objective, sli, (message, params, path) =>
        out.push({ file: slo.file, ...slo.locate(['spec', 'objectives', i, ...path]), severity: 'error', message, rule: params.rule, hint: params.hint }),
      );
    });
  }
  const slos = new Map(index.collections.slos.map((s) => [s.id, s]));
  for (const series of index.measurements) {
    const slo = slos.get(series.id);
    const sli = slo && sliSpecOf(index, slo);
    if (!sli) continue;
    const expected = sli.ratioMetric ? 'ratio' : 'threshold';
    if (series.series.type !== expected) {
      out.push({
        file: series.file, line: 1, column: 1, severity: 'error',
        message: `SLO "${series.id}" has a ${expected === 'ratio' ? 'ratioMetric' : 'thresholdMetric'} SLI but these are ${series.series.type} measurements`,
        rule: 'measurement/header',
        hint: expected === 'ratio' ? 'use the header timestamp,good,total' : 'use the header timestamp,value',
      });
    }
  }
  for (const policy of index.collections.errorBudgetPolicies) {
    let previous: number | undefined;
    policy.data.spec.steps.forEach((step, i) => {
      const below = step.when.remainingBudgetBelow;
      if (below === undefined) return;
      if (previous !== undefined && below > previous) {
        out.push({
          file: policy.file, ...policy.locate(['spec', 'steps', i, 'when', 'remainingBudgetBelow']), severity: 'warning',
          message: `step "${step.name}" holds at more remaining budget (${below}) than the step before it (${previous})`,
          rule: 'policy/step-order', hint: 'order steps from mildest to most severe: remainingBudgetBelow should fall from step to step',
        });
      }
      previous = below;
    });
  }
  return out;
}
