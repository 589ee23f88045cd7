/**
 * The importer against hostile and lossy files: linear work whatever the shape, progress, clamping to the
 * limits with a count, and a named count for everything a ChatGPT import leaves out.
 */
import { describe, expect, it } from 'vitest';
import { craftedWorstCaseExport, realisticChatGptExport } from '../../../tests/bench/import-fixtures';
import type { ChatMessage } from '../chat/chat-types';
import { activePath, buildTree } from '../chat/tree';
import { describeImport as describeTexts } from './describe-import';
import { englishText, translateText } from '../i18n/text';
import { translator } from '../i18n';
import { exportJson } from './export';
import { emptyReport, parseImport } from './import';
import { MAX_ID_LENGTH, MAX_TEXT_LENGTH, MAX_TIME } from './limits';
import { ImportError, type ImportProgress, type ImportReport, type ImportWork } from './transfer-types';
import type { ConversationBundle } from '../chat/conversation';

// ---- building ChatGPT files ------------------------------------------------------------------------

interface NodeSpec {
  readonly key: string;
  readonly parent?: string | null;
  readonly message?: Record<string, unknown> | null;
}

const msg = (role: string, content: unknown, extra: Record<string, unknown> = {}) => ({ author: { role }, content, create_time: 1_700_000_000, recipient: 'all', ...extra });
const textOf = (...parts: unknown[]) => ({ content_type: 'text', parts });

function conversation(nodes: readonly NodeSpec[], extra: Record<string, unknown> = {}) {
  const mapping: Record<string, unknown> = {};
  for (const n of nodes) mapping[n.key] = { id: n.key, parent: n.parent ?? null, children: [], message: n.message ?? null };
  return { title: 'T', create_time: 1_700_000_000, update_time: 1_700_000_100, mapping, current_node: nodes.at(-1)?.key ?? null, conversation_id: 'c', ...extra };
}

/** A chain: each node's parent is the one before it. */
const chain = (...nodes: Array<[string, Record<string, unknown> | null]>): NodeSpec[] =>
  nodes.map(([key, message], i) => ({ key, parent: i === 0 ? null : (nodes[i - 1]?.[0] ?? null), message }));

const parse = (list: unknown[], options = {}) => parseImport(JSON.stringify(list), options);
const reportOf = (list: unknown[]): ImportReport => parse(list).report;
const contents = (b: ConversationBundle) => activePath(buildTree(b.messages), b.conversation.activeLeafId).map((m) => m.content);

// ---- B: linear work ----------------------------------------------------------------------------------

