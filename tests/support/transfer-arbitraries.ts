/**
 * fast-check generators for the export/import round-trip properties: plans of conversations written through
 * the repository (the app's own data), and hostile ChatGPT `conversations.json` lists. Sizes stay small so the
 * properties run fast; the edges (long text, times at the limits, long and colliding ids) come often.
 */
import fc from 'fast-check';
import type { ChatMessage, MessageStatus } from '../../src/lib/chat/chat-types';
import type { AppError } from '../../src/lib/inference/app-error';
import { MAX_ID_LENGTH, MAX_TEXT_LENGTH, MAX_TIME } from '../../src/lib/transfer/limits';
import type { ConversationBundle } from '../../src/lib/chat/conversation';

// ---- text --------------------------------------------------------------------------------------------

const fromRange = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCharCode(c));

/** One UTF-16 unit or pair: ASCII, whitespace (incl. line separators), CJK, emoji, lone surrogates, private use. */
export const char = fc.oneof(
  { weight: 6, arbitrary: fromRange(0x20, 0x7e) },
  { weight: 1, arbitrary: fc.constantFrom(' ', '\n', '\t', '\u2028', '\u00a0', '\u3000') },
  { weight: 2, arbitrary: fromRange(0x4e00, 0x9fff) },
  { weight: 1, arbitrary: fc.constantFrom('😀', '🎉', '👩‍💻', '🇯🇵', '\ue200', '\ue201', '\ue202', '【', '】') },
  { weight: 1, arbitrary: fromRange(0xd800, 0xdfff) },
  { weight: 1, arbitrary: fromRange(0, 0x1f) },
);

export const text = (maxLength = 40) => fc.array(char, { maxLength }).map((cs) => cs.join(''));

/**
 * Text of `length` UTF-16 units that ends in half an emoji. Words stay short: search indexing (lib/chat/search
 * wordsOf) overflows V8's regexp stack on a run of ~4.2M non-Latin-1 letters, which is not this module's subject.
 */
export const longText = (length: number) => 'ab 日本 '.repeat(Math.ceil(length / 6)).slice(0, length - 1) + '\ud83d';

/** Usually short; rarely (they are slow to move around) exactly at the limit or one under. */
export const messageText = fc.oneof(
  { weight: 300, arbitrary: text(60) },
  { weight: 1, arbitrary: fc.constantFrom(MAX_TEXT_LENGTH, MAX_TEXT_LENGTH - 1).map(longText) },
);

// ---- the app's own data, written through the repository ---------------------------------------------

/** Milliseconds, with the ends of the valid range likely. */
export const appTime = fc.oneof(
  fc.constantFrom(0, 1, MAX_TIME, MAX_TIME - 1, 1_700_000_000_000),
  fc.integer({ min: 0, max: 2 ** 31 }),
  fc.double({ min: 0, max: MAX_TIME, noNaN: true }),
);

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x + 0); // + 0: no -0, which JSON cannot keep
const statValue = fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1e6, noNaN: true }).map((x) => x + 0));

const stats = fc.oneof(
  fc.constant(null),
  fc.record({ promptTokens: statValue, completionTokens: statValue, prefillTokensPerS: statValue, decodeTokensPerS: statValue, timeToFirstTokenS: statValue, totalS: statValue }, { noNullPrototype: true }),
);

const sampling = fc.record(
  { temperature: finite, top_p: finite, max_tokens: finite, frequency_penalty: finite, presence_penalty: finite, repetition_penalty: finite, seed: finite },
  { requiredKeys: [], noNullPrototype: true },
);

const appError: fc.Arbitrary<AppError> = fc.record(
  { kind: fc.constantFrom('unknown', 'device-lost', 'download-failed', 'context-exceeded' as const), message: text(), hint: text(), detail: text() },
  { requiredKeys: ['kind', 'message', 'hint'], noNullPrototype: true },
);

const optionalMessageFields = fc.record(
  { stats, finishReason: fc.constantFrom('stop', 'length', 'abort', 'error' as const), error: appError, modelId: text(20), sampling },
  { requiredKeys: [], noNullPrototype: true },
);

const status = fc.constantFrom<MessageStatus>('done', 'stopped', 'error', 'interrupted', 'streaming');

export interface PlannedMessage {
  /** Index of an earlier message of the same conversation, or null for a root. */
  readonly parent: number | null;
  readonly message: Omit<ChatMessage, 'id' | 'conversationId' | 'parentId'>;
  /** The message id is `m<n>-` plus this, cut to MAX_ID_LENGTH. */
  readonly idTail: string;
  /** A later write of the message (the streaming draft's end, an error). */
  readonly update: { readonly patch: Partial<Pick<ChatMessage, 'content' | 'status' | 'stats' | 'finishReason' | 'error' | 'modelId'>>; readonly at: number } | null;
}

