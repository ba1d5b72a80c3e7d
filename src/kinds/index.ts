/**
 * The index of every content kind. Everything that needs "all kinds" derives from this list:
 * collection names and their data types, the loader's folders, the reference graph, the
 * public allowlist, the Astro collections and the JSON Schemas.
 */
import type { z } from 'zod';
import { concerns } from './concerns.ts';
import { errorBudgetPolicies } from './error-budget-policies.ts';
import { experiments } from './experiments.ts';
import { incidents } from './incidents.ts';
import type { KindDefinition, KindSource } from './kind.ts';
import { maintenance } from './maintenance.ts';
import { alertConditions, alertPolicies, dataSources, notificationTargets, openSloServices, slis, slos } from './openslo.ts';
import { runbooks } from './runbooks.ts';
import { services } from './services.ts';

export const KINDS = [
  services,
  maintenance,
  incidents,
  runbooks,
  concerns,
  experiments,
  slos,
  slis,
  openSloServices,
  dataSources,
  alertPolicies,
  alertConditions,
  notificationTargets,
  errorBudgetPolicies,
] as const;

type AnyKind = (typeof KINDS)[number];
export type CollectionName = AnyKind['name'];
export type KindOf<C extends CollectionName> = Extract<AnyKind, { name: C }>;
/** The output type of each collection's schema. */
export type CollectionData = { [C in CollectionName]: z.output<KindOf<C>['schema']> };
/** Collections whose files are Markdown with front matter (their entries have a body). */
export type MarkdownCollection = Extract<AnyKind, { source: { format: 'markdown' } }>['name'];

/** A reference target: a kind, or the status-page components services declare. */
export type ReferenceTarget = CollectionName | 'components';

// Every reference names a kind that exists: a typo in a target fails to compile here.
type UnknownTargets = Exclude<AnyKind['references'][number]['target'], ReferenceTarget>;
const referencesResolve: [UnknownTargets] extends [never] ? true : UnknownTargets = true;
void referencesResolve;

export const COLLECTION_NAMES: readonly CollectionName[] = KINDS.map((kind) => kind.name);

const byName = new Map<string, KindDefinition>(KINDS.map((kind) => [kind.name, kind as KindDefinition]));

export function kindOf<C extends CollectionName>(name: C): KindOf<C> {
  return byName.get(name) as KindOf<C>;
}

/** Collections the public build may load; every other collection stays empty there. */
export const PUBLIC_COLLECTIONS: readonly CollectionName[] = KINDS.filter((kind) => kind.audience === 'public').map((kind) => kind.name);

/** How messages name a reference target. */
export function targetLabel(target: ReferenceTarget): string {
  return target === 'components' ? 'status-page component' : kindOf(target).label;
}

/** Kinds with one entry per file, by folder. */
export const FILE_KINDS: ReadonlyMap<string, AnyKind & { source: Extract<KindSource, { format: 'yaml' | 'markdown' }> }> = new Map(
  KINDS.flatMap((kind) => (kind.source.format === 'document' ? [] : [[kind.source.folder, kind] as const])),
) as never;

/** Kinds kept as documents of multi-document files, by folder, then apiVersion, then kind. */
export const DOCUMENT_KINDS: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, AnyKind>>> = (() => {
  const folders = new Map<string, Map<string, Map<string, AnyKind>>>();
  for (const kind of KINDS) {
    if (kind.source.format !== 'document') continue;
    const { folder, apiVersion, kind: name } = kind.source;
    let versions = folders.get(folder);
    if (!versions) folders.set(folder, (versions = new Map<string, Map<string, AnyKind>>()));
    let kinds = versions.get(apiVersion);
    if (!kinds) versions.set(apiVersion, (kinds = new Map<string, AnyKind>()));
    kinds.set(name, kind);
  }
  return folders;
})();

/** Files at the top of the content folder that are documentation for authors, not content. */
export const IGNORED_TOP_LEVEL = ['README.md'];

export { SETTINGS } from './settings.ts';
export { MEASUREMENTS } from './measurements.ts';
