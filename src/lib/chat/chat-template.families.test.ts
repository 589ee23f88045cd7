/**
 * The template-based count against the engine's, for four template families of WebLLM's prebuilt models: ChatML
 * (Qwen2.5), Llama-3 (Llama 3.1 / 3.2 instruct), Phi-3 (Phi-3.5 mini) and Gemma (Gemma 2 instruction).
 *
 * tests/fixtures/template-cases.json holds what WebLLM's own Conversation code (cut out of the installed bundle by
 * scripts/record-template-cases.mjs, not the app's code) renders for each chat: a fresh prefill (getPromptArray,
 * after system_prefix_token_ids) and every later question with the KV cache reused (getPromptArrayLastRound),
 * each segment counted with a tokenizer that keeps each family's special tokens whole (tests/support/
 * special-token-tokenizer.mjs). The templates are the models' mlc-chat-config.json conv_template (sources in the
 * recorder and the fixture). Here the app renders the same chats with renderPromptSegments /
 * renderLastRoundSegments and counts them as worker/engine/webllm/token-counter.ts does: prefix ids plus each
 * segment tokenized on its own. The first test re-runs the recorder, so the fixture is always the installed
 * WebLLM's.
 */
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { fixtureText, readTemplateCasesFixture, recordTemplateCases, type RecordedFamily } from '../../../scripts/record-template-cases.mjs';
import { familyTokenizer, type SpecialTokenTokenizer, type TemplateFamily } from '../../../tests/support/special-token-tokenizer.mjs';
import { renderLastRoundSegments, renderPromptSegments, type ConvTemplate } from './chat-template';
import type { ChatTurn } from './chat-types';

const fixture = readTemplateCasesFixture();

