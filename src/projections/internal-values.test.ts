/**
 * The leak guard's values (internal-values.ts): what counts as internal, what the public
 * projection allows, how text is normalised and searched.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateContent } from '../rules/validate.ts';
import { internalValues, markdownFragments, MIN_VALUE, normaliseText, ValueSearch } from './internal-values.ts';

const FIXTURE = fileURLToPath(new URL('../../tests/fixtures/site', import.meta.url));
const NOW = Date.parse('2026-04-01T00:00:00Z');

describe('internalValues of tests/fixtures/site', async () => {
  const { index } = await validateContent(FIXTURE, { now: NOW });
  const values = internalValues(index, NOW);
  const has = (text: string) => values.some((v) => v.text.includes(text));

  it('holds every internal marker of the fixture, with where it comes from', () => {
    for (const marker of [
      'KEELMARK-OWNER-7f3a',
      'KEELMARK-LINK-3c1d',
      'KEELMARK-SERVICE-2b8c',
      'KEELMARK-TITLE-5e6f',
      'KEELMARK-RETRO-91c2',
      'KEELMARK-PRIVATE-INCIDENT-8a9b',
      'KEELMARK-RUNBOOK-4d5e',
    ]) {
      expect(has(marker), marker).toBe(true);
    }
    expect(values.find((v) => v.text === 'team-KEELMARK-OWNER-7f3a')?.source).toBe('tests/fixtures/site/services/checkout.yaml: owner');
    // The id of the internal-only incident, but not of the published one (its URL is public).
    expect(has('2026-02-02-ledger-lag')).toBe(true);
    expect(has('2026-01-12-checkout-errors')).toBe(false);
  });

  it('leaves out what the public site shows, enumerations and times', () => {
    for (const text of ['Elevated checkout errors', 'Checkout', 'Paying for orders.', 'Web app', 'partial_outage', 'SEV2', '2026-01-12T09:00:00Z']) {
      expect(
        values.some((v) => v.text === text),
        text,
      ).toBe(false);
    }
  });
});

describe('normaliseText', () => {
  it('decodes character references and JSON escapes, repeatedly, and folds whitespace', () => {
    expect(normaliseText('a&amp;amp;b &#60;&#x3C; &quot;q&quot; \\"j\\" \\u00e9\n\n  x')).toBe('a&b << "q" "j" é x');
  });
});

describe('markdownFragments', () => {
  it('cuts Markdown at its markup into runs of text long enough to look for', () => {
    expect(
      markdownFragments(
        '## A heading that is long\n\n- **Fri 09:40** — The release ships `the_preview_query` on [the Members tab](https://x.example/members).',
      ),
    ).toEqual(['A heading that is long', '— The release ships', 'the_preview_query', 'https://x.example/members']);
  });
});

describe('ValueSearch', () => {
  it('finds every value present, at any position, and no other', () => {
    const search = new ValueSearch(['abcdefgh', 'abcdefghij', 'zzzzzzzzz', 'ghijklmnop']);
    expect(search.search('abcdefghijklmnop')).toEqual([0, 1, 3]);
    expect(search.search('xxabcdefgh')).toEqual([0]);
    expect(search.search('abcdefg')).toEqual([]);
    expect(new ValueSearch([]).search('anything at all')).toEqual([]);
  });

  it('refuses a value shorter than the minimum', () => {
    expect(() => new ValueSearch(['short'])).toThrow(`at least ${MIN_VALUE}`);
  });
});

describe('internalValues and public names', async () => {
  const { index } = await validateContent(FIXTURE, { now: NOW });
  const checkout = index.collections.runbooks[0]!;

  it('drops a fragment that is mostly a component name, keeps one with words of its own', () => {
    const withBody = (body: string) => ({ ...index, collections: { ...index.collections, runbooks: [{ ...checkout, body }] } });
    const texts = (body: string) => internalValues(withBody(body), NOW).map((v) => v.text);
    expect(texts('Page the owner of it.\n\nDown on Checkout.')).not.toContain('Down on Checkout.');
    expect(texts('Call the payments on-call for Checkout.')).toContain('Call the payments on-call for Checkout.');
  });
});
