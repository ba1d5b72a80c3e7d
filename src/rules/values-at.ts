/** Reads the values at a reference path (`a[].b`) of parsed data. */
import type { DataPath } from '../core/diagnostic.ts';

const parsedPatterns = new Map<string, { key: string; list: boolean }[]>();

/** `a[].b` → keys, each marked when it holds a list to walk (parsed once per pattern). */
function segmentsOf(pattern: string): { key: string; list: boolean }[] {
  let segments = parsedPatterns.get(pattern);
  if (!segments) {
    segments = pattern.split('.').map((s) => (s.endsWith('[]') ? { key: s.slice(0, -2), list: true } : { key: s, list: false }));
    parsedPatterns.set(pattern, segments);
  }
  return segments;
}

/** Every string found at `pattern` in `data`, with its path. */
export function valuesAt(data: unknown, pattern: string): { value: string; path: DataPath }[] {
  const out: { value: string; path: DataPath }[] = [];
  const segments = segmentsOf(pattern);
  const walk = (value: unknown, i: number, path: PropertyKey[]) => {
    if (i === segments.length) {
      if (typeof value === 'string') out.push({ value, path });
      return;
    }
    const { key, list } = segments[i]!;
    const child = (value as Record<string, unknown> | undefined)?.[key];
    if (child === undefined) return;
    if (!list) return walk(child, i + 1, [...path, key]);
    if (!Array.isArray(child)) return;
    child.forEach((item, j) => walk(item, i + 1, [...path, key, j]));
  };
  walk(data, 0, []);
  return out;
}
