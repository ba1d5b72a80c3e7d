/**
 * The public site's page data, computed once per build with one "now": the content is read and
 * projected (src/projections/public) the first time any public route asks, and every route —
 * pages, feeds, badges, the JSON API — reads the same values from here. Nothing else in the
 * public routes reads the collections or the clock.
 */
import { getCollection, getEntry } from 'astro:content';
import { now } from '../../core/env.ts';
import { componentPages, historyPages, incidentPages, statusPage } from '../../projections/public/pages.ts';
import { publicStatus as project, type PublicStatus } from '../../projections/public/status.ts';
import { siteUrlOf, statuspageApi } from '../../projections/public/statuspage-api.ts';

/** `compute` run at most once, on first use; later calls share its promise. */
function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= compute());
}

/** The public projection of the content at the build's "now". */
export const publicStatus = once(async (): Promise<PublicStatus> => {
  const settings = await getEntry('settings', 'keel');
  if (!settings) throw new Error('keel.yaml was not loaded');
  const [services, incidents, maintenance] = await Promise.all([getCollection('services'), getCollection('incidents'), getCollection('maintenance')]);
  return project({ settings: settings.data, services, incidents, maintenance, now: now() });
});

/** `/`. */
export const statusPageView = once(async () => statusPage(await publicStatus()));
/** `/incidents/<id>/`. */
export const incidentPageViews = once(async () => incidentPages(await publicStatus()));
/** `/history/…`. */
export const historyPageViews = once(async () => historyPages(await publicStatus()));
/** `/components/<id>/`. */
export const componentPageViews = once(async () => componentPages(await publicStatus()));
/** Every `/api/v2/` file. */
export const apiFiles = once(async () => {
  const status = await publicStatus();
  return statuspageApi(status, siteUrlOf(status));
});
