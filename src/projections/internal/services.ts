/**
 * The service catalog's data: an index row and a page per service (owner, tier, links,
 * dependencies both ways, its SLOs with their state, its incidents, runbooks, concerns and
 * experiments, and its public status-page component).
 */
import { publicId } from '../../core/slug.ts';
import type { ContentIndex } from '../../content/entry.ts';
import { incidentRows, type IncidentRow } from './incidents.ts';
import { HREF } from './links.ts';
import type { Link, SloRow, SloState } from './slos.ts';

export interface ServiceRow {
  readonly id: string;
  readonly name: string;
  readonly href: string;
  readonly owner: string;
  readonly tier: number;
  /** The status-page component, and its page on the public site when the portal knows its address. */
  readonly component: { readonly name: string; readonly group: string | undefined; readonly publicHref: string | undefined } | undefined;
  /** How many of its SLO objectives are in each state. */
  readonly sloStates: Readonly<Partial<Record<SloState, number>>>;
  readonly sloCount: number;
  readonly openIncidents: number;
}

export interface ServicePage extends ServiceRow {
  readonly description: string | undefined;
  readonly links: readonly { readonly title: string; readonly url: string }[];
  readonly dependsOn: readonly Link[];
  readonly dependedOnBy: readonly Link[];
  readonly slos: readonly SloRow[];
  readonly incidents: readonly IncidentRow[];
  readonly runbooks: readonly Link[];
  readonly concerns: readonly Link[];
  readonly experiments: readonly Link[];
}

/** Every service's index row and page, in id order. */
export function servicePages(index: ContentIndex, sloRows: readonly SloRow[], now: number): { rows: ServiceRow[]; pages: ServicePage[] } {
  const c = index.collections;
  const statusPageUrl = index.settings?.data.organisation.statusPageUrl?.replace(/\/+$/, '');
  const names = new Map(c.services.map((s) => [s.id, s.data.name]));
  const link = (id: string): Link => ({ id, title: names.get(id) ?? id, href: HREF.service(id) });
  const allIncidents = incidentRows(index, now);
  const pages = [...c.services]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ id, data }): ServicePage => {
      const slos = sloRows.filter((r) => r.service.id === id);
      const sloStates: Partial<Record<SloState, number>> = {};
      for (const r of slos) sloStates[r.state] = (sloStates[r.state] ?? 0) + 1;
      const incidents = allIncidents.filter((i) => i.services.some((s) => s.id === id));
      const status = data.statusPage;
      return {
        id,
        name: data.name,
        href: HREF.service(id),
        owner: data.owner,
        tier: data.tier,
        component:
          status === false
            ? undefined
            : {
                name: status.component,
                group: status.group,
                publicHref: statusPageUrl === undefined ? undefined : `${statusPageUrl}/components/${publicId(status.component)}/`,
              },
        sloStates,
        sloCount: slos.length,
        openIncidents: incidents.filter((i) => i.open).length,
        description: data.description,
        links: data.links,
        dependsOn: data.dependsOn.map(link),
        dependedOnBy: c.services.filter((s) => s.data.dependsOn.includes(id)).map((s) => link(s.id)),
        slos,
        incidents,
        runbooks: c.runbooks.filter((r) => r.data.services.includes(id)).map((r) => ({ id: r.id, title: r.data.title, href: HREF.runbook(r.id) })),
        concerns: c.concerns.filter((x) => x.data.services.includes(id)).map((x) => ({ id: x.id, title: x.data.title, href: HREF.concern(x.id) })),
        experiments: c.experiments.filter((x) => x.data.services.includes(id)).map((x) => ({ id: x.id, title: x.data.title, href: HREF.experiment(x.id) })),
      };
    });
  const rows: ServiceRow[] = pages.map(({ id, name, href, owner, tier, component, sloStates, sloCount, openIncidents }) => ({
    id,
    name,
    href,
    owner,
    tier,
    component,
    sloStates,
    sloCount,
    openIncidents,
  }));
  return { rows, pages };
}
