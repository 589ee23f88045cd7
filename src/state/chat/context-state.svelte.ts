/**
 * What the model is given in the open conversation, for the screen: which messages are out of context
 * (marked in the transcript) and the composer's meter (tokens in context, window, what the next message
 * costs). Updated by each plan, the meter's (while the person types) and the send's.
 */
import type { ContextPlanResult } from './context-planner';

export interface ContextMeterFigures {
  /** The question this plan was made for (the draft, or the message just sent). */
  readonly draft: string;
  /** Tokens of the prompt the next message makes, history and template included. */
  readonly promptTokens: number;
  /** Of those, what sending would prefill (only the new round when the engine's KV cache continues). */
  readonly prefillTokens: number;
  /** The draft's own tokens (its turn, template included). */
  readonly draftTokens: number;
  readonly replyTokens: number;
  /** With follow-up rewriting on: the rewrite prompt's tokens, processed before the reply (null: no rewrite). */
  readonly rewriteTokens: number | null;
  readonly window: number | null;
  readonly fits: boolean;
}

const NONE: ReadonlySet<string> = new Set();

export class ContextState {
  #conversationId = $state<string | null>(null);
  #excluded = $state.raw<ReadonlySet<string>>(NONE);
  #meter = $state.raw<ContextMeterFigures | null>(null);

  /** Message ids of the open conversation that the next request leaves out. */
  get excluded(): ReadonlySet<string> {
    return this.#excluded;
  }
  get meter(): ContextMeterFigures | null {
    return this.#meter;
  }

  /** Another conversation is open: nothing is known about its context until it is planned. */
  reset(conversationId: string | null): void {
    if (conversationId === this.#conversationId) return;
    this.#conversationId = conversationId;
    this.#excluded = NONE;
    this.#meter = null;
  }

  /** A request was planned for `conversationId` (a draft's or a send's). */
  sent(conversationId: string | null, plan: ContextPlanResult, extra: { readonly rewriteTokens?: number | null } = {}): void {
    const draftTokens = plan.count.turnTokens.at(-1) ?? 0;
    const draft = plan.request.messages.at(-1)?.content ?? '';
    this.#conversationId = conversationId;
    this.#excluded = plan.excluded.size === 0 ? NONE : plan.excluded;
    this.#meter = {
      draft,
      promptTokens: plan.count.promptTokens,
      prefillTokens: plan.count.prefillTokens,
      draftTokens,
      rewriteTokens: extra.rewriteTokens ?? null,
      replyTokens: plan.replyTokens,
      window: plan.count.contextWindow,
      fits: plan.fits,
    };
  }

  /** The model is gone or changed: the figures no longer hold. */
  clearMeter(): void {
    this.#meter = null;
  }
}
