/**
 * Import: the app's own JSON export, or ChatGPT's `conversations.json`. Everything is validated and rebuilt
 * from known fields before anything is written; a bad file raises ImportError and changes nothing.
 * Ids are kept (the app's) or derived from ChatGPT's, so importing the same file twice adds nothing.
 */
import type { ChatMessage, FinishReason, MessageStatus, SamplingParams } from '../chat/chat-types';
import { cleanTitle, titleFromText, UNTITLED, type Conversation } from '../chat/conversation';
import { sanitizeGeneration } from '../chat/generation-settings';
import { isAppError } from '../engine/app-error';
import type { ReplyStats } from '../engine/reply-stats';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export';
import { ImportError, MAX_IMPORT_BYTES, type ConversationBundle, type ImportResult } from './transfer-types';

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json): string | null => (typeof v === 'string' ? v : null);
const num = (v: Json): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const MAX_ID = 200;
const MAX_TEXT = 5_000_000;

export function parseImport(text: string, now = Date.now()): ImportResult {
  if (text.length > MAX_IMPORT_BYTES) throw new ImportError(`This file is too large to import (over ${MAX_IMPORT_BYTES / 1024 / 1024} MB).`);
  let data: Json;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ImportError(
      text.trim() === '' ? 'The file is empty.' : 'The file is not valid JSON (it may be truncated). Use an export from this app or ChatGPT’s conversations.json.',
    );
  }
  if (isObj(data) && data.format === EXPORT_FORMAT) return importOwn(data);
  if (Array.isArray(data) && (data.length === 0 || data.some((c) => isObj(c) && isObj(c.mapping)))) return importChatGpt(data, now);
  throw new ImportError('This JSON is neither an export from this app nor ChatGPT’s conversations.json.');
}

// ---- the app's own format -------------------------------------------------------------------------

function importOwn(data: Obj): ImportResult {
  const version = num(data.version);
  if (version === null || version < 1) throw new ImportError('The export has no valid version number.');
  if (version > EXPORT_VERSION) throw new ImportError(`This export was made by a newer version of the app (format ${version}); update the app to import it.`);
  if (!Array.isArray(data.conversations)) throw new ImportError('The export has no "conversations" list.');
  const bundles = data.conversations.map((raw, i) => ownConversation(raw, `conversations[${i}]`));
  const ids = new Set<string>();
  for (const b of bundles) {
    if (ids.has(b.conversation.id)) throw new ImportError(`The conversation id ${b.conversation.id} appears twice in the file.`);
    ids.add(b.conversation.id);
  }
  return { format: 'private-chat', bundles, skipped: 0 };
}

function id(v: Json, where: string): string {
  const s = str(v);
  if (!s || s.length > MAX_ID) throw new ImportError(`${where} is not a valid id.`);
  return s;
}

function text(v: Json, where: string): string {
  const s = str(v);
  if (s === null) throw new ImportError(`${where} is not text.`);
  if (s.length > MAX_TEXT) throw new ImportError(`${where} is too long.`);
  return s;
}

function time(v: Json, where: string): number {
  const n = num(v);
  if (n === null || n < 0) throw new ImportError(`${where} is not a valid time.`);
  return n;
}

const STATUSES: readonly MessageStatus[] = ['done', 'stopped', 'error', 'interrupted'];
const FINISH: readonly FinishReason[] = ['stop', 'length', 'abort', 'error'];

function stats(v: Json): ReplyStats | null {
  if (!isObj(v)) return null;
  return {
    promptTokens: num(v.promptTokens),
    completionTokens: num(v.completionTokens),
    prefillTokensPerS: num(v.prefillTokensPerS),
    decodeTokensPerS: num(v.decodeTokensPerS),
    timeToFirstTokenS: num(v.timeToFirstTokenS),
    totalS: num(v.totalS),
  };
}

