/**
 * Per-token main-thread cost of the real reply component: a 2,000-token markdown reply is appended one
 * token at a time, each followed by a synchronous Svelte update and a forced layout, and timed. This is
 * the worst case (no frame coalescing). "naive" re-renders the whole reply per token, for comparison.
 * runMarkdownStreamBench times MarkdownStream.append alone over a 100,000-token reply.
 */
import { flushSync, mount, unmount } from 'svelte';
import '../../src/app.css';
import type { ChatMessage } from '../../src/lib/chat/chat-types';
import { MarkdownStream } from '../../src/lib/markdown/markdown-stream';
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

/** Appends the tokens to one MarkdownStream, timing each quarter of them. */
function quartersMs(tokens: readonly string[]): number[] {
  const stream = new MarkdownStream();
  const size = Math.ceil(tokens.length / 4);
  return [0, 1, 2, 3].map((q) => {
    const part = tokens.slice(q * size, (q + 1) * size);
    const t0 = performance.now();
    for (const token of part) stream.append(token);
    return performance.now() - t0;
  });
}

const median = (runs: number[]) => [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? NaN;

/**
 * MarkdownStream.append alone, one token at a time: total time, and the last quarter's time over the
 * first's (about 1 when each append's work does not grow with the reply; ~7 for work linear in it), then
 * per-append percentiles and characters scanned per character of text.
 */
function markdownStreamCost(tokens: string[]) {
  quartersMs(tokens); // warm up the JIT
  const runs = [0, 1, 2, 3, 4, 5, 6].map(() => quartersMs(tokens));
  const totalMs = median(runs.map((q) => q.reduce((a, b) => a + b, 0)));
  // Fastest of the runs per quarter: a garbage collection landing in one quarter would skew a single run.
  const fastest = (q: number) => Math.min(...runs.map((run) => run[q] ?? NaN));
  const lastToFirst = fastest(3) / fastest(0);
  const stream = new MarkdownStream();
  const times = new Float64Array(tokens.length);
  tokens.forEach((token, i) => {
    const t0 = performance.now();
    stream.append(token);
    times[i] = performance.now() - t0;
  });
  const sorted = [...times].sort((a, b) => a - b);
  return {
    tokens: tokens.length,
    chars: stream.length,
    blocks: stream.blocks.length,
    totalMs,
    lastToFirst,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    scannedPerChar: stream.charsScanned / stream.length,
  };
}

// Started by the runner after the page has loaded.
await loadMarkdownRenderer();
(window as unknown as { runBench: () => unknown }).runBench = () => {
  const tokens = tokenize(longMarkdownReply(2000));
  run(tokens.slice(0, 200), true); // warm up the JIT
  return { incremental: run(tokens, true), naive: run(tokens, false) };
};
(window as unknown as { runMarkdownStreamBench: () => unknown }).runMarkdownStreamBench = () => markdownStreamCost(tokenize(longMarkdownReply(100_000)));
