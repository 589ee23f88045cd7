/**
 * A conversation sent question by question through a context plan, counting what the engine must prefill:
 * the new turns when a request extends the previous request plus its reply (what the KV cache holds), the
 * whole prompt otherwise. Shared by the context policy's unit test and `npm run bench -- --only=context`.
 */
import type { ContextPlan, ContextTurn } from '../../src/lib/chat/context-policy';

/** A deterministic conversation: short questions, longer replies, like real chats. */
export function conversation(exchanges: number, seed = 7, pinned: ReadonlySet<number> = new Set()): ContextTurn[] {
  let x = seed;
  const next = (lo: number, hi: number) => {
    x = (x * 1103515245 + 12345) >>> 0;
    return lo + ((x >>> 16) % (hi - lo + 1));
  };
  const turns: ContextTurn[] = [];
  for (let i = 0; i < exchanges; i++) {
    turns.push({ id: `q${i}`, tokens: next(8, 120), opensExchange: true, pinned: pinned.has(2 * i) });
    turns.push({ id: `a${i}`, tokens: next(30, 400), opensExchange: false, pinned: pinned.has(2 * i + 1) });
  }
  return turns;
}

/** Sends every question of `turns` in order, as the app does; returns each request's plan and the prefill. */
export function simulate(turns: readonly ContextTurn[], plan: (sofar: ContextTurn[], previous: number) => ContextPlan) {
  const byId = new Map(turns.map((t) => [t.id, t]));
  const tokensOf = (ids: readonly string[]) => ids.reduce((sum, id) => sum + (byId.get(id)?.tokens ?? 0), 0);
  const requests: ContextPlan[] = [];
  let cached: string[] = [];
  let boundary = 0;
  let prefilled = 0;
  let prefixChanges = 0;
  for (let i = 0; i < turns.length; i += 2) {
    const sofar = turns.slice(0, i + 1);
    const p = plan(sofar, boundary);
    const extends_ = cached.length > 0 && cached.every((id, k) => p.included[k] === id);
    if (cached.length > 0 && !extends_) prefixChanges++;
    prefilled += extends_ ? tokensOf(p.included.slice(cached.length)) : p.promptTokens;
    requests.push(p);
    boundary = p.boundary;
    const reply = turns[i + 1];
    cached = reply ? [...p.included, reply.id] : [...p.included];
  }
  return { requests, prefilled, prefixChanges };
}

