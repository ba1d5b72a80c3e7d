/** The incident rules on their own: key-time order, public updates, impact, follow-ups. */
import { describe, expect, it } from 'vitest';
import type { ContentIndex, DocumentEntry } from '../../content/entry.ts';
import { COLLECTION_NAMES } from '../../content/kinds.ts';
import { parseDocument } from '../../content/parse.ts';
import { IncidentSchema, type Incident } from '../../schemas/incident.ts';
import { SettingsSchema } from '../../schemas/settings.ts';
import type { Diagnostic } from '../diagnostic.ts';
import { checkIncidents } from './incidents.ts';

/** Runs the incident rules over one incident written as front matter (YAML lines). */
function check(frontMatter: string, cadence?: string): string[] {
  const sink: Diagnostic[] = [];
  const entry = parseDocument<Incident>({ path: '/c/incidents/i.md', file: 'i.md', text: `---\n${frontMatter}---\n` }, 'incidents', IncidentSchema, (d) => sink.push(d));
  expect(sink).toEqual([]);
  const collections = Object.fromEntries(COLLECTION_NAMES.map((n) => [n, []])) as unknown as ContentIndex['collections'];
  collections.incidents.push(entry as DocumentEntry<Incident>);
  const settings = cadence === undefined ? undefined : { id: 'settings', file: 'keel.yaml', path: '', raw: {}, locate: () => ({ line: 1, column: 1 }), data: SettingsSchema.parse({ organisation: { name: 'x', url: 'https://x.example' }, timeZone: 'UTC', publicUpdateCadence: cadence }) };
  return checkIncidents({ root: '/c', settings, collections, measurements: [], fileCount: 1 }).map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`);
}

const base = 'title: x\nseverity: SEV2\nservices: [api]\n';
const updates = (...u: [string, string][]) => `public:\n  title: x\n  updates:\n${u.map(([at, status]) => `    - at: ${at}\n      status: ${status}\n      body: b\n`).join('')}`;

describe('key times', () => {
  it('accept equal times and compare instants, not text', () => {
    expect(check(`${base}started: 2026-11-05T10:00:00Z\ndetected: 2026-11-05T11:00:00+01:00\nmitigated: 2026-11-05T10:30:00Z\nresolved: 2026-11-05T10:30:00Z\n`)).toEqual([]);
  });

  it('report each time that comes before the one it follows', () => {
    expect(check(`${base}started: 2026-11-05T10:00:00Z\nacknowledged: 2026-11-05T09:00:00Z\nmitigated: 2026-11-05T08:00:00Z\nresolved: 2026-11-05T11:00:00Z\n`)).toEqual([
      '6:15 error incident/time-order acknowledged (2026-11-05T09:00:00Z) is before started (2026-11-05T10:00:00Z)',
      '7:12 error incident/time-order mitigated (2026-11-05T08:00:00Z) is before acknowledged (2026-11-05T09:00:00Z)',
    ]);
  });

  it('a resolved incident needs mitigated', () => {
    expect(check(`${base}started: 2026-11-05T10:00:00Z\nresolved: 2026-11-05T11:00:00Z\n`)).toEqual(['6:11 error incident/key-times a resolved incident needs mitigated']);
  });
});

describe('public updates', () => {
  const started = `${base}started: 2026-11-05T10:00:00Z\n`;

  it('warn when updates are further apart than the cadence of keel.yaml (60m by default)', () => {
    const gap = updates(['2026-11-05T10:05:00Z', 'investigating'], ['2026-11-05T11:05:00Z', 'identified'], ['2026-11-05T12:06:00Z', 'monitoring']);
    expect(check(started + gap)).toEqual(['15:11 warning incident/update-cadence public update 3 came 61 min after the one before it; the cadence is 60m']);
    expect(check(started + gap, '2h')).toEqual([]);
    expect(check(started + gap, '30m').map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual(['12:11 warning incident/update-cadence', '15:11 warning incident/update-cadence']);
  });

  it('do not expect updates after the incident was resolved', () => {
    const text = `${started}mitigated: 2026-11-05T10:30:00Z\nresolved: 2026-11-05T10:40:00Z\n${updates(['2026-11-05T10:05:00Z', 'investigating'], ['2026-11-05T10:40:00Z', 'resolved'])}`;
    expect(check(text)).toEqual([]);
  });

  it('must lie between started and resolved, oldest first, with "resolved" only last', () => {
    const text = `${started}mitigated: 2026-11-05T10:30:00Z\nresolved: 2026-11-05T10:40:00Z\n${updates(['2026-11-05T09:55:00Z', 'investigating'], ['2026-11-05T10:20:00Z', 'resolved'], ['2026-11-05T10:10:00Z', 'monitoring'], ['2026-11-05T10:41:00Z', 'resolved'])}`;
    expect(check(text)).toEqual([
      '11:11 error incident/update-window public update 1 (2026-11-05T09:55:00Z) is outside the incident (2026-11-05T10:00:00Z to 2026-11-05T10:40:00Z)',
      '15:15 error incident/update-status only the last public update may be "resolved"',
      '17:11 error incident/update-order public update 3 (2026-11-05T10:10:00Z) is earlier than the one before it',
      '20:11 error incident/update-window public update 4 (2026-11-05T10:41:00Z) is outside the incident (2026-11-05T10:00:00Z to 2026-11-05T10:40:00Z)',
    ]);
  });

  it('the last update matches whether the incident is resolved', () => {
    expect(check(`${started}${updates(['2026-11-05T10:05:00Z', 'resolved'])}`)).toEqual([
      '10:15 error incident/last-update the last public update says "resolved" but the incident has no resolved time',
    ]);
    expect(check(`${started}mitigated: 2026-11-05T10:30:00Z\nresolved: 2026-11-05T10:40:00Z\n${updates(['2026-11-05T10:05:00Z', 'identified'])}`)).toEqual([
      '12:15 error incident/last-update the incident is resolved but its last public update is "identified"',
    ]);
  });
});

describe('impact and follow-ups', () => {
  it('impact lies within the incident and ends when it is resolved', () => {
    const text = `${base}started: 2026-11-05T10:00:00Z\nmitigated: 2026-11-05T10:30:00Z\nresolved: 2026-11-05T11:00:00Z\nimpact:\n  - component: API\n    level: major_outage\n    from: 2026-11-05T10:00:00Z\n    to: 2026-11-05T10:30:00Z\n  - component: API\n    level: partial_outage\n    from: 2026-11-05T10:30:00Z\n`;
    expect(check(text)).toEqual(['13:5 error incident/impact-window impact has no end but the incident is resolved']);
  });

  it('open follow-ups of a published retrospective need an owner and a due date', () => {
    const followUps = 'followUps:\n  - { id: A-1, title: t, type: detect }\n  - { id: A-2, title: t, type: detect, status: wont-do }\n  - { id: A-3, title: t, type: detect, status: in-progress, owner: "@ana" }\n';
    const started = `${base}started: 2026-11-05T10:00:00Z\n${followUps}`;
    expect(check(`${started}review: { status: draft }\n`)).toEqual([]);
    expect(check(`${started}review: { status: published }\n`)).toEqual([
      '7:5 error incident/follow-up-owner open follow-up "A-1" of a published retrospective has no owner or due',
      '9:5 error incident/follow-up-owner open follow-up "A-3" of a published retrospective has no due',
    ]);
  });
});