export interface PlannedConversation {
  readonly init: { modelId: string | null; systemPrompt: string; settings: (Record<string, unknown> & { temperature: number | null; topP: number | null; maxTokens: number | null }) | null; title?: string };
  readonly createdAt: number;
  readonly messages: readonly PlannedMessage[];
  readonly rename: string | null;
  readonly autoTitle: string | null;
  readonly pinned: boolean;
  /** An index into messages (modulo), or null to clear the leaf; undefined leaves it where append put it. */
  readonly leaf: number | null | undefined;
  /** The running summary's switch and the summary (through an index into messages, modulo), set as the app does. */
  readonly summary: { readonly summarize?: boolean; readonly summary?: { readonly text: string; readonly through: number; readonly edited?: true } | null };
}

const plannedMessage = (index: number): fc.Arbitrary<PlannedMessage> =>
  fc.record({
    parent: index === 0 ? fc.constant(null) : fc.option(fc.nat(index - 1), { freq: 4 }),
    message: fc
      .tuple(fc.constantFrom('user', 'assistant' as const), messageText, status, appTime, appTime, optionalMessageFields)
      .map(([role, content, st, createdAt, updatedAt, extra]) => ({ role, content, status: st, createdAt, updatedAt, ...extra })),
    idTail: text(MAX_ID_LENGTH - 12),
    update: fc.option(
      fc.record({
        patch: fc.record({ content: messageText, status, stats, finishReason: fc.constantFrom('stop', 'abort' as const), error: appError, modelId: text(10) }, { requiredKeys: [], noNullPrototype: true }),
        at: appTime,
      }),
      { freq: 3 },
    ),
  });

const plannedMessages: fc.Arbitrary<PlannedMessage[]> = fc.integer({ min: 0, max: 6 }).chain((n) => (n === 0 ? fc.constant([]) : fc.tuple(...Array.from({ length: n }, (_, i) => plannedMessage(i)))));

const setting = (min: number, max: number) => fc.option(fc.double({ min, max, noNaN: true }).map((x) => x + 0));

export const plannedConversation: fc.Arbitrary<PlannedConversation> = fc.record({
  init: fc.record(
    {
      modelId: fc.option(text(20)),
      systemPrompt: fc.oneof({ weight: 10, arbitrary: text(30) }, { weight: 1, arbitrary: messageText }),
      settings: fc.option(
        fc.record(
          {
            temperature: setting(-1, 3),
            topP: setting(-1, 2),
            maxTokens: fc.option(fc.integer({ min: -5, max: 40_000 })),
            // The advanced decoding controls, out of range too: stored sanitized, exported and imported unchanged.
            topK: fc.option(fc.double({ min: -5, max: 3000, noNaN: true })),
            minP: setting(-0.5, 1.5),
            repetitionPenalty: setting(-1, 3),
            presencePenalty: setting(-3, 3),
            frequencyPenalty: setting(-3, 3),
            stop: fc.array(fc.oneof(text(120), fc.constant('')), { maxLength: 10 }),
            seed: fc.option(fc.double({ min: -10, max: 2 ** 33, noNaN: true })),
          },
          { requiredKeys: ['temperature', 'topP', 'maxTokens'], noNullPrototype: true },
        ),
      ),
      title: text(250),
    },
    { requiredKeys: ['modelId', 'systemPrompt', 'settings'], noNullPrototype: true },
  ),
  createdAt: appTime,
  messages: plannedMessages,
  rename: fc.option(text(250), { freq: 3 }),
  autoTitle: fc.option(text(80), { freq: 3 }),
  pinned: fc.boolean(),
  leaf: fc.oneof(fc.constant(undefined), fc.constant(null), fc.nat(5)),
  summary: fc.record(
    {
      summarize: fc.boolean(),
      summary: fc.option(fc.record({ text: fc.oneof(text(60), fc.constant('')), through: fc.nat(5), edited: fc.constant(true as const) }, { requiredKeys: ['text', 'through'], noNullPrototype: true })),
    },
    { requiredKeys: [], noNullPrototype: true },
  ),
});

// ---- ChatGPT conversations.json ---------------------------------------------------------------------

/** Seconds as ChatGPT writes them, and what a broken export holds instead. */
const chatGptTime = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 1.5e9, max: 1.8e9, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(null, -1, -1e300, 1e300, 8.64e12, 8.64e12 + 1, 0, '1700000000', true) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** A prefix of 200 characters makes long ids that the old importer truncated into collisions. */
const LONG = 'k'.repeat(MAX_ID_LENGTH);
const nodeKey = fc.oneof({ weight: 5, arbitrary: text(12) }, { weight: 2, arbitrary: text(5).map((t) => `${LONG}${t}`) });

const part = fc.oneof(
  { weight: 12, arbitrary: text(30) },
  { weight: 1, arbitrary: fc.oneof({ weight: 30, arbitrary: text(30) }, { weight: 1, arbitrary: fc.constantFrom(MAX_TEXT_LENGTH, MAX_TEXT_LENGTH + 1).map(longText) }) },
  { weight: 1, arbitrary: fc.constant({ content_type: 'image_asset_pointer', asset_pointer: 'file-service://file-x', width: 10, height: 10 }) },
  { weight: 1, arbitrary: fc.constantFrom({ content_type: 'audio_asset_pointer', asset_pointer: 'sediment://a' }, { content_type: 'video_container_asset_pointer' }) },
  { weight: 1, arbitrary: text(20).map((t) => ({ content_type: 'audio_transcription', text: t })) },
  { weight: 1, arbitrary: fc.constantFrom(null, 42, { content_type: 'mystery' }, {}, [1]) },
);

