/**
 * The content index as `keel rules` reads it: every SLO whose SLI reads Prometheus and that
 * the generator can alert on exactly as the engine does, with the runbook URL of each alert a
 * runbook names. The others are listed with the reason.
 */
import { alertUrl } from '../core/alert-url.ts';
import { durationMs } from '../core/time.ts';
import type { ContentIndex } from '../content/entry.ts';
import { objectiveTarget } from '../domain/slo/events.ts';
import { alertName, type RuleSlo } from '../generators/prometheus-rules.ts';
import { prometheusSlos, type PrometheusSlo, type SkippedSlo } from './prometheus.ts';

export interface RuleSloInput extends RuleSlo {
  readonly source: PrometheusSlo;
}

export function ruleSlosOf(index: ContentIndex, only?: string): { slos: RuleSloInput[]; skipped: SkippedSlo[]; notes: string[] } {
  const { slos: found, skipped } = prometheusSlos(index, only);
  const notes: string[] = [];
  const base = index.settings?.data.internalSiteUrl;
  const alertsWithRunbook = new Set(index.collections.runbooks.flatMap((r) => r.data.alerts));
  const slos: RuleSloInput[] = [];
  for (const source of found) {
    const { sli, entry } = source;
    const skip = (reason: string) => skipped.push({ name: source.name, file: entry.file, reason });
    const spec = entry.data.spec;
    if (sli.type !== 'ratio') {
      skip('its SLI is a threshold metric: burn-rate rules need good and total events');
      continue;
    }
    if (spec.budgetingMethod !== 'Occurrences') {
      skip(`it budgets by ${spec.budgetingMethod}: Keel's burn rates count slices there, which PromQL cannot align; rules are generated for Occurrences SLOs`);
      continue;
    }
    if (spec.objectives.length !== 1) {
      skip(`it has ${spec.objectives.length} objectives: rules are generated for SLOs with one`);
      continue;
    }
    const runbookUrls = new Map<string, string>();
    for (const severity of ['page', 'ticket'] as const) {
      const name = alertName(source.name, severity);
      if (!alertsWithRunbook.has(name)) continue;
      if (base === undefined) notes.push(`a runbook names ${name}: set internalSiteUrl in keel.yaml to link it (runbook_url)`);
      else runbookUrls.set(name, alertUrl(base, name));
    }
    slos.push({
      source,
      name: source.name,
      service: spec.service,
      target: objectiveTarget(spec.objectives[0]!),
      periodMs: durationMs(spec.timeWindow[0]!.duration),
      windowed: sli.windowed,
      good: sli.good?.promql,
      bad: sli.bad?.promql,
      total: sli.total.promql,
      runbookUrls,
    });
  }
  return { slos, skipped, notes };
}
