/**
 * Incident history feeds, RSS 2.0 and Atom (Statuspage's `/history.rss` and `/history.atom`,
 * and one pair per component), made with the `feed` library from the public projection.
 *
 * - One entry per incident or maintenance, newest activity first, at most {@link FEED_ENTRIES}.
 * - GUIDs are tag URIs (RFC 4151) from the organisation's host, the day the incident started and
 *   its id: the same entry keeps its GUID across builds, clocks and status-page hosts.
 * - Entry content is HTML: the customer statement (summary, impact, what was not affected, what
 *   is being done), the affected components and every update, newest first, with its local time
 *   and zone. Public text goes through the site's Markdown subset (markdown.ts: sanitised, raw
 *   HTML shown as text); names and titles are escaped plain text (Atom marks titles
 *   `type="html"`). Only public fields exist in the projection, so nothing internal can enter.
 * - Dates come from the content, never from the build: the feed's own date is its newest entry's.
 */
import { Feed, type Item } from 'feed';
import type { PublicComponent, PublicIncident, PublicMaintenance, PublicStatus } from './status.ts';
import { markdownToHtml } from './markdown.ts';
import { maintenanceLink, siteLink, siteUrlOf } from './statuspage-api.ts';
import { showTime } from './time.ts';
import { escapeXml, xmlSafe } from './xml.ts';

export type FeedFormat = 'rss' | 'atom';

/** Entries per feed (Statuspage's API lists 50 incidents too). */
export const FEED_ENTRIES = 50;

const STATUS_WORDS: Readonly<Record<string, string>> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

const paragraph = (text: string) => `<p>${escapeXml(text)}</p>`;
const labelled = (label: string, markdown: string) => `<p><strong>${escapeXml(label)}</strong></p>\n${markdownToHtml(markdown)}`;

function updatesHtml(updates: readonly { at: number; status: string; body: string }[], zone: string): string {
  return [...updates]
    .reverse()
    .map((u) => {
      const at = showTime(u.at, zone);
      return `<p><small><time datetime="${escapeXml(at.datetime)}">${escapeXml(at.text)}</time></small><br><strong>${escapeXml(STATUS_WORDS[u.status] ?? u.status)}</strong></p>\n${markdownToHtml(u.body)}`;
    })
    .join('\n');
}

function componentsHtml(components: readonly { name: string }[]): string {
  return components.length === 0 ? '' : `<p><strong>Affected components:</strong> ${escapeXml(components.map((c) => c.name).join(', '))}</p>`;
}

/** The customer statement and the updates of an incident, as entry content (public Markdown rendered and sanitised). */
function incidentHtml(incident: PublicIncident, zone: string): string {
  const parts: string[] = [];
  if (incident.backfilled) parts.push(paragraph('Posted after the fact.'));
  if (incident.summary) parts.push(markdownToHtml(incident.summary));
  if (incident.customerImpact) parts.push(labelled('Customer impact:', incident.customerImpact));
  if (incident.notAffected) parts.push(labelled('Not affected:', incident.notAffected));
  if (incident.actions.length > 0) {
    parts.push(`<p><strong>What we are doing:</strong></p>\n<ul>${incident.actions.map((a) => `<li>${markdownToHtml(a)}</li>`).join('')}</ul>`);
  }
  parts.push(componentsHtml(incident.components), updatesHtml(incident.updates, zone));
  return parts.filter(Boolean).join('\n');
}

function maintenanceHtml(maintenance: PublicMaintenance, zone: string): string {
  const from = showTime(maintenance.scheduledFor, zone);
  const to = showTime(maintenance.scheduledUntil, zone);
  return [
    markdownToHtml(maintenance.description),
    `<p><strong>Scheduled:</strong> <time datetime="${escapeXml(from.datetime)}">${escapeXml(from.text)}</time> to <time datetime="${escapeXml(to.datetime)}">${escapeXml(to.text)}</time></p>`,
    componentsHtml(maintenance.components),
    updatesHtml(maintenance.updates, zone),
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * Entry HTML ready for a CDATA section: no character XML cannot hold, and no `]]>` (the XML
 * library splits only the first one of a section; `]]&gt;` is the same HTML text).
 */
const cdataSafe = (html: string) => xmlSafe(html).replace(/]]>/g, ']]&gt;');

