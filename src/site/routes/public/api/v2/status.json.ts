/** `/api/v2/status.json` (Statuspage's shape; see src/projections/public/statuspage-api.ts). */
import { apiRoute } from '../_api.ts';

export const GET = apiRoute('status.json');
