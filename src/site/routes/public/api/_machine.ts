/** Static endpoints of the feeds and badges: one body per route, with its content type. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { componentBadge, pageBadge } from '../../../../projections/public/badges.ts';
import { historyFeed, type FeedFormat } from '../../../../projections/public/feeds.ts';
import type { PublicComponent } from '../../../../projections/public/status.ts';
import { publicStatus as status } from '../../../data/public.ts';

const FEED_TYPES: Record<FeedFormat, string> = { rss: 'application/rss+xml; charset=utf-8', atom: 'application/atom+xml; charset=utf-8' };
const SVG = 'image/svg+xml; charset=utf-8';

const respond = (body: string, type: string) => new Response(body, { headers: { 'Content-Type': type } });

/** `/history.rss` or `/history.atom`. */
export const pageFeed =
  (format: FeedFormat): APIRoute =>
  async () =>
    respond(historyFeed(await status(), format), FEED_TYPES[format]);

/** `/badge.svg`. */
export const pageBadgeRoute: APIRoute = async () => respond(pageBadge((await status()).status), SVG);

/** One path per component: `/components/<id>/…`. */
export const componentPaths: GetStaticPaths = async () =>
  (await status()).components.map((component) => ({ params: { id: component.id }, props: { component } }));

/** `/components/<id>/history.rss|atom`. */
export const componentFeed =
  (format: FeedFormat): APIRoute =>
  async ({ props }) =>
    respond(historyFeed(await status(), format, (props as { component: PublicComponent }).component), FEED_TYPES[format]);

/** `/components/<id>/badge.svg`. */
export const componentBadgeRoute: APIRoute = ({ props }) => respond(componentBadge((props as { component: PublicComponent }).component), SVG);