describe('ChatGPT import does work linear in the file', () => {
  it('bridges 30,000 kept replies under the end of a 30,000-node skipped chain in linear steps', () => {
    // Naive bridging walks the whole chain once per reply: 9e8 steps, many minutes.
    const N = 30_000;
    const mapping: string[] = ['"q":{"parent":null,"message":{"author":{"role":"user"},"content":{"content_type":"text","parts":["question"]}}}'];
    for (let i = 0; i < N; i++) {
      const hidden = i % 2 === 0 ? '{"author":{"role":"tool"},"content":{"content_type":"text","parts":["out"]}}' : '{"author":{"role":"system"},"content":{"content_type":"text","parts":[""]},"metadata":{"is_visually_hidden_from_conversation":true}}';
      mapping.push(`"s${i}":{"parent":"${i === 0 ? 'q' : `s${i - 1}`}","message":${hidden}}`);
    }
    for (let i = 0; i < N; i++) mapping.push(`"k${i}":{"parent":"s${N - 1}","message":{"author":{"role":"assistant"},"content":{"content_type":"text","parts":["reply ${i}"]}}}`);
    const file = `[{"conversation_id":"fan","title":"Fan","current_node":"k7","mapping":{${mapping.join(',')}}}]`;
    const work: ImportWork = { nodes: 0, parentSteps: 0 };
    const { bundles, report } = parseImport(file, { work });
    expect(work.nodes).toBe(2 * N + 1);
    expect(work.parentSteps).toBeLessThanOrEqual(3 * work.nodes);
    const [b] = bundles;
    expect(b!.messages).toHaveLength(N + 1);
    expect(b!.messages.filter((m) => m.parentId === 'chatgpt-fan:q')).toHaveLength(N);
    expect(contents(b!)).toEqual(['question', 'reply 7']);
    expect(report.toolMessages).toBe(N / 2);
  });

  it('bridges a 300,000-node skipped chain without recursion', () => {
    // Recursion would overflow the stack at ~10,000 nodes. (1,000,000 works too, ~4 s here: mostly JSON.parse.)
    const N = 300_000;
    const mapping: string[] = ['"q":{"message":{"author":{"role":"user"},"content":{"content_type":"text","parts":["top"]}}}'];
    const key = (i: number) => `n${i.toString(36)}`;
    for (let i = 0; i < N; i++) mapping.push(`"${key(i)}":{"parent":"${i === 0 ? 'q' : key(i - 1)}"}`);
    mapping.push(`"a":{"parent":"${key(N - 1)}","message":{"author":{"role":"assistant"},"content":{"content_type":"text","parts":["bottom"]}}}`);
    const work: ImportWork = { nodes: 0, parentSteps: 0 };
    const [b] = parseImport(`[{"id":"deep","mapping":{${mapping.join(',')}},"current_node":"a"}]`, { work }).bundles;
    expect(contents(b!)).toEqual(['top', 'bottom']);
    expect(work.parentSteps).toBeLessThanOrEqual(3 * work.nodes);
  });

  it('takes linear steps on the crafted worst-case fixture, and on a realistic export', () => {
    for (const text of [craftedWorstCaseExport(2_000_000), realisticChatGptExport(1_000_000)]) {
      const work: ImportWork = { nodes: 0, parentSteps: 0 };
      const { bundles } = parseImport(text, { work });
      expect(bundles.length).toBeGreaterThan(3);
      expect(work.parentSteps).toBeLessThanOrEqual(3 * work.nodes);
    }
  });

  it('treats loops in parent links as roots: a ring of skipped nodes, a ring of kept ones, a node its own parent', () => {
    const file = [
      conversation(
        [
          { key: 'r1', parent: 'r2', message: null },
          { key: 'r2', parent: 'r1', message: msg('tool', textOf('x')) },
          { key: 'u', parent: 'r1', message: msg('user', textOf('under a ring')) },
          { key: 'x', parent: 'y', message: msg('user', textOf('x')) },
          { key: 'y', parent: 'x', message: msg('assistant', textOf('y')) },
          { key: 'self', parent: 'self', message: msg('user', textOf('self')) },
        ],
      ),
    ];
    const { bundles, report } = parse(file);
    const tree = buildTree(bundles[0]!.messages);
    expect(tree.byId.get('chatgpt-c:u')?.parentId).toBeNull();
    expect(tree.byId.get('chatgpt-c:self')?.parentId).toBeNull();
    // The x/y ring is cut once: one of them is the root, the other its child.
    const ring = ['chatgpt-c:x', 'chatgpt-c:y'].map((id) => tree.byId.get(id)!);
    expect(ring.filter((m) => m.parentId === null)).toHaveLength(1);
    expect(activePath(tree, ring.find((m) => m.parentId !== null)!.id)).toHaveLength(2);
    expect(report.loopsCut).toBe(2);
  });
});

describe('progress', () => {
  it('reports parsing, then conversations converted in about 1% steps, ending at the total', () => {
    const list = Array.from({ length: 1000 }, (_, i) => conversation(chain(['u', msg('user', textOf(`q${i}`))]), { conversation_id: `c${i}` }));
    const seen: ImportProgress[] = [];
    parse(list, { onProgress: (p: ImportProgress) => seen.push(p) });
    expect(seen[0]).toEqual({ phase: 'parsing', done: 0, total: 0 });
    const converting = seen.slice(1);
    expect(converting.every((p) => p.phase === 'converting' && p.total === 1000)).toBe(true);
    expect(converting.at(-1)).toEqual({ phase: 'converting', done: 1000, total: 1000 });
    expect(converting.length).toBeLessThanOrEqual(102);
    expect(converting.map((p) => p.done)).toEqual([...converting.map((p) => p.done)].sort((a, b) => a - b));
  });

  it('reports the app’s own format too, and every conversation of a small file', () => {
    const own = exportJson([0, 1, 2].map((i) => ({ conversation: { ...baseConversation, id: `c${i}` }, messages: [] })));
    const seen: ImportProgress[] = [];
    parseImport(own, { onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.done)).toEqual([0, 0, 1, 2, 3]);
  });
});

