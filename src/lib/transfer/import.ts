/**
 * Import: the app's own JSON export, or ChatGPT's `conversations.json`. Everything is validated and rebuilt
 * from known fields before anything is written; a structurally bad file raises ImportError and changes nothing.
 * Values past the limits in ./limits are clamped (long text cut, bad times replaced, long ids remapped) and
 * counted in the report, so whatever the app exported imports again. Ids are kept (the app's) or derived
 * from ChatGPT's, deterministically, so importing the same file twice adds nothing.
 *
 * Linear in the size of the file: every ChatGPT node is visited a bounded number of times (bridging over
 * skipped nodes is memoised), and nothing walks a list per item.
 */
import type { ChatMessage, FinishReason, MessageStatus, SamplingParams } from '../chat/chat-types';
import { cleanTitle, sanitizeFocus, titleFromText, UNTITLED, type Conversation, type ConversationSummary } from '../chat/conversation';
import { cleanStops, sanitizeGeneration } from '../chat/generation-settings';
import { isAppErrorData, type AppError } from '../inference/app-error';
import type { ReplyStats } from '../inference/reply-stats';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export';
import { isValidTime, MAX_ID_LENGTH, MAX_TEXT_LENGTH } from './limits';
import { ImportError, MAX_IMPORT_BYTES, type ImportOptions, type ImportProgress, type ImportReport, type ImportResult, type ImportWork } from './transfer-types';
import type { ConversationBundle } from '../chat/conversation';

type Json = unknown;
type Obj = Record<string, Json>;
type Counts = { -readonly [K in keyof ImportReport]: number };

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json): string | null => (typeof v === 'string' ? v : null);
const num = (v: Json): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export const IMAGE_PLACEHOLDER = '[image omitted]';
export const AUDIO_PLACEHOLDER = '[audio omitted]';
export const VIDEO_PLACEHOLDER = '[video omitted]';

export const emptyReport = (): ImportReport => newCounts();

function newCounts(): Counts {
  return {
    toolMessages: 0,
    images: 0,
    otherMedia: 0,
    reasoning: 0,
    systemMessages: 0,
    hiddenMessages: 0,
    unknownContent: 0,
    shortened: 0,
    duplicateConversations: 0,
    notConversations: 0,
    emptyConversations: 0,
    invalidTimes: 0,
    remappedIds: 0,
    loopsCut: 0,
  };
}

/** What every step of one import shares. */
interface Context {
  readonly now: number;
  readonly report: Counts;
  readonly work: ImportWork;
  readonly progress: (done: number, total: number) => void;
}

export function parseImport(text: string, options: ImportOptions = {}): ImportResult {
  if (text.length > MAX_IMPORT_BYTES) throw new ImportError({ key: 'errors.import.textTooLarge', params: { limit: MAX_IMPORT_BYTES / 1024 / 1024 } });
  const onProgress = options.onProgress;
  const ctx: Context = {
    now: isValidTime(options.now) ? options.now : Date.now(),
    report: newCounts(),
    work: options.work ?? { nodes: 0, parentSteps: 0 },
    progress: progressReporter(onProgress),
  };
  onProgress?.({ phase: 'parsing', done: 0, total: 0 });
  let data: Json;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ImportError({ key: text.trim() === '' ? 'errors.import.empty' : 'errors.import.notJson' });
  }
  if (isObj(data) && data.format === EXPORT_FORMAT) return importOwn(data, ctx);
  if (Array.isArray(data) && (data.length === 0 || data.some((c) => isObj(c) && isObj(c.mapping)))) return importChatGpt(data, ctx);
  throw new ImportError({ key: 'errors.import.unknownFormat' });
}

/** About every 1% of the conversations, and at least every 200 so a huge file still moves; always the last. */
function progressReporter(onProgress: ((p: ImportProgress) => void) | undefined): Context['progress'] {
  if (!onProgress) return () => {};
  let step = 1;
  let next = 0;
  return (done, total) => {
    if (done === 0) {
      step = Math.max(1, Math.min(200, Math.ceil(total / 100)));
      next = 0;
    }
    if (done < next && done < total) return;
    next = done + step;
    onProgress({ phase: 'converting', done, total });
  };
}

