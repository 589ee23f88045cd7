/**
 * Which turns of a conversation go to the model, so that prompt + reply budget never exceed the context
 * window. The system prompt, pinned turns and the newest turns always stay. Older turns leave in blocks (a
 * quarter of the window at a time by default), never one per message: WebLLM reuses its KV cache only when a
 * request extends the previous one, so a prefix that changes every turn would re-prefill the whole context
 * every turn. Between block moves, each request is the previous one plus the new turns.
 *
 * The block is half the window by default: over 100 exchanges in a 2k window (context-policy.test.ts) that
 * re-prefills 16–17 % of the tokens dropping the oldest turn per message does, while the prompt still holds
 * ~70 % of the room on average; a quarter of the window re-prefills 37–42 %.
 *
 * Pure: token counts come in with the turns (the engine counts them with the model's own tokenizer).
 */

export interface ContextTurn {
  readonly id: string;
  /** Tokens this turn costs in the prompt, template included. */
  readonly tokens: number;
  /** Kept whatever its age. */
  readonly pinned?: boolean;
  /** A turn a block may start at (a question): the kept context never starts with an orphaned reply. */
  readonly opensExchange: boolean;
}

export interface ContextBudget {
  /** The model's context window, in tokens. */
  readonly window: number;
  /** Tokens kept free for the reply (the request's max_tokens). */
  readonly replyTokens: number;
  /** The system prompt and any fixed framing (the template's preamble, a running summary). */
  readonly fixedTokens: number;
  /** How much leaves at once when the context is full, as a fraction of the window (default 1/2). */
  readonly blockFraction?: number;
}

export interface ContextPlan {
  /** Index of the first turn kept by age; older ones are out of context unless pinned. */
  readonly boundary: number;
  /** Ids sent, oldest first (pinned older turns, then every turn from the boundary). */
  readonly included: readonly string[];
  /** Ids left out (out of context), oldest first. */
  readonly excluded: readonly string[];
  /** Prompt tokens of what is sent, fixed part included. */
  readonly promptTokens: number;
  /** False when even the newest turn and the pins leave no room for the reply: the request must not be sent. */
  readonly fits: boolean;
}

const DEFAULT_BLOCK = 0.5;

/**
 * Plans the context for `turns` (oldest first; the last is the question being sent). `previous` is the
 * boundary of the last request in this conversation: it only moves forward, and only by a block.
 */
export function planContext(turns: readonly ContextTurn[], budget: ContextBudget, previous = 0): ContextPlan {
  const room = budget.window - budget.replyTokens - budget.fixedTokens;
  const block = Math.max(1, Math.floor(budget.window * (budget.blockFraction ?? DEFAULT_BLOCK)));
  const last = turns.length - 1;
  let boundary = Math.min(Math.max(0, previous), Math.max(0, last));
  // A boundary must open an exchange; move to the next one if an edit changed what sits there.
  while (boundary < last && !turns[boundary]?.opensExchange) boundary++;

  // What is sent: every turn from the boundary, and the pinned ones before it.
  let cost = 0;
  turns.forEach((turn, i) => (cost += i >= boundary || turn.pinned ? turn.tokens : 0));
  if (cost > room) {
    // Full: move the boundary forward by at least a block (to an exchange start), until it fits or only the
    // newest exchange is left.
    const newestStart = lastExchangeStart(turns);
    let freed = 0;
    let next = boundary;
    while (next < newestStart && (freed < block || cost - freed > room)) {
      // One exchange at a time: a boundary always lands on a question.
      do {
        if (!turns[next]?.pinned) freed += turns[next]?.tokens ?? 0;
        next++;
      } while (next < newestStart && !turns[next]?.opensExchange);
    }
    boundary = next;
    cost -= freed; // the pinned turns before the boundary still count; they were never freed
  }

  const included: string[] = [];
  const excluded: string[] = [];
  turns.forEach((turn, i) => (i >= boundary || turn.pinned ? included : excluded).push(turn.id));
  const promptTokens = budget.fixedTokens + cost;
  return { boundary, included, excluded, promptTokens, fits: promptTokens + budget.replyTokens <= budget.window };
}

/** Index of the newest turn that opens an exchange (the question being sent, usually). */
function lastExchangeStart(turns: readonly ContextTurn[]): number {
  for (let i = turns.length - 1; i >= 0; i--) if (turns[i]?.opensExchange) return i;
  return 0;
}

/** The baseline the policy is measured against: drop the oldest turn, one at a time, until the prompt fits. */
export function planDropOldest(turns: readonly ContextTurn[], budget: ContextBudget): ContextPlan {
  const room = budget.window - budget.replyTokens - budget.fixedTokens;
  let boundary = 0;
  let cost = turns.reduce((sum, t) => sum + t.tokens, 0);
  while (cost > room && boundary < turns.length - 1) cost -= turns[boundary++]?.tokens ?? 0;
  const ids = turns.map((t) => t.id);
  const promptTokens = budget.fixedTokens + cost;
  return { boundary, included: ids.slice(boundary), excluded: ids.slice(0, boundary), promptTokens, fits: promptTokens + budget.replyTokens <= budget.window };
}

/** The most a reply is given by default when the person set no length: a quarter of the window, at most 1024. */
export const DEFAULT_REPLY_TOKENS = 1024;

/** Tokens kept free for the reply: the length the person set, else the default share of the window. */
export function replyBudget(maxTokens: number | null, window: number | null): number {
  if (window === null) return maxTokens ?? DEFAULT_REPLY_TOKENS;
  const budget = maxTokens ?? Math.min(DEFAULT_REPLY_TOKENS, Math.floor(window / 4));
  return Math.min(budget, window - 1);
}
