/**
 * Turns a conversation's history into the request the model gets: the focus mode picks what may be sent,
 * the engine counts it exactly (the model's tokenizer and chat template), and the context policy keeps
 * prompt + reply budget inside the window, older turns leaving in blocks. The composer's meter and a send
 * plan the same way, so what the meter shows is what is sent.
 */
import type { ChatTurn } from '../../lib/chat/chat-types';
import { planContext, replyBudget, type ContextTurn } from '../../lib/chat/context-policy';
import type { FocusMode } from '../../lib/chat/conversation';
import { focusHistory } from '../../lib/chat/focus';
import { summarySystemContent } from '../../lib/chat/running-summary';
import type { HistoryItem } from '../../lib/chat/request';
import { makeAppError } from '../../lib/inference/app-error';
import type { ChatRequest, ConversationRef, TokenCount } from '../../protocol/engine-protocol';

export interface PlanInput {
  readonly conversation: ConversationRef;
  readonly systemPrompt: string;
  /** The history on screen up to and including the question, as items. */
  readonly items: readonly HistoryItem[];
  readonly focus?: FocusMode;
  readonly contextStartId?: string | null;
  /** The last boundary of this conversation (a question id), so it only moves forward, in blocks. */
  readonly boundaryId?: string | null;
  /** The reply length the person set (null: the model's own default). */
  readonly maxTokens: number | null;
  /** The running summary of the turns that left the context: sent in the system message, after the prompt. */
  readonly summary?: string | null;
}

export interface ContextPlanResult {
  readonly request: ChatRequest;
  /** The exact count of the request as sent. */
  readonly count: TokenCount;
  /** Tokens kept free for the reply. */
  readonly replyTokens: number;
  /** Message ids of the history that is not sent (focus mode, fresh context or policy). */
  readonly excluded: ReadonlySet<string>;
  /** Of those, the ones the context policy left out (they did not fit), oldest first. */
  readonly leftOut: readonly string[];
  /** The question the kept context starts at (by age), to be remembered for the next request. */
  readonly boundaryId: string | null;
  /** Prompt + reply budget fit the window. */
  readonly fits: boolean;
}

type Counter = (request: ChatRequest, signal?: AbortSignal) => Promise<TokenCount>;

/** The system message: the system prompt, then the running summary (a fixed cost, like the prompt). */
function systemTurns(input: PlanInput): ChatTurn[] {
  const content = summarySystemContent(input.systemPrompt, input.summary ?? '');
  return content.trim() ? [{ role: 'system', content }] : [];
}

/** The request that sends `items` of the history, after the system message. */
function requestOf(input: PlanInput, items: readonly HistoryItem[]): ChatRequest {
  return { conversation: input.conversation, messages: [...systemTurns(input), ...items.map((i) => i.turn)] };
}

export async function planRequest(count: Counter, input: PlanInput, signal?: AbortSignal): Promise<ContextPlanResult> {
  const focused = focusHistory(input.items, input.focus, input.contextStartId);
  const all = requestOf(input, focused);
  const counted = await count(all, signal);
  const window = counted.contextWindow;
  const replyTokens = replyBudget(input.maxTokens, window);
  const focusedIds = new Set(focused.map((i) => i.id));
  const notFocused = input.items.filter((i) => !focusedIds.has(i.id)).map((i) => i.id);
  if (window === null) {
    return { request: all, count: counted, replyTokens, excluded: new Set(notFocused), leftOut: [], boundaryId: input.boundaryId ?? null, fits: true };
  }
  const turns: ContextTurn[] = focused.map((item, i) => ({ id: item.id, tokens: counted.turnTokens[i] ?? 0, pinned: item.pinned, opensExchange: item.opensExchange }));
  const previous = Math.max(0, turns.findIndex((t) => t.id === input.boundaryId));
  const plan = planContext(turns, { window, replyTokens, fixedTokens: counted.fixedTokens }, previous);
  const included = new Set(plan.included);
  const sent = focused.filter((item) => included.has(item.id));
  // What leaves changes what the engine reuses: count the request as it will be sent.
  const request = sent.length === focused.length ? all : requestOf(input, sent);
  const final = request === all ? counted : await count(request, signal);
  return {
    request,
    count: final,
    replyTokens,
    excluded: new Set([...notFocused, ...plan.excluded]),
    leftOut: plan.excluded,
    boundaryId: turns[plan.boundary]?.id ?? null,
    fits: final.promptTokens + replyTokens <= window,
  };
}

/**
 * The request without the context policy, for when the engine cannot count (a WebLLM whose internals this
 * app does not know): the focus mode still applies, and the person still gets an answer while it fits.
 */
export function unplannedRequest(input: PlanInput): ChatRequest {
  return requestOf(input, focusHistory(input.items, input.focus, input.contextStartId));
}

/** The error a send gets when even the question alone (with pins and the reply budget) cannot fit. */
export function tooLong(plan: ContextPlanResult) {
  const window = plan.count.contextWindow ?? 0;
  return makeAppError(
    'question-too-long',
    `${plan.count.promptTokens} prompt tokens + ${plan.replyTokens} for the reply > ${window}`,
  );
}
