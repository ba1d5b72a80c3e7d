/**
 * Generated public incident histories for `npm run bench`. writeHistory: 1,000 incidents of 5 updates each,
 * as Statuspage's v2 JSON, turned into content files by Keel's own importer (so the bench times
 * validate on histories as `keel import statuspage` writes them). Deterministic for a seed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { importStatuspage, StatuspageExportSchema, type StatuspageExport } from '../../src/importers/statuspage.ts';
import { HISTORY_NOW, writeStatuspageHistory } from '../../tests/support/statuspage-history.ts';
import { mulberry32 } from './prng.ts';

const COMPONENTS = ['API', 'Dashboard', 'Payments', 'Webhooks', 'Search', 'Login', 'Exports', 'Notifications'];
const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
const IMPACTS = ['minor', 'major', 'critical'] as const;

export function writeHistory(out: string, incidents = 1000, updatesEach = 5, seed = 20261122): { files: number; now: string } {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const components = COMPONENTS.map((name, i) => ({ id: `c${i}`, name, group: false, group_id: null, position: i + 1, description: null }));
  let t = Date.parse('2022-01-01T00:00:00Z');
  const list: NonNullable<StatuspageExport['incidents']> = [];
  for (let n = 0; n < incidents; n++) {
    t += Math.floor(random() * 36 * 3600_000) + 3600_000;
    const component = pick(components);
    const level = pick(['degraded_performance', 'partial_outage', 'major_outage'] as const);
    let at = t + 5 * 60_000;
    const updates = Array.from({ length: updatesEach }, (_, u) => {
      // Statuses move on; the middle updates repeat theirs ("Update" posts), the last resolves.
      const status = u === updatesEach - 1 ? 'resolved' : STATUSES[Math.min(Math.floor((u * 3) / updatesEach), 2)]!;
      at += Math.floor(random() * 40 + 5) * 60_000;
      const affected =
        u === 0
          ? [{ code: component.id, name: component.name, old_status: 'operational', new_status: level }]
          : u === updatesEach - 1
            ? [{ code: component.id, name: component.name, old_status: level, new_status: 'operational' }]
            : null;
      return {
        id: `u${n}-${u}`,
        status,
        body: `Update ${u + 1} on the ${component.name} incident: "quoted" text, & ampersands.`,
        created_at: iso(at),
        display_at: iso(at),
        affected_components: affected,
      };
    });
    list.push({
      id: `i${n}`,
      name: `${component.name} ${level.replace('_', ' ')} #${n}`,
      status: 'resolved',
      impact: pick(IMPACTS),
      created_at: iso(t + 5 * 60_000),
      started_at: iso(t),
      resolved_at: iso(at),
      monitoring_at: null,
      incident_updates: updates.reverse(),
      components: [component],
    });
    t = at;
  }
  // Imported "today" (after the last incident): the history is not held to retrospective deadlines.
  const now = new Date(t + 86_400_000).toISOString();
  const { files } = importStatuspage(
    [{ page: { name: 'Bench', url: 'https://bench.example', time_zone: 'UTC' }, components, incidents: list }],
    now.slice(0, 10),
  );
  for (const file of files) {
    mkdirSync(dirname(join(out, file.path)), { recursive: true });
    writeFileSync(join(out, file.path), file.text);
  }
  return { files: files.length, now };
}

/**
 * The history of issue 19 for the build bench: the four-year, 800-incident Statuspage export of
 * the tests (tests/support/statuspage-history.ts: declared impact, component status changing
 * before and after the key times, backfilled entries, maintenance with and without components),
 * written to `<dir>/export` and imported as `keel import statuspage` does into `<dir>/content`.
 * Returns the parsed export too, for the cState side-by-side (scripts/lib/cstate.ts).
 */
export function writeImportedHistory(dir: string): { content: string; files: number; now: string; exports: StatuspageExport[] } {
  const { files: exportFiles } = writeStatuspageHistory(join(dir, 'export'));
  const exports = exportFiles.map((file) => StatuspageExportSchema.parse(JSON.parse(readFileSync(file, 'utf8'))));
  const content = join(dir, 'content');
  const { files } = importStatuspage(exports, HISTORY_NOW.slice(0, 10));
  for (const file of files) {
    mkdirSync(dirname(join(content, file.path)), { recursive: true });
    writeFileSync(join(content, file.path), file.text);
  }
  return { content, files: files.length, now: HISTORY_NOW, exports };
}
