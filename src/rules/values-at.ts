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

/** Every string found at `pattern` in `data`, with its path (one path stack, copied only for a string found: this runs over every entry). */
export function valuesAt(data: unknown, pattern: string): { value: string; path: DataPath }[] {
  const out: { value: string; path: DataPath }[] = [];
  eachValueAt(data, pattern, (value, path) => out.push({ value, path: path() }));
  return out;
}

/**
 * Calls `visit` with every string found at `pattern` in `data`; its path is copied only when
 * asked for (`path()`, during the call): a rule that reports few of the values it reads
 * allocates nothing for the others.
 */
export function eachValueAt(data: unknown, pattern: string, visit: (value: string, path: () => DataPath) => void): void {
  const segments = segmentsOf(pattern);
  const path: PropertyKey[] = [];
  const copy = () => path.slice();
  const walk = (value: unknown, i: number) => {
    if (i === segments.length) {
      if (typeof value === 'string') visit(value, copy);
      return;
    }
    const { key, list } = segments[i]!;
    const child = (value as Record<string, unknown> | undefined)?.[key];
    if (child === undefined) return;
    path.push(key);
    if (!list) walk(child, i + 1);
    else if (Array.isArray(child)) {
      for (let j = 0; j < child.length; j++) {
        path.push(j);
        walk(child[j], i + 1);
        path.pop();
      }
    }
    path.pop();
  };
  walk(data, 0);
}
