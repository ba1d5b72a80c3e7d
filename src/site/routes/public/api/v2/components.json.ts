/** `/api/v2/components.json` (Statuspage's shape; see src/projections/public/statuspage-api.ts). */
import { apiRoute } from '../_api.ts';

export const GET = apiRoute('components.json');
