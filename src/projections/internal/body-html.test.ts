import { describe, expect, it } from 'vitest';
import { sanitizeBodyHtml } from './body-html.ts';

describe('sanitizeBodyHtml: what Astro rendered from a .md body, made safe for the internal site', () => {
  it.each([
    ['<script>alert(1)</script><p>kept</p>', '<p>kept</p>'],
    ['<img src="x" onerror="alert(1)">', '<img src="x">'],
    ['<svg onload="alert(1)"><circle r="1"></circle></svg>after', 'after'],
    ['<p><a href="javascript:alert(1)">x</a> <a href=" JaVa&#x09;ScRiPt:alert(2)">y</a></p>', '<p><a>x</a> <a>y</a></p>'],
    ['<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe><object data="x"></object>', ''],
    ['<style>body{display:none}</style><div style="position:fixed;inset:0">cover</div>', '<div>cover</div>'],
    ['<img src="http://example.com/a.png" alt="http"><img src="data:image/svg+xml,x" alt="data">', '<img alt="http"><img alt="data">'],
    ['<form action="https://evil.example"><input name="password"></form>', '<input name="password" disabled type="checkbox">'],
  ])('%s', (html, safe) => {
    expect(sanitizeBodyHtml(html)).toBe(safe);
  });

  it('keeps what authors use: headings with ids, tables, <details>, https and relative images, footnotes, task lists, highlighted code', () => {
    const html = [
      '<h2 id="what-happened">What happened</h2>',
      '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
      '<details><summary>More</summary><p>hidden</p></details>',
      '<p><img src="https://example.com/a.png" alt="a"> <img src="./diagram.png" alt="b"></p>',
      '<p>x<sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref="" aria-describedby="footnote-label">1</a></sup></p>',
      '<ul class="contains-task-list"><li class="task-list-item"><input type="checkbox" disabled aria-label="not done"> task</li></ul>',
      '<pre class="astro-code github-dark" style="background-color:#24292e;color:#e1e4e8; overflow-x: auto;" tabindex="0" data-language="ts"><code><span class="line"><span style="color:#F97583">const</span></span></code></pre>',
    ].join('\n');
    expect(sanitizeBodyHtml(html)).toBe(html);
  });

  it("labels task checkboxes, and gives back the src, alt and title of the images Astro's renderer leaves as marks (relative and https), then judges the src as any other", () => {
    const mark = (image: object) => `<img __ASTRO_IMAGE_="${JSON.stringify(image).replaceAll('"', '&quot;')}">`;
    const html = [
      mark({ src: './lag.png', alt: 'Replication lag, 31 January', index: 0 }),
      mark({ src: 'https://example.com/a.png', alt: 'Restore speed', title: 'restore', index: 0, inferSize: true }),
      mark({ src: 'javascript:alert(1)', alt: 'x', index: 0 }),
      '<img __ASTRO_IMAGE_="not json" alt="kept">',
    ].join('');
    // A task list's checkboxes as Astro renders them, labelled with their state.
    expect(sanitizeBodyHtml('<li class="task-list-item"><input type="checkbox" checked disabled> a</li><li><input type="checkbox" disabled> b</li>')).toBe(
      '<li class="task-list-item"><input type="checkbox" checked disabled aria-label="done"> a</li><li><input type="checkbox" disabled aria-label="not done"> b</li>',
    );
    expect(sanitizeBodyHtml(`<p>${html}</p>`)).toBe(
      '<p><img src="./lag.png" alt="Replication lag, 31 January"><img src="https://example.com/a.png" alt="Restore speed" title="restore"><img alt="x"><img alt="kept"></p>',
    );
  });
});
