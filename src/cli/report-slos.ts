/**
 * `keel report slos`: every SLO of the index evaluated by the engine (src/model/slos.ts), and its
 * formatters. A module of its own so that the engine, and Luxon with it, is loaded only for
 * this report.
 */
export { renderMarkdown, renderText } from '../domain/slo/format.ts';
export { reportEntries, rfc3339 } from '../domain/slo/report.ts';
export { evaluateIndex } from '../model/slos.ts';
