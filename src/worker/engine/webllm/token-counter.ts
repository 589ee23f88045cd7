/**
 * Exact prompt token counts: the request rendered with the loaded model's conversation template
 * (lib/chat/chat-template, as WebLLM's getPromptArray renders it) and tokenized segment by segment with the
 * model's own tokenizer, the way the pipeline prefills. It also predicts what the engine will actually
 * prefill: only the new round when the request continues the conversation its KV cache holds.
 *
 * Counting runs on every pause in typing, so each segment's count is remembered: a long history costs one
 * tokenization per new segment, not per keystroke.
 */
import type { MLCEngine } from '@mlc-ai/web-llm';
import { renderPromptSegments } from '../../../lib/chat/chat-template';
import type { ChatTurn } from '../../../lib/chat/chat-types';
import type { ChatRequest, TokenCount } from '../../../protocol/engine-protocol';
import { pipelineOf, type PipelineView } from './pipeline-internals';

const REMEMBERED_SEGMENTS = 4000;

export class TokenCounter {
  readonly #engine: MLCEngine;
  #modelId: string | null = null;
  readonly #segments = new Map<string, number>();

  constructor(engine: MLCEngine) {
    this.#engine = engine;
  }

  /** `continues`: the engine's KV cache belongs to this request's conversation (ConversationCache). */
  count(modelId: string, request: ChatRequest, continues: boolean): TokenCount {
    if (modelId !== this.#modelId) {
      this.#segments.clear();
      this.#modelId = modelId;
    }
    const pipeline = pipelineOf(this.#engine, modelId);
    const turns = request.messages;
    const segments = renderPromptSegments(pipeline.template, turns);
    const counts = segments.map((s) => this.#tokens(pipeline, s));
    const prefix = pipeline.template.system_prefix_token_ids?.length ?? 0;
    const promptTokens = prefix + counts.reduce((a, b) => a + b, 0);
    const turnCount = turns.filter((t) => t.role !== 'system').length;
    // Segments: [system?] + one per turn + the reply header.
    const turnTokens = counts.slice(counts.length - 1 - turnCount, counts.length - 1);
    const fixedTokens = promptTokens - turnTokens.reduce((a, b) => a + b, 0);
    // WebLLM's last round: the new question's segment and the reply header (getPromptArrayLastRound).
    const lastRound = (counts.at(-2) ?? 0) + (counts.at(-1) ?? 0);
    const prefillTokens = continues && extendsCached(pipeline, turns) ? lastRound : promptTokens;
    return { promptTokens, fixedTokens, turnTokens, prefillTokens, contextWindow: pipeline.contextWindow };
  }

  /**
   * The template's prefix ids (Llama's <|begin_of_text|>, Gemma's <bos>): in the KV cache, but WebLLM's
   * usage.prompt_tokens leaves them out of what it reports as prefilled.
   */
  prefixTokens(modelId: string): number {
    return pipelineOf(this.#engine, modelId).template.system_prefix_token_ids?.length ?? 0;
  }

  #tokens(pipeline: PipelineView, segment: string): number {
    const known = this.#segments.get(segment);
    if (known !== undefined) {
      // Most recently used last, so the oldest is the first to go.
      this.#segments.delete(segment);
      this.#segments.set(segment, known);
      return known;
    }
    const count = pipeline.encode(segment);
    this.#segments.set(segment, count);
    if (this.#segments.size > REMEMBERED_SEGMENTS) this.#segments.delete(this.#segments.keys().next().value as string);
    return count;
  }
}

/**
 * WebLLM's own test (preparePrefillInput): the request minus its last question equals the conversation in
 * the KV cache (same system override, same messages, byte for byte), and, on engines that re-prefill after
 * them (0.2.86), the last reply was not stopped or cut at its length.
 */
function extendsCached(pipeline: PipelineView, turns: readonly ChatTurn[]): boolean {
  const cached = pipeline.cachedConversation();
  if (!cached || turns.at(-1)?.role !== 'user') return false;
  const finish = pipeline.lastFinishReason();
  if (pipeline.resetsAfterCutReply && (finish === 'abort' || finish === 'length')) return false;
  const system = turns[0]?.role === 'system' ? turns[0].content : undefined;
  const history = turns.slice(system === undefined ? 0 : 1, -1);
  if (cached.system !== system || cached.messages.length !== history.length) return false;
  return history.every((turn, i) => cached.messages[i]?.[0] === turn.role && cached.messages[i]?.[2] === turn.content);
}
