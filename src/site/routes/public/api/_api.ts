/** One `/api/v2/` file as a static endpoint: the typed value of statuspageApi(), as JSON. */
import type { APIRoute } from 'astro';
import { apiJson, type ApiFile } from '../../../../projections/public/statuspage-api.ts';
import { apiFiles } from '../../../data/public.ts';

export function apiRoute(file: ApiFile): APIRoute {
  return async () => new Response(apiJson((await apiFiles())[file]), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
