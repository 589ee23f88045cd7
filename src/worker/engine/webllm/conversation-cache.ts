/**
 * Which conversation the engine's KV cache holds. WebLLM keeps one conversation's cache and reuses it when a
 * request extends the previous one; a request for another conversation (or a side task like a title) starts
 * it clean. This is where the KV manager of the app's own generation loop will keep one cache per
 * conversation and branch (ChatRequest.conversation names both).
 */
import type { MLCEngine } from '@mlc-ai/web-llm';
import type { ConversationRef } from '../../../protocol/engine-protocol';

export class ConversationCache {
  readonly #engine: MLCEngine;
  #holds: string | null = null;

  constructor(engine: MLCEngine) {
    this.#engine = engine;
  }

  /** Before a request: a different conversation gains nothing from the cached one. */
  async prepare(conversation: ConversationRef): Promise<void> {
    if (this.#holds !== null && this.#holds !== conversation.key) await this.#engine.resetChat();
    this.#holds = conversation.key;
  }

  /** The KV cache may hold this conversation (the engine decides, by comparing the messages). */
  holds(conversation: ConversationRef): boolean {
    return this.#holds === conversation.key;
  }

  /** The model changed or was unloaded: nothing is cached. */
  forget(): void {
    this.#holds = null;
  }
}