function sampling(v: Json): SamplingParams | undefined {
  if (!isObj(v)) return undefined;
  const out: Record<string, number> = {};
  for (const key of ['temperature', 'top_p', 'max_tokens', 'frequency_penalty', 'presence_penalty', 'repetition_penalty', 'seed'] as const) {
    const n = num(v[key]);
    if (n !== null) out[key] = n;
  }
  return out;
}

function ownConversation(raw: Json, where: string): ConversationBundle {
  if (!isObj(raw)) throw new ImportError(`${where} is not a conversation.`);
  const conversationId = id(raw.id, `${where}.id`);
  if (!Array.isArray(raw.messages)) throw new ImportError(`${where}.messages is not a list.`);
  const messages = raw.messages.map((m, j): ChatMessage => {
    const at = `${where}.messages[${j}]`;
    if (!isObj(m)) throw new ImportError(`${at} is not a message.`);
    const role = m.role;
    if (role !== 'user' && role !== 'assistant') throw new ImportError(`${at}.role must be "user" or "assistant".`);
    const status = m.status === 'streaming' ? 'interrupted' : STATUSES.find((s) => s === m.status);
    if (!status) throw new ImportError(`${at}.status is not a known status.`);
    const parentId = m.parentId === null || m.parentId === undefined ? null : id(m.parentId, `${at}.parentId`);
    const finishReason = FINISH.find((f) => f === m.finishReason);
    const modelId = str(m.modelId);
    const sampled = sampling(m.sampling);
    return {
      id: id(m.id, `${at}.id`),
      conversationId,
      parentId,
      role,
      content: text(m.content, `${at}.content`),
      status,
      createdAt: time(m.createdAt, `${at}.createdAt`),
      updatedAt: time(m.updatedAt ?? m.createdAt, `${at}.updatedAt`),
      ...(m.stats !== undefined ? { stats: stats(m.stats) } : {}),
      ...(finishReason ? { finishReason } : {}),
      ...(isAppError(m.error) ? { error: { kind: m.error.kind, message: m.error.message, hint: m.error.hint } } : {}),
      ...(modelId ? { modelId } : {}),
      ...(sampled ? { sampling: sampled } : {}),
    };
  });
  const messageIds = new Set<string>();
  for (const m of messages) {
    if (messageIds.has(m.id)) throw new ImportError(`${where} has the message id ${m.id} twice.`);
    messageIds.add(m.id);
  }
  const leaf = raw.activeLeafId === null || raw.activeLeafId === undefined ? null : id(raw.activeLeafId, `${where}.activeLeafId`);
  const conversation: Conversation = {
    id: conversationId,
    title: cleanTitle(text(raw.title, `${where}.title`)) || UNTITLED,
    titleSource: raw.titleSource === 'user' || raw.titleSource === 'model' ? raw.titleSource : 'auto',
    modelId: str(raw.modelId),
    systemPrompt: raw.systemPrompt === undefined ? '' : text(raw.systemPrompt, `${where}.systemPrompt`),
    settings: raw.settings === null || raw.settings === undefined ? null : sanitizeGeneration(raw.settings),
    createdAt: time(raw.createdAt, `${where}.createdAt`),
    updatedAt: time(raw.updatedAt ?? raw.createdAt, `${where}.updatedAt`),
    pinned: raw.pinned === 1 || raw.pinned === true ? 1 : 0,
    activeLeafId: leaf !== null && messageIds.has(leaf) ? leaf : null,
  };
  return { conversation, messages };
}

// ---- ChatGPT's conversations.json -----------------------------------------------------------------

interface Kept {
  readonly role: 'user' | 'assistant';
  readonly content: string;
  readonly time: number | null;
}

