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