// ---- C: limits, clamped at import and counted ----------------------------------------------------------

const baseConversation = {
  id: 'c1',
  title: 'T',
  titleSource: 'auto' as const,
  modelId: null,
  systemPrompt: '',
  settings: null,
  createdAt: 1000,
  updatedAt: 2000,
  pinned: 0 as const,
  activeLeafId: null,
};
const ownMessage = (id: string, parentId: string | null, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  conversationId: 'c1',
  parentId,
  role: 'user',
  content: id,
  status: 'done',
  createdAt: 1000,
  updatedAt: 1000,
  ...extra,
});
const ownFile = (conversations: unknown[]) => JSON.stringify({ format: 'private-chat-export', version: 1, conversations });

describe('ChatGPT values out of range are clamped and counted', () => {
  it('replaces negative, overflowing and non-numeric times with the previous message’s or the conversation’s', () => {
    const file = [
      conversation(
        chain(
          ['a', msg('user', textOf('a'), { create_time: 1_700_000_010 })],
          ['b', msg('assistant', textOf('b'), { create_time: 1e300 })], // * 1000 = Infinity
          ['c', msg('user', textOf('c'), { create_time: -5 })],
          ['d', msg('assistant', textOf('d'), { create_time: '1700000000' })],
          ['e', msg('user', textOf('e'), { create_time: null })], // missing is normal in exports: not counted
        ),
        { create_time: -1e300, update_time: 8.64e12 + 1 },
      ),
    ];
    const { bundles, report } = parse(file);
    const b = bundles[0]!;
    expect(b.messages.map((m) => m.createdAt)).toEqual([1_700_000_010_000, 1_700_000_010_000, 1_700_000_010_000, 1_700_000_010_000, 1_700_000_010_000]);
    expect(b.conversation.createdAt).toBe(1_700_000_010_000); // the first valid message time
    expect(b.conversation.updatedAt).toBe(1_700_000_010_000);
    expect(report.invalidTimes).toBe(5);
    // And what was stored exports and imports again without a change.
    expect(parseImport(exportJson(bundles)).bundles).toEqual(bundles);
  });

  it('remaps ids over the limit to distinct, deterministic shorter ids (no collisions, no message its own parent)', () => {
    const prefix = 'n'.repeat(MAX_ID_LENGTH);
    const file = [conversation(chain([`${prefix}1`, msg('user', textOf('q'))], [`${prefix}2`, msg('assistant', textOf('a'))], [`${prefix}3`, msg('user', textOf('q2'))]))];
    const first = parse(file);
    const ids = first.bundles[0]!.messages.map((m) => m.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => id.length <= MAX_ID_LENGTH)).toBe(true);
    expect(first.bundles[0]!.messages.every((m) => m.parentId !== m.id)).toBe(true);
    expect(contents(first.bundles[0]!)).toEqual(['q', 'a', 'q2']);
    expect(first.report.remappedIds).toBe(3);
    expect(parse(file).bundles).toEqual(first.bundles);
  });

  it('gives a long conversation id a short one that stays the same, and suffixes a clash with an id already in the file', () => {
    const long = 'L'.repeat(300);
    const once = parse([conversation(chain(['u', msg('user', textOf('q'))]), { conversation_id: long })]).bundles[0]!.conversation.id;
    expect(once.length).toBeLessThanOrEqual(MAX_ID_LENGTH);
    // A file that already holds, literally, the id the long one maps to: both are kept, under different ids.
    const clash = once.slice('chatgpt-'.length);
    const { bundles } = parse([
      conversation(chain(['u', msg('user', textOf('long'))]), { conversation_id: long }),
      conversation(chain(['u', msg('user', textOf('literal'))]), { conversation_id: clash }),
    ]);
    expect(bundles.map((b) => b.conversation.id)).toEqual([`${once}~2`, once]);
  });

  it('suffixes a remapped message id that a node of the file already has, literally', () => {
    const long = 'n'.repeat(MAX_ID_LENGTH + 1);
    const remapped = parse([conversation(chain([long, msg('user', textOf('long'))]))]).bundles[0]!.messages[0]!.id;
    const literalKey = remapped.slice('chatgpt-c:'.length);
    const { bundles } = parse([conversation(chain([long, msg('user', textOf('long'))], [literalKey, msg('assistant', textOf('literal'))]))]);
    expect(bundles[0]!.messages.map((m) => [m.id, m.content])).toEqual([
      [`${remapped}~2`, 'long'],
      [remapped, 'literal'],
    ]);
  });

  it('cuts text over the limit and counts it; the result exports and imports again', () => {
    const { bundles, report } = parse([conversation(chain(['u', msg('user', textOf('x'.repeat(MAX_TEXT_LENGTH), 'more'))]))]);
    expect(bundles[0]!.messages[0]!.content).toHaveLength(MAX_TEXT_LENGTH);
    expect(report.shortened).toBe(1);
    expect(parseImport(exportJson(bundles)).bundles).toEqual(bundles);
  });
});

