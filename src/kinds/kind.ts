/**
 * What Keel knows about a content kind, in one place: where its files live and in which
 * format, its schema, where its id is, its title, which audience may read it, the references
 * it makes, and its editor schema. The loader, the reference rule, the Astro collections, the
 * JSON Schema export and the public allowlist all read these definitions.
 */
import type { z } from 'zod';

/** Where a kind's entries come from. */
export type KindSource =
  /** One entry per `.yaml`/`.yml` file of the folder. */
  | { format: 'yaml'; folder: string }
  /** One entry per `.md`/`.mdx` file: YAML front matter, then the body. */
  | { format: 'markdown'; folder: string }
  /** YAML documents with this apiVersion and kind, any number per file of the folder. */
  | { format: 'document'; folder: string; apiVersion: string; kind: string };

/** A reference made by an entry: every string at `path` names an entry of `target`. */
export interface Reference {
  /** Dotted path; `[]` walks every item of a list. */
  path: string;
  /** A kind's name, or `components`: the status-page components services declare. */
  target: string;
}

export interface KindDefinition<Name extends string = string, Schema extends z.ZodType = z.ZodType> {
  /** Collection name, also the name other kinds' references use. */
  name: Name;
  /** How messages name one entry: "unknown service …", "duplicate incident id …". */
  label: string;
  source: KindSource;
  schema: Schema;
  /** Where an id given in the data lives; without one, the file name is the id. */
  idPath: readonly string[];
  /** A human title for listings. */
  title: (data: z.output<Schema>) => string | undefined;
  /** `public`: the public build may load it (its pages still only see the projection). */
  audience: 'public' | 'internal';
  references: readonly Reference[];
  /** File of its JSON Schema in public/schemas/ (documents of one folder share one). */
  jsonSchema: string;
}

/** Declares a kind; literal types are kept so that the index can derive types and check references. */
export function defineKind<const Name extends string, Schema extends z.ZodType, const Source extends KindSource, const Refs extends readonly Reference[]>(
  kind: KindDefinition<Name, Schema> & { source: Source; references: Refs },
): KindDefinition<Name, Schema> & { source: Source; references: Refs } {
  return kind;
}

export const YAML_EXTENSIONS = ['.yaml', '.yml'] as const;
export const MARKDOWN_EXTENSIONS = ['.md', '.mdx'] as const;

/** The file extensions a kind's files may have. */
export function extensionsOf(source: KindSource): readonly string[] {
  return source.format === 'markdown' ? MARKDOWN_EXTENSIONS : YAML_EXTENSIONS;
}
