import { describe, expect, it } from 'vitest';
import { counterSelectorOf, promDuration } from './prometheus-rules.ts';

describe('PromQL the rule generator writes', () => {
  it('finds the selector of a counter query that is one, or the sum of one', () => {
    expect(counterSelectorOf('sum(http_requests_total{code!~"5..", path="/{id}"})')).toEqual({
      selector: 'http_requests_total{code!~"5..", path="/{id}"}',
      summed: true,
    });
    expect(counterSelectorOf(' http_requests_total ')).toEqual({ selector: 'http_requests_total', summed: false });
    expect(counterSelectorOf('sum by (code) (http_requests_total)')).toBeUndefined();
    expect(counterSelectorOf('sum(a_total) - sum(b_total)')).toBeUndefined();
  });

  it('writes windows in the largest unit that divides them', () => {
    expect([5 * 60_000, 90 * 60_000, 3_600_000, 3 * 86_400_000, 30_000].map(promDuration)).toEqual(['5m', '90m', '1h', '3d', '30s']);
  });
});
