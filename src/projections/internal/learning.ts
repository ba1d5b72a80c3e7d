/**
 * What the learning page receives: src/domain/incidents/learning.ts over every incident, with the
 * budget each incident consumed as the SLO pages show it (the SLO engine's budget per incident),
 * and the names and links of services, SLO objectives and incidents.
 */
import type { ContentIndex } from '../../content/entry.ts';
import { instantOf } from '../../core/time.ts';
import { learning, type Learning } from '../../domain/incidents/learning.ts';
import { HREF } from './links.ts';
import type { SloPage } from './slos.ts';

export interface LearningPage {
  readonly learning: Learning;
  readonly incidents: number;
  /** Names and pages of the services and SLO objectives the lists name by key. */
  readonly services: ReadonlyMap<string, { readonly title: string; readonly href: string }>;
  readonly slos: ReadonlyMap<string, { readonly title: string; readonly href: string }>;
}

const objectiveTitle = (p: SloPage): string => (p.objective === p.title ? p.title : `${p.title} — ${p.objective}`);

export function learningPage(index: ContentIndex, sloPages: readonly SloPage[]): LearningPage {
  const zone = index.settings?.data.timeZone ?? 'UTC';
  const incidents = index.collections.incidents.map(({ id, data }) => ({
    id,
    title: data.title,
    severity: data.severity,
    started: instantOf(data.started),
    services: data.services,
    reviewStatus: data.review.status,
    contributingFactors: data.contributingFactors,
    followUps: data.followUps,
  }));
  const budget = sloPages.flatMap((p) => p.incidents.map((i) => ({ incident: i.id, service: p.service.id, slo: p.href, share: i.share })));
  const services = new Map(index.collections.services.map((s) => [s.id, { title: s.data.name, href: HREF.service(s.id) }]));
  return {
    learning: learning(incidents, budget, zone),
    incidents: incidents.length,
    services,
    slos: new Map(sloPages.map((p) => [p.href, { title: objectiveTitle(p), href: p.href }])),
  };
}
