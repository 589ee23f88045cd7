/**
 * The synthetic model's tokenizer.json: byte-level BPE without merges. Ids 0-255 are the bytes (GPT-2's
 * byte-to-unicode map), every other id decodes to the visible text " t<id>" (so whatever the model emits shows),
 * and Qwen2's special tokens keep their ids.
 */
import { ENDOFTEXT_ID, IM_END_ID, IM_START_ID } from './chatml';

const SPECIALS: Readonly<Record<string, number>> = { '<|endoftext|>': ENDOFTEXT_ID, '<|im_start|>': IM_START_ID, '<|im_end|>': IM_END_ID };

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** GPT-2's byte-level alphabet: printable bytes stand for themselves, the others for 256, 257, … in byte order. */
function byteAlphabet(): string[] {
  const printable = new Set([...range(33, 126), ...range(161, 172), ...range(174, 255)]);
  let extra = 0;
  return range(0, 255).map((b) => String.fromCodePoint(printable.has(b) ? b : 256 + extra++));
}

/** tokenizer.json's text for a vocabulary of `vocabSize` ids, byte for byte as make-model.mjs writes it. */
export function syntheticTokenizerJson(vocabSize: number): string {
  const alphabet = byteAlphabet();
  const specialIds = new Set(Object.values(SPECIALS));
  // A plain object, like the fixture's: JSON key order (integer-like keys such as "0" first) must match.
  const vocab: Record<string, number> = {};
  alphabet.forEach((c, b) => (vocab[c] = b));
  for (let id = 256; id < vocabSize; id++) {
    if (specialIds.has(id)) continue;
    vocab[[...` t${id}`].map((c) => alphabet[c.charCodeAt(0)]).join('')] = id;
  }
  // The special tokens are model-vocab entries too: otherwise a tokenizer appends them after the vocab (151934,
  // 151935 here), colliding with ordinary ids.
  for (const [content, id] of Object.entries(SPECIALS)) vocab[content] = id;
  const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: true };
  return JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    normalizer: null,
    post_processor: null,
    added_tokens: Object.entries(SPECIALS).map(([content, id]) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    pre_tokenizer: byteLevel,
    decoder: byteLevel,
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, vocab, merges: [] },
  });
}
