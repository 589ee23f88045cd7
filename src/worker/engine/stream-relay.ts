/**
 * Folds an OpenAI-style chunk stream into coalesced delta events and a final result. Shared by the real
 * engine and the test double, so both exercise the same batching the page depends on.
 */
import type { FinishReason } from '../../lib/chat/chat-types';
import { DeltaBatcher } from '../../lib/inference/delta-batcher';
import { toReplyStats, type UsageLike } from '../../lib/inference/reply-stats';
import type { ChatResult, StreamEvent } from '../../protocol/engine-protocol';

export interface ChunkLike {
  readonly choices: ReadonlyArray<{
    readonly delta?: { readonly content?: string | null } | null;
    readonly finish_reason?: string | null;
  }>;
  readonly usage?: UsageLike | null;
}

const FINISH: Record<string, FinishReason> = { stop: 'stop', length: 'length', abort: 'abort' };

export async function relayStream(
  chunks: AsyncIterable<ChunkLike>,
  onEvents: (events: StreamEvent[]) => unknown,
  finalText: (streamed: string) => Promise<string>,
  intervalMs = 16,
  startedAt = performance.now(),
): Promise<ChatResult> {
  // The page may have gone away mid-stream; a failed delivery must not abort generation.
  const send = (text: string) => void Promise.resolve(onEvents([{ type: 'delta', text }])).catch(() => undefined);
  const batcher = new DeltaBatcher(send, intervalMs);
  let streamed = '';
  let finishReason: FinishReason = 'stop';
  let usage: UsageLike | null = null;
  let tokenChunks = 0;
  let firstTokenAt: number | null = null;
  try {
    for await (const chunk of chunks) {
      const choice = chunk.choices[0];
      const delta = choice?.delta?.content;
      if (choice && !choice.finish_reason && typeof delta === 'string') {
        tokenChunks += 1;
        firstTokenAt ??= performance.now();
      }
      if (delta) {
        streamed += delta;
        batcher.push(delta);
      }
      if (choice?.finish_reason) finishReason = FINISH[choice.finish_reason] ?? 'stop';
      if (chunk.usage) usage = chunk.usage;
    }
  } finally {
    batcher.flush();
  }
  const seconds = (at: number | null) => (at === null ? null : (at - startedAt) / 1000);
  const measured = { tokenChunks, timeToFirstTokenS: seconds(firstTokenAt), totalS: seconds(performance.now()) };
  return { text: await finalText(streamed), finishReason, stats: toReplyStats(usage, measured) };
}
