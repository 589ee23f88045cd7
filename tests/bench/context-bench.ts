/**
 * `npm run bench -- --only=context`: how many prompt tokens the engine must prefill over long conversations,
 * for the app's context policy (blocks, a stable prefix) against dropping the oldest turn per message. Token
 * counts, not time: the figures are the same on any machine.
 */
import { planContext, planDropOldest, type ContextBudget } from '../../src/lib/chat/context-policy';
import { conversation, simulate } from '../support/context-simulation';

export function contextRows(): string[][] {
  const rows: string[][] = [];
  for (const window of [2048, 4096]) {
    const budget: ContextBudget = { window, replyTokens: 256, fixedTokens: 60 };
    for (const seed of [1, 7, 42]) {
      const turns = conversation(100, seed);
      const policy = simulate(turns, (sofar, previous) => planContext(sofar, budget, previous));
      const naive = simulate(turns, (sofar) => planDropOldest(sofar, budget));
      const mean = policy.requests.reduce((sum, r) => sum + r.promptTokens, 0) / policy.requests.length;
      rows.push([
        `${window / 1024}k window, conversation ${seed}`,
        `${policy.prefilled.toLocaleString('en-US')} (${policy.prefixChanges} prefix changes)`,
        `${naive.prefilled.toLocaleString('en-US')} (${naive.prefixChanges})`,
        `${((100 * policy.prefilled) / naive.prefilled).toFixed(1)} %`,
        `${Math.round(mean).toLocaleString('en-US')} of ${(window - 256 - 60).toLocaleString('en-US')}`,
      ]);
    }
  }
  return rows;
}
