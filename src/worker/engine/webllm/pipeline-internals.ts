/**
 * The parts of WebLLM's chat pipeline that its public API does not expose but exact token counting needs: the
 * loaded model's own tokenizer, its conversation template as the pipeline applies it, and the conversation
 * its KV cache holds. They are TypeScript-private fields (present in 0.2.79 and 0.2.86, checked by the
 * real-engine tier); everything that reaches into the pipeline goes through `rawPipeline` here (the logit
 * processor slot too), so a WebLLM upgrade that renames one fails in one place, with a clear message.
 */
import type { MLCEngine } from '@mlc-ai/web-llm';
import { makeAppError } from '../../../lib/inference/app-error';
import type { ConvTemplate } from '../../../lib/chat/chat-template';

/** One message of WebLLM's Conversation: [role, role string, content]; content is undefined for a reply header. */
type ConversationMessage = readonly [string, string, string | undefined];

export interface PipelineView {
  encode(text: string): number;
  /** The template the pipeline renders prompts with (conv_template merged with conv_config). */
  readonly template: ConvTemplate;
  readonly contextWindow: number | null;
  /** What the KV cache holds: the conversation's system override and messages, or null when it is empty. */
  cachedConversation(): { readonly system: string | undefined; readonly messages: readonly ConversationMessage[] } | null;
  /** How the last reply ended. */
  lastFinishReason(): string | undefined;
  /**
   * The engine re-prefills after a reply that was stopped or cut at its length (0.2.86 does; 0.2.79 continued
   * in place). Read from the engine's own prefill step, so the prediction follows the version that runs.
   */
  readonly resetsAfterCutReply: boolean;
}

/** The fields of WebLLM's LLMChatPipeline this app reads (and, for `logitProcessor`, sets). */
export interface RawPipeline {
  tokenizer?: { encode(text: string): Int32Array };
  logitProcessor?: unknown;
  conversation?: { config?: ConvTemplate };
  config?: { context_window_size?: number; sliding_window_size?: number };
  filledKVCacheLength?: number;
  getConversationObject?: () => { override_system_message?: string; messages: ConversationMessage[] };
  getFinishReason?: () => string | undefined;
}

/** The loaded model's pipeline as WebLLM keeps it (TS-private `loadedModelIdToPipeline`): the one way in. */
export function rawPipeline(engine: MLCEngine, modelId: string): RawPipeline | undefined {
  return (engine as unknown as { loadedModelIdToPipeline?: Map<string, RawPipeline> }).loadedModelIdToPipeline?.get(modelId);
}

export function pipelineOf(engine: MLCEngine, modelId: string): PipelineView {
  const raw = rawPipeline(engine, modelId);
  const tokenizer = raw?.tokenizer;
  const template = raw?.conversation?.config;
  if (!raw || !tokenizer || typeof tokenizer.encode !== 'function' || !template) {
    throw makeAppError('unknown', `WebLLM's pipeline for ${modelId} has no tokenizer or conversation template where this app expects them`, {
      message: { key: 'errors.engine.cannotCount' },
    });
  }
  const window = raw.config?.context_window_size;
  return {
    encode: (text) => tokenizer.encode(text).length,
    template,
    contextWindow: typeof window === 'number' && window > 0 ? window : null,
    cachedConversation() {
      if (!raw.filledKVCacheLength || !raw.getConversationObject) return null;
      const conversation = raw.getConversationObject();
      return { system: conversation.override_system_message, messages: conversation.messages };
    },
    lastFinishReason: () => raw.getFinishReason?.(),
    resetsAfterCutReply: resetsAfterCutReply(engine),
  };
}

function resetsAfterCutReply(engine: MLCEngine): boolean {
  const internals = engine as unknown as { preparePrefillInput?: unknown; prefill?: unknown };
  const prepare = internals.preparePrefillInput ?? internals.prefill;
  return typeof prepare === 'function' && /getFinishReason\(\)/.test(String(prepare));
}