/** The text a person saw for one ChatGPT node, or null when it is scaffolding, a tool call or media only. */
function chatGptText(message: Obj): { kept: Kept | null; skipped: boolean } {
  const author = isObj(message.author) ? message.author : {};
  const role = author.role;
  const metadata = isObj(message.metadata) ? message.metadata : {};
  const content = isObj(message.content) ? message.content : {};
  const time = num(message.create_time);
  if (role !== 'user' && role !== 'assistant') return { kept: null, skipped: role !== undefined && role !== 'system' ? true : !isHidden(metadata) };
  if (isHidden(metadata)) return { kept: null, skipped: false };
  if (role === 'assistant' && typeof message.recipient === 'string' && message.recipient !== 'all') return { kept: null, skipped: true };
  let body: string | null = null;
  let partial = false;
  switch (content.content_type) {
    case 'text':
    case 'multimodal_text': {
      const parts = Array.isArray(content.parts) ? content.parts : [];
      const strings = parts.filter((p): p is string => typeof p === 'string');
      partial = strings.length < parts.length;
      body = strings.join('\n');
      break;
    }
    case 'code':
      body = typeof content.text === 'string' ? `\`\`\`${str(content.language) ?? ''}\n${content.text}\n\`\`\`` : null;
      break;
    default:
      return { kept: null, skipped: true };
  }
  if (body === null || body.trim() === '') return { kept: null, skipped: partial || body === null };
  return { kept: { role, content: body.slice(0, MAX_TEXT), time }, skipped: partial };
}

function isHidden(metadata: Obj): boolean {
  return metadata.is_visually_hidden_from_conversation === true;
}

function importChatGpt(list: Json[], now: number): ImportResult {
  let skipped = 0;
  const bundles: ConversationBundle[] = [];
  const seen = new Set<string>();
  list.forEach((raw, index) => {
    if (!isObj(raw) || !isObj(raw.mapping)) {
      skipped += 1;
      return;
    }
    const mapping = raw.mapping;
    const sourceId = str(raw.conversation_id) ?? str(raw.id) ?? `${index}-${num(raw.create_time) ?? 0}-${Object.keys(mapping)[0] ?? ''}`;
    const conversationId = `chatgpt-${sourceId}`.slice(0, MAX_ID);
    if (seen.has(conversationId)) return;
    seen.add(conversationId);
    const created = (num(raw.create_time) ?? now / 1000) * 1000;
    const nodes = new Map<string, Obj>();
    for (const [key, node] of Object.entries(mapping)) if (isObj(node)) nodes.set(key, node);

    const kept = new Map<string, Kept>();
    for (const [key, node] of nodes) {
      if (!isObj(node.message)) continue;
      const result = chatGptText(node.message);
      if (result.skipped) skipped += 1;
      if (result.kept) kept.set(key, result.kept);
    }
    if (kept.size === 0) return;

    /** The nearest kept ancestor (skipped nodes are bridged), guarding against cycles. */
    const keptAncestor = (start: Json): string | null => {
      const visited = new Set<string>();
      for (let key = str(start); key !== null && !visited.has(key); ) {
        visited.add(key);
        if (kept.has(key)) return key;
        key = str(nodes.get(key)?.parent);
      }
      return null;
    };
    const messageId = (key: string) => `${conversationId}:${key}`.slice(0, MAX_ID);
    let order = 0;
    const messages: ChatMessage[] = [...kept.entries()].map(([key, k]) => {
      order += 1;
      const at = k.time !== null ? k.time * 1000 : created + order;
      const parent = keptAncestor(nodes.get(key)?.parent);
      return {
        id: messageId(key),
        conversationId,
        parentId: parent === null ? null : messageId(parent),
        role: k.role,
        content: k.content,
        status: 'done',
        createdAt: at,
        updatedAt: at,
      };
    });
    const leaf = keptAncestor(raw.current_node);
    const firstUser = messages.find((m) => m.role === 'user');
    const title = cleanTitle(str(raw.title) ?? '') || (firstUser ? titleFromText(firstUser.content) : UNTITLED);
    bundles.push({
      conversation: {
        id: conversationId,
        title,
        titleSource: 'user',
        modelId: null,
        systemPrompt: '',
        settings: null,
        createdAt: created,
        updatedAt: (num(raw.update_time) ?? created / 1000) * 1000,
        pinned: 0,
        activeLeafId: leaf === null ? null : messageId(leaf),
      },
      messages,
    });
  });
  return { format: 'chatgpt', bundles, skipped };
}
