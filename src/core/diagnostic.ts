/**
 * A problem found in content: where it is, how bad, what is wrong, which rule found it and
 * what to do. Every layer reports through this one shape; src/rules/report.ts prints it.
 */

export type Severity = 'error' | 'warning';

export interface Position {
  /** 1-based line in the file. */
  line: number;
  /** 1-based column. */
  column: number;
}

export interface Diagnostic extends Position {
  /** Path as shown to the user: relative to the working directory. */
  file: string;
  severity: Severity;
  message: string;
  /** Rule id, e.g. `schema/enum` or `ref/unknown`. */
  rule: string;
  hint?: string | undefined;
}

/** Where a diagnostic points: a file and a position in it. */
export interface Place extends Position {
  file: string;
}

/**
 * Receives diagnostics as they are found. `count` (default 1) says how many findings the
 * diagnostic stands for: past a file's limit of findings, the first of them, the rest counted.
 */
export type Sink = (diagnostic: Diagnostic, count?: number) => void;

/** A path into parsed data: keys and list indexes. */
export type DataPath = readonly PropertyKey[];

/** Finds the position of a value (or of its key) by its path in the data. */
export type Locate = (path: DataPath, at?: 'value' | 'key') => Position;

/** `public.updates[2].status` */
export function formatPath(path: DataPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/** Orders diagnostics by file, then position, so every run prints the same. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}
