import { describe, expect, it } from 'vitest';
import { chartValue, isoMinute, timeRowHeader } from './format.ts';

describe('chart table cells', () => {
  it('writes whole-minute instants without seconds, and keeps them where they are not zero', () => {
    expect(isoMinute(Date.parse('2026-10-23T13:00:00Z'))).toBe('2026-10-23T13:00Z');
    expect(Date.parse(isoMinute(Date.parse('2026-10-23T13:00:00Z')))).toBe(Date.parse('2026-10-23T13:00:00Z'));
    expect(isoMinute(Date.parse('2026-10-23T13:00:30Z'))).toBe('2026-10-23T13:00:30.000Z');
    expect(timeRowHeader(Date.parse('2026-10-23T13:00:00Z'), 'Europe/Amsterdam')).toBe(
      '<th scope="row"><time datetime="2026-10-23T13:00Z">23 Oct 2026, 15:00 CEST</time></th>',
    );
  });

  it('keeps seven significant digits of a value: what the chart draws and its tooltip shows', () => {
    expect(chartValue(0.9993581240104412)).toBe('0.9993581');
    expect(chartValue(-11.06034585862649)).toBe('-11.06035');
    expect(chartValue(1)).toBe('1');
    expect(chartValue(0)).toBe('0');
    expect(chartValue(2.3456789e-9)).toBe('2.345679e-9');
    // The tooltip's wording (src/site/client/charts.ts) of the kept value is the table's.
    for (const v of [0.9993581240104412, 0.023072472153912837, -6.148567015372536, 0.8105334385925133]) {
      expect(+(Number(chartValue(v)) * 100).toFixed(3)).toBe(+(v * 100).toFixed(3));
    }
  });
});
