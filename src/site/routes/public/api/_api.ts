/** One `/api/v2/` file as a static endpoint: the typed value of statuspageApi(), as JSON. */
import type { APIRoute } from 'astro';
import { apiJson, siteUrlOf, statuspageApi, type ApiFile, type StatuspageApi } from '../../../../projections/public/statuspage-api.ts';
import { status } from './_status.ts';

let api: Promise<StatuspageApi> | undefined;

export function apiRoute(file: ApiFile): APIRoute {
  return async () => {
    const files = await (api ??= status().then((s) => statuspageApi(s, siteUrlOf(s))));
    return new Response(apiJson(files[file]), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
  };
}
