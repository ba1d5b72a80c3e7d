/**
 * Which files `keel validate --changed` checks: the changed files, and every file related to
 * one of them, because a rule may report on it differently once the changed file is what it is:
 *
 * - files that name something a changed file defines, now or before the change (an incident
 *   naming an SLO that was renamed or deleted), and files that define something a changed file
 *   names (the service an edited incident names); the references are the kinds' own
 *   (src/kinds: `references`), plus measurements/<slo>.csv ↔ its SLO and a status-page
 *   component ↔ the services that declare it;
 * - files that define the same id as a checked file (id/duplicate, which also names the line of
 *   the first definition);
 * - an SLO, its measurements file, the error-budget policies that govern it and the SLIs it
 *   uses change together: when one of them changed, all of them and every file naming the SLO
 *   are checked (policy/incident-p0 reports on incidents, measurement/sli-type on measurements);
 * - services in a dependency cycle with a changed service (service/dependency-cycle reports a
 *   cycle once, at its first service by id).
 *
 * keel.yaml is not handled here: the caller checks it always, and everything when it changed.
 */
import type { FileResult } from '../content/load.ts';
import { kindOf, type CollectionName } from '../kinds/index.ts';
import type { KindDefinition } from '../kinds/kind.ts';

/** What one file defines and names, as `target:value` keys (`slos:checkout-latency`, `components:Checkout`). */
interface FileKeys {
  defines: Set<string>;
  names: Set<string>;
  /** SLOs this file is a part of: SLOs it defines, the SLO of its measurements, SLOs its policies govern. */
  sloParts: Set<string>;
  /** SLIs it defines. */
  slis: Set<string>;
  /** Services it defines, with their dependsOn. */
  services: Map<string, readonly string[]>;
}

/** A reference path (`a[].b`) as its keys, each marked when it holds a list to walk. */
const segments = new Map<string, { key: string; list: boolean }[]>();

/**
 * Every string at a reference path, as valuesAt (src/rules/values-at.ts) finds them but
 * without their paths: this runs over every entry of the folder.
 */
function stringsAt(data: unknown, pattern: string, out: (value: string) => void): void {
  let parts = segments.get(pattern);
  if (!parts)
    segments.set(pattern, (parts = pattern.split('.').map((p) => (p.endsWith('[]') ? { key: p.slice(0, -2), list: true } : { key: p, list: false }))));
  const walk = (value: unknown, i: number): void => {
    if (i === parts.length) {
      if (typeof value === 'string') out(value);
      return;
    }
    const { key, list } = parts[i]!;
    const child = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    if (child === undefined) return;
    if (!list) return walk(child, i + 1);
    if (Array.isArray(child)) for (const item of child) walk(item, i + 1);
  };
  walk(data, 0);
}

function keysOf(result: FileResult): FileKeys {
  const keys: FileKeys = { defines: new Set(), names: new Set(), sloParts: new Set(), slis: new Set(), services: new Map() };
  const add = (collection: CollectionName, id: string, data: unknown) => {
    keys.defines.add(`${collection}:${id}`);
    for (const { path, target } of (kindOf(collection) as KindDefinition).references) stringsAt(data, path, (value) => keys.names.add(`${target}:${value}`));
    if (collection === 'services') {
      stringsAt(data, 'statusPage.component', (value) => keys.defines.add(`components:${value}`));
      const dependsOn: string[] = [];
      stringsAt(data, 'dependsOn[]', (value) => dependsOn.push(value));
      keys.services.set(id, dependsOn);
    }
    if (collection === 'slos') keys.sloParts.add(id);
    if (collection === 'slis') keys.slis.add(id);
    if (collection === 'errorBudgetPolicies') stringsAt(data, 'spec.slos[]', (value) => keys.sloParts.add(value));
  };
  for (const { collection, entry } of result.entries) add(collection, entry.id, entry.data);
  for (const { collection, id, invalid } of result.rejected) add(collection, id, invalid?.raw);
  if (result.measurement) {
    keys.names.add(`slos:${result.measurement.id}`);
    keys.sloParts.add(result.measurement.id);
  }
  return keys;
}

export interface Change {
  /** Every file of the folder now, by path in the folder. */
  files: ReadonlyMap<string, FileResult>;
  /** Files that changed and exist now. */
  changed: ReadonlySet<string>;
  /** Files as they were before the change (changed or deleted ones that existed then). */
  before: Iterable<FileResult>;
}

/** The files to check: the changed ones and every file related to them (see above), by path in the folder. */
export function relatedFiles({ files, changed, before }: Change): Set<string> {
  const keys = new Map<string, FileKeys>();
  const definers = new Map<string, string[]>();
  const namers = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, rel: string) => {
    const list = map.get(key);
    if (list) list.push(rel);
    else map.set(key, [rel]);
  };
  for (const [rel, result] of files) {
    const k = keysOf(result);
    keys.set(rel, k);
    for (const key of k.defines) push(definers, key, rel);
    for (const key of k.names) push(namers, key, rel);
  }

  const out = new Set<string>();
  const addAll = (rels: readonly string[] | undefined) => rels?.forEach((rel) => out.add(rel));
  const touched = [...[...changed].flatMap((rel) => (files.has(rel) ? [keys.get(rel)!] : [])), ...[...before].map(keysOf)];
  for (const rel of changed) if (files.has(rel)) out.add(rel);

  const slos = new Set<string>();
  const services = new Set<string>();
  for (const k of touched) {
    for (const key of k.defines) {
      addAll(namers.get(key));
      addAll(definers.get(key));
    }
    for (const s of k.sloParts) slos.add(s);
    for (const id of k.services.keys()) services.add(id);
    // The SLOs using a changed SLI.
    for (const sli of k.slis) for (const rel of namers.get(`slis:${sli}`) ?? []) for (const s of keys.get(rel)!.sloParts) slos.add(s);
  }
  for (const rel of changed) {
    const k = keys.get(rel);
    if (k) for (const key of k.names) addAll(definers.get(key));
  }
  for (const s of slos) {
    addAll(definers.get(`slos:${s}`));
    addAll(namers.get(`slos:${s}`));
  }
  for (const id of inCycleWith(services, keys)) addAll(definers.get(`services:${id}`));
  // Every definition of an id that a checked file defines too (id/duplicate names the first one's line).
  for (const rel of [...out]) {
    for (const key of keys.get(rel)?.defines ?? []) {
      const all = definers.get(key)!;
      if (all.length > 1 && !key.startsWith('components:')) addAll(all);
    }
  }
  return out;
}

/** Services that depend on one of `start` and that one of `start` depends on (directly or not): the cycles through them. */
function inCycleWith(start: ReadonlySet<string>, keys: ReadonlyMap<string, FileKeys>): Set<string> {
  if (start.size === 0) return new Set();
  const forward = new Map<string, readonly string[]>();
  const backward = new Map<string, string[]>();
  for (const k of keys.values()) {
    for (const [id, dependsOn] of k.services) {
      forward.set(id, dependsOn);
      for (const to of dependsOn) {
        const list = backward.get(to);
        if (list) list.push(id);
        else backward.set(to, [id]);
      }
    }
  }
  const reach = (edges: ReadonlyMap<string, readonly string[]>) => {
    const seen = new Set<string>();
    const work = [...start];
    for (let id = work.pop(); id !== undefined; id = work.pop()) {
      for (const to of edges.get(id) ?? []) {
        if (seen.has(to)) continue;
        seen.add(to);
        work.push(to);
      }
    }
    return seen;
  };
  const after = reach(forward);
  const before = reach(backward);
  return new Set([...after].filter((id) => before.has(id)));
}
