/**
 * The open conversation: sending, streaming into the reply, stopping. Streamed text is applied once per
 * animation frame to the one message being written, so only that message re-renders while tokens arrive.
 */
import type { ChatMessage, SamplingParams } from '../lib/chat/chat-types';
import { buildTurns } from '../lib/chat/request';
import { asAppError, type EngineState } from './engine.svelte';

let nextId = 0;
const newId = () => `m${Date.now().toString(36)}-${(nextId++).toString(36)}`;

export class ChatSession {
  readonly #engine: EngineState;
  readonly #sampling: () => SamplingParams;
  #messages = $state<ChatMessage[]>([]);
  #generating = $state(false);
  #stopping = $state(false);
  #pending = '';
  #frame: number | null = null;
  #current: Promise<void> | null = null;

  constructor(engine: EngineState, sampling: () => SamplingParams = () => ({})) {
    this.#engine = engine;
    this.#sampling = sampling;
  }

  get messages(): ChatMessage[] {
    return this.#messages;
  }
  get generating(): boolean {
    return this.#generating;
  }
  get stopping(): boolean {
    return this.#stopping;
  }

  send(text: string): Promise<void> {
    const content = text.trim();
    const loaded = this.#engine.loaded;
    if (!content || this.#generating || !loaded) return Promise.resolve();
    const run = this.#generate(content, loaded.modelId);
    this.#current = run;
    return run;
  }

  async #generate(content: string, modelId: string): Promise<void> {
    this.#messages.push({ id: newId(), role: 'user', content, status: 'done' });
    const turns = buildTurns(this.#messages);
    this.#messages.push({ id: newId(), role: 'assistant', content: '', status: 'streaming', modelId });
    // Keep a handle on the reactive proxy: writes through it update only this message.
    const reply = this.#messages[this.#messages.length - 1] as ChatMessage;
    this.#generating = true;
    try {
      const result = await this.#engine.client.chat({ messages: turns, sampling: this.#sampling() }, (events) => {
        for (const event of events) if (event.type === 'delta') this.#queue(reply, event.text);
      });
      this.#flush(reply);
      reply.content = result.text;
      reply.finishReason = result.finishReason;
      reply.stats = result.stats;
      reply.status = result.finishReason === 'abort' ? 'stopped' : 'done';
    } catch (err) {
      this.#flush(reply);
      const error = asAppError(err);
      reply.status = 'error';
      reply.error = error;
      if (error.kind === 'device-lost' || error.kind === 'not-loaded') this.#engine.markLost(error);
    } finally {
      this.#generating = false;
      this.#stopping = false;
    }
  }

  async stop(): Promise<void> {
    if (!this.#generating || this.#stopping) return;
    this.#stopping = true;
    await this.#engine.client.interrupt().catch(() => undefined);
  }

  /** Stops the reply being written, if any, and resolves once it has ended (e.g. before switching models). */
  async stopAndWait(): Promise<void> {
    const current = this.#current;
    if (!this.#generating || !current) return;
    await this.stop();
    await current;
  }

  async newChat(): Promise<void> {
    await this.stopAndWait();
    this.#messages = [];
    await this.#engine.client.reset().catch(() => undefined);
  }

  /** Stream text for a message; it reaches the screen on the next frame. */
  #queue(reply: ChatMessage, text: string): void {
    this.#pending += text;
    if (this.#frame === null) this.#frame = requestAnimationFrame(() => this.#flush(reply));
  }

  #flush(reply: ChatMessage): void {
    if (this.#frame !== null) {
      cancelAnimationFrame(this.#frame);
      this.#frame = null;
    }
    if (!this.#pending) return;
    reply.content += this.#pending;
    this.#pending = '';
  }
}

