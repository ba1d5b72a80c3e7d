/** `/history.rss`: the incident history as RSS 2.0 (src/projections/public/feeds.ts). */
import { pageFeed } from './api/_machine.ts';

export const GET = pageFeed('rss');
