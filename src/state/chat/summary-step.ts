/**
 * The running-summary step before a reply: when the conversation keeps a running summary and the context
 * policy has just left out turns the summary does not cover yet (older turns leave in blocks, so this is
 * once per block move), the model first folds them into the summary (lib/chat/running-summary; its prompt,
 * lib/chat/summary-prompt, loads with the first summary written, not at start). The request
 * is a side task with its own conversation key (`summary:<id>`); it is counted first and, if even the
 * newest leaving turn with the summary so far cannot fit the window with its answer, skipped. A failed
 * request or an answer that is no summary keeps the previous one and the reply goes ahead; only a Stop (the
 * whole reply stops) and a lost engine (the reply cannot be written anyway) end it with an error.
 */
import type { ChatTurn, SamplingParams } from '../../lib/chat/chat-types';
import type { ConversationSummary } from '../../lib/chat/conversation';
import { summaryMaxTokens, summaryUpdate, type SummaryOptions } from '../../lib/chat/running-summary';
import type { HistoryItem } from '../../lib/chat/request';
import { makeAppError, mapToAppError, type AppError } from '../../lib/inference/app-error';
import type { ChatRequest, ChatResult, StreamEvent, TokenCount } from '../../protocol/engine-protocol';

/** How often a request that does not fit is tried again with the older half of the leaving turns left out. */
const FIT_TRIES = 3;

export interface SummaryStepInput {
  readonly conversationId: string;
  /** The branch's history items, question last (as the plan was made from). */
  readonly items: readonly HistoryItem[];
  readonly options: SummaryOptions | null | undefined;
  /** The turns the context policy left out of the plan. */
  readonly leftOut: readonly string[];
  /** The model's context window (null: unknown). */
  readonly window: number | null;
}

/** A summary to write now: the summary so far, the turns leaving, and the message the new one runs through. */
export interface SummaryJob {
  readonly conversationId: string;
  readonly previous: string;
  readonly turns: readonly ChatTurn[];
  readonly throughId: string;
  readonly sampling: SamplingParams;
}

/** The summary to write before this request, or null when the summary is off or up to date. */
export function summaryJob(input: SummaryStepInput): SummaryJob | null {
  const update = summaryUpdate(input.items, input.options, input.leftOut);
  const last = update?.turns.at(-1);
  if (!update || !last) return null;
  return {
    conversationId: input.conversationId,
    previous: update.previous,
    turns: update.turns.map((item) => item.turn),
    throughId: last.id,
    sampling: { temperature: 0, max_tokens: summaryMaxTokens(input.window) },
  };
}

/** The side request for `job`, from its `from`-th leaving turn on. */
export async function summaryRequest(job: SummaryJob, from = 0): Promise<ChatRequest> {
  const { buildSummaryRequest } = await import('../../lib/chat/summary-prompt');
  return {
    conversation: { key: `summary:${job.conversationId}`, leafId: null },
    messages: buildSummaryRequest(job.previous, job.turns.slice(from)),
    sampling: job.sampling,
  };
}

type Chat = (request: ChatRequest, onEvents: (events: StreamEvent[]) => void, signal?: AbortSignal) => Promise<ChatResult>;
type Count = (request: ChatRequest, signal?: AbortSignal) => Promise<TokenCount>;

/**
 * Counts the request and leaves the older half of the leaving turns out until it fits the window with its
 * answer: the newest leaving turn and the summary so far matter most. Null: it cannot fit (or cannot be
 * counted); the step is skipped.
 */
async function fittingRequest(count: Count, job: SummaryJob, fatal: (error: AppError) => boolean, signal?: AbortSignal): Promise<ChatRequest | null> {
  let from = 0;
  for (let tries = 0; tries < FIT_TRIES; tries++) {
    const request = await summaryRequest(job, from);
    let counted: TokenCount;
    try {
      counted = await count(request, signal);
    } catch (err) {
      const error = mapToAppError(err);
      if (signal?.aborted || error.kind === 'cancelled' || fatal(error)) throw error;
      return null;
    }
    if (counted.contextWindow === null || counted.promptTokens + (job.sampling.max_tokens ?? 0) <= counted.contextWindow) return request;
    const left = job.turns.length - from;
    if (left <= 1) return null;
    from += Math.ceil(left / 2);
  }
  return null;
}

/**
 * Runs the step. Resolves with the new summary, or null to keep the previous one. Rejects with `cancelled`
 * when stopped, and with the engine's error when `fatal` says the engine is gone.
 */
export async function runSummaryStep(
  engine: { readonly chat: Chat; readonly count: Count },
  job: SummaryJob,
  fatal: (error: AppError) => boolean,
  signal?: AbortSignal,
): Promise<ConversationSummary | null> {
  const request = await fittingRequest(engine.count, job, fatal, signal);
  if (signal?.aborted) throw makeAppError('cancelled');
  if (!request) return null;
  let result: ChatResult;
  try {
    result = await engine.chat(request, () => undefined, signal);
  } catch (err) {
    const error = mapToAppError(err);
    if (signal?.aborted || error.kind === 'cancelled' || fatal(error)) throw error;
    return null;
  }
  if (signal?.aborted || result.finishReason === 'abort') throw makeAppError('cancelled');
  const { parseSummary } = await import('../../lib/chat/summary-prompt');
  const text = parseSummary(result.text);
  return text === null ? null : { text, throughId: job.throughId };
}