// ---- ids over the limit ---------------------------------------------------------------------------

/** 128 bits of cyrb128 (not cryptographic: it only has to spread ids, and clashes in one file are suffixed). */
function hash128(s: string): string {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}

/**
 * Ids that fit are kept; a longer one becomes its first 64 characters plus a hash of all of it (never a cut,
 * which made different ids collide). The same long id always gets the same short one; one that is already an
 * id in the file (`inFile`) or was given out before gets a suffix, in file order, so it stays deterministic.
 */
class IdFitter {
  readonly #remapped = new Map<string, string>();
  readonly #given = new Set<string>();
  readonly #report: Counts;
  readonly #inFile: (id: string) => boolean;

  constructor(report: Counts, inFile: (id: string) => boolean) {
    this.#report = report;
    this.#inFile = inFile;
  }

  fit(id: string): string {
    if (id.length <= MAX_ID_LENGTH) return id;
    let short = this.#remapped.get(id);
    if (short === undefined) {
      const base = `${id.slice(0, 64)}~${hash128(id)}`;
      short = base;
      for (let n = 2; this.#inFile(short) || this.#given.has(short); n++) short = `${base}~${n}`;
      this.#given.add(short);
      this.#remapped.set(id, short);
      this.#report.remappedIds += 1;
    }
    return short;
  }
}

// ---- the app's own format -------------------------------------------------------------------------

function importOwn(data: Obj, ctx: Context): ImportResult {
  const version = num(data.version);
  if (version === null || version < 1) throw new ImportError({ key: 'errors.import.noVersion' });
  if (version > EXPORT_VERSION) throw new ImportError({ key: 'errors.import.newerVersion', params: { version: String(version) } });
  const list = data.conversations;
  if (!Array.isArray(list)) throw new ImportError({ key: 'errors.import.noList' });
  const literal = literalOwnIds(list);
  const ids = {
    conversations: new IdFitter(ctx.report, (id) => literal.conversations.has(id)),
    messages: new IdFitter(ctx.report, (id) => literal.messages.has(id)),
  };
  const bundles: ConversationBundle[] = [];
  const seen = new Set<string>();
  ctx.progress(0, list.length);
  list.forEach((raw, i) => {
    const bundle = ownConversation(raw, `conversations[${i}]`, ctx, ids);
    if (seen.has(bundle.conversation.id)) throw new ImportError({ key: 'errors.import.duplicateConversation', params: { id: bundle.conversation.id } });
    seen.add(bundle.conversation.id);
    bundles.push(bundle);
    ctx.progress(i + 1, list.length);
  });
  return { format: 'private-chat', bundles, report: ctx.report };
}

/** The ids written in the file, which no remapped id may take; only collected when some id is too long. */
function literalOwnIds(list: readonly Json[]): { conversations: Set<string>; messages: Set<string> } {
  const out = { conversations: new Set<string>(), messages: new Set<string>() };
  const long = (v: Json) => typeof v === 'string' && v.length > MAX_ID_LENGTH;
  const anyLong = list.some(
    (c) => isObj(c) && (long(c.id) || long(c.activeLeafId) || (Array.isArray(c.messages) && c.messages.some((m) => isObj(m) && (long(m.id) || long(m.parentId))))),
  );
  if (!anyLong) return out;
  for (const c of list) {
    if (!isObj(c)) continue;
    if (typeof c.id === 'string') out.conversations.add(c.id);
    if (!Array.isArray(c.messages)) continue;
    for (const m of c.messages) {
      if (!isObj(m)) continue;
      if (typeof m.id === 'string') out.messages.add(m.id);
      if (typeof m.parentId === 'string') out.messages.add(m.parentId);
    }
  }
  return out;
}

function requireId(v: Json, where: string): string {
  const s = str(v);
  if (!s) throw new ImportError({ key: 'errors.import.invalidId', params: { where } });
  return s;
}

function ownText(v: Json, where: string, ctx: Context): string {
  const s = str(v);
  if (s === null) throw new ImportError({ key: 'errors.import.notText', params: { where } });
  return clampText(s, ctx);
}

/** Titles are cut by cleanTitle (to 200), not counted as shortened text. */
function ownTitle(v: Json, where: string): string {
  const s = str(v);
  if (s === null) throw new ImportError({ key: 'errors.import.notText', params: { where } });
  return s;
}

function clampText(s: string, ctx: Context): string {
  if (s.length <= MAX_TEXT_LENGTH) return s;
  ctx.report.shortened += 1;
  return s.slice(0, MAX_TEXT_LENGTH);
}

/**
 * A time in the app's format: a number in range is kept; null (what JSON makes of Infinity and NaN), a
 * missing value or a number out of range is replaced by `fallback` and counted. Any other type is a bad file.
 */
function ownTime(v: Json, fallback: number, where: string, ctx: Context): number {
  if (isValidTime(v)) return v;
  if (v !== null && v !== undefined && typeof v !== 'number') throw new ImportError({ key: 'errors.import.invalidTime', params: { where } });
  ctx.report.invalidTimes += 1;
  return fallback;
}

const STATUSES: readonly MessageStatus[] = ['done', 'stopped', 'error', 'interrupted'];
const FINISH: readonly FinishReason[] = ['stop', 'length', 'abort', 'error'];

function replyStats(v: Json): ReplyStats | null {
  if (!isObj(v)) return null;
  return {
    promptTokens: num(v.promptTokens),
    completionTokens: num(v.completionTokens),
    prefillTokensPerS: num(v.prefillTokensPerS),
    decodeTokensPerS: num(v.decodeTokensPerS),
    timeToFirstTokenS: num(v.timeToFirstTokenS),
    totalS: num(v.totalS),
    ...(v.reusedTokens !== undefined ? { reusedTokens: num(v.reusedTokens) } : {}),
  };
}

function sampling(v: Json): SamplingParams | undefined {
  if (!isObj(v)) return undefined;
  const out: Record<string, number | string[]> = {};
  for (const key of ['temperature', 'top_p', 'max_tokens', 'frequency_penalty', 'presence_penalty', 'repetition_penalty', 'seed', 'top_k', 'min_p'] as const) {
    const n = num(v[key]);
    if (n !== null) out[key] = n;
  }
  const stop = cleanStops(v.stop);
  if (stop.length > 0) out.stop = stop;
  return out;
}

function appErrorOf(v: Json): AppError | null {
  if (!isAppErrorData(v)) return null;
  return { kind: v.kind, message: v.message, hint: v.hint, ...(typeof v.detail === 'string' ? { detail: v.detail } : {}), ...(v.text ? { text: v.text } : {}) };
}

function ownConversation(raw: Json, where: string, ctx: Context, ids: { conversations: IdFitter; messages: IdFitter }): ConversationBundle {
  if (!isObj(raw)) throw new ImportError({ key: 'errors.import.notConversation', params: { where } });
  const conversationId = ids.conversations.fit(requireId(raw.id, `${where}.id`));
  if (!Array.isArray(raw.messages)) throw new ImportError({ key: 'errors.import.messagesNotList', params: { where } });
  // The conversation's times first: they stand in for a message's bad time.
  const updatedRaw = isValidTime(raw.updatedAt) ? raw.updatedAt : null;
  const createdAt = ownTime(raw.createdAt, updatedRaw ?? ctx.now, `${where}.createdAt`, ctx);
  const updatedAt = raw.updatedAt === undefined ? createdAt : ownTime(raw.updatedAt, createdAt, `${where}.updatedAt`, ctx);
  let previousTime = createdAt;
  const messageIds = new Set<string>();
  const messages = raw.messages.map((m, j): ChatMessage => {
    const at = `${where}.messages[${j}]`;
    if (!isObj(m)) throw new ImportError({ key: 'errors.import.notMessage', params: { where: at } });
    const role = m.role;
    if (role !== 'user' && role !== 'assistant') throw new ImportError({ key: 'errors.import.badRole', params: { where: at } });
    const status = m.status === 'streaming' ? 'interrupted' : STATUSES.find((s) => s === m.status);
    if (!status) throw new ImportError({ key: 'errors.import.badStatus', params: { where: at } });
    const id = ids.messages.fit(requireId(m.id, `${at}.id`));
    if (messageIds.has(id)) throw new ImportError({ key: 'errors.import.duplicateMessage', params: { where, id } });
    messageIds.add(id);
    const parentId = m.parentId === null || m.parentId === undefined ? null : ids.messages.fit(requireId(m.parentId, `${at}.parentId`));
    const content = ownText(m.content, `${at}.content`, ctx);
    const created = ownTime(m.createdAt, previousTime, `${at}.createdAt`, ctx);
    const updated = m.updatedAt === undefined ? created : ownTime(m.updatedAt, created, `${at}.updatedAt`, ctx);
    previousTime = created;
    const finishReason = FINISH.find((f) => f === m.finishReason);
    const error = appErrorOf(m.error);
    const modelId = str(m.modelId);
    const sampled = sampling(m.sampling);
    const rewrite = isObj(m.rewrite) && role === 'user' ? m.rewrite : null;
    return {
      id,
      conversationId,
      parentId,
      role,
      content,
      status,
      createdAt: created,
      updatedAt: updated,
      ...(m.stats !== undefined ? { stats: replyStats(m.stats) } : {}),
      ...(finishReason ? { finishReason } : {}),
      ...(error ? { error } : {}),
      ...(modelId !== null ? { modelId } : {}),
      ...(sampled ? { sampling: sampled } : {}),
      ...(m.pinned === true ? { pinned: true } : {}),
      ...(rewrite && typeof rewrite.text === 'string'
        ? { rewrite: { text: ownText(rewrite.text, `${at}.rewrite.text`, ctx), dependsOnHistory: rewrite.dependsOnHistory !== false, ...(rewrite.edited === true ? { edited: true } : {}) } }
        : {}),
    };
  });
  const contextStart = typeof raw.contextStartId === 'string' ? ids.messages.fit(requireId(raw.contextStartId, `${where}.contextStartId`)) : null;
  const leaf = raw.activeLeafId === null || raw.activeLeafId === undefined ? null : ids.messages.fit(requireId(raw.activeLeafId, `${where}.activeLeafId`));
  const summary = ownSummary(raw.summary, `${where}.summary`, ctx, ids.messages, messageIds);
  const conversation: Conversation = {
    id: conversationId,
    title: cleanTitle(ownTitle(raw.title, `${where}.title`)) || UNTITLED,
    titleSource: raw.titleSource === 'user' || raw.titleSource === 'model' ? raw.titleSource : 'auto',
    modelId: str(raw.modelId),
    systemPrompt: raw.systemPrompt === undefined ? '' : ownText(raw.systemPrompt, `${where}.systemPrompt`, ctx),
    settings: raw.settings === null || raw.settings === undefined ? null : sanitizeGeneration(raw.settings),
    createdAt,
    updatedAt,
    pinned: raw.pinned === 1 || raw.pinned === true ? 1 : 0,
    // A leaf that names no message of this conversation would show nothing; the newest branch is shown instead.
    activeLeafId: leaf !== null && messageIds.has(leaf) ? leaf : null,
    ...(raw.focus !== undefined ? { focus: sanitizeFocus(raw.focus) } : {}),
    ...(raw.rewriteFollowUps === true ? { rewriteFollowUps: true } : {}),
    ...(contextStart !== null && messageIds.has(contextStart) ? { contextStartId: contextStart } : {}),
    ...(typeof raw.summarize === 'boolean' ? { summarize: raw.summarize } : {}),
    ...(summary !== undefined ? { summary } : {}),
  };
  return { conversation, messages };
}

/**
 * A running summary as stored (null: none); undefined when the file has none, or one that is not usable
 * (no text, or it runs through a message this conversation does not have).
 */
function ownSummary(v: Json, where: string, ctx: Context, ids: IdFitter, messageIds: ReadonlySet<string>): ConversationSummary | null | undefined {
  if (v === null) return null;
  if (!isObj(v) || typeof v.text !== 'string' || typeof v.throughId !== 'string' || !v.throughId) return undefined;
  const throughId = ids.fit(v.throughId);
  if (!messageIds.has(throughId)) return undefined;
  return { text: ownText(v.text, `${where}.text`, ctx), throughId, ...(v.edited === true ? { edited: true } : {}) };
}

// ---- ChatGPT's conversations.json -----------------------------------------------------------------

interface Kept {
  readonly role: 'user' | 'assistant';
  readonly content: string;
  readonly time: Json;
}

const isHidden = (metadata: Obj): boolean => metadata.is_visually_hidden_from_conversation === true;

/** Whether a content object holds any text a person wrote or saw (empty scaffolding is not worth a count). */
function hasText(content: Obj | null): boolean {
  if (!content) return false;
  for (const key in content) {
    if (key === 'content_type') continue;
    const v = content[key];
    if (typeof v === 'string' && v.trim() !== '') return true;
    if (Array.isArray(v) && v.some((p) => (typeof p === 'string' && p.trim() !== '') || isObj(p))) return true;
  }
  return false;
}

/** The visible text of a `text` / `multimodal_text` message; media leave a placeholder where they stood. */
function partsText(parts: readonly Json[], r: Counts): string {
  const pieces: string[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      if (part !== '') pieces.push(part);
      continue;
    }
    const type = isObj(part) ? str(part.content_type) ?? '' : '';
    if (type === 'image_asset_pointer') {
      pieces.push(IMAGE_PLACEHOLDER);
      r.images += 1;
    } else if (type === 'audio_transcription' && isObj(part)) {
      // What was said in a voice chat: that is the message.
      const said = str(part.text);
      if (said) pieces.push(said);
    } else if (type.includes('video')) {
      pieces.push(VIDEO_PLACEHOLDER);
      r.otherMedia += 1;
    } else if (type.includes('audio')) {
      pieces.push(AUDIO_PLACEHOLDER);
      r.otherMedia += 1;
    } else if (part !== null) {
      r.unknownContent += 1;
    }
  }
  return pieces.join('\n');
}

