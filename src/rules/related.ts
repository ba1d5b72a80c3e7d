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
 *   the first definition), and runbooks naming the same alert (runbook/duplicate-alert);
 * - an SLO, its measurements file, the error-budget policies that govern it and the SLIs it
 *   uses change together: when one of them changed, all of them and every file naming the SLO
 *   are checked (policy/incident-p0 reports on incidents, measurement/sli-type on measurements);
 * - services in a dependency cycle with a changed service (service/dependency-cycle reports a
 *   cycle once, at its first service by id).
 *
 * keel.yaml is not handled here: the caller checks it always, and everything when it changed.
 */
import { groupId, publicId } from '../core/slug.ts';
import type { FileResult } from '../content/load.ts';
import { kindOf, type CollectionName } from '../kinds/index.ts';
import type { KindDefinition } from '../kinds/kind.ts';

/**
 * What one file defines and names, as `target:value` keys (`slos:checkout-latency`,
 * `components:Checkout`, `public-ids:checkout`): all that deciding which files are related needs,
 * kept in the parse cache (src/content/cache.ts) so that an unchanged file is not restored for it.
 */
export interface FileKeys {
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

/** A public id a service's component or group gets, then NUL and what and name gave it: `public-id:api\0component:API`. */
const PUBLIC_ID = 'public-id:';

export function keysOf(result: FileResult): FileKeys {
  const keys: FileKeys = { defines: new Set(), names: new Set(), sloParts: new Set(), slis: new Set(), services: new Map() };
  const add = (collection: CollectionName, id: string, data: unknown) => {
    keys.defines.add(`${collection}:${id}`);
    for (const { path, target } of (kindOf(collection) as KindDefinition).references) stringsAt(data, path, (value) => keys.names.add(`${target}:${value}`));
    if (collection === 'services') {
      // service/component-id: other names that give one public id (src/core/slug.ts) collide.
      stringsAt(data, 'statusPage.component', (value) => {
        keys.defines.add(`components:${value}`);
        keys.defines.add(`${PUBLIC_ID}${publicId(value)}\u0000component:${value}`);
      });
      stringsAt(data, 'statusPage.group', (value) => keys.defines.add(`${PUBLIC_ID}${groupId(value)}\u0000group:${value}`));
      const dependsOn: string[] = [];
      stringsAt(data, 'dependsOn[]', (value) => dependsOn.push(value));
      keys.services.set(id, dependsOn);
    }
    // runbook/duplicate-alert reports on every runbook naming an alert another one names.
    if (collection === 'runbooks') stringsAt(data, 'alerts[]', (value) => keys.defines.add(`alerts:${value}`));
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

/**
 * A file's keys as one string, as the parse cache keeps them: one line per key, its first
 * character saying which set it belongs to (d defines, n names, p SLO parts, i SLIs, s a service
 * and its dependencies, tab-separated). One string per file deserializes far faster than sets.
 */
export function encodeKeys(k: FileKeys): string {
  const lines: string[] = [];
  for (const key of k.defines) lines.push(`d${key}`);
  for (const key of k.names) lines.push(`n${key}`);
  for (const key of k.sloParts) lines.push(`p${key}`);
  for (const key of k.slis) lines.push(`i${key}`);
  for (const [id, dependsOn] of k.services) lines.push(`s${[id, ...dependsOn].join('\t')}`);
  return lines.join('\n');
}

export function decodeKeys(text: string): FileKeys {
  const k: FileKeys = { defines: new Set(), names: new Set(), sloParts: new Set(), slis: new Set(), services: new Map() };
  if (text === '') return k;
  for (const line of text.split('\n')) {
    const rest = line.slice(1);
    switch (line[0]) {
      case 'd':
        k.defines.add(rest);
        break;
      case 'n':
        k.names.add(rest);
        break;
      case 'p':
        k.sloParts.add(rest);
        break;
      case 'i':
        k.slis.add(rest);
        break;
      default: {
        const [id, ...dependsOn] = rest.split('\t');
        k.services.set(id!, dependsOn);
      }
    }
  }
  return k;
}

export interface Change {
  /** What every file of the folder defines and names now, by path in the folder. */
  keys: ReadonlyMap<string, FileKeys>;
  /** Files that changed and exist now. */
  changed: ReadonlySet<string>;
  /** What files defined and named before the change (changed or deleted ones that existed then). */
  before: Iterable<FileKeys>;
}

/** Who defines and who names each key. */
interface Owners {
  definers: Map<string, string[]>;
  namers: Map<string, string[]>;
}

function ownersOf(keys: ReadonlyMap<string, FileKeys>): Owners {
  const definers = new Map<string, string[]>();
  const namers = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, rel: string) => {
    const list = map.get(key);
    if (list) list.push(rel);
    else map.set(key, [rel]);
  };
  for (const [rel, k] of keys) {
    for (const key of k.defines) push(definers, key, rel);
    for (const key of k.names) push(namers, key, rel);
  }
  return { definers, namers };
}

/**
 * The files to check (the changed ones and every file related to them, see above) and the
 * sub-index the rules run on for them: the checked files, and the files that a rule reads to
 * judge one — what they name, the SLOs they are part of or name with everything of those SLOs
 * (measurements, policies, SLIs, the incidents that name them: the budget and policy state are
 * computed from all of it), and the services their services depend on, transitively (cycles).
 * By path in the folder.
 */
export function relatedFiles(change: Change): { checked: Set<string>; subIndex: Set<string> } {
  const owners = ownersOf(change.keys);
  const checked = checkedFiles(change, owners);
  return { checked, subIndex: subIndexOf(checked, change.keys, owners) };
}

function subIndexOf(checked: ReadonlySet<string>, keys: ReadonlyMap<string, FileKeys>, { definers, namers }: Owners): Set<string> {
  const group = new Set(checked);
  const slos = new Set<string>();
  for (const rel of checked) {
    const k = keys.get(rel);
    if (!k) continue;
    for (const s of k.sloParts) slos.add(s);
    for (const key of k.names) if (key.startsWith('slos:')) slos.add(key.slice('slos:'.length));
  }
  for (const s of slos) for (const rel of [...(definers.get(`slos:${s}`) ?? []), ...(namers.get(`slos:${s}`) ?? [])]) group.add(rel);
  const out = new Set(group);
  const services: string[] = [];
  for (const rel of group) {
    const k = keys.get(rel);
    if (!k) continue;
    for (const key of k.names) for (const d of definers.get(key) ?? []) out.add(d);
    for (const key of k.names) if (key.startsWith('services:')) services.push(key.slice('services:'.length));
    for (const id of k.services.keys()) services.push(id);
  }
  // Every service reachable through dependsOn: a cycle is reported on its first service by id.
  const seen = new Set<string>();
  for (let id = services.pop(); id !== undefined; id = services.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    for (const rel of definers.get(`services:${id}`) ?? []) {
      out.add(rel);
      for (const to of keys.get(rel)?.services.get(id) ?? []) services.push(to);
    }
  }
  return out;
}

function checkedFiles({ keys, changed, before }: Change, { definers, namers }: Owners): Set<string> {
  const out = new Set<string>();
  const addAll = (rels: readonly string[] | undefined) => rels?.forEach((rel) => out.add(rel));
  const touched = [...[...changed].flatMap((rel) => (keys.has(rel) ? [keys.get(rel)!] : [])), ...before];
  for (const rel of changed) if (keys.has(rel)) out.add(rel);

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
      if (all.length > 1 && !key.startsWith('components:') && !key.startsWith(PUBLIC_ID)) addAll(all);
    }
  }
  // Every service whose component or group gets the public id of a checked one's from another name.
  const byPublicId = new Map<string, string[]>();
  for (const key of definers.keys()) {
    if (!key.startsWith(PUBLIC_ID)) continue;
    const id = key.slice(0, key.indexOf('\u0000'));
    const list = byPublicId.get(id);
    if (list) list.push(key);
    else byPublicId.set(id, [key]);
  }
  for (const rel of [...out]) {
    for (const key of keys.get(rel)?.defines ?? []) {
      if (!key.startsWith(PUBLIC_ID)) continue;
      const named = byPublicId.get(key.slice(0, key.indexOf('\u0000')))!;
      if (named.length > 1) for (const other of named) addAll(definers.get(other));
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
