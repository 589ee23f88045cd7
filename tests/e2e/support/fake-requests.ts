/** What the fake engine worker received (tests/e2e/fake/fake-engine.worker.ts keeps every request). */
import type { Page } from 'playwright-core';
import type { ChatRequest } from '../../../src/protocol/engine-protocol';

type Kind = 'fakeEngineRequests' | 'fakeEngineCounts';

async function read(page: Page, kind: Kind): Promise<ChatRequest[]> {
  for (const worker of page.workers()) {
    const found = await worker.evaluate((k) => (self as unknown as Record<string, unknown>)[k] as ChatRequest[] | undefined, kind).catch(() => undefined);
    if (found) return found;
  }
  return [];
}

/** Every chat request the engine received, oldest first (title requests included). */
export const chatRequests = (page: Page) => read(page, 'fakeEngineRequests');
/** Every countTokens request, oldest first. */
export const countRequests = (page: Page) => read(page, 'fakeEngineCounts');
/** The newest chat request of a conversation (skips title and rewrite requests). */
export async function lastChatRequest(page: Page): Promise<ChatRequest | undefined> {
  return (await chatRequests(page)).filter((r) => !r.conversation.key.includes(':')).at(-1);
}