/** What a person saw of one ChatGPT message, or null (counted under its reason) when it is left out. */
function chatGptMessage(message: Obj, r: Counts): Kept | null {
  const author = isObj(message.author) ? message.author : {};
  const role = author.role;
  const metadata = isObj(message.metadata) ? message.metadata : {};
  const content = isObj(message.content) ? message.content : null;
  const type = content?.content_type;
  if (role === 'tool') {
    r.toolMessages += 1;
    return null;
  }
  if (role === 'system') {
    if (hasText(content)) r.systemMessages += 1;
    return null;
  }
  if (role !== 'user' && role !== 'assistant') {
    r.unknownContent += 1;
    return null;
  }
  if (role === 'assistant' && typeof message.recipient === 'string' && message.recipient !== 'all') {
    r.toolMessages += 1;
    return null;
  }
  if (type === 'thoughts' || type === 'reasoning_recap') {
    r.reasoning += 1;
    return null;
  }
  if (type === 'user_editable_context' || type === 'model_editable_context') {
    // Custom instructions and memory: system context, not turns of the conversation.
    if (hasText(content)) r.systemMessages += 1;
    return null;
  }
  if (isHidden(metadata)) {
    if (hasText(content)) r.hiddenMessages += 1;
    return null;
  }
  let body: string;
  if ((type === 'text' || type === 'multimodal_text') && content) {
    body = partsText(Array.isArray(content.parts) ? content.parts : [], r);
  } else if (type === 'code' && content && typeof content.text === 'string') {
    body = `\`\`\`${str(content.language) ?? ''}\n${content.text}\n\`\`\``;
  } else {
    r.unknownContent += 1;
    return null;
  }
  if (body.trim() === '') return null;
  if (body.length > MAX_TEXT_LENGTH) {
    r.shortened += 1;
    body = body.slice(0, MAX_TEXT_LENGTH);
  }
  return { role, content: body, time: message.create_time };
}

