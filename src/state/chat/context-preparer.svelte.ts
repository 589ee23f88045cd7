/**
 * What the model is given for a question: the follow-up step (the question's standalone form), the plan
 * (focus, exact counts, context policy), the running summary of what leaves, and the policy's boundary
 * remembered for the next request. The composer's meter plans the draft the same way, so what it shows is
 * what a send does. Its state (out-of-context marks, the meter, which side step runs) is for the screen.
 */
import type { ChatMessage, FollowUpRewrite, SamplingParams } from '../../lib/chat/chat-types';
import type { ConversationSummary } from '../../lib/chat/conversation';
import { historyItems } from '../../lib/chat/request';
import { summaryInForce } from '../../lib/chat/running-summary';
import type { ConversationsRepo } from '../../lib/db/conversations.repo';
import { mapToAppError, type AppError } from '../../lib/inference/app-error';
import type { ChatRequest } from '../../protocol/engine-protocol';
import type { EngineState } from '../engine.svelte';
import { planRequest, tooLong, unplannedRequest, type ContextPlanResult, type PlanInput } from './context-planner';
import { ContextState } from './context-state.svelte';
import type { ConversationOptionsState } from './conversation-options.svelte';
import type { ConversationView } from './conversation-view.svelte';
import { followUpRequest, runFollowUpStep } from './follow-up-step';
import { runSummaryStep, summaryJob } from './summary-step';

/** The draft's stand-in id while the meter plans it (never stored). */
const DRAFT_ID = 'draft';

export interface PreparerDeps {
  readonly engine: EngineState;
  readonly view: ConversationView;
  readonly options: ConversationOptionsState;
  readonly repo: ConversationsRepo;
  /** The reply settings in force (their max_tokens is the reply budget). */
  readonly sampling: () => SamplingParams;
  /** Shows and stores a question's standalone form; resolves with the question as it now is. */
  readonly storeRewrite: (question: ChatMessage, rewrite: FollowUpRewrite) => Promise<ChatMessage>;
  /** Engine errors after which the model is gone: they end the reply instead of being stepped over. */
  readonly isFatal: (error: AppError) => boolean;
}

export class ContextPreparer {
  readonly #deps: PreparerDeps;
  readonly context = new ContextState();
  /** The question whose standalone form the model is writing now (the follow-up step). */
  #rewriting = $state<string | null>(null);
  /** The conversation whose running summary the model is writing now (the summary step). */
  #summarizing = $state<string | null>(null);
  /** The last summary step that ended without a summary (conversation and leaving turns): not tried again. */
  #summaryTried: string | null = null;

  constructor(deps: PreparerDeps) {
    this.#deps = deps;
  }

  get rewritingId(): string | null {
    return this.#rewriting;
  }
  get summarizingId(): string | null {
    return this.#summarizing;
  }

