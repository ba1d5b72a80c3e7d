/**
 * The public status of this build, computed once and shared by the machine-readable routes
 * (JSON API, feeds, badges): the public projection of the content at the clock's "now".
 */
import { getCollection, getEntry } from 'astro:content';
import { now } from '../../../../core/env.ts';
import { publicStatus, type PublicStatus } from '../../../../projections/public/status.ts';

let loaded: Promise<PublicStatus> | undefined;

async function load(): Promise<PublicStatus> {
  const settings = await getEntry('settings', 'keel');
  if (!settings) throw new Error('keel.yaml was not loaded');
  const [services, incidents, maintenance] = await Promise.all([getCollection('services'), getCollection('incidents'), getCollection('maintenance')]);
  return publicStatus({ settings: settings.data, services, incidents, maintenance, now: now() });
}

/** The public status (one computation per build, whatever the number of routes). */
export function status(): Promise<PublicStatus> {
  return (loaded ??= load());
}