/**
 * ChatGPT times are seconds. Missing ones (common on scaffolding) take the fallback quietly; present but
 * unusable ones (negative, absurd like 1e300, whose milliseconds overflow) take it and are counted.
 */
function chatGptTime(v: Json, r: Counts): number | null {
  if (v === null || v === undefined) return null;
  const ms = typeof v === 'number' ? v * 1000 : NaN;
  if (isValidTime(ms)) return ms;
  r.invalidTimes += 1;
  return null;
}

function firstKey(o: Obj): string {
  for (const key in o) return key;
  return '';
}

const sourceIdOf = (raw: Obj, index: number): string =>
  str(raw.conversation_id) ?? str(raw.id) ?? `${index}-${num(raw.create_time) ?? 0}-${firstKey(raw.mapping as Obj)}`;

function importChatGpt(list: Json[], ctx: Context): ImportResult {
  const r = ctx.report;
  // Conversation ids first, so duplicates are known up front.
  const fullIds = list.map((raw, index) => (isObj(raw) && isObj(raw.mapping) ? `chatgpt-${sourceIdOf(raw, index)}` : null));
  const literalIds = new Set(fullIds.filter((id): id is string => id !== null && id.length <= MAX_ID_LENGTH));
  const conversationIds = new IdFitter(r, (id) => literalIds.has(id));
  /** Fitted conversation id -> its mapping (first copies only), to tell which message ids the file holds. */
  const mappings = new Map<string, Obj>();
  const ids = fullIds.map((full, index) => {
    if (full === null) {
      r.notConversations += 1;
      return null;
    }
    const id = conversationIds.fit(full);
    if (mappings.has(id)) {
      r.duplicateConversations += 1;
      return null;
    }
    mappings.set(id, (list[index] as Obj).mapping as Obj);
    return id;
  });
  // A message id is `<conversation id>:<node key>`. Asking whether an id is in the file costs a few lookups
  // per remapped id, where listing every message id up front would cost a string per node.
  const messageIds = new IdFitter(r, (id) => {
    for (let i = id.indexOf(':'); i >= 0; i = id.indexOf(':', i + 1)) {
      const mapping = mappings.get(id.slice(0, i));
      if (mapping && Object.hasOwn(mapping, id.slice(i + 1))) return true;
    }
    return false;
  });

  const bundles: ConversationBundle[] = [];
  ctx.progress(0, list.length);
  list.forEach((raw, index) => {
    const id = ids[index];
    if (id != null && isObj(raw)) {
      const bundle = chatGptConversation(raw, id, messageIds, ctx);
      if (bundle) bundles.push(bundle);
      else r.emptyConversations += 1;
    }
    ctx.progress(index + 1, list.length);
  });
  return { format: 'chatgpt', bundles, report: r };
}

