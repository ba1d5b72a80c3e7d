/**
 * The same Statuspage history as a cState site (https://github.com/cstate/cstate, a Hugo theme),
 * for the side-by-side of `npm run bench -- history` (issue 19): one `content/issues/*.md` per
 * incident and per maintenance with cState's front matter (title, date, resolved, resolvedWhen,
 * severity, affected, section: issue) and the updates as the body, newest first, each with
 * cState's `track` shortcode; and a `config.yml` whose systems and categories are the page's
 * components and groups, with cState's example settings. The theme itself is not part of Keel:
 * the bench is pointed at a checkout of it (KEEL_BENCH_CSTATE).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StatuspageExport } from '../../src/importers/statuspage.ts';
import { slug } from '../../src/core/slug.ts';

type Item = NonNullable<StatuspageExport['incidents']>[number];

/** Statuspage's incident impact → cState's severity (down, disrupted, notice). */
const SEVERITY: Record<string, string> = { critical: 'down', major: 'disrupted', minor: 'disrupted', none: 'notice', maintenance: 'notice' };

const title = (status: string) => status.charAt(0).toUpperCase() + status.slice(1).replace('_', ' ');
/** YAML's double-quoted scalars accept JSON strings. */
const q = (text: string) => JSON.stringify(text);

function issueFile(item: Item, maintenance: boolean): string {
  const started = item.started_at ?? item.scheduled_for ?? item.created_at;
  const updates = [...item.incident_updates].sort((a, b) => Date.parse(b.display_at ?? b.created_at) - Date.parse(a.display_at ?? a.created_at));
  const resolvedWhen = item.resolved_at ?? item.scheduled_until ?? updates[0]?.created_at ?? started;
  const affected = [...new Set(item.components.map((c) => c.name))];
  const front = [
    '---',
    `title: ${q(item.name)}`,
    `date: ${started}`,
    'resolved: true',
    `resolvedWhen: ${resolvedWhen}`,
    `severity: ${SEVERITY[maintenance ? 'maintenance' : (item.impact ?? 'none')] ?? 'notice'}`,
    affected.length ? `affected:\n${affected.map((a) => `  - ${q(a)}`).join('\n')}` : 'affected: []',
    'section: issue',
    '---',
  ];
  const body = updates.map((u) => `*${title(u.status)}* - ${u.body ?? ''} {{< track ${q((u.display_at ?? u.created_at).replace('T', ' ').slice(0, 19))} >}}`);
  return `${front.join('\n')}\n\n${body.join('\n\n')}\n`;
}

/** Writes the cState site of `exports` into `dir` (config.yml, content/issues/); returns the issue count. */
export function writeCstateSite(dir: string, exports: readonly StatuspageExport[], themesDir: string, theme: string): number {
  const components = exports.flatMap((e) => e.components ?? []);
  const groups = new Map(components.filter((c) => c.group).map((c) => [c.id, c.name]));
  const systems = components
    .filter((c) => !c.group)
    .map(
      (c) =>
        `    - name: ${q(c.name)}\n      category: ${q(groups.get(c.group_id ?? '') ?? 'Uncategorized')}${c.description ? `\n      description: ${q(c.description)}` : ''}`,
    );
  const categories = [...new Set([...groups.values(), 'Uncategorized'])].map((name) => `    - name: ${q(name)}`);
  const page = exports.find((e) => e.page)?.page;
  // cState's exampleSite/config.yml, its settings as shipped.
  writeFileSync(
    join(dir, 'config.yml'),
    `title: ${q(page?.name ?? 'Status')}
baseURL: ${q(page?.url ?? 'https://status.example.com')}
languageCode: en
defaultContentLanguage: en
buildFuture: true
enableGitInfo: false
theme: ${q(theme)}
themesDir: ${q(themesDir)}
preserveTaxonomyNames: true
taxonomies:
  affected: affected
outputs:
  page: [html, json]
  section: [html, json, rss]
  home: [html, json, rss, svg]
  term: [html, json, rss, svg]
outputFormats:
  svg:
    isPlainText: true
    mediaType: image/svg+xml
params:
  categories:
${categories.join('\n')}
  systems:
${systems.join('\n')}
  dateFormat: January 2, 2006 at 3:04 PM
  shortDateFormat: 15:04 — Jan 2
  useRelativeTime: true
  enableLastMod: true
  incidentHistoryFormat: yearly
  useLogo: false
  description: We continuously monitor the status of our services and if there are any interruptions, a note will be posted here.
  incidentPostsPerPage: 5
  brand: "#0a0c0f"
  ok: "#008000"
  disrupted: "#cc4400"
  down: "#e60000"
  notice: "#24478f"
  alwaysKeepBrandColor: true
  headerTextColor: white
  googleAnalytics: UA-00000000-1
`,
  );
  const issues = join(dir, 'content', 'issues');
  mkdirSync(issues, { recursive: true });
  const seen = new Set<string>();
  let n = 0;
  const write = (item: Item, maintenance: boolean) => {
    if (seen.has(item.id)) return;
    seen.add(item.id);
    const day = (item.started_at ?? item.scheduled_for ?? item.created_at).slice(0, 10);
    writeFileSync(join(issues, `${day}-${slug(item.name, 50)}-${item.id}.md`), issueFile(item, maintenance));
    n++;
  };
  for (const e of exports) {
    for (const item of e.incidents ?? []) write(item, false);
    for (const item of e.scheduled_maintenances ?? []) write(item, true);
  }
  return n;
}
