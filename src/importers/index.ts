/**
 * The importers: one table of {name, detect, read, map}. `read` turns a file's text into
 * documents (a UsageError when the file is not readable at all), `detect` tells the documents
 * of this tool's format from others in the same file, `map` turns them into content files and
 * a report of what was not carried over. `keel import <name> FILE…` runs them.
 */
import { UsageError } from '../core/usage-error.ts';
import { importPyrra, isPyrraDocument } from './pyrra.ts';
import { dataSourceFile, readDocuments, type SourceDocument } from './slo-documents.ts';
import { importSloth, isSlothDocument } from './sloth.ts';
import { importStatuspage, StatuspageExportSchema, type ImportResult, type StatuspageExport } from './statuspage.ts';

const STATUSPAGE_FILES = 'Statuspage v2 JSON (incidents.json, summary.json, scheduled-maintenances.json)';

export interface Importer {
  readonly name: string;
  /** What its files are, for the usage text and errors. */
  readonly files: string;
  read(text: string, file: string): SourceDocument[];
  detect(data: unknown): boolean;
  map(documents: readonly SourceDocument[], importedOn: string): ImportResult;
}

/** YAML documents with positions; a YAML syntax error stops the import with its file:line:col. */
function readYaml(text: string, file: string): SourceDocument[] {
  const { documents, errors } = readDocuments(text, file);
  if (errors.length > 0) throw new UsageError(`${errors[0]!} (not readable as YAML)`);
  return documents;
}

/** The SLO importers' result, with the one DataSource their SLIs name. */
const withDataSource = (result: ImportResult): ImportResult => (result.files.length ? { ...result, files: [dataSourceFile(), ...result.files] } : result);

export const IMPORTERS: readonly Importer[] = [
  {
    name: 'statuspage',
    files: STATUSPAGE_FILES,
    read(text, file) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (cause) {
        throw new UsageError(`${file}: not readable as JSON (${(cause as Error).message.split('\n')[0]}); expected ${STATUSPAGE_FILES}`);
      }
      const parsed = StatuspageExportSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new UsageError(`${file}: not Statuspage v2 JSON: ${issue.path.join('.') || 'the document'}: ${issue.message}; expected ${STATUSPAGE_FILES}`);
      }
      const data = parsed.data;
      if (!data.incidents && !data.scheduled_maintenances && !data.components) {
        throw new UsageError(`${file}: holds none of incidents, scheduled_maintenances or components; expected ${STATUSPAGE_FILES}`);
      }
      return [{ file, data, at: () => file }];
    },
    // read() accepts Statuspage JSON only.
    detect: () => true,
    map(documents, importedOn) {
      return importStatuspage(
        documents.map((d) => d.data as StatuspageExport),
        importedOn,
      );
    },
  },
  {
    name: 'sloth',
    files: 'Sloth specs (version: prometheus/v1, or sloth.slok.dev/v1 PrometheusServiceLevel resources)',
    read: readYaml,
    detect: isSlothDocument,
    map: (documents) => withDataSource(importSloth(documents)),
  },
  {
    name: 'pyrra',
    files: 'Pyrra ServiceLevelObjective resources (pyrra.dev/v1alpha1)',
    read: readYaml,
    detect: isPyrraDocument,
    map: (documents) => withDataSource(importPyrra(documents)),
  },
];