  /** The running summary the next request of `messages` carries (null: none, off, or another branch's). */
  summaryFor(messages: readonly ChatMessage[]): ConversationSummary | null {
    return summaryInForce(historyItems(messages), this.#deps.options.current);
  }

  /**
   * Plans the request the draft would make after `messages` (the meter, while the person types), with the
   * rewrite prompt's cost when rewriting is on. A failed count leaves the meter empty: it helps, never gates.
   */
  async measure(messages: readonly ChatMessage[], draft: string, signal?: AbortSignal): Promise<void> {
    const conversationId = this.#deps.view.id;
    const question: ChatMessage = { id: DRAFT_ID, conversationId: conversationId ?? '', parentId: null, role: 'user', content: draft.trim(), status: 'done', createdAt: 0, updatedAt: 0 };
    const path = [...messages, question];
    try {
      const plan = await this.#plan(conversationId ?? 'new', path, signal);
      const options = this.#deps.options;
      const rewrite = await followUpRequest({ conversationId: conversationId ?? 'new', path, enabled: options.rewriteFollowUps, contextStartId: options.contextStartId });
      const rewriteTokens = rewrite ? (await this.#deps.engine.countTokens(rewrite, signal)).promptTokens : null;
      if (!signal?.aborted && conversationId === this.#deps.view.id) this.context.sent(conversationId, plan, { rewriteTokens });
    } catch {
      if (!signal?.aborted) this.context.clearMeter();
    }
  }

  /** The follow-up step (follow-up-step.ts): the question's standalone form, stored on it before planning. */
  async followUp(path: readonly ChatMessage[], signal?: AbortSignal): Promise<readonly ChatMessage[]> {
    const question = path.at(-1);
    const options = this.#deps.options;
    const request = question && (await followUpRequest({ conversationId: question.conversationId, path, enabled: options.rewriteFollowUps, contextStartId: options.contextStartId }));
    if (!question || !request) return path;
    const engine = this.#deps.engine;
    // The rewrite prompt must fit the window with its answer too; if it cannot, the question goes as asked.
    const count = await engine.countTokens(request, signal).catch(() => null);
    if (count?.contextWindow && count.promptTokens + (request.sampling?.max_tokens ?? 0) > count.contextWindow) return path;
    this.#rewriting = question.id;
    let rewrite: FollowUpRewrite | null;
    try {
      rewrite = await runFollowUpStep((r, onEvents, s) => engine.chat(r, onEvents, s), request, question.content, this.#deps.isFatal, signal);
    } finally {
      this.#rewriting = null;
    }
    return rewrite ? [...path.slice(0, -1), await this.#deps.storeRewrite(question, rewrite)] : path;
  }

  /**
   * The request for the question ending `path`: planned (summary folded in when a block left), the plan shown
   * (marks, meter) and its boundary remembered. An engine that cannot count still answers, unplanned; a
   * question that cannot fit even alone is refused (`question-too-long`).
   */
  async prepare(conversationId: string, path: readonly ChatMessage[], signal?: AbortSignal): Promise<ChatRequest> {
    let plan: ContextPlanResult;
    try {
      plan = await this.#plan(conversationId, path, signal);
      // Turns just left out are folded into the running summary first; the plan then makes room for it.
      if (await this.#summarize(conversationId, path, plan, signal)) plan = await this.#plan(conversationId, path, signal);
      // A summary that leaves no room for the question itself is not sent this time.
      if (!plan.fits && this.#planInput(conversationId, path).summary) plan = await this.#plan(conversationId, path, signal, false);
    } catch (err) {
      const error = mapToAppError(err);
      if (signal?.aborted || error.kind === 'cancelled' || this.#deps.isFatal(error)) throw error;
      return unplannedRequest(this.#planInput(conversationId, path));
    }
    if (!plan.fits) throw tooLong(plan);
    this.context.sent(conversationId, plan);
    const { view, repo } = this.#deps;
    if (plan.boundaryId !== (view.conversation?.contextBoundaryId ?? null) && !view.peekLocal(conversationId)?.row) {
      // Only a hint for the next request (the KV cache it protects does not survive a reload either).
      view.patch(conversationId, { contextBoundaryId: plan.boundaryId });
      await repo.setOptions(conversationId, { contextBoundaryId: plan.boundaryId }).catch(() => undefined);
    }
    return plan.request;
  }

  #plan(conversationId: string, path: readonly ChatMessage[], signal?: AbortSignal, withSummary = true): Promise<ContextPlanResult> {
    const input = this.#planInput(conversationId, path);
    return planRequest((request, s) => this.#deps.engine.countTokens(request, s), withSummary ? input : { ...input, summary: null }, signal);
  }

  #planInput(conversationId: string, path: readonly ChatMessage[]): PlanInput {
    const options = this.#deps.options.current;
    const items = historyItems(path);
    return {
      conversation: { key: conversationId, leafId: path.at(-1)?.id ?? null },
      systemPrompt: options?.systemPrompt ?? '',
      summary: summaryInForce(items, options)?.text ?? null,
      items,
      focus: options?.focus,
      contextStartId: options?.contextStartId,
      boundaryId: options?.contextBoundaryId,
      maxTokens: this.#deps.sampling().max_tokens ?? null,
    };
  }

  /**
   * The summary step (summary-step.ts): when the plan left out turns the running summary does not cover yet,
   * the model folds them in and the new summary is stored. True when there is a new summary to plan with.
   * Tried once per set of leaving turns: a failure waits for the next block move.
   */
  async #summarize(conversationId: string, path: readonly ChatMessage[], plan: ContextPlanResult, signal?: AbortSignal): Promise<boolean> {
    const { engine, options } = this.#deps;
    const job = summaryJob({ conversationId, items: historyItems(path), options: options.current, leftOut: plan.leftOut, window: plan.count.contextWindow });
    const attempt = job && `${conversationId}\n${job.throughId}`;
    if (!job || attempt === this.#summaryTried) return false;
    this.#summarizing = conversationId;
    let summary: ConversationSummary | null;
    try {
      summary = await runSummaryStep({ chat: (r, on, s) => engine.chat(r, on, s), count: (r, s) => engine.countTokens(r, s) }, job, this.#deps.isFatal, signal);
    } finally {
      this.#summarizing = null;
    }
    if (!summary) {
      this.#summaryTried = attempt;
      return false;
    }
    await options.store(conversationId, { summary });
    return true;
  }
}
