/**
 * The one sanitizer for rendered model output (and imported replies). DOMPurify removes scripts, event
 * handlers and `javascript:` URLs; on top of that, nothing rendered may load anything by itself: a reply
 * that contains `![x](https://host/?q=SECRET)` must not make the browser ask that host (or even the app's
 * own server) for anything. So every URL an element would fetch without a click is dropped; `data:`
 * and `blob:` media stay (they never leave the device), and remote images, video and audio become a plain
 * link the person can choose to open. Links (`<a href>`) stay: they load only when clicked, in a new tab.
 *
 * Code blocks and their Copy buttons are the renderer's own markup. Raw HTML in a reply can imitate them,
 * so the renderer marks its own with a per-page secret (`TRUSTED_MARK`) that a reply cannot know; anything
 * that imitates them without it loses the look and the button.
 */
import DOMPurify from 'dompurify';
import { TRUSTED_MARK, type MarkdownLabels } from './code-source';

/** Classes that make an element look like the renderer's code block. */
const CODE_CLASSES = ['code-block', 'code-head', 'code-lang', 'code-copy'];
const TRUSTED_ATTRS = new Set(['data-code-block', 'data-copy-code']);

/** Attributes whose value the browser fetches (or navigates to) without anyone clicking. */
const FETCHING_ATTRS = new Set(['src', 'srcset', 'poster', 'background', 'data', 'lowsrc', 'dynsrc', 'longdesc', 'action', 'formaction', 'ping', 'imagesrcset', 'manifest', 'codebase', 'archive', 'icon', 'profile']);
/** Attributes that are links: a click loads them on an `<a>`/`<area>`; on anything else (SVG `image`, `feImage`, `use`, …) they load by themselves. */
const LINK_ATTRS = new Set(['href', 'xlink:href']);
const CLICK_LINK_TAGS = new Set(['a', 'area']);
const MEDIA_TAGS = new Set(['img', 'video', 'audio', 'source', 'track', 'image']);
/** Plain text attributes: never fetched or parsed as CSS. */
const TEXT_ATTR = /^(?:alt|title|aria-[\w-]+|data-[\w-]+|class|id|lang|dir|name|label|summary|datetime|role)$/;
/** A CSS reference in a presentation attribute (`fill="url(…)"`, `filter`, `mask`, …), or an escape that could spell one. */
const CSS_REFERENCE = /url\s*\(|image-set|image\s*\(|@import|\\/i;
const FRAGMENT_REFERENCE = /^\s*url\(\s*(['"]?)#[\w.:-]*\1\s*\)\s*$/i;

/** Elements whose remote source was dropped, with the first such URL, to be offered as a link instead. */
const droppedSources = new WeakMap<Element, string>();

const purify = DOMPurify(window);

function remoteHttpUrl(value: string): string | null {
  try {
    const url = new URL(value.trim(), 'https://relative.invalid/');
    if (url.hostname === 'relative.invalid') return null; // relative: would go to the app's own server
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function isDeviceLocal(value: string, tag: string): boolean {
  const v = value.trim().toLowerCase();
  return v.startsWith('blob:') || (v.startsWith('data:') && MEDIA_TAGS.has(tag));
}

function isTrustedCodeElement(node: Element): boolean {
  return node.closest(`[data-code-block="${TRUSTED_MARK}"]`) !== null;
}

purify.addHook('uponSanitizeAttribute', (node, data) => {
  const name = data.attrName;
  const value = data.attrValue;
  const tag = node.nodeName.toLowerCase();
  if (TRUSTED_ATTRS.has(name)) {
    data.keepAttr = value === TRUSTED_MARK;
    return;
  }
  if (name === 'data-code-source') {
    data.keepAttr = node.getAttribute('data-code-block') === TRUSTED_MARK;
    return;
  }
  if (LINK_ATTRS.has(name)) {
    if (CLICK_LINK_TAGS.has(tag)) return;
    if (value.trim().startsWith('#')) return; // a reference inside the same SVG
    data.keepAttr = false;
    const remote = remoteHttpUrl(value);
    if (remote && !droppedSources.has(node)) droppedSources.set(node, remote);
    return;
  }
  if (FETCHING_ATTRS.has(name)) {
    if ((name === 'src' || name === 'poster') && isDeviceLocal(value, tag)) return;
    data.keepAttr = false;
    const first = name === 'srcset' || name === 'imagesrcset' ? (value.trim().split(/\s+/)[0] ?? '') : value;
    const remote = remoteHttpUrl(first);
    if (remote && !droppedSources.has(node)) droppedSources.set(node, remote);
    return;
  }
  if (!TEXT_ATTR.test(name) && CSS_REFERENCE.test(value) && !FRAGMENT_REFERENCE.test(value)) data.keepAttr = false;
});

purify.addHook('afterSanitizeAttributes', (node) => {
  // HTML and SVG links alike open in a new tab: a link in a reply never navigates the app away.
  if (node.localName === 'a' && (node.getAttribute('href') || node.getAttribute('xlink:href'))) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
  if (CODE_CLASSES.some((c) => node.classList?.contains(c)) && !isTrustedCodeElement(node)) {
    node.classList.remove(...CODE_CLASSES);
  }
});

const PURIFY_CONFIG: Parameters<typeof purify.sanitize>[1] & { RETURN_DOM: true } = {
  FORBID_TAGS: ['style', 'form', 'input', 'textarea', 'select', 'iframe', 'object', 'embed', 'link', 'meta', 'base'],
  FORBID_ATTR: ['style'],
  ADD_ATTR: ['target', 'data-copy-code', 'data-code-block', 'data-code-source'],
  RETURN_DOM: true,
};

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A remote image, video or audio becomes a link that says what it is and where it would come from. */
function offerAsLink(media: Element, url: string, labels: MarkdownLabels): void {
  const doc = media.ownerDocument;
  const kind = media.localName === 'video' ? 'video' : media.localName === 'audio' ? 'audio' : 'image';
  const alt = media.getAttribute('alt')?.trim() || undefined;
  const link = doc.createElement('a');
  link.className = 'remote-media';
  link.href = url;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.title = url;
  link.setAttribute('data-remote-media', kind);
  link.textContent = labels.remoteMedia(kind, alt, hostOf(url));
  media.replaceWith(link);
}

/**
 * Safe HTML for `html`: nothing in it runs, and nothing in it loads from the network until clicked. `labels`
 * word what the sanitizer adds (links offered in place of remote media) in the UI's language.
 */
export function sanitizeHtml(html: string, labels: MarkdownLabels): string {
  const body = purify.sanitize(html, PURIFY_CONFIG) as HTMLElement;
  for (const media of body.querySelectorAll('img, video, audio')) {
    const url = droppedSources.get(media);
    if (url) offerAsLink(media, url, labels);
  }
  // Only the renderer makes buttons (a real code block's Copy); a reply's own <button> becomes its text.
  for (const button of body.querySelectorAll('button:not([data-copy-code])')) button.replaceWith(...button.childNodes);
  return body.innerHTML;
}