/** Models of each family in WebLLM's prebuilt list (prebuiltAppConfig.model_list model_id). */
const PREBUILT: Readonly<Record<TemplateFamily, readonly string[]>> = {
  chatml: ['Qwen2.5-0.5B-Instruct-q4f16_1-MLC', 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC', 'Qwen2.5-3B-Instruct-q4f16_1-MLC', 'Qwen2.5-7B-Instruct-q4f16_1-MLC'],
  'llama-3': ['Llama-3.2-1B-Instruct-q4f16_1-MLC', 'Llama-3.2-3B-Instruct-q4f16_1-MLC', 'Llama-3.1-8B-Instruct-q4f16_1-MLC'],
  'phi-3': ['Phi-3.5-mini-instruct-q4f16_1-MLC', 'Phi-3-mini-4k-instruct-q4f16_1-MLC'],
  gemma: ['gemma-2-2b-it-q4f16_1-MLC', 'gemma-2-9b-it-q4f16_1-MLC'],
};

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The app's count of a prompt: the template's prefix ids (fresh prefill only), then each segment on its own. */
function appCount(tokenizer: SpecialTokenTokenizer, segments: readonly string[], prefix: readonly number[] | null | undefined = null): number {
  return (prefix?.length ?? 0) + sum(segments.map((s) => tokenizer.count(s)));
}

describe('the recorded WebLLM cases', () => {
  it('are what the installed WebLLM gives now (the recorder re-run)', () => {
    const current = JSON.parse(fixtureText(recordTemplateCases()));
    expect(current).toEqual(fixture);
    expect(fixture.webllm.package).toBe('@mlc-ai/web-llm');
    expect(fixture.webllm.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(fixture.webllm.extracted).toEqual(expect.arrayContaining(['Conversation', 'getConversationFromChatCompletionRequest', 'compareConversationObject']));
  });

  it("cover four template families, each used by models of WebLLM's prebuilt list", () => {
    expect(fixture.families.map((f) => [f.family, f.convTemplateName])).toEqual([
      ['chatml', 'qwen2'],
      ['llama-3', 'llama-3_1'],
      ['phi-3', 'phi-3'],
      ['gemma', 'gemma_instruction'],
    ]);
    const prebuilt = new Set(prebuiltAppConfig.model_list.map((m) => m.model_id));
    for (const family of fixture.families) {
      const ids = PREBUILT[family.family];
      expect(ids.filter((id) => !prebuilt.has(id))).toEqual([]);
      expect(family.models.map((m) => m.modelId)).toEqual(ids);
    }
  });

  it('exercise each family: system prompts, an empty one, several rounds, CJK and emoji, template-like text', () => {
    for (const family of fixture.families) {
      expect(family.cases.map((c) => c.name)).toEqual(['first-turn', 'first-turn-system-prompt', 'empty-system-message', 'multi-turn', 'multi-turn-system-prompt', 'cjk-emoji', 'literal-markup']);
      expect(sum(family.cases.map((c) => c.rounds.length))).toBe(5);
    }
  });
});

describe.each(fixture.families.map((f) => [f.family, f] as const))('%s: the app renders and counts as WebLLM', (_name, family: RecordedFamily) => {
  const template: ConvTemplate = family.template;
  const tokenizer = familyTokenizer(family.family);

  it.each(family.cases.map((c) => [c.name, c] as const))('%s: a fresh prefill', (_case, recorded) => {
    const turns: readonly ChatTurn[] = recorded.turns;
    const segments = renderPromptSegments(template, turns);
    expect(segments).toEqual(recorded.prefill.segments);
    const count = appCount(tokenizer, segments, template.system_prefix_token_ids);
    expect(count).toBe(recorded.prefill.tokens);
    // WebLLM's usage.prompt_tokens leaves the prefix ids out; the KV cache (and so the app's count) has them.
    expect(count - (template.system_prefix_token_ids?.length ?? 0)).toBe(recorded.prefill.usagePromptTokens);
  });

  it.each(family.cases.filter((c) => c.rounds.length > 0).map((c) => [c.name, c] as const))('%s: each later question with the KV cache reused', (_case, recorded) => {
    for (const round of recorded.rounds) {
      const turns: readonly ChatTurn[] = recorded.turns.slice(0, round.turnCount);
      const segments = renderLastRoundSegments(template, turns);
      expect(segments).toEqual(round.segments);
      expect(appCount(tokenizer, segments)).toBe(round.tokens);
      // The last round is the tail of the whole prompt (what token-counter.ts takes for it).
      expect(renderPromptSegments(template, turns).slice(-2)).toEqual(segments);
    }
  });
});

describe('renderLastRoundSegments', () => {
  const ALTERNATING: ConvTemplate = {
    system_template: '[SYS]{system_message}[/SYS]',
    system_message: 'default',
    roles: { user: 'U', assistant: 'A' },
    role_templates: { user: '<{user_message}>', assistant: '{assistant_message}' },
    seps: [' ', '</s>'],
    role_content_sep: ': ',
    role_empty_sep: ':',
  };
  const history: ChatTurn[] = [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'a' },
    { role: 'assistant', content: 'b' },
    { role: 'user', content: 'c' },
  ];

  it('is the new question, with the separator of its position in the whole conversation, and the reply header', () => {
    expect(renderLastRoundSegments(ALTERNATING, history)).toEqual(['U: <c> ', 'A:']);
    // A system turn does not count as a position; the separators go user, assistant, user, …
    expect(renderLastRoundSegments(ALTERNATING, [...history, { role: 'assistant', content: 'd' }, { role: 'user', content: 'e' }])).toEqual(['U: <e> ', 'A:']);
    expect(renderLastRoundSegments({ ...ALTERNATING, seps: ['|1', '|2', '|3'] }, [...history, { role: 'assistant', content: 'd' }, { role: 'user', content: 'e' }])).toEqual([
      'U: <e>|2',
      'A:',
    ]);
  });

  it('never holds the system prompt; add_role_after_system_message only drops the first question’s role', () => {
    const merged: ConvTemplate = { ...ALTERNATING, add_role_after_system_message: false };
    expect(renderPromptSegments(merged, history).slice(0, 2)).toEqual(['[SYS]Be brief.[/SYS]', '<a> ']);
    expect(renderLastRoundSegments(merged, history)).toEqual(['U: <c> ', 'A:']);
  });

  it('refuses a first question (the engine prefills the whole prompt) and a request that does not end with a question', () => {
    expect(() => renderLastRoundSegments(ALTERNATING, history.slice(0, 2))).toThrow(/first question/);
    expect(() => renderLastRoundSegments(ALTERNATING, history.slice(0, 3))).toThrow(/user's question/);
    expect(() => renderLastRoundSegments({ ...ALTERNATING, seps: [] }, history)).toThrow(/separators/);
  });
});
