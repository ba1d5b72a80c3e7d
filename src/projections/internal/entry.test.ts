import { describe, expect, it } from 'vitest';
import { entryView, flatten } from './entry.ts';

describe('the internal entry page', () => {
  it('lists every scalar of the data with its path, lists and nested mappings included', () => {
    expect(flatten({ title: 'x', tier: 1, statusPage: false, links: [{ title: 'a', url: 'https://a' }], none: null })).toEqual([
      { path: 'title', value: 'x' },
      { path: 'tier', value: '1' },
      { path: 'statusPage', value: 'false' },
      { path: 'links[0].title', value: 'a' },
      { path: 'links[0].url', value: 'https://a' },
    ]);
  });

  it("uses the kind's title and keeps the body", () => {
    const view = entryView('runbooks', { id: 'api', data: { title: 'API errors', services: ['api'] }, body: '## Meaning\n' });
    expect(view).toEqual({
      collection: 'runbooks',
      id: 'api',
      title: 'API errors',
      fields: [
        { path: 'title', value: 'API errors' },
        { path: 'services[0]', value: 'api' },
      ],
      body: '## Meaning\n',
    });
  });
});
