/** Numbers as reports show them, without binary noise (99.9 %, never 99.90000000000001 %); apart from format.ts so that a rule can use them without loading the report's Markdown writer and Luxon. */

/** A number with at most `decimals` decimals, trailing zeros dropped: 99.9, 18.25, -3. */
export function fixed(x: number, decimals: number): string {
  // A whole number reads the same either way, without the round trip through text (millions of chart cells).
  if (Number.isInteger(x)) return x === 0 ? '0' : String(x);
  const s = Number(x.toFixed(decimals)).toString();
  return s === '-0' ? '0' : s;
}

/** A ratio as a percentage with at most `decimals` decimals: 0.999 → "99.9 %". */
export function percent(ratio: number, decimals: number): string {
  return `${fixed(ratio * 100, decimals)} %`;
}
