/**
 * A translated sentence cut at a placeholder, so a template can wrap the value in markup (<strong>, <code>) without
 * concatenating translated pieces: translate with the placeholder as its own value (`{ name: '{name}' }`), then
 * `splitAt(text, '{name}')` gives what comes before and after it in that language.
 */
export function splitAt(text: string, marker: string): readonly [before: string, after: string] {
  const at = text.indexOf(marker);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + marker.length)];
}
