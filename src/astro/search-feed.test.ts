import type { AstroPrerenderer } from 'astro';
import { describe, expect, it } from 'vitest';
import { searchedPagesFirst } from './search-feed.ts';

type Paths = Awaited<ReturnType<AstroPrerenderer['getStaticPaths']>>;

const astroPrerenderer = (pathnames: string[]): AstroPrerenderer => ({
  name: 'astro:default',
  getStaticPaths: () => Promise.resolve(pathnames.map((pathname) => ({ pathname, route: { route: pathname } })) as unknown as Paths),
  render: () => Promise.resolve(new Response('page')),
});

describe('searchedPagesFirst', () => {
  it('generates the pages of the searched folders first, each part in Astro’s order, and renders as Astro does', async () => {
    const astro = astroPrerenderer(['/', '/kpis/', '/incidents/a/', '/raw/incidents/a/', '/runbooks/alerts/x/', '/slos/b/', '/runbooks/r/', '/search/']);
    const wrapped = searchedPagesFirst(astro);
    const order = (await wrapped.getStaticPaths()).map((p) => p.pathname);
    expect(order).toEqual(['/incidents/a/', '/slos/b/', '/runbooks/r/', '/', '/kpis/', '/raw/incidents/a/', '/runbooks/alerts/x/', '/search/']);
    expect(wrapped.render).toBe(astro.render);
  });
});
