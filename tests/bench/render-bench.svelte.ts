/**
 * Per-token main-thread cost of the real reply component: a 2,000-token markdown reply is appended one
 * token at a time, each followed by a synchronous Svelte update and a forced layout, and timed. This is
 * the worst case (no frame coalescing). "naive" re-renders the whole reply per token, for comparison.
 */
import { flushSync, mount, unmount } from 'svelte';
import '../../src/app.css';
import type { ChatMessage } from '../../src/lib/chat/chat-types';
import ChatMessageView from '../../src/ui/chat/ChatMessage.svelte';
import { loadMarkdownRenderer } from '../../src/ui/chat/markdown/markdown-renderer.svelte';
import { longMarkdownReply, tokenize } from '../e2e/fake/fake-replies';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function run(tokens: string[], incremental: boolean) {
  const target = document.getElementById('app')!;
  // Mutable stand-in for the reply the chat session streams into (the app replaces it per frame instead).
  const message = $state<{ -readonly [K in keyof ChatMessage]: ChatMessage[K] }>({
    id: 'b',
    conversationId: 'bench',
    parentId: null,
    role: 'assistant',
    content: '',
    status: incremental ? 'streaming' : 'done',
    createdAt: 0,
    updatedAt: 0,
  });
  const noop = () => undefined;
  const app = mount(ChatMessageView, {
    target,
    props: { message, siblings: { index: 0, count: 1, previousId: null, nextId: null }, canAct: true, onregenerate: noop, onedit: noop, onswitch: noop },
  });
  flushSync();
  const times: number[] = [];
  for (const token of tokens) {
    const t0 = performance.now();
    message.content += token;
    flushSync();
    void target.offsetHeight; // include style and layout
    times.push(performance.now() - t0);
  }
  const t0 = performance.now();
  message.status = 'done'; // the final full render when the reply ends
  flushSync();
  void target.offsetHeight;
  const finalMs = performance.now() - t0;
  unmount(app);
  target.replaceChildren();
  const sorted = [...times].sort((a, b) => a - b);
  return { tokens: tokens.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, totalMs: times.reduce((a, b) => a + b, 0), finalMs };
}

// Started by the runner after the page has loaded.
await loadMarkdownRenderer();
(window as unknown as { runBench: () => unknown }).runBench = () => {
  const tokens = tokenize(longMarkdownReply(2000));
  run(tokens.slice(0, 200), true); // warm up the JIT
  return { incremental: run(tokens, true), naive: run(tokens, false) };
};
