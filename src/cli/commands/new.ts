/**
 * `keel new <kind> ["<title>"]`: writes one correctly named content file with complete front
 * matter (src/cli/new/templates.ts), asking in a terminal for what flags did not give, then
 * validates the folder and shows what it says of the new file. Without a terminal, or under
 * CI, nothing is asked: flags and prefilled values only, and a missing required value is a
 * usage error. A title that makes no id, an unknown kind or an existing file: exit 2, nothing
 * written.
 */
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { containedPath, writeContained } from '../../core/contained-write.ts';
import { contentDir, now } from '../../core/env.ts';
import { escapeControls } from '../../core/escape.ts';
import { slug } from '../../core/slug.ts';
import { didYouMean } from '../../core/suggest.ts';
import { isTimestamp } from '../../core/time.ts';
import { UsageError } from '../../core/usage-error.ts';
import { loadContent } from '../../content/load.ts';
import { kindOf } from '../../kinds/index.ts';
import { RFC1123_LABEL } from '../../schemas/common.ts';
import { DEFAULT_REQUIRED_SECTIONS, type RequiredSection } from '../../schemas/settings.ts';
import { formatReport, summarize } from '../../rules/report.ts';
import { validateContent } from '../../rules/validate.ts';
import { KEEL_ROOT } from '../astro.ts';
import { CONTENT_OPTION, type Command, type OptionSpec } from '../command.ts';
import { inquirerAsk, type Ask } from '../new/ask.ts';

/** Calendar arithmetic in time zones (Luxon), loaded by `keel new` only. */
type Zone = typeof import('../../core/zone.ts');
import { TEMPLATES, type Existing, type Field, type Template, type TemplateContext, type Value, type Values } from '../new/templates.ts';

const KINDS = TEMPLATES.map((t) => t.kind);

/** Every field's flag once, described with the kinds that use it. */
const FIELD_OPTIONS: Record<string, OptionSpec> = (() => {
  const options: Record<string, OptionSpec & { kinds: string[] }> = {};
  for (const template of TEMPLATES) {
    for (const field of template.fields) {
      const option = (options[field.flag] ??= { type: 'string', value: field.type === 'multi' ? 'A,B' : 'VALUE', description: field.label, kinds: [] });
      option.kinds.push(template.kind);
    }
  }
  return Object.fromEntries(
    Object.entries(options).map(([flag, { kinds, ...spec }]) => [
      flag,
      { ...spec, description: `${kinds.length > 1 ? flag.replace(/-/g, ' ') : spec.description} (${kinds.join(', ')})` },
    ]),
  );
})();

/** A time as given: RFC 3339 with an offset, or a wall-clock time (`2026-11-22 08:20`) in the portal's zone. */
function parseTime(value: string, zone: string, flag: string, { wallClockInstant, isoInZone }: Zone): string {
  if (isTimestamp(value)) return value;
  const wall = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?$/.exec(value.trim());
  const at = wall ? wallClockInstant(`${wall[1]} ${wall[2]}${wall[3] ?? ':00'}`, zone) : undefined;
  if (at === undefined) throw new UsageError(`--${flag} must be a time such as 2026-11-22T08:20:00+01:00 or "2026-11-22 08:20" (in ${zone}); got "${value}"`);
  return isoInZone(at, zone);
}

/** A flag's text as the field's value: lists split at commas, choices checked, times normalised. */
function fromFlag(field: Field, given: string, context: TemplateContext, values: Values, zone: Zone): Value {
  if (field.type === 'time') return parseTime(given, context.zone, field.flag, zone);
  const parts =
    field.type === 'multi'
      ? given
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
      : [given.trim()];
  const choices = field.choices?.(context, values);
  if (choices && choices.length > 0) {
    for (const part of parts) {
      if (choices.includes(part)) continue;
      const close = didYouMean(part, choices);
      throw new UsageError(`--${field.flag}: "${part}" is not one of ${choices.join(', ')}${close ? ` (did you mean "${close}"?)` : ''}`);
    }
  }
  return field.type === 'multi' ? parts : parts[0]!;
}

/** The new file's id: --id as given, else the template's prefix (a day) and the title's slug, within 63 characters. */
function fileId(template: Template, title: string, given: string | undefined, values: Values, context: TemplateContext): string {
  if (given !== undefined) {
    if (!RFC1123_LABEL.test(given))
      throw new UsageError(`--id "${given}" is not an id: lower-case letters, digits and hyphens, at most 63 characters (e.g. "${slug(given)}")`);
    return given;
  }
  const prefix = template.prefix?.(values, context) ?? '';
  const rest = slug(title, 63 - prefix.length);
  if (!rest) throw new UsageError(`the title "${title}" makes no id (it needs letters or digits): pass --id, e.g. --id checkout-errors; nothing written`);
  return prefix + rest;
}

async function collect(template: Template, flags: Record<string, unknown>, context: TemplateContext, ask: Ask | undefined, zone: Zone): Promise<Values> {
  const values: Values = {};
  const missing: string[] = [];
  for (const field of template.fields) {
    if (field.when && !field.when(values)) continue;
    const given = flags[field.flag];
    let value: Value | undefined;
    if (typeof given === 'string') value = fromFlag(field, given, context, values, zone);
    else {
      const initial = field.initial?.(context, values);
      const choices = field.choices?.(context, values) ?? [];
      if (ask && !(field.type === 'multi' && choices.length === 0)) {
        value = await ask(field, choices, initial, (text) => (field.type === 'time' ? parseTime(text, context.zone, field.flag, zone) : text));
      } else value = initial;
    }
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (field.required && empty) missing.push(field.flag);
    values[field.flag] = value;
  }
  if (missing.length > 0) {
    const why = ask ? 'they are required' : 'there is no terminal to ask in';
    throw new UsageError(`keel new ${template.kind} needs ${missing.map((f) => `--${f}`).join(', ')} (${why}); nothing written`);
  }
  return values;
}