const content = fc.oneof(
  { weight: 12, arbitrary: fc.array(part, { minLength: 1, maxLength: 3 }).map((parts) => ({ content_type: 'text', parts })) },
  { weight: 4, arbitrary: fc.array(part, { maxLength: 4 }).map((parts) => ({ content_type: 'multimodal_text', parts })) },
  { weight: 1, arbitrary: fc.record({ content_type: fc.constant('code'), language: fc.option(text(8)), text: fc.option(text(30)) }, { noNullPrototype: true }) },
  { weight: 1, arbitrary: text(20).map((t) => ({ content_type: 'thoughts', thoughts: [{ summary: t, content: t }] })) },
  { weight: 1, arbitrary: fc.constant({ content_type: 'reasoning_recap', content: 'Thought for 3 seconds' }) },
  { weight: 1, arbitrary: fc.constantFrom({ content_type: 'execution_output', text: '42' }, { content_type: 'user_editable_context', user_profile: 'p', user_instructions: 'i' }, { content_type: 'tether_quote', url: 'u', text: 't' }, { content_type: 'weird' }, { parts: ['no type'] }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, 'text', []) },
);

const often = <T>(usual: T, ...odd: T[]) => fc.oneof({ weight: 6, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });

const chatGptMessage = fc.record(
  {
    author: fc.oneof(
      { weight: 8, arbitrary: fc.record({ role: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('user', 'assistant') }, { weight: 1, arbitrary: fc.constantFrom('system', 'tool', 'critic') }) }, { noNullPrototype: true }) },
      { weight: 1, arbitrary: fc.constantFrom(null, {}, 'user') },
    ),
    content,
    create_time: chatGptTime,
    recipient: often<string | null>('all', 'python', 'web.run', null),
    metadata: often<object | null>({}, { is_visually_hidden_from_conversation: true }, { is_user_system_message: true }, null),
  },
  { requiredKeys: ['author', 'content'], noNullPrototype: true },
);

/** One conversation: random keys, parents anywhere (loops, self, missing, unknown), some nodes not objects. */
const chatGptConversation = fc.uniqueArray(nodeKey, { maxLength: 8 }).chain((keys) =>
  fc.record(
    {
      conversation_id: fc.oneof(text(10), fc.constantFrom('dup-1', 'dup-2'), text(4).map((t) => `${'c'.repeat(MAX_ID_LENGTH)}${t}`), fc.constant(null)),
      id: text(10),
      title: fc.oneof(text(30), fc.constantFrom(null, 7, '', '   ')),
      create_time: chatGptTime,
      update_time: chatGptTime,
      current_node: fc.oneof(keys.length ? fc.constantFrom(...keys) : fc.constant('none'), fc.constantFrom(null, 'ghost', 3)),
      mapping: fc
        .tuple(
          ...keys.map(() =>
            fc.oneof(
              {
                weight: 8,
                arbitrary: fc.record(
                  {
                    parent: fc.oneof({ weight: 4, arbitrary: keys.length ? fc.constantFrom(...keys) : fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(null, 'ghost', undefined) }),
                    message: fc.oneof({ weight: 6, arbitrary: chatGptMessage }, { weight: 1, arbitrary: fc.constantFrom(null, 'text') }),
                    children: fc.constant([]),
                  },
                  { requiredKeys: ['parent', 'message'], noNullPrototype: true },
                ),
              },
              { weight: 1, arbitrary: fc.constantFrom(null, 'node', 5) },
            ),
          ),
        )
        .map((nodes) => Object.fromEntries(keys.map((k, i) => [k, nodes[i]]))),
    },
    { requiredKeys: ['mapping', 'current_node'], noNullPrototype: true },
  ),
);

/** A list with at least one conversation (else it is not a ChatGPT export at all), and maybe junk entries. */
export const chatGptExport = fc
  .tuple(
    chatGptConversation,
    fc.array(fc.oneof({ weight: 8, arbitrary: chatGptConversation }, { weight: 1, arbitrary: fc.constantFrom(null, 3, 'x', { title: 'no mapping' }) }), { maxLength: 3 }),
    fc.nat(),
  )
  .map(([one, rest, at]) => [...rest.slice(0, at % (rest.length + 1)), one, ...rest.slice(at % (rest.length + 1))]);

// ---- comparing stores --------------------------------------------------------------------------------

/** Bundles in a fixed order (conversations and messages by id), for comparing two stores. */
export function sortedBundles(bundles: readonly ConversationBundle[]): ConversationBundle[] {
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...bundles].map((b) => ({ conversation: b.conversation, messages: [...b.messages].sort(byId) })).sort((a, b) => byId(a.conversation, b.conversation));
}
