/**
 * The public projection: everything a public page may show, built field by field from an
 * allowlist. Nothing of an entry's data is ever spread into it; public routes import nothing
 * else from the content.
 */
import type { Incident } from '../../schemas/incident.ts';
import type { Service } from '../../schemas/service.ts';
import type { Settings } from '../../schemas/settings.ts';

interface Item<T> {
  id: string;
  data: T;
}

export interface PublicComponent {
  name: string;
  group: string | undefined;
  description: string | undefined;
}

export interface PublicIncidentSummary {
  id: string;
  title: string;
}

export interface PublicIndex {
  organisation: { name: string; url: string };
  components: PublicComponent[];
  incidents: PublicIncidentSummary[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byInstant = (a: string, b: string) => Date.parse(a) - Date.parse(b);

export function publicIndex(settings: Settings, services: Item<Service>[], incidents: Item<Incident>[]): PublicIndex {
  const components: PublicComponent[] = [];
  for (const service of services) {
    const page = service.data.statusPage;
    if (page === false) continue;
    components.push({ name: page.component, group: page.group, description: page.description });
  }
  components.sort((a, b) => byText(a.group ?? '', b.group ?? '') || byText(a.name, b.name));
  const published: PublicIncidentSummary[] = [];
  // Newest first, by instant: the text of timestamps with different offsets does not sort.
  for (const incident of [...incidents].sort((a, b) => byInstant(b.data.started, a.data.started) || byText(a.id, b.id))) {
    const statement = incident.data.public;
    if (statement === undefined) continue;
    published.push({ id: incident.id, title: statement.title });
  }
  return {
    organisation: { name: settings.organisation.name, url: settings.organisation.url },
    components,
    incidents: published,
  };
}
