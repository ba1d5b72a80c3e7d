/** `/history.atom`: the incident history as Atom (src/projections/public/feeds.ts). */
import { pageFeed } from './api/_machine.ts';

export const GET = pageFeed('atom');