describe('own format: clamped and counted where the app once wrote it, refused where the file is broken', () => {
  it('reads an older export with text over the limit, times JSON wrote as null, out-of-range times and long ids', () => {
    const longId = 'm'.repeat(MAX_ID_LENGTH + 50);
    const file = ownFile([
      {
        ...baseConversation,
        createdAt: null, // Infinity in the store, null in JSON
        updatedAt: 5000,
        systemPrompt: 's'.repeat(MAX_TEXT_LENGTH + 1),
        activeLeafId: longId,
        messages: [ownMessage('a', null, { content: 'y'.repeat(MAX_TEXT_LENGTH + 10), createdAt: -1 }), ownMessage(longId, 'a', { createdAt: MAX_TIME + 1, updatedAt: 7000 })],
      },
    ]);
    const { bundles, report } = parseImport(file);
    const [b] = bundles;
    expect(b!.conversation).toMatchObject({ createdAt: 5000, updatedAt: 5000 });
    expect(b!.conversation.systemPrompt).toHaveLength(MAX_TEXT_LENGTH);
    expect(b!.messages[0]).toMatchObject({ createdAt: 5000, updatedAt: 1000 });
    expect(b!.messages[0]!.content).toHaveLength(MAX_TEXT_LENGTH);
    expect(b!.messages[1]).toMatchObject({ createdAt: 5000, updatedAt: 7000, parentId: 'a' });
    expect(b!.messages[1]!.id.length).toBeLessThanOrEqual(MAX_ID_LENGTH);
    expect(b!.conversation.activeLeafId).toBe(b!.messages[1]!.id);
    expect(report).toEqual({ ...emptyReport(), invalidTimes: 3, shortened: 2, remappedIds: 1 });
  });

  it('keeps every field of a message and a conversation, the error detail and an empty model id included', () => {
    const bundle: ConversationBundle = {
      conversation: { ...baseConversation, modelId: '', systemPrompt: 'S', settings: { temperature: 0.5, topP: null, maxTokens: 10 }, titleSource: 'model', pinned: 1, activeLeafId: 'b' },
      messages: [
        ownMessage('a', null, { modelId: '', sampling: {}, stats: null }),
        ownMessage('b', 'a', {
          role: 'assistant',
          status: 'error',
          finishReason: 'error',
          error: { kind: 'device-lost', message: 'm', hint: 'h', detail: 'GPU gone' },
          stats: { promptTokens: 1, completionTokens: null, prefillTokensPerS: 2, decodeTokensPerS: 3, timeToFirstTokenS: null, totalS: 4 },
          sampling: { temperature: 0, seed: 3 },
          modelId: 'M',
        }),
      ],
    };
    expect(parseImport(exportJson([bundle])).bundles).toEqual([bundle]);
  });

  it('keeps the decoding controls of a conversation and of each reply; settings out of range are brought into range', () => {
    const settings = { temperature: 0.7, topP: 0.95, maxTokens: null, topK: 40, minP: 0.05, repetitionPenalty: 1.1, presencePenalty: 0.5, frequencyPenalty: -0.5, stop: ['###', '\n'], seed: 7 };
    const sampling = { temperature: 0.7, top_p: 0.95, top_k: 40, min_p: 0.05, repetition_penalty: 1.1, presence_penalty: 0.5, frequency_penalty: -0.5, stop: ['###', '\n'], seed: 7 };
    const bundle: ConversationBundle = {
      conversation: { ...baseConversation, settings },
      messages: [ownMessage('a', null), ownMessage('b', 'a', { role: 'assistant', sampling })],
    };
    expect(parseImport(exportJson([bundle])).bundles).toEqual([bundle]);

    const wild = { temperature: 5, topK: -3, minP: 7, repetitionPenalty: -1, presencePenalty: 9, frequencyPenalty: 'x', stop: ['', 'ok', 3], seed: -2.5 };
    const [imported] = parseImport(ownFile([{ ...baseConversation, settings: wild, messages: [ownMessage('a', null, { sampling: { top_k: 'x', stop: 'END', seed: 1 } as never })] }])).bundles;
    expect(imported!.conversation.settings).toEqual({ temperature: 2, topP: null, maxTokens: null, minP: 0.99, repetitionPenalty: 0.05, presencePenalty: 2, stop: ['ok'], seed: 0 });
    expect(imported!.messages[0]!.sampling).toEqual({ stop: ['END'], seed: 1 });
  });

  it('keeps the running summary and its switch; a summary through a message it does not have is dropped, a long id remapped', () => {
    const bundle: ConversationBundle = {
      conversation: { ...baseConversation, summarize: true, summary: { text: 'The user plans a trip.', throughId: 'b', edited: true } },
      messages: [ownMessage('a', null), ownMessage('b', 'a', { role: 'assistant' })],
    };
    expect(parseImport(exportJson([bundle])).bundles).toEqual([bundle]);
    const off: ConversationBundle = { ...bundle, conversation: { ...baseConversation, summarize: false, summary: null } };
    expect(parseImport(exportJson([off])).bundles).toEqual([off]);

    const longId = 'm'.repeat(MAX_ID_LENGTH + 20);
    const [kept, unknown, broken] = parseImport(
      ownFile([
        { ...baseConversation, summarize: 'yes', summary: { text: 's'.repeat(MAX_TEXT_LENGTH + 1), throughId: longId, edited: 'no' }, messages: [ownMessage(longId, null)] },
        { ...baseConversation, id: 'c2', summary: { text: 'S', throughId: 'elsewhere' }, messages: [ownMessage('x', null)] },
        { ...baseConversation, id: 'c3', summary: { text: 7, throughId: 'y' }, messages: [ownMessage('y', null)] },
      ]),
    ).bundles;
    expect(kept!.conversation.summarize).toBeUndefined();
    expect(kept!.conversation.summary).toEqual({ text: 's'.repeat(MAX_TEXT_LENGTH), throughId: kept!.messages[0]!.id });
    expect(kept!.messages[0]!.id.length).toBeLessThanOrEqual(MAX_ID_LENGTH);
    expect('summary' in unknown!.conversation).toBe(false);
    expect('summary' in broken!.conversation).toBe(false);
  });

  it.each([
    ['a time of the wrong type', ownFile([{ ...baseConversation, messages: [ownMessage('a', null, { createdAt: '1000' as never })] }]), /createdAt is not a valid time/],
    ['an unknown status', ownFile([{ ...baseConversation, messages: [ownMessage('a', null, { status: 'thinking' as never })] }]), /status is not a known status/],
    ['a duplicate message id', ownFile([{ ...baseConversation, messages: [ownMessage('a', null), ownMessage('a', null)] }]), /message id a twice/],
    ['two long ids that are the same', ownFile([{ ...baseConversation, messages: [ownMessage('z'.repeat(300), null), ownMessage('z'.repeat(300), null)] }]), /twice/],
    ['a duplicate conversation id', ownFile([{ ...baseConversation, messages: [] }, { ...baseConversation, messages: [] }]), /appears twice/],
    ['an empty id', ownFile([{ ...baseConversation, messages: [ownMessage('', null)] }]), /not a valid id/],
  ])('refuses %s', (_, file, why) => {
    expect(() => parseImport(file)).toThrow(ImportError);
    expect(() => parseImport(file)).toThrow(why);
  });
});

