/** A lower-case id from a name or title: an RFC 1123 label of at most `max` characters, or '' when nothing is left. */
export function slug(name: string, max = 63): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return base.slice(0, max).replace(/-+$/, '');
}

/**
 * The public id of a status-page component (its page `/components/<id>/`, its badge and feeds, its
 * id in the Statuspage-compatible API) or of the page: the name as a slug of any length, or
 * `component` when nothing is left. `keel validate` checks that two names never give one id and
 * that an id fits in a file name (rule service/component-id).
 */
export function publicId(name: string): string {
  return slug(name, Number.POSITIVE_INFINITY) || 'component';
}

/** The public id of a component group (in the API's components list beside the components). */
export const groupId = (name: string): string => publicId(`group-${name}`);
