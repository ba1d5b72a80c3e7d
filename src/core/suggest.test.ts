import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from './suggest.ts';

describe('didYouMean', () => {
  it('suggests the closest candidate within a third of the length', () => {
    expect(didYouMean('apii', ['api', 'web', 'ledger'])).toBe('api');
    expect(didYouMean('api-availabilty', ['api-availability', 'api-latency'])).toBe('api-availability');
    expect(didYouMean('Occurences', ['Occurrences', 'Timeslices', 'RatioTimeslices'])).toBe('Occurrences');
    expect(didYouMean('ownr', ['name', 'owner', 'tier'])).toBe('owner');
  });

  it('ignores case but returns the candidate as written', () => {
    expect(didYouMean('slo', ['SLO', 'SLI', 'Service'])).toBe('SLO');
    expect(didYouMean('ratiotimeslices', ['Occurrences', 'RatioTimeslices'])).toBe('RatioTimeslices');
  });

  it('allows at least one edit for short words and at most three for long ones', () => {
    expect(didYouMean('ab', ['ax'])).toBe('ax');
    expect(didYouMean('ab', ['xy'])).toBeUndefined();
    expect(didYouMean('checkout-availability', ['checkout-avail'])).toBeUndefined();
    expect(didYouMean('checkout-availabxxxty', ['checkout-availability'])).toBe('checkout-availability');
    expect(didYouMean('checkout-availaxxxxty', ['checkout-availability'])).toBeUndefined();
  });

  it('prefers the closer of two candidates', () => {
    expect(didYouMean('web-shopp', ['web-shop', 'web-shops-x'])).toBe('web-shop');
  });

  it('suggests nothing when several candidates are equally close', () => {
    expect(didYouMean('SEV5', ['SEV0', 'SEV1', 'SEV2', 'SEV3', 'SEV4'])).toBeUndefined();
    expect(didYouMean('tem', ['team', 'temp'])).toBeUndefined();
    // The same candidate twice is no ambiguity.
    expect(didYouMean('apii', ['api', 'api'])).toBe('api');
  });

  it('suggests nothing for an exact-length mismatch far away, or without candidates', () => {
    expect(didYouMean('queue', ['api', 'web'])).toBeUndefined();
    expect(didYouMean('anything', [])).toBeUndefined();
    expect(didYouMean('x', new Set(['y']))).toBe('y');
  });

  it('counts swapped neighbours as one typo', () => {
    expect(didYouMean('tilte', ['title', 'url'])).toBe('title');
    expect(didYouMean('servcies', ['services', 'slos'])).toBe('services');
    expect(didYouMean('Occurrecnes', ['Occurrences'])).toBe('Occurrences');
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['api', 'api', 0],
    ['apii', 'api', 1],
    ['kitten', 'sitting', 3],
    ['tilte', 'title', 1],
    ['ca', 'abc', 3],
    ['owner', 'ownr', 1],
  ])('%j → %j is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});
