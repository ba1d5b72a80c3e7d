/** `/components/<id>/badge.svg`: one component's status as a shields-style badge (src/projections/public/badges.ts). */
import { componentBadgeRoute, componentPaths } from '../../api/_machine.ts';

export const getStaticPaths = componentPaths;
export const GET = componentBadgeRoute;
