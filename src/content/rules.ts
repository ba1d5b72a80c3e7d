/**
 * Rules the loader reports while reading files, declared once (message templates and hints):
 * files that belong to no kind, unreadable files, YAML and front-matter syntax, MDX syntax,
 * measurement rows. None is configurable: each means a file, or part of it, could not be read.
 */
import { defineRule, type RuleMeta } from '../core/rule.ts';

const loaderRule = <M extends string>(id: string, summary: string, messages: Parameters<typeof defineRule<M>>[0]['messages']): RuleMeta<M> =>
  defineRule({ id, severity: 'error', summary, configurable: false, messages });

const NOT_PUBLISHED = 'file is not part of any content kind and would not be published';

export const UNKNOWN_FILE = loaderRule('content/unknown-file', 'A file that belongs to no content kind (wrong folder or extension).', {
  topLevel: { text: NOT_PUBLISHED, hint: 'content files live in folders: {folders}' },
  unknownFolder: { text: NOT_PUBLISHED, hint: '"{folder}/" is not a content folder; known folders: {folders}' },
  wrongExtension: { text: NOT_PUBLISHED, hint: '{folder}/ holds {extensions} files' },
  measurements: { text: NOT_PUBLISHED, hint: 'measurements/ holds <slo-name>.csv files' },
});
export const UNREADABLE = loaderRule('content/unreadable', 'A file that cannot be read.', {
  unreadable: { text: 'cannot read file: {cause}', hint: 'check that the file exists (not a broken symbolic link) and is readable' },
});
export const CONTENT_MISSING = loaderRule('content/missing', 'The content folder does not exist.', {
  missing: { text: 'content folder not found', hint: 'pass --content DIR or set KEEL_CONTENT to the folder holding keel.yaml' },
});
export const SETTINGS_MISSING = loaderRule('settings/missing', 'The content folder has no keel.yaml.', {
  missing: { text: 'keel.yaml is missing', hint: 'create keel.yaml with at least organisation (name, url) and timeZone' },
});
export const YAML_SYNTAX = loaderRule('yaml/syntax', 'YAML that does not parse.', {
  duplicateKey: { text: 'YAML syntax error: {reason}', hint: 'each key may appear once per mapping' },
  indent: { text: 'YAML syntax error: {reason}', hint: 'check the indentation: nested keys line up under their parent, with spaces, not tabs' },
  tab: { text: 'YAML syntax error: {reason}', hint: 'YAML indents with spaces; replace the tab' },
  aliases: { text: 'YAML syntax error: {reason}', hint: 'use fewer aliases (*name): write the repeated values out' },
  other: { text: 'YAML syntax error: {reason}', hint: 'quote values that contain ": " or start with a special character (@ ` | > * & ! % #)' },
});
export const YAML_EMPTY = loaderRule('yaml/empty', 'A YAML file with nothing in it.', {
  empty: { text: 'file is empty', hint: 'an empty file is probably a mistake: fill it in or delete it' },
});
export const YAML_MULTIPLE_DOCUMENTS = loaderRule('yaml/multiple-documents', 'More than one YAML document where one entry belongs.', {
  multiple: { text: 'this file holds more than one YAML document', hint: 'keep one entry per file; only files in slos/ hold several documents' },
});
export const FRONTMATTER_MISSING = loaderRule('frontmatter/missing', 'A Markdown file without front matter.', {
  missing: { text: 'front matter is missing', hint: 'start the file with a line "---", the YAML fields, then another "---"' },
});
export const FRONTMATTER_UNCLOSED = loaderRule('frontmatter/unclosed', 'Front matter without its closing "---".', {
  unclosed: { text: 'front matter is not closed', hint: 'end the front matter with a line "---"' },
});
export const FRONTMATTER_EMPTY = loaderRule('frontmatter/empty', 'Front matter with nothing in it.', {
  empty: { text: 'front matter is empty', hint: 'fill in the fields between the two "---" lines' },
});
export const MDX_SYNTAX = loaderRule('mdx/syntax', 'An MDX body that does not parse (it is parsed, never run).', {
  syntax: { text: 'MDX syntax error: {reason}', hint: 'MDX is stricter than Markdown: close every tag, escape { and < in text as \\{ and \\<' },
});
export const API_VERSION = loaderRule('schema/api-version', 'A document in slos/ with an apiVersion Keel does not read.', {
  unknown: {
    text: 'apiVersion must be one of {versions} (got {got})',
    hint: 'OpenSLO documents use apiVersion: openslo/v1; error-budget policies use keel/v1',
  },
});
export const KIND = loaderRule('schema/kind', 'A document in slos/ with a kind its apiVersion does not have.', {
  unknown: 'kind must be one of {kinds} for {version} (got {got})',
});
export const MEASUREMENT_HEADER = loaderRule('measurement/header', 'A measurements file whose header is neither timestamp,good,total nor timestamp,value.', {
  header: {
    text: 'header must be "{ratio}" or "{threshold}" (got "{got}")',
    hint: 'ratio SLIs record good and total events per interval; threshold SLIs record a value',
  },
});
export const MEASUREMENT_COLUMNS = loaderRule('measurement/columns', 'A measurement row with the wrong number of fields.', {
  columns: 'row has {count} fields, expected {expected} ({columns})',
});
export const MEASUREMENT_ORDER = loaderRule('measurement/order', 'Measurement rows out of time order, or duplicated.', {
  order: { text: 'timestamps must ascend: {timestamp} is not after the row above', hint: 'sort the rows by time and remove duplicates' },
});
export const MEASUREMENT_MORE = loaderRule('measurement/more', 'How many more bad rows a measurements file has than are listed.', {
  more: '{count} more bad rows not listed',
});

/** Every rule the loader can report. */
export const LOADER_RULES: readonly RuleMeta[] = [
  UNKNOWN_FILE, UNREADABLE, CONTENT_MISSING, SETTINGS_MISSING,
  YAML_SYNTAX, YAML_EMPTY, YAML_MULTIPLE_DOCUMENTS,
  FRONTMATTER_MISSING, FRONTMATTER_UNCLOSED, FRONTMATTER_EMPTY, MDX_SYNTAX,
  API_VERSION, KIND,
  MEASUREMENT_HEADER, MEASUREMENT_COLUMNS, MEASUREMENT_ORDER, MEASUREMENT_MORE,
];