/** What the content folder holds that a new file may refer to. */
async function existing(dir: string, cwd: string): Promise<{ existing: Existing; zone: string | undefined; sections: readonly RequiredSection[] }> {
  const { index } = await loadContent(dir, { cwd, keepSources: false });
  const services = index.collections.services.map((s) => ({
    id: s.id,
    owner: s.data.owner,
    component: s.data.statusPage ? s.data.statusPage.component : undefined,
  }));
  return {
    zone: index.settings?.data.timeZone,
    sections: index.settings?.data.retrospective.requiredSections ?? DEFAULT_REQUIRED_SECTIONS,
    existing: {
      services,
      slos: index.collections.slos.map((s) => ({ id: s.id, service: s.data.spec.service })),
      runbooks: index.collections.runbooks.map((r) => ({ id: r.id, services: r.data.services })),
      components: [...new Set(services.flatMap((s) => (s.component ? [s.component] : [])))].sort(),
    },
  };
}

export const newCommand: Command = {
  name: 'new',
  summary: `Start a content file with complete front matter: \`keel new incident "Title"\` (kinds: ${KINDS.join(', ')}). Asks in a terminal; flags otherwise.`,
  arguments: 'KIND ["TITLE"]',
  positionals: true,
  options: {
    content: CONTENT_OPTION,
    id: { type: 'string', value: 'ID', description: 'the id (file name) instead of one made from the title' },
    yes: { type: 'boolean', short: 'y', description: 'ask nothing: flags and prefilled values only (always so without a terminal or under CI)' },
    ...FIELD_OPTIONS,
  },
  async run({ values: flags, positionals }, io) {
    const [kind, givenTitle, ...extra] = positionals;
    if (kind === undefined) throw new UsageError(`new needs a kind: keel new ${KINDS.join('|')} "Title"`);
    const template = TEMPLATES.find((t) => t.kind === kind);
    if (!template) {
      const close = didYouMean(kind, KINDS);
      throw new UsageError(`unknown kind "${kind}"${close ? ` (did you mean "${close}"?)` : ''}; kinds: ${KINDS.join(', ')}`);
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}": quote the title, e.g. keel new ${kind} "Checkout errors after deploy"`);
    const unused = Object.keys(FIELD_OPTIONS).filter((flag) => flags[flag] !== undefined && !template.fields.some((f) => f.flag === flag));
    if (unused.length > 0)
      throw new UsageError(`--${unused[0]} is not a field of ${kind}; its fields: ${template.fields.map((f) => `--${f.flag}`).join(', ')}`);

    const dir = contentDir(io.cwd, io.env, flags.content as string | undefined);
    if (!existsSync(join(dir, 'keel.yaml'))) {
      throw new UsageError(`${relative(io.cwd, dir) || '.'} holds no keel.yaml: run keel new in a content folder, or pass --content DIR`);
    }
    const found = await existing(dir, io.cwd);
    const ask = io.interactive && flags.yes !== true && !io.env.CI ? (io.ask ?? inquirerAsk) : undefined;
    const zone: Zone = await import('../../core/zone.ts');
    const clock = now(io.env);
    const portalZone = found.zone ?? 'UTC';
    const context: TemplateContext = {
      existing: found.existing,
      now: clock,
      zone: portalZone,
      today: zone.calendarDay(clock, portalZone),
      nowInZone: zone.isoInZone(Math.floor(clock / 60_000) * 60_000, portalZone),
      schemaDir: '',
      retrospectiveSections: found.sections,
    };

    let title = givenTitle?.trim();
    if (!title && ask) title = String(await ask({ flag: 'title', label: 'Title', type: 'text', required: true }, [], undefined, (t) => t)).trim();
    if (!title) throw new UsageError(`keel new ${kind} needs a title: keel new ${kind} "Title"; nothing written`);
    const values = await collect(template, flags, context, ask, zone);

    const id = fileId(template, title, flags.id as string | undefined, values, context);
    const folder = join(dir, template.folder);
    const file = join(folder, `${id}${template.extension}`);
    context.schemaDir = relative(folder, join(KEEL_ROOT, 'public', 'schemas'))
      .split(sep)
      .join('/');
    const data = template.data(title, values, context);
    const checked = kindOf(template.collection).schema.safeParse(data);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new UsageError(`${issue.path.join('.') || kind}: ${issue.message}; nothing written`);
    }
    const shown = relative(io.cwd, file);
    // The path is checked (no link planted in the folder, nothing outside it) before it is written.
    const planned = { path: `${template.folder}/${id}${template.extension}`, text: template.text(data, title, context) };
    if (containedPath(dir, planned.path).exists) throw new UsageError(`${shown} exists already: choose another title or --id; nothing written`);
    writeContained(dir, [planned]);
    io.out(`keel: wrote ${escapeControls(shown)}`);

    // What validation says of the new file (and only of it: the rest of the folder is not this command's business).
    const result = await validateContent(dir, { cwd: io.cwd, now: context.now, keepSources: false });
    const own = result.diagnostics.filter((d) => d.file === shown);
    const summary = summarize(own, 1);
    io.out(own.length === 0 ? `${escapeControls(shown)}: no problems` : formatReport(own, summary, 'text'));
    io.out(`Next: fill it in, then run keel validate. Open it in an editor: ${escapeControls(shown)}`);
    return summary.errors > 0 ? 1 : 0;
  },
};
