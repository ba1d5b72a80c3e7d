/** `/badge.svg`: the page's overall status as a shields-style badge (src/projections/public/badges.ts). */
import { pageBadgeRoute } from './api/_machine.ts';

export const GET = pageBadgeRoute;
