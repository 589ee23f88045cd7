import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../chat/chat-types';
import type { Conversation } from '../chat/conversation';
import { activePath, buildTree, siblingsOf } from '../chat/tree';
import { exportFileName, exportJson, exportMarkdown } from './export';
import { emptyReport, parseImport } from './import';
import { ImportError } from './transfer-types';
import { LimitError, MAX_TEXT_LENGTH, checkId, checkText, checkTime } from './limits';
import { translator } from '../i18n';
import { translateText } from '../i18n/text';
import type { ConversationBundle } from '../chat/conversation';

const conversation: Conversation = {
  id: 'c1',
  title: 'Linked lists <script>alert(1)</script>',
  titleSource: 'auto',
  modelId: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
  systemPrompt: 'Be brief.',
  settings: { temperature: 0, topP: null, maxTokens: 64 },
  createdAt: 1000,
  updatedAt: 5000,
  pinned: 1,
  activeLeafId: 'a1',
};
const m = (id: string, parentId: string | null, role: 'user' | 'assistant', content: string, at: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  conversationId: 'c1',
  parentId,
  role,
  content,
  status: 'done',
  createdAt: at,
  updatedAt: at,
  ...extra,
});
const messages = [
  m('u1', null, 'user', 'How do I reverse a list? <img src=x onerror=alert(1)>', 1000),
  m('a1', 'u1', 'assistant', 'Flip the pointers.', 2000, {
    modelId: 'Qwen',
    finishReason: 'stop',
    stats: { promptTokens: 31, completionTokens: 4, prefillTokensPerS: 1, decodeTokensPerS: 2, timeToFirstTokenS: 0.5, totalS: 2 },
    sampling: { temperature: 0, max_tokens: 64 },
  }),
  m('a2', 'u1', 'assistant', 'Use recursion.', 3000, { status: 'stopped', finishReason: 'abort' }),
];
const bundle: ConversationBundle = { conversation, messages };

describe('export', () => {
  it('round-trips losslessly through JSON, every branch included', () => {
    const result = parseImport(exportJson([bundle], 0));
    expect(result.format).toBe('private-chat');
    expect(result.bundles).toEqual([bundle]);
    expect(siblingsOf(buildTree(result.bundles[0]!.messages), messages[2]!)).toMatchObject({ count: 2 });
  });

  it('writes the branch on screen as Markdown', () => {
    const md = exportMarkdown(bundle);
    expect(md).toContain('# Linked lists');
    expect(md).toContain('> **System:** Be brief.');
    expect(md).toContain('## You\n\nHow do I reverse a list?');
    expect(md).toContain('## Assistant (Qwen)\n\nFlip the pointers.');
    expect(md).not.toContain('Use recursion.');
  });

  it('makes safe file names', () => {
    expect(exportFileName('Linked lists <script>', 'md')).toBe('Linked-lists-script.md');
    expect(exportFileName('***', 'json')).toBe('conversation.json');
  });
});

