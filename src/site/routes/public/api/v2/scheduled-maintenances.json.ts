/** `/api/v2/scheduled-maintenances.json` (Statuspage's shape; see src/projections/public/statuspage-api.ts). */
import { apiRoute } from '../_api.ts';

export const GET = apiRoute('scheduled-maintenances.json');
