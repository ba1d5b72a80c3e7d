import { describe, expect, it } from 'vitest';
import { burnFactor, factor, fixed, percent, targetPercent } from './format.ts';

describe('numbers for people, without binary noise', () => {
  it('percentages', () => {
    expect(0.57 * 100).not.toBe(57); // binary noise: 56.99999999999999
    expect(percent(0.57, 4)).toBe('57 %');
    expect(percent(1 - (1 - 0.999), 4)).toBe('99.9 %');
    expect(percent(0.999, 3)).toBe('99.9 %');
    expect(targetPercent(0.999)).toBe('99.9 %');
    expect(targetPercent(0.9995)).toBe('99.95 %');
    expect(targetPercent(0.99999)).toBe('99.999 %');
    expect(percent(0.99, 3)).toBe('99 %');
    expect(percent(0.181051, 1)).toBe('18.1 %');
    expect(percent(-0.125, 1)).toBe('-12.5 %');
    expect(percent(-0.00001, 1)).toBe('0 %');
    expect(percent(1 - 160 / 24_000, 3)).toBe('99.333 %');
  });

  it('fixed drops trailing zeros and negative zero', () => {
    expect(fixed(99.90000000000001, 4)).toBe('99.9');
    expect(fixed(2, 2)).toBe('2');
    expect(fixed(-0.0001, 2)).toBe('0');
  });

  it('burn rates and alert factors', () => {
    expect(burnFactor(18.18181818)).toBe('18.2×');
    expect(burnFactor(0.1666666)).toBe('0.17×');
    expect(burnFactor(0)).toBe('0×');
    expect(factor(14.4)).toBe('14.4×');
    expect(factor(13.44)).toBe('13.44×');
    expect(factor(0.9333333)).toBe('0.93×');
    expect(factor(0.0333333)).toBe('0.033×');
  });
});
