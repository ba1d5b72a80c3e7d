import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pagefindSearch } from '../../tests/support/pagefind.ts';
import { SEARCH_BUNDLES_FILE, withoutChartData, writeSearchIndex } from './search-index.ts';

const CHART = (rows: string) =>
  `<figure class="chart" data-chart="ratio"><figcaption>SLI</figcaption><div class="canvas"><canvas></canvas></div><div class="data" data-pagefind-ignore tabindex="0" role="region" aria-label="Data"><table><caption>2 rows</caption><tbody>${rows}</tbody></table></div></figure>`;

const page = (title: string, words: string, marked = true) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><header>Skip to content</header><main${marked ? ' data-pagefind-body' : ''}><h1>${title}</h1><p>${words}</p>${CHART('<tr><th>t</th><td data-v="0.5">50 %</td></tr>')}</main></body></html>`;

describe('withoutChartData', () => {
  it("cuts every chart's data table and keeps the rest of the page (its UTF-8 bytes), its markup closed", () => {
    const html = `<main data-pagefind-body><p>before – é</p>${CHART('<tr><td>zebra</td></tr>')}<p>between</p>${CHART('<tr><td>yak</td></tr>')}<p>after</p></main>`;
    const cut = Buffer.from(withoutChartData(Buffer.from(html))).toString();
    expect(cut).not.toMatch(/zebra|yak|<table/);
    expect(cut).toContain('<p>before – é</p>');
    expect(cut).toContain('<p>between</p>');
    expect(cut).toContain('<p>after</p></main>');
    expect(cut.match(/<div/g)?.length).toBe(cut.match(/<\/div>/g)?.length);
  });

  it('leaves a page without charts as it is', () => {
    const html = Buffer.from('<main><table><tbody><tr><td>x</td></tr></tbody></table></main>');
    expect(withoutChartData(html)).toBe(html);
  });
});

describe('writeSearchIndex', () => {
  const site = mkdtempSync(join(tmpdir(), 'keel-search-'));
  afterAll(() => rmSync(site, { recursive: true, force: true }));
  const write = (path: string, html: string) => {
    mkdirSync(dirname(join(site, path)), { recursive: true });
    writeFileSync(join(site, path), html);
  };
  write('incidents/a/index.html', page('Incident alpha', 'walrus outage in the ledger'));
  write('incidents/b/index.html', page('Incident beta', 'walrus latency in billing'));
  write('incidents/index.html', page('Incidents', 'walrus index page', false));
  write('runbooks/c/index.html', page('Runbook gamma', 'walrus restart steps'));
  write('runbooks/alerts/WalrusDown/index.html', page('WalrusDown', 'walrus redirect', false));
  write('raw/incidents/a/index.html', page('Raw alpha', 'walrus raw copy'));

  it('splits a site past its bundle size into bundles the first one lists, and a search over them finds every marked page once', async () => {
    const result = await writeSearchIndex(site, 1);
    expect(result.bundles).toBe(3);
    expect(result.indexed).toBe(3);
    // The alert URL pages and the folders of unsearched pages are not read.
    expect(result.pages).toBe(4);
    expect(JSON.parse(readFileSync(join(site, 'pagefind', SEARCH_BUNDLES_FILE), 'utf8'))).toEqual({ merge: ['../pagefind-2/', '../pagefind-3/'] });
    expect(existsSync(join(site, 'pagefind-3', 'pagefind.js'))).toBe(true);
    const search = await pagefindSearch(site);
    expect((await search('walrus')).map((r) => r.url).sort()).toEqual(['/incidents/a/', '/incidents/b/', '/runbooks/c/']);
    // Neither the header nor the chart tables are indexed.
    expect(await search('Skip')).toEqual([]);
    expect(await search('50')).toEqual([]);
  }, 60_000);
});