// ---- D: every loss counted under its own name ----------------------------------------------------------

describe('ChatGPT import counts what it leaves out, each under its own name', () => {
  const one = (message: Record<string, unknown>) => [conversation(chain(['q', msg('user', textOf('question'))], ['x', message]))];

  it.each<[string, Record<string, unknown>, Partial<ImportReport>]>([
    ['a tool output', msg('tool', { content_type: 'execution_output', text: '42' }), { toolMessages: 1 }],
    ['a call to a tool', msg('assistant', { content_type: 'code', text: 'print(1)' }, { recipient: 'python' }), { toolMessages: 1 }],
    ['a thinking summary', msg('assistant', { content_type: 'thoughts', thoughts: [{ summary: 's', content: 'c' }] }), { reasoning: 1 }],
    ['a reasoning recap', msg('assistant', { content_type: 'reasoning_recap', content: 'Thought for 3s' }), { reasoning: 1 }],
    ['custom instructions', msg('user', { content_type: 'user_editable_context', user_instructions: 'be brief' }, { metadata: { is_visually_hidden_from_conversation: true, is_user_system_message: true } }), { systemMessages: 1 }],
    ['a system prompt with text', msg('system', textOf('You are ChatGPT')), { systemMessages: 1 }],
    ['a hidden message with text', msg('assistant', textOf('memory'), { metadata: { is_visually_hidden_from_conversation: true } }), { hiddenMessages: 1 }],
    ['an unknown content type', msg('assistant', { content_type: 'sonic_webpage', text: 'x' }), { unknownContent: 1 }],
    ['an unknown role', msg('critic', textOf('x')), { unknownContent: 1 }],
    ['an unknown part', msg('user', { content_type: 'multimodal_text', parts: ['see', { content_type: 'mystery' }] }), { unknownContent: 1 }],
    ['hidden empty scaffolding (nothing lost)', msg('system', textOf(''), { metadata: { is_visually_hidden_from_conversation: true } }), {}],
  ])('%s', (_, message, counts) => {
    expect(reportOf(one(message))).toEqual({ ...emptyReport(), ...counts });
  });

  it('keeps a placeholder where an image, audio or video stood, and a message that was only an image', () => {
    const file = [
      conversation(
        chain(
          ['q', msg('user', { content_type: 'multimodal_text', parts: [{ content_type: 'image_asset_pointer', asset_pointer: 'file-service://a' }] })],
          ['a', msg('assistant', textOf('A cat.'))],
          ['v', msg('user', { content_type: 'multimodal_text', parts: [{ content_type: 'audio_transcription', text: 'what is this' }, { content_type: 'audio_asset_pointer' }, 'and', { content_type: 'video_container_asset_pointer' }, { content_type: 'image_asset_pointer' }] })],
        ),
      ),
    ];
    const { bundles, report } = parse(file);
    expect(contents(bundles[0]!)).toEqual(['[image omitted]', 'A cat.', 'what is this\n[audio omitted]\nand\n[video omitted]\n[image omitted]']);
    expect(report).toEqual({ ...emptyReport(), images: 2, otherMedia: 2 });
  });

  it('counts duplicates, entries that are not conversations, and conversations left empty', () => {
    const c = (id: string, nodes: NodeSpec[]) => conversation(nodes, { conversation_id: id });
    const report = reportOf([
      c('a', chain(['u', msg('user', textOf('hi'))])),
      c('a', chain(['u', msg('user', textOf('hi again'))])),
      c('a', chain(['u', msg('user', textOf('and again'))])),
      null,
      { title: 'no mapping' },
      c('b', chain(['t', msg('tool', textOf('only a tool'))])),
    ]);
    expect(report).toEqual({ ...emptyReport(), duplicateConversations: 2, notConversations: 2, emptyConversations: 1, toolMessages: 1 });
  });

  it('counts a message cut to the limit', () => {
    expect(reportOf(one(msg('assistant', textOf('z'.repeat(MAX_TEXT_LENGTH + 1)))))).toEqual({ ...emptyReport(), shortened: 1 });
  });
});

