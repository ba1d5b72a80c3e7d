/** `/components/<id>/history.rss`: one component's incidents and maintenance (src/projections/public/feeds.ts). */
import { componentFeed, componentPaths } from '../../api/_machine.ts';

export const getStaticPaths = componentPaths;
export const GET = componentFeed('rss');
