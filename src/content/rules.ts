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
export const LINK = loaderRule('content/link', 'A symbolic link that leads outside the content folder, or back into a folder already read: never followed.', {
  outside: {
    text: 'symbolic link leads outside the content folder; it is not read',
    hint: 'Keel reads only files inside the content folder: put the file itself here instead of a link',
  },
  loop: { text: 'symbolic link leads to a folder that is already read; it is not followed again', hint: 'remove the link: the folder is read once' },
});
export const SPECIAL_FILE = loaderRule('content/special-file', 'A named pipe, socket, device or kernel file in the content folder: never read.', {
  special: { text: 'this is a {type}, not a regular file; it is not read', hint: 'content folders hold plain text files only: remove it' },
});
export const ENCODING = loaderRule('content/encoding', 'A NUL byte, or bytes that are not UTF-8, in a text file.', {
  nul: { text: 'file holds a NUL byte', hint: 'text files have no NUL bytes: is this a binary file, or was it saved as UTF-16?' },
  invalid: { text: 'file is not valid UTF-8 from here on', hint: 'save the file as UTF-8' },
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
  unclosed: {
    text: 'YAML syntax error: {reason}: it opens here and is never closed (the parser gave up {gaveUp})',
    hint: 'close it where the value ends: the missing quote, ] or }',
  },
  aliases: { text: 'YAML syntax error: {reason}', hint: 'use fewer aliases (*name): write the repeated values out' },
  other: { text: 'YAML syntax error: {reason}', hint: 'quote values that contain ": " or start with a special character (@ ` | > * & ! % #)' },
});
export const YAML_UNKNOWN_TAG = loaderRule('yaml/unknown-tag', 'A YAML tag the core schema does not have (!!python/…, !!js/…, !Ref): never run, always an error.', {
  unknown: {
    text: 'unknown YAML tag {tag}',
    hint: 'Keel reads plain YAML (the core schema): remove the tag, and quote the value if it is text',
  },
});
export const YAML_EMPTY = loaderRule('yaml/empty', 'A YAML file with nothing in it.', {
  empty: { text: 'file is empty', hint: 'an empty file is probably a mistake: fill it in or delete it' },
});
export const YAML_MULTIPLE_DOCUMENTS = loaderRule('yaml/multiple-documents', 'More than one YAML document where one entry belongs.', {
  multiple: { text: 'this file holds more than one YAML document', hint: 'keep one entry per file; only files in slos/ hold several documents' },
});
export const YAML_COMMENT_CUT_TEXT = defineRule({
  id: 'yaml/comment-cut-text',
  severity: 'warning',
  summary: 'A list item of plain text cut short by " #", which YAML reads as the start of a comment (`- Post in #reliability` is "Post in").',
  configurable: false,
  messages: {
    cut: {
      text: 'YAML reads this list item as "{kept}": " #{cut}" starts a comment',
      hint: 'quote the item to keep the text: - "{kept} #{cut}"; for a comment, put a space after the #',
    },
  },
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
export const FOREIGN_FORMAT = loaderRule(
  'schema/foreign-format',
  'A document in another SLO format (Sloth, Pyrra, slo-generator, older or newer OpenSLO) where Keel reads OpenSLO v1.',
  {
    rewrite: {
      text: 'this is {format}, not OpenSLO v1',
      hint: 'Keel reads OpenSLO v1 (apiVersion: openslo/v1): rewrite it as an SLO with an SLI and a time window; Keel has no converter for it yet',
    },
    v1alpha: {
      text: 'this is {format}, not OpenSLO v1',
      hint: 'no OpenSLO tool converts v1alpha to v1 (oslo validates, formats and converts to Nobl9 only): rewrite it by hand after the v1 spec: apiVersion: openslo/v1; timeWindows (unit, count) becomes timeWindow with a duration such as 28d; the SLI moves to indicator (metadata, spec) or an SLI object named by indicatorRef; ratioMetrics becomes ratioMetric (incremental becomes counter) and each source/query a metricSource { type, spec }; targetTimeSlices becomes timeSliceTarget',
    },
    alertWindows: {
      text: 'this is {format}, not OpenSLO v1',
      hint: "Keel reads no alert-window tables (its windows and factors are built in, scaled to each SLO's period): keep this file with Sloth's configuration (--slo-period-windows-path), outside slos/",
    },
    sharedConfig: {
      text: 'this is {format}, not OpenSLO v1',
      hint: "Keel has no backends or exporters; write its error_budget_policies as a keel/v1 ErrorBudgetPolicy (a step's burn_rate_threshold and window become when: { burnRate: { above, window } }), and keep this file with slo-generator's configuration, outside slos/",
    },
    draft: { text: 'this is {format}, not OpenSLO v1', hint: 'Keel reads the released openslo/v1: write the document as openslo/v1' },
  },
);
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

export const MEASUREMENT_NUMBER = loaderRule('measurement/number', 'A measurement cell that is not a plain decimal number (0x10, 2e4, Infinity).', {
  count: { text: '{column} must be a whole number written in decimal digits (got "{value}")', hint: 'write counts as plain digits, e.g. 20000' },
  value: {
    text: '{column} must be a finite decimal number (got "{value}")',
    hint: 'write values as decimal numbers, e.g. 231.5; NaN and Infinity are not measurements',
  },
});
export const LIMIT_FILE_SIZE = loaderRule('limit/file-size', 'A file larger than Keel reads.', {
  size: { text: 'file is larger than {limit} ({size}); it is not read', hint: 'split it into smaller files' },
});
export const LIMIT_NESTING = loaderRule('limit/nesting', 'YAML nested deeper than Keel reads.', {
  depth: { text: 'YAML is nested deeper than {limit} levels here; the file is not read further', hint: 'no content kind nests this deep: flatten it' },
});
export const LIMIT_ITEMS = loaderRule('limit/items', 'A YAML list or mapping with more entries than Keel reads.', {
  items: { text: '{path} has more than {limit} entries; the file is not read further', hint: 'no content kind has lists this long: split the data or remove the repetition' },
});
export const MDX_UNSAFE = loaderRule('mdx/unsafe', 'Script in an MDX body: a <script> element, an event handler or a javascript: URL runs in every reader\'s browser.', {
  script: {
    text: '{what} in an MDX body runs in every reader\'s browser once the site is built',
    hint: 'MDX is code and is not sanitised: remove it, or write the body as .md (its HTML is sanitised)',
  },
  handler: {
    text: 'event handler {what} in an MDX body runs in every reader\'s browser once the site is built',
    hint: 'MDX is code and is not sanitised: remove the attribute, or write the body as .md (its HTML is sanitised)',
  },
  url: {
    text: 'javascript: URL in an MDX body runs in the reader\'s browser when followed: {what}',
    hint: 'link to an https:// address or a relative path',
  },
});
export const LIMIT_FINDINGS = loaderRule('limit/findings', 'How many more findings a file has than are listed.', {
  more: { text: '{count} more findings in this file are not listed', hint: 'fix the findings above and run again' },
});
export const LIMIT_TIME = loaderRule('limit/time', 'A file that takes a parser longer than Keel waits: a last guard, which depends on the machine.', {
  mdx: {
    text: 'MDX body took longer than {seconds} s to parse, the last guard against a parser that hangs (unlike the limits on what a body holds, it depends on the machine); it was not checked',
    hint: 'split very long lines and paragraphs, or use .md for text that needs no MDX',
  },
  run: {
    text: 'MDX body not checked: the MDX bodies before it took {seconds} s together, the last guard for the whole run (it depends on the machine)',
    hint: 'split very long lines and paragraphs, or use .md for text that needs no MDX',
  },
});
export const LIMIT_MDX = loaderRule('limit/mdx', 'An MDX body that holds more than the MDX check reads (link openers, nesting), or past the run\'s budget for costly MDX.', {
  links: {
    text: 'MDX body has {count} link openers ("[") and at most {limit} are read (the parser\'s time grows with their square); it was not checked',
    hint: 'split the body, write fewer brackets, or use .md for text that needs no MDX',
  },
  nesting: {
    text: 'MDX body nests {depth} levels deep here and at most {limit} are read; it was not checked',
    hint: 'flatten the lists and block quotes, or use .md for text that needs no MDX',
  },
  budget: {
    text: 'MDX body not checked: the MDX bodies before it spent the run\'s budget for costly MDX (many link openers or deep nesting: {budget} units)',
    hint: 'simplify those bodies (fewer links, flatter lists) or use .md for them',
  },
});

/** Every rule the loader can report. */
export const LOADER_RULES: readonly RuleMeta[] = [
  UNKNOWN_FILE, UNREADABLE, LINK, SPECIAL_FILE, ENCODING, CONTENT_MISSING, SETTINGS_MISSING,
  YAML_SYNTAX, YAML_UNKNOWN_TAG, YAML_EMPTY, YAML_MULTIPLE_DOCUMENTS, YAML_COMMENT_CUT_TEXT,
  FRONTMATTER_MISSING, FRONTMATTER_UNCLOSED, FRONTMATTER_EMPTY, MDX_SYNTAX, MDX_UNSAFE,
  API_VERSION, FOREIGN_FORMAT, KIND,
  MEASUREMENT_HEADER, MEASUREMENT_COLUMNS, MEASUREMENT_NUMBER, MEASUREMENT_ORDER, MEASUREMENT_MORE,
  LIMIT_FILE_SIZE, LIMIT_NESTING, LIMIT_ITEMS, LIMIT_FINDINGS, LIMIT_TIME, LIMIT_MDX,
];
