/** The language a side request's prompt (follow-up rewrite, running summary) is written in. */
export type PromptLanguage = 'zh' | 'en';

/** Chinese when the text has Han characters, else English. */
export function promptLanguageOf(text: string): PromptLanguage {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}
