/**
 * What the index pages show, computed from collection entries. The public view is built
 * field by field from an allowlist: nothing of an entry's data is ever spread into it.
 * (The domain layer's public projection will replace this as the public site grows.)
 */
import type { Incident } from '../schemas/incident.ts';
import type { Service } from '../schemas/service.ts';
import type { Settings } from '../schemas/settings.ts';

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

export function publicIndex(settings: Settings, services: Item<Service>[], incidents: Item<Incident>[]): PublicIndex {
  const components: PublicComponent[] = [];
  for (const service of services) {
    const page = service.data.statusPage;
    if (page === false) continue;
    components.push({ name: page.component, group: page.group, description: page.description });
  }
  components.sort((a, b) => byText(a.group ?? '', b.group ?? '') || byText(a.name, b.name));
  const published: PublicIncidentSummary[] = [];
  for (const incident of [...incidents].sort((a, b) => byText(b.data.started, a.data.started) || byText(a.id, b.id))) {
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

export interface CollectionListing {
  name: string;
  entries: { id: string; title: string | undefined }[];
}

/** A human title for any entry: `title`, `name` or OpenSLO's `metadata.displayName`. */
export function titleOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Record<string, unknown>;
  for (const key of ['title', 'name'] as const) if (typeof record[key] === 'string') return record[key];
  const metadata = record.metadata as Record<string, unknown> | undefined;
  if (typeof metadata?.displayName === 'string') return metadata.displayName;
  return undefined;
}

export function listing(name: string, entries: { id: string; data: unknown }[]): CollectionListing {
  return {
    name,
    entries: entries.map((e) => ({ id: e.id, title: titleOf(e.data) })).sort((a, b) => byText(a.id, b.id)),
  };
}