describe('import: bad files change nothing and say why', () => {
  const own = (conversations: unknown, extra: object = {}) => JSON.stringify({ format: 'private-chat-export', version: 1, conversations, ...extra });

  it.each([
    ['empty', '', /empty/],
    ['malformed JSON', '{"format": "private-chat-export", ', /not valid JSON/],
    ['truncated export', exportJson([bundle]).slice(0, 300), /not valid JSON/],
    ['another JSON', '{"hello": "world"}', /neither an export from this app nor ChatGPT/],
    ['a number', '42', /neither/],
    ['a newer version', own([], { version: 99 }), /newer version/],
    ['no list', own('nope'), /no "conversations" list/],
    ['a bad role', own([{ ...conversation, messages: [{ ...messages[0], role: 'system' }] }]), /role must be/],
    ['content that is not text', own([{ ...conversation, messages: [{ ...messages[0], content: { html: '<b>' } }] }]), /content is not text/],
    ['a missing id', own([{ ...conversation, id: undefined, messages: [] }]), /\.id is not a valid id/],
    ['a duplicate message id', own([{ ...conversation, messages: [messages[0], messages[0]] }]), /twice/],
    ['a bad time', own([{ ...conversation, createdAt: 'yesterday', messages: [] }]), /not a valid time/],
  ])('%s', (_, text, why) => {
    expect(() => parseImport(text)).toThrow(ImportError);
    expect(() => parseImport(text)).toThrow(why);
  });

  it('says why in words the page translates: the English as the message, a Chinese version of the same text', () => {
    const zh = translator('zh-CN');
    const refusal = (text: string) => {
      try {
        parseImport(text);
      } catch (err) {
        if (err instanceof ImportError) return err;
      }
      throw new Error('expected an ImportError');
    };
    const empty = refusal('  ');
    expect(empty.message).toBe('The file is empty.');
    expect(translateText(zh, empty.text)).toBe('文件是空的。');
    const badRole = refusal(own([{ ...conversation, messages: [{ ...messages[0], role: 'tool' }] }]));
    expect(badRole.message).toBe('conversations[0].messages[0].role must be "user" or "assistant".');
    expect(translateText(zh, badRole.text)).toBe('conversations[0].messages[0].role 必须是 "user" 或 "assistant"。');
  });

  it('refuses what it could not import again, saying so in both languages', () => {
    const tooLong = () => checkText('x'.repeat(MAX_TEXT_LENGTH + 1), 'systemPrompt');
    expect(tooLong).toThrow(LimitError);
    expect(tooLong).toThrow('The system prompt is too long (5,000,001 characters; the limit is 5,000,000).');
    try {
      checkId('', 'messageId');
    } catch (err) {
      expect(err instanceof LimitError && err.message).toBe('The message id must be 1 to 200 characters long.');
      expect(err instanceof LimitError && translateText(translator('zh-CN'), err.text)).toBe('消息 id 的长度必须为 1 到 200 个字符。');
    }
    expect(() => checkTime(-1, 'conversationTime')).toThrow('The conversation time -1 is not a valid time.');
  });

  it('refuses a file over the size limit before parsing it', () => {
    const huge = 'x'.repeat(100 * 1024 * 1024 + 1);
    expect(() => parseImport(huge)).toThrow(/too large/);
  });

  it('imports a 50 MB ChatGPT export', () => {
    const big = 'lorem ipsum '.repeat(4000);
    const list = Array.from({ length: 560 }, (_, i) => chatgpt({ id: `big-${i}`, nodes: [['u', 'user', big], ['a', 'assistant', big]] }));
    const text = JSON.stringify(list);
    expect(text.length).toBeGreaterThan(50 * 1024 * 1024);
    const result = parseImport(text);
    expect(result.bundles).toHaveLength(560);
  });

  it('keeps hostile strings as plain text, and drops unknown fields', () => {
    const result = parseImport(own([{ ...conversation, messages, __proto__: { polluted: true }, evil: '<script>' }]));
    expect(result.bundles[0]!.conversation.title).toBe('Linked lists <script>alert(1)</script>');
    expect(result.bundles[0]!.conversation).not.toHaveProperty('evil');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('turns a reply saved mid-stream into an interrupted one', () => {
    const result = parseImport(own([{ ...conversation, messages: [messages[0], { ...messages[1], status: 'streaming' }] }]));
    expect(result.bundles[0]!.messages[1]!.status).toBe('interrupted');
  });
});

// A ChatGPT conversation: nodes as [id, role, text, parent?, extra message fields]
type Node = [string, string | null, string | unknown[] | null, string?, Record<string, unknown>?];
function chatgpt({ id, nodes, current, title = 'ChatGPT chat' }: { id?: string; nodes: Node[]; current?: string; title?: string }) {
  const mapping: Record<string, unknown> = { root: { id: 'root', message: null, parent: null, children: [] } };
  let previous = 'root';
  for (const [nodeId, role, text, parent, extra] of nodes) {
    mapping[nodeId] = {
      id: nodeId,
      parent: parent ?? previous,
      children: [],
      message:
        role === null
          ? null
          : {
              id: nodeId,
              author: { role },
              create_time: 1_700_000_000 + Object.keys(mapping).length,
              content: Array.isArray(text) ? { content_type: 'multimodal_text', parts: text } : { content_type: 'text', parts: [text] },
              recipient: 'all',
              ...extra,
            },
    };
    previous = nodeId;
  }
  return { title, create_time: 1_700_000_000.5, update_time: 1_700_000_100, mapping, current_node: current ?? previous, ...(id ? { conversation_id: id } : {}) };
}

describe('import: ChatGPT conversations.json', () => {
  it('rebuilds the tree, bridges hidden and tool nodes, and follows current_node', () => {
    const file = [
      chatgpt({
        id: 'abc',
        title: 'Trip plan',
        nodes: [
          ['sys', 'system', '', undefined, { metadata: { is_visually_hidden_from_conversation: true } }],
          ['u1', 'user', 'Plan a trip to Kyoto 🗾'],
          ['call', 'assistant', 'search("kyoto")', undefined, { recipient: 'browser' }],
          ['tool', 'tool', 'results…'],
          ['a1', 'assistant', 'Day 1: Fushimi Inari.'],
          ['a1b', 'assistant', 'Day 1: Arashiyama.', 'tool'],
          ['img', 'user', ['Look at this', { content_type: 'image_asset_pointer', asset_pointer: 'file-service://x' }], 'a1b'],
        ],
        current: 'a1',
      }),
    ];
    const { bundles, report, format } = parseImport(JSON.stringify(file));
    expect(format).toBe('chatgpt');
    expect(report).toEqual({ ...emptyReport(), toolMessages: 2, images: 1 }); // the call and its output; the image part
    const [b] = bundles;
    expect(b!.conversation).toMatchObject({ id: 'chatgpt-abc', title: 'Trip plan', createdAt: 1_700_000_000_500 });
    const tree = buildTree(b!.messages);
    expect(activePath(tree, b!.conversation.activeLeafId).map((x) => x.content)).toEqual(['Plan a trip to Kyoto 🗾', 'Day 1: Fushimi Inari.']);
    const a1 = tree.byId.get('chatgpt-abc:a1')!;
    expect(siblingsOf(tree, a1)).toMatchObject({ count: 2 });
    expect(tree.byId.get('chatgpt-abc:img')?.content).toBe('Look at this\n[image omitted]');
  });

  it('gives the same ids on a second import (no duplicates) and survives odd shapes', () => {
    const file = JSON.stringify([
      chatgpt({ id: 'x', nodes: [['u', 'user', 'hi'], ['a', 'assistant', 'hello']] }),
      chatgpt({ id: 'x', nodes: [['u', 'user', 'hi again']] }),
      { title: 'no mapping' },
      chatgpt({ nodes: [['u', 'user', 'no id at all']], title: '' }),
      chatgpt({ id: 'loop', nodes: [['u', 'user', 'a', 'v'], ['v', 'assistant', 'b', 'u']] }),
      chatgpt({ id: 'empty', nodes: [['n', null, null]] }),
    ]);
    const first = parseImport(file);
    const second = parseImport(file);
    expect(first.bundles.map((b) => b.conversation.id)).toEqual(second.bundles.map((b) => b.conversation.id));
    expect(first.bundles.map((b) => b.conversation.title)).toEqual(['ChatGPT chat', 'no id at all', 'ChatGPT chat']);
    expect(first.bundles).toHaveLength(3);
    expect(first.report).toEqual({ ...emptyReport(), duplicateConversations: 1, notConversations: 1, emptyConversations: 1, loopsCut: 1 });
  });

  it('accepts an empty export', () => {
    expect(parseImport('[]')).toEqual({ format: 'chatgpt', bundles: [], report: emptyReport() });
  });
});