describe('describeImport', () => {
  const written = { added: 3, existing: 0, remappedMessageIds: 0 };
  /** The summary as an English reader sees it. */
  const describeImport = (...args: Parameters<typeof describeTexts>) => describeTexts(...args).map(englishText);

  it('says only what happened, in sentences, singular and plural right', () => {
    expect(describeImport({ format: 'private-chat', report: emptyReport() }, { added: 1, existing: 0, remappedMessageIds: 0 })).toEqual(['Imported 1 conversation from the export.']);
    expect(
      describeImport(
        { format: 'chatgpt', report: { ...emptyReport(), toolMessages: 5, images: 4, reasoning: 1, shortened: 1, duplicateConversations: 1, invalidTimes: 3 } },
        { added: 3, existing: 2, remappedMessageIds: 0 },
      ),
    ).toEqual([
      'Imported 3 conversations from the ChatGPT export.',
      '2 were already here and left as they are.',
      '1 conversation appeared twice in the file; the second copy was skipped.',
      '5 tool calls and tool outputs left out.',
      '4 images left out (shown as [image omitted]).',
      '1 reasoning summary left out.',
      '1 message was longer than 5,000,000 characters and was shortened.',
      '3 times were invalid and were replaced.',
    ]);
  });

  it.each<[Partial<ImportReport> | { existing: number } | { remappedMessageIds: number }, string, string]>([
    [{ existing: 1 }, '1 was already here and left as it is.', ''],
    [{ remappedMessageIds: 1 }, '1 message had an id already in use and was given a new one.', '2 messages had ids already in use and were given new ones.'],
    [{ toolMessages: 1 }, '1 tool call or tool output left out.', '2 tool calls and tool outputs left out.'],
    [{ images: 1 }, '1 image left out (shown as [image omitted]).', '2 images left out (shown as [image omitted]).'],
    [{ otherMedia: 1 }, '1 audio or video clip left out (shown as [audio omitted] or [video omitted]).', '2 audio and video clips left out (shown as [audio omitted] or [video omitted]).'],
    [{ reasoning: 1 }, '1 reasoning summary left out.', '2 reasoning summaries left out.'],
    [{ systemMessages: 1 }, '1 system message (custom instructions, memory) left out.', '2 system messages (custom instructions, memory) left out.'],
    [{ hiddenMessages: 1 }, '1 hidden message left out.', '2 hidden messages left out.'],
    [{ unknownContent: 1 }, '1 item of an unknown kind left out.', '2 items of unknown kinds left out.'],
    [{ shortened: 1 }, '1 message was longer than 5,000,000 characters and was shortened.', '2 messages were longer than 5,000,000 characters and were shortened.'],
    [{ duplicateConversations: 1 }, '1 conversation appeared twice in the file; the second copy was skipped.', '2 conversations appeared more than once in the file; only the first copy of each was imported.'],
    [{ notConversations: 1 }, '1 entry in the file was not a conversation and was skipped.', '2 entries in the file were not conversations and were skipped.'],
    [{ emptyConversations: 1 }, '1 conversation had no messages to import and was skipped.', '2 conversations had no messages to import and were skipped.'],
    [{ invalidTimes: 1 }, '1 time was invalid and was replaced.', '2 times were invalid and were replaced.'],
    [{ remappedIds: 1 }, '1 id was too long and was replaced by a shorter one.', '2 ids were too long and were replaced by shorter ones.'],
    [{ loopsCut: 1 }, '1 loop in the links between messages was cut.', '2 loops in the links between messages were cut.'],
  ])('%o', (counts, singular, plural) => {
    const key = Object.keys(counts)[0] as string;
    const at = (n: number) => {
      const w = key === 'existing' || key === 'remappedMessageIds' ? { ...written, [key]: n } : written;
      const report = key in emptyReport() ? { ...emptyReport(), [key]: n } : emptyReport();
      return describeImport({ format: 'chatgpt', report }, w).slice(1);
    };
    expect(at(0)).toEqual([]);
    expect(at(1)).toEqual([singular]);
    if (plural) expect(at(2)).toEqual([plural]);
  });

  it('names every count of the report', () => {
    const all = Object.fromEntries(Object.keys(emptyReport()).map((k) => [k, 2])) as unknown as ImportReport;
    expect(describeImport({ format: 'chatgpt', report: all }, written)).toHaveLength(1 + Object.keys(all).length);
  });

  it('is data the UI says in its language: every sentence in Chinese too', () => {
    const all = Object.fromEntries(Object.keys(emptyReport()).map((k) => [k, 1])) as unknown as ImportReport;
    const zh = describeTexts({ format: 'chatgpt', report: all }, { added: 1200, existing: 1, remappedMessageIds: 1 }).map((line) =>
      translateText(translator('zh-CN'), line),
    );
    expect(zh).toHaveLength(3 + Object.keys(all).length);
    expect(zh[0]).toBe('已从 ChatGPT 导出文件导入 1,200 个对话。');
    for (const line of zh) expect(line).toMatch(/[\u4e00-\u9fff]/);
  });
});
