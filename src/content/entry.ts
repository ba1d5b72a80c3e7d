/** What parsing a content file yields: typed entries that remember where they came from. */
import type { Locate } from '../core/diagnostic.ts';
import type { ComponentUse } from '../core/mdx-components.ts';
import type { CollectionData, CollectionName, MarkdownCollection } from '../kinds/index.ts';
import type { Settings } from '../schemas/settings.ts';

export interface Entry<T> {
  id: string;
  /** Display path of the source file (relative to the working directory). */
  file: string;
  /** Absolute path of the source file. */
  path: string;
  /** Schema output. */
  data: T;
  /** The data as written, before the schema's defaults and transforms. */
  raw: unknown;
  locate: Locate;
}

export interface DocumentEntry<T> extends Entry<T> {
  /** Markdown or MDX body after the front matter. */
  body: string;
  /** Line of the file on which the body starts. */
  bodyLine: number;
  format: 'md' | 'mdx';
  /** MDX only: the components the body uses, from its syntax check (src/content/mdx-components.ts). */
  components?: ComponentUse[];
}

/** A measurement series: columns of numbers, timestamps as epoch milliseconds. */
export type MeasurementSeries =
  | { type: 'ratio'; time: number[]; good: number[]; total: number[] }
  | { type: 'threshold'; time: number[]; value: number[] };

export interface MeasurementEntry {
  /** Name of the SLO the series belongs to (the file name). */
  id: string;
  file: string;
  path: string;
  series: MeasurementSeries;
  /** Line of the file holding each row of the series, in order. */
  rowLines: number[];
}

export type Collections = {
  [C in CollectionName]: C extends MarkdownCollection ? DocumentEntry<CollectionData[C]>[] : Entry<CollectionData[C]>[];
};

/** Everything loaded from one content folder. */
export interface ContentIndex {
  /** Absolute path of the content folder. */
  root: string;
  settings: Entry<Settings> | undefined;
  collections: Collections;
  measurements: MeasurementEntry[];
  /** Number of files read. */
  fileCount: number;
  /**
   * Ids of entries that exist but failed to parse (their problems are reported): references to
   * them are not reported as unknown as well. File-based kinds use the file name.
   */
  rejected?: Partial<Record<CollectionName, Set<string>>>;
  /**
   * Entries whose YAML parsed but whose schema failed: their references are still checked on
   * the data as written, so that one run reports every problem of the file.
   */
  invalid?: Partial<Record<CollectionName, InvalidEntry[]>>;
}

/** An entry that failed its schema: the data as written, and where it came from. */
export interface InvalidEntry {
  id: string;
  file: string;
  raw: unknown;
  locate: Locate;
}
