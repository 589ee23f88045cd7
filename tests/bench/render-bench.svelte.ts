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
  const message = $state<ChatMessage>({ id: 'b', role: 'assistant', content: '', status: incremental ? 'streaming' : 'done' });
  const app = mount(ChatMessageView, { target, props: { message } });
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
