/**
 * The alert URL contract: `/runbooks/alerts/<segment>/` opens the runbook of an alert, with the
 * segment computed from the alert name alone, so that an Alertmanager `runbook_url` annotation
 * can be written from the alert's name (`{{ $labels.alertname }}`) without asking Keel.
 *
 * The segment is the alert name as Prometheus writes it, case kept, when it is made of ASCII
 * letters, digits, `_`, `-` and `.` (every classic Prometheus alert name but those with `:`).
 * Any other character is written as `~` and two upper-case hex digits per UTF-8 byte (`:` is
 * `~3A`, a space `~20`, `~` itself `~7E`), and a name that is only dots is escaped the same way
 * (`.` and `..` would be read as "this folder" and "the folder above"). The result holds only
 * characters that URLs never escape, so the address, the folder written to dist/ and the link in
 * an annotation are the same string on every web server and from file://.
 */

/** Characters kept as they are: RFC 3986 "unreserved" without `~`, which is the escape. */
const KEPT = /^[A-Za-z0-9_.-]$/;

const escapeByte = (byte: number): string => `~${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** The path segment of an alert's URL (see the module comment). */
export function alertPathSegment(alert: string): string {
  if (/^\.*$/.test(alert)) return [...new TextEncoder().encode(alert)].map(escapeByte).join('');
  let segment = '';
  for (const char of alert) {
    segment += KEPT.test(char) ? char : [...new TextEncoder().encode(char)].map(escapeByte).join('');
  }
  return segment;
}

/** The alert name a segment stands for; undefined when the segment is not one alertPathSegment writes. */
export function alertNameOf(segment: string): string | undefined {
  if (!/^(?:[A-Za-z0-9_.-]|~[0-9A-F]{2})+$/.test(segment)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < segment.length;) {
    if (segment[i] === '~') {
      bytes.push(Number.parseInt(segment.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      bytes.push(segment.charCodeAt(i));
      i += 1;
    }
  }
  try {
    const name = new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
    return alertPathSegment(name) === segment ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The site-relative path of an alert's page: `/runbooks/alerts/<segment>/`. */
export function alertPath(alert: string): string {
  return `/runbooks/alerts/${alertPathSegment(alert)}/`;
}

/** The absolute URL of an alert's page under the internal site's address (keel.yaml internalSiteUrl). */
export function alertUrl(siteUrl: string, alert: string): string {
  return `${siteUrl.replace(/\/+$/, '')}${alertPath(alert)}`;
}
