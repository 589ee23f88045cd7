import { describe, expect, it } from 'vitest';
import { conversation, simulate } from '../../../tests/support/context-simulation';
import { planContext, planDropOldest, type ContextBudget, type ContextTurn } from './context-policy';

describe('context policy', () => {
  const budget: ContextBudget = { window: 2048, replyTokens: 256, fixedTokens: 60 };

  it('a 200-turn conversation in a small window never overflows, keeps the pins and the newest turn', () => {
    const pins = new Set([2, 3, 41]);
    const turns = conversation(100, 7, pins);
    const { requests } = simulate(turns, (sofar, previous) => planContext(sofar, budget, previous));
    expect(requests).toHaveLength(100);
    requests.forEach((p, k) => {
      expect(p.fits, `request ${k}`).toBe(true);
      expect(p.promptTokens + budget.replyTokens).toBeLessThanOrEqual(budget.window);
      expect(p.included.at(-1)).toBe(`q${k}`);
      for (const pinned of [...pins].map((i) => turns[i]!.id)) {
        if (turns.findIndex((t) => t.id === pinned) <= 2 * k) expect(p.included, `request ${k} keeps ${pinned}`).toContain(pinned);
      }
      // Never starts with an orphaned reply (pins aside).
      const first = p.included.find((id) => !pins.has(turns.findIndex((t) => t.id === id)));
      expect(first?.startsWith('q')).toBe(true);
    });
    expect(requests.at(-1)!.excluded.length).toBeGreaterThan(100); // most of it is out of context by the end
  });

  it('changes the prefix it sends only when it drops a block; every other request extends the previous one', () => {
    const turns = conversation(100);
    const policy = simulate(turns, (sofar, previous) => planContext(sofar, budget, previous));
    const moves = policy.requests.filter((p, k) => k > 0 && p.boundary !== policy.requests[k - 1]!.boundary);
    expect(moves.length).toBeGreaterThan(0);
    expect(policy.prefixChanges).toBe(moves.length);
    // Each move drops at least a block (half the window by default), so moves are few.
    policy.requests.forEach((p, k) => {
      const before = policy.requests[k - 1];
      if (!before || p.boundary === before.boundary) return;
      const dropped = turns.slice(before.boundary, p.boundary).reduce((sum, t) => sum + t.tokens, 0);
      expect(dropped, `request ${k}`).toBeGreaterThanOrEqual(budget.window / 2);
    });
    const naive = simulate(turns, (sofar) => planDropOldest(sofar, budget));
    expect(naive.prefixChanges).toBeGreaterThan(3 * policy.prefixChanges);
    console.log(
      `100 exchanges, 2k window: policy re-prefilled ${policy.prefilled} tokens with ${policy.prefixChanges} prefix changes; ` +
        `drop-oldest ${naive.prefilled} with ${naive.prefixChanges}`,
    );
  });

  it('re-prefills at most a fifth of what dropping the oldest turn per message does', () => {
    for (const seed of [1, 7, 42]) {
      const turns = conversation(100, seed);
      const policy = simulate(turns, (sofar, previous) => planContext(sofar, budget, previous));
      const naive = simulate(turns, (sofar) => planDropOldest(sofar, budget));
      expect(policy.prefilled, `seed ${seed}`).toBeLessThanOrEqual(naive.prefilled / 5);
    }
  });

  it('sends everything while it fits, and says when even the newest question cannot fit', () => {
    const small = conversation(3);
    const plan = planContext(small, budget);
    expect(plan.excluded).toEqual([]);
    expect(plan.boundary).toBe(0);
    const huge: ContextTurn[] = [...small, { id: 'big', tokens: 1900, opensExchange: true }];
    const refused = planContext(huge, budget);
    expect(refused.fits).toBe(false);
    expect(refused.included).toEqual(['big']);
  });

  it('never moves the boundary back, and moves it off a turn that no longer opens an exchange', () => {
    const turns = conversation(10);
    const roomy = { ...budget, window: 32_768 };
    expect(planContext(turns, roomy, 6).boundary).toBe(6);
    expect(planContext(turns, roomy, 5).boundary).toBe(6); // a2 (index 5) is a reply: start at the next question
  });
});
