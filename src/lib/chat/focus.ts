/**
 * What of the history a focus mode gives the model, before the context policy fits it into the window:
 * a fresh context drops everything before the question it starts at; "last N" keeps the newest N exchanges
 * (and pins); "standalone" keeps only the question being answered. Pure.
 */
import type { FocusMode } from './conversation';
import type { HistoryItem } from './request';

export function focusHistory(items: readonly HistoryItem[], focus: FocusMode | undefined, contextStartId?: string | null): HistoryItem[] {
  const start = contextStartId ? items.findIndex((item) => item.id === contextStartId) : -1;
  // A fresh context keeps pins from before it: the person asked for them explicitly.
  let kept = start > 0 ? items.filter((item, i) => i >= start || item.pinned) : [...items];
  const mode = focus ?? { mode: 'full' };
  if (mode.mode === 'standalone') return kept.slice(-1);
  if (mode.mode === 'last') {
    // The question being answered plus the N exchanges before it.
    let opens = 0;
    let from = kept.length;
    while (from > 0 && opens <= mode.turns) if (kept[--from]?.opensExchange) opens++;
    kept = kept.filter((item, i) => i >= from || item.pinned);
  }
  return kept;
}