/** `tag:<organisation host>,<YYYY-MM-DD>:<kind>/<id>`: stable whatever the build. */
function tagUri(status: PublicStatus, kind: 'incident' | 'maintenance', id: string, day: number): string {
  const host = new URL(status.page.url).hostname;
  return `tag:${host},${new Date(day).toISOString().slice(0, 10)}:${kind}/${encodeURIComponent(id)}`;
}

/** An entry's order, and its item made only when it is among the feed's newest (its HTML is most of the work). */
interface Entry {
  item: () => Item;
  sortAt: number;
  guid: string;
}

function incidentEntry(status: PublicStatus, siteUrl: string, incident: PublicIncident): Entry {
  const zone = status.page.timeZone;
  const updated = Math.max(incident.updatedAt, incident.resolvedAt ?? incident.updatedAt);
  const last = incident.updates.at(-1)!;
  const guid = tagUri(status, 'incident', incident.id, incident.startedAt);
  return {
    sortAt: updated,
    guid,
    item: () => ({
      title: escapeXml(incident.title),
      id: guid,
      guid,
      link: siteLink(siteUrl, `incidents/${encodeURIComponent(incident.id)}/`),
      date: new Date(updated),
      published: new Date(incident.createdAt),
      description: escapeXml(`${STATUS_WORDS[incident.status] ?? incident.status} - ${last.body}`),
      content: cdataSafe(incidentHtml(incident, zone)),
    }),
  };
}

function maintenanceEntry(status: PublicStatus, siteUrl: string, maintenance: PublicMaintenance): Entry {
  const zone = status.page.timeZone;
  const guid = tagUri(status, 'maintenance', maintenance.id, maintenance.scheduledFor);
  return {
    sortAt: maintenance.updatedAt,
    guid,
    item: () => ({
      title: escapeXml(maintenance.title),
      id: guid,
      guid,
      link: maintenanceLink(siteUrl, maintenance),
      date: new Date(maintenance.updatedAt),
      published: new Date(maintenance.createdAt),
      description: escapeXml(`${STATUS_WORDS[maintenance.status] ?? maintenance.status} - ${maintenance.description}`),
      content: cdataSafe(maintenanceHtml(maintenance, zone)),
    }),
  };
}

/** Where a feed lives on the site, relative to its root: `history.rss`, `components/<id>/history.atom`. */
export function feedPath(format: FeedFormat, component?: Pick<PublicComponent, 'id'>): string {
  return `${component ? `components/${encodeURIComponent(component.id)}/` : ''}history.${format}`;
}

/**
 * The history feed of the whole page, or of one component (its incidents and maintenance), as
 * the XML text of `format`.
 */
export function historyFeed(status: PublicStatus, format: FeedFormat, component?: PublicComponent): string {
  const siteUrl = siteUrlOf(status);
  const touches = (list: readonly { id: string }[]) => component === undefined || list.some((c) => c.id === component.id);
  const entries = [
    ...status.incidents.filter((i) => touches(i.components)).map((i) => incidentEntry(status, siteUrl, i)),
    ...status.maintenances.filter((m) => touches(m.components)).map((m) => maintenanceEntry(status, siteUrl, m)),
  ]
    .sort((a, b) => b.sortAt - a.sortAt || (a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : 0))
    .slice(0, FEED_ENTRIES);
  const name = xmlSafe(status.page.name);
  const feed = new Feed({
    id: siteLink(siteUrl, feedPath('atom', component)),
    title: component ? `${name} status - ${xmlSafe(component.name)}` : `${name} status - incident history`,
    description: component ? `Incidents and maintenance of ${xmlSafe(component.name)}` : `Incidents and maintenance of ${name}`,
    link: component ? siteLink(siteUrl, `components/${encodeURIComponent(component.id)}/`) : siteLink(siteUrl, ''),
    language: 'en',
    updated: new Date(entries[0]?.sortAt ?? status.page.updatedAt),
    generator: 'Keel',
    // RFC 4287 requires an author of the feed (or of every entry): the organisation.
    author: { name, link: status.page.url },
    feedLinks: { rss: siteLink(siteUrl, feedPath('rss', component)), atom: siteLink(siteUrl, feedPath('atom', component)) },
  });
  for (const entry of entries) feed.addItem(entry.item());
  return `${format === 'rss' ? feed.rss2() : feed.atom1()}\n`;
}
