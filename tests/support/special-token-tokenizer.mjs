// A deterministic stand-in for a model's tokenizer, shared by scripts/record-template-cases.mjs (which counts the
// segments WebLLM's own Conversation code renders) and src/lib/chat/chat-template.families.test.ts (which counts the
// segments the app renders). Each of the family's special tokens is one id, wherever it appears (a Hugging Face
// tokenizer matches added special tokens anywhere in the text, user text included, longest first); every other
// UTF-8 byte is one id. So a count depends on exactly which markers a segment holds and on every byte around them,
// which is what a template mismatch changes. Plain JavaScript (with special-token-tokenizer.d.mts) so the recorder
// runs under Node 20 without a TypeScript loader.

/**
 * The added special tokens of each family's tokenizer that its conversation template (or a user typing them) can
 * produce. Ids: bytes are 0-255, the special tokens 256 + their index here (not the models' own ids).
 */
export const FAMILY_SPECIAL_TOKENS = Object.freeze({
  // Qwen2 / Qwen2.5 (ChatML)
  chatml: Object.freeze(['<|endoftext|>', '<|im_start|>', '<|im_end|>']),
  // Llama 3 / 3.1 / 3.2
  'llama-3': Object.freeze(['<|begin_of_text|>', '<|end_of_text|>', '<|start_header_id|>', '<|end_header_id|>', '<|eom_id|>', '<|eot_id|>', '<|python_tag|>']),
  // Phi-3 / Phi-3.5 (a Llama-2 style vocabulary plus the chat markers)
  'phi-3': Object.freeze(['<unk>', '<s>', '</s>', '<|endoftext|>', '<|system|>', '<|user|>', '<|assistant|>', '<|end|>']),
  // Gemma / Gemma 2
  gemma: Object.freeze(['<pad>', '<eos>', '<bos>', '<start_of_turn>', '<end_of_turn>']),
});

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const utf8 = new TextEncoder();

/** A tokenizer whose special tokens are `specials` (a family's list above, or any list of distinct strings). */
export function specialTokenTokenizer(specials) {
  if (specials.length === 0) throw new Error('A special-token tokenizer needs at least one special token.');
  if (new Set(specials).size !== specials.length) throw new Error('The special tokens must be distinct.');
  const ids = new Map(specials.map((token, i) => [token, 256 + i]));
  // Longest first, so "<|end|>" never wins over "<|end_header_id|>" or "<|endoftext|>".
  const pattern = new RegExp([...specials].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');
  const encode = (text) => {
    const out = [];
    let at = 0;
    for (const match of text.matchAll(pattern)) {
      out.push(...utf8.encode(text.slice(at, match.index)), ids.get(match[0]));
      at = match.index + match[0].length;
    }
    out.push(...utf8.encode(text.slice(at)));
    return out;
  };
  return { specials: [...specials], encode, count: (text) => encode(text).length };
}

/** The tokenizer of a family of FAMILY_SPECIAL_TOKENS. */
export function familyTokenizer(family) {
  const specials = FAMILY_SPECIAL_TOKENS[family];
  if (!specials) throw new Error(`No special tokens are defined for the family "${family}".`);
  return specialTokenTokenizer(specials);
}