const PENDING = Symbol('pending');

function chatGptConversation(raw: Obj, conversationId: string, messageIds: IdFitter, ctx: Context): ConversationBundle | null {
  const r = ctx.report;
  const work = ctx.work;
  const mapping = raw.mapping as Obj;
  // The parsed mapping is already a hash table: looked up in place (own keys only) rather than copied to a Map.
  const nodeOf = (key: string): Obj | undefined => {
    const node = Object.hasOwn(mapping, key) ? mapping[key] : undefined;
    return isObj(node) ? node : undefined;
  };
  const kept = new Map<string, Kept>();
  let firstValidTime: number | null = null;
  for (const key of Object.keys(mapping)) {
    const node = mapping[key];
    if (!isObj(node)) continue;
    work.nodes += 1;
    if (!isObj(node.message)) continue;
    const k = chatGptMessage(node.message, r);
    if (!k) continue;
    kept.set(key, k);
    if (firstValidTime === null && isValidTime(typeof k.time === 'number' ? k.time * 1000 : NaN)) firstValidTime = (k.time as number) * 1000;
  }
  if (kept.size === 0) return null;
  const createdAt = chatGptTime(raw.create_time, r) ?? firstValidTime ?? ctx.now;
  const updatedAt = chatGptTime(raw.update_time, r) ?? createdAt;

  // The nearest kept node at or above `start`, skipped nodes bridged. Memoised per node and iterative, so
  // each skipped node is walked once however many kept nodes hang below it, and a million-long chain is fine.
  // A node already on the current walk (PENDING) means a loop of skipped nodes: no kept ancestor there.
  const nearest = new Map<string, string | null | typeof PENDING>();
  const nearestKept = (start: Json): string | null => {
    const path: string[] = [];
    let found: string | null = null;
    for (let key = str(start); key !== null; ) {
      work.parentSteps += 1;
      if (kept.has(key)) {
        found = key;
        break;
      }
      const known = nearest.get(key);
      if (known !== undefined) {
        found = known === PENDING ? null : known;
        break;
      }
      const node = nodeOf(key);
      if (!node) break;
      nearest.set(key, PENDING);
      path.push(key);
      key = str(node.parent);
    }
    for (const key of path) nearest.set(key, found);
    return found;
  };
  const parentOf = new Map<string, string | null>();
  for (const key of kept.keys()) parentOf.set(key, nearestKept(nodeOf(key)?.parent));
  cutLoops(parentOf, r, work);

  const messageId = (key: string) => messageIds.fit(`${conversationId}:${key}`);
  let previousTime = createdAt;
  let firstUser: string | null = null;
  const messages: ChatMessage[] = [];
  for (const [key, k] of kept) {
    // A missing or bad time takes the previous message's (in file order), so the order stays as it was.
    const at = chatGptTime(k.time, r) ?? previousTime;
    previousTime = at;
    if (firstUser === null && k.role === 'user') firstUser = k.content;
    const parent = parentOf.get(key) ?? null;
    messages.push({
      id: messageId(key),
      conversationId,
      parentId: parent === null ? null : messageId(parent),
      role: k.role,
      content: k.content,
      status: 'done',
      createdAt: at,
      updatedAt: at,
    });
  }
  const leaf = nearestKept(raw.current_node);
  const title = cleanTitle(str(raw.title) ?? '') || (firstUser !== null ? titleFromText(firstUser) : UNTITLED);
  return {
    conversation: {
      id: conversationId,
      title,
      titleSource: 'user',
      modelId: null,
      systemPrompt: '',
      settings: null,
      createdAt,
      updatedAt,
      pinned: 0,
      activeLeafId: leaf === null ? null : messageId(leaf),
    },
    messages,
  };
}

/**
 * Kept nodes point at one kept parent each; a loop there (a node its own parent, or a ring) would leave
 * those messages unreachable from any root. Each loop is cut at the last node reached, which becomes a root.
 */
function cutLoops(parentOf: Map<string, string | null>, r: Counts, work: ImportWork): void {
  const ON_PATH = 1;
  const DONE = 2;
  const state = new Map<string, number>();
  for (const start of parentOf.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let key: string | null = start;
    while (key !== null && !state.has(key)) {
      work.parentSteps += 1;
      state.set(key, ON_PATH);
      path.push(key);
      key = parentOf.get(key) ?? null;
    }
    if (key !== null && state.get(key) === ON_PATH) {
      parentOf.set(path[path.length - 1] as string, null);
      r.loopsCut += 1;
    }
    for (const p of path) state.set(p, DONE);
  }
}
