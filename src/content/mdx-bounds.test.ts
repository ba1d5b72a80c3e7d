import { describe, expect, it } from 'vitest';
import { MAX_MDX_LINK_OPENERS, MAX_MDX_NESTING } from '../core/limits.ts';
import { createMdxBudget, MDX_FREE_NESTING, MDX_FREE_OPENERS, mdxShape, mdxWork } from './mdx-bounds.ts';

const list = (depth: number) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item`).join('\n');

describe('the shape of an MDX body', () => {
  it('counts link openers and nesting outside fenced code', () => {
    const body = ['A [link](https://x.example) and [another][ref].', '', '> quoted', '> > twice', '', '```yaml', '[not, counted]', '            deep: code', '```', '- a', '  - b'].join('\n');
    expect(mdxShape(body)).toEqual({ linkOpeners: 3, nesting: 2, nestingLine: 4 });
    expect(mdxShape(list(30))).toMatchObject({ nesting: 30, nestingLine: 30 });
  });

  it('costs nothing for ordinary prose, and grows with the square of openers and the cube of nesting past that', () => {
    expect(mdxWork({ linkOpeners: MDX_FREE_OPENERS, nesting: MDX_FREE_NESTING, nestingLine: 1 })).toBe(0);
    expect(mdxWork({ linkOpeners: MDX_FREE_OPENERS + 1600, nesting: 0, nestingLine: 1 })).toBe(10_000);
    expect(mdxWork({ linkOpeners: 0, nesting: MDX_FREE_NESTING + 40, nestingLine: 1 })).toBe(1_000);
  });
});

describe('the run budget of the MDX check', () => {
  it('refuses a body over a limit, at the body or at its deepest line', () => {
    const budget = createMdxBudget();
    expect(budget.admit('[a]('.repeat(MAX_MDX_LINK_OPENERS + 1))).toEqual({ limit: 'links', line: 1, count: MAX_MDX_LINK_OPENERS + 1, max: MAX_MDX_LINK_OPENERS });
    expect(budget.admit(list(MAX_MDX_NESTING + 5))).toEqual({ limit: 'nesting', line: MAX_MDX_NESTING + 5, depth: MAX_MDX_NESTING + 5, max: MAX_MDX_NESTING });
    expect(budget.admit('[a]('.repeat(MAX_MDX_LINK_OPENERS))).toBeUndefined();
    expect(budget.admit(list(MAX_MDX_NESTING))).toBeUndefined();
  });

  it('charges costly bodies until it is spent, then refuses each later costly body, never ordinary ones', () => {
    const costly = '[a]('.repeat(MDX_FREE_OPENERS + 1600); // 10,000 units
    const budget = createMdxBudget(25_000);
    expect(budget.admit(costly)).toBeUndefined();
    expect(budget.admit(costly)).toBeUndefined();
    expect(budget.admit(costly)).toEqual({ limit: 'budget', line: 1, budget: 25_000 });
    expect(budget.admit(`Ordinary prose with [a link](https://x.example).\n`.repeat(400))).toBeUndefined();
    expect(budget.admit(costly)).toEqual({ limit: 'budget', line: 1, budget: 25_000 });
  });
});
