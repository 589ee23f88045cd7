export type TemplateFamily = 'chatml' | 'llama-3' | 'phi-3' | 'gemma';

/** Each family's added special tokens; ids are bytes 0-255, then 256 + the index here. */
export declare const FAMILY_SPECIAL_TOKENS: Readonly<Record<TemplateFamily, readonly string[]>>;

export interface SpecialTokenTokenizer {
  readonly specials: readonly string[];
  /** Each special token one id, every other UTF-8 byte one id. */
  encode(text: string): number[];
  count(text: string): number;
}

export declare function specialTokenTokenizer(specials: readonly string[]): SpecialTokenTokenizer;

export declare function familyTokenizer(family: TemplateFamily): SpecialTokenTokenizer;
