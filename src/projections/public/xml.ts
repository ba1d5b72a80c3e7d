/** Text from content made safe inside XML, HTML and SVG (element text and quoted attributes). */

/** Characters XML 1.0 does not allow at all (C0 controls but tab and line breaks, U+FFFE/U+FFFF, lone surrogates). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- control characters are what this finds
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `a < "b"` → `a &lt; &quot;b&quot;`; characters XML cannot hold are dropped. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** The characters XML cannot hold dropped, nothing escaped (for values a library escapes itself). */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}
