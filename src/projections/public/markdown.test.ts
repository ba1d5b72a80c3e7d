import { describe, expect, it } from 'vitest';
import { markdownToHtml, markdownToInlineHtml } from './markdown.ts';

describe('markdownToHtml', () => {
  it('renders the subset: paragraphs, emphasis, code, lists, links', () => {
    expect(markdownToHtml('We are *sorry* and **on it**; see `status`.\n\nSecond paragraph.')).toBe(
      '<p>We are <em>sorry</em> and <strong>on it</strong>; see <code>status</code>.</p>\n<p>Second paragraph.</p>',
    );
    expect(markdownToHtml('- one\n- two')).toBe('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
    expect(markdownToHtml('3. three\n4. four')).toBe('<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>');
    expect(markdownToHtml('[Help](https://help.example/a?b=1&c=2) or [mail](mailto:help@example.com)')).toBe(
      '<p><a href="https://help.example/a?b=1&#x26;c=2">Help</a> or <a href="mailto:help@example.com">mail</a></p>',
    );
  });

  it('keeps only http, https and mailto links; other links become their text', () => {
    expect(markdownToHtml('[a](javascript:alert(1)) [b](/relative) [c](#top) [d](data:text/html,x) [e](ftp://x.example)')).toBe('<p>a b c d e</p>');
  });

  it('shows raw HTML as text, never as markup', () => {
    expect(markdownToHtml('x <b onclick="y()">y</b> z')).toBe('<p>x &#x3C;b onclick="y()">y&#x3C;/b> z</p>');
    expect(markdownToHtml('<script>alert(1)</script>')).toBe('&#x3C;script>alert(1)&#x3C;/script>');
    expect(markdownToHtml('a <img src=x onerror=alert(1)>')).not.toContain('<img');
  });

  it('drops markup outside the subset and keeps its text', () => {
    expect(markdownToHtml('# Heading')).toBe('Heading');
    expect(markdownToHtml('> quoted')).toBe('<p>quoted</p>');
    expect(markdownToHtml('![chart](https://img.example/x.png)')).toBe('<p></p>');
  });

  it('escapes text', () => {
    expect(markdownToHtml('a & b < c "d" </script>')).toBe('<p>a &#x26; b &#x3C; c "d" &#x3C;/script></p>');
  });
});

describe('markdownToInlineHtml', () => {
  it('unwraps a single paragraph, and leaves longer text block level', () => {
    expect(markdownToInlineHtml('Renewed *automatically*.')).toBe('Renewed <em>automatically</em>.');
    expect(markdownToInlineHtml('one\n\ntwo')).toBe('<p>one</p>\n<p>two</p>');
    expect(markdownToInlineHtml('- a')).toBe('<ul>\n<li>a</li>\n</ul>');
  });
});
