/** Rules about an incident's own timeline, public updates and follow-ups. */
import type { ContentIndex, DocumentEntry } from '../../content/entry.ts';
import type { DataPath } from '../../content/yaml.ts';
import { durationMs } from '../../schemas/common.ts';
import { KEY_TIMES, type Incident } from '../../schemas/incident.ts';
import type { Diagnostic, Severity } from '../diagnostic.ts';

type IncidentEntry = DocumentEntry<Incident>;

function make(entry: IncidentEntry, path: DataPath, severity: Severity, message: string, rule: string, hint?: string): Diagnostic {
  return { file: entry.file, ...entry.locate(path), severity, message, rule, hint };
}

export function checkIncidents(index: ContentIndex): Diagnostic[] {
  const cadence = durationMs(index.settings?.data.publicUpdateCadence ?? '60m');
  const cadenceText = index.settings?.data.publicUpdateCadence ?? '60m';
  return index.collections.incidents.flatMap((entry) => [
    ...checkKeyTimes(entry),
    ...checkPublicUpdates(entry, cadence, cadenceText),
    ...checkImpact(entry),
    ...checkFollowUps(entry),
  ]);
}

function checkKeyTimes(entry: IncidentEntry): Diagnostic[] {
  const out: Diagnostic[] = [];
  const data = entry.data;
  let previous: { name: string; time: number } | undefined;
  for (const name of KEY_TIMES) {
    const value = data[name];
    if (value === undefined) continue;
    const time = Date.parse(value);
    if (previous && time < previous.time) {
      out.push(make(entry, [name], 'error', `${name} (${value}) is before ${previous.name} (${data[previous.name as keyof Incident] as string})`, 'incident/time-order',
        `key times go ${KEY_TIMES.join(' ≤ ')}; check the date and the offset`));
    }
    previous = { name, time };
  }
  if (data.resolved !== undefined && data.mitigated === undefined) {
    out.push(make(entry, ['resolved'], 'error', 'a resolved incident needs mitigated', 'incident/key-times', 'mitigated is when customer impact stopped; it may equal resolved'));
  }
  return out;
}

function checkPublicUpdates(entry: IncidentEntry, cadence: number, cadenceText: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const updates = entry.data.public?.updates ?? [];
  const started = Date.parse(entry.data.started);
  const resolved = entry.data.resolved ? Date.parse(entry.data.resolved) : undefined;
  let previous: number | undefined;
  updates.forEach((update, i) => {
    const time = Date.parse(update.at);
    const path = ['public', 'updates', i, 'at'];
    if (previous !== undefined && time < previous) {
      out.push(make(entry, path, 'error', `public update ${i + 1} (${update.at}) is earlier than the one before it`, 'incident/update-order', 'list public updates oldest first'));
    } else if (previous !== undefined && time - previous > cadence && (resolved === undefined || previous < resolved)) {
      out.push(make(entry, path, 'warning', `public update ${i + 1} came ${Math.round((time - previous) / 60_000)} min after the one before it; the cadence is ${cadenceText}`, 'incident/update-cadence',
        'customers expect an update at least every publicUpdateCadence (keel.yaml), even if nothing changed'));
    }
    if (time < started || (resolved !== undefined && time > resolved)) {
      out.push(make(entry, path, 'error', `public update ${i + 1} (${update.at}) is outside the incident (${entry.data.started} to ${entry.data.resolved ?? 'now'})`, 'incident/update-window',
        'updates are posted between started and resolved'));
    }
    if (update.status === 'resolved' && i < updates.length - 1) {
      out.push(make(entry, ['public', 'updates', i, 'status'], 'error', 'only the last public update may be "resolved"', 'incident/update-status'));
    }
    previous = time;
  });
  const last = updates[updates.length - 1];
  if (resolved !== undefined && last && last.status !== 'resolved') {
    out.push(make(entry, ['public', 'updates', updates.length - 1, 'status'], 'error', `the incident is resolved but its last public update is "${last.status}"`, 'incident/last-update',
      'add a final public update with status: resolved telling customers it is over'));
  }
  if (resolved === undefined && last?.status === 'resolved') {
    out.push(make(entry, ['public', 'updates', updates.length - 1, 'status'], 'error', 'the last public update says "resolved" but the incident has no resolved time', 'incident/last-update',
      'set resolved: to when the incident was closed'));
  }
  return out;
}

function checkImpact(entry: IncidentEntry): Diagnostic[] {
  const out: Diagnostic[] = [];
  const started = Date.parse(entry.data.started);
  entry.data.impact.forEach((impact, i) => {
    const from = Date.parse(impact.from);
    if (from < started) {
      out.push(make(entry, ['impact', i, 'from'], 'error', `impact starts (${impact.from}) before the incident started (${entry.data.started})`, 'incident/impact-window', 'started is when customer impact began: move it earlier or correct from'));
    }
    if (impact.to !== undefined && Date.parse(impact.to) < from) {
      out.push(make(entry, ['impact', i, 'to'], 'error', `impact ends (${impact.to}) before it starts (${impact.from})`, 'incident/impact-window'));
    }
    if (impact.to === undefined && entry.data.resolved !== undefined) {
      out.push(make(entry, ['impact', i], 'error', 'impact has no end but the incident is resolved', 'incident/impact-window', 'add to: when this component recovered'));
    }
  });
  return out;
}

function checkFollowUps(entry: IncidentEntry): Diagnostic[] {
  if (entry.data.review.status !== 'published') return [];
  const out: Diagnostic[] = [];
  entry.data.followUps.forEach((followUp, i) => {
    if (followUp.status === 'done' || followUp.status === 'wont-do') return;
    const missing = (['owner', 'due'] as const).filter((f) => followUp[f] === undefined);
    if (missing.length > 0) {
      out.push(make(entry, ['followUps', i], 'error', `open follow-up "${followUp.id}" of a published retrospective has no ${missing.join(' or ')}`, 'incident/follow-up-owner',
        'every open action needs someone accountable and a date; add owner: and due:'));
    }
  });
  return out;
}
