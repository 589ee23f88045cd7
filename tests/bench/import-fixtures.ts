/**
 * ChatGPT `conversations.json` files for import benchmarks and tests. Pure and deterministic (a seeded PRNG, no
 * Node or DOM APIs), so the same call gives the same file in Node and in a browser worker.
 *
 * - realisticChatGptExport: a heavy user's export — branches (edits, regenerations), code, CJK and emoji,
 *   citations, images, voice, tool calls and outputs, browsing, reasoning, custom instructions, hidden system nodes.
 * - craftedWorstCaseExport: shapes chosen to hurt an importer — kept nodes hanging under a long chain of skipped
 *   nodes (quadratic for naive bridging), a deep chain, loops, ids over the length limit, duplicates.
 *
 * Sizes are UTF-8 bytes of the returned text: generation stops at the first conversation (or node) that reaches
 * `targetBytes`, so the result is just over it.
 */

/** mulberry32: small, fast, good enough to vary test data. */
class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  hex(digits: number): string {
    let out = '';
    while (out.length < digits) out += ((this.next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
    return out.slice(0, digits);
  }
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** UTF-8 length without TextEncoder (fast, and the same everywhere). */
function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

const SENTENCES = [
  'The quick answer is that it depends on how often the data changes.',
  'Let me walk through this step by step so the trade-offs are clear.',
  'You can reverse a linked list in place by flipping each next pointer as you go.',
  'In most cases a hash map gives you constant-time lookups on average.',
  'Here is a version that avoids the extra allocation inside the loop.',
  'If you need stable ordering, sort by the timestamp and then by the id.',
  'Kyoto is busiest in early April and mid November, so book ahead.',
  'A sourdough starter needs regular feeding until it doubles reliably.',
  'The function returns early when the input is empty, which avoids the edge case.',
  'Consider caching the result if the same query is repeated often.',
  'This error usually means the dependency was built for a different version.',
  'Try running the command again with verbose logging turned on.',
  '东京的樱花季通常在三月底到四月初，人会很多。',
  '这个函数的时间复杂度是线性的，因为每个节点只访问一次。',
  'この方法なら、余分なメモリを使わずにリストを反転できます。',
  '日本語のテキストも正しく表示されるか確認してください。',
  '한국어 문장도 섞여 있을 수 있습니다.',
  'Great question! 🎉 Let us break it down. 🚀',
  'Ça dépend du contexte, mais en général oui.',
  'Das Ergebnis ist identisch, nur schneller.',
  'Source: \ue200cite\ue202turn0search1\ue201 and more in the docs.',
  'Older citations looked like this【12†source】 in the text.',
];

const CODE = [
  ['python', 'def reverse(head):\n    prev = None\n    while head:\n        head.next, prev, head = prev, head, head.next\n    return prev\n'],
  ['typescript', 'export function debounce<T extends unknown[]>(fn: (...a: T) => void, ms: number) {\n  let t: ReturnType<typeof setTimeout> | undefined;\n  return (...a: T) => {\n    clearTimeout(t);\n    t = setTimeout(() => fn(...a), ms);\n  };\n}\n'],
  ['rust', 'fn main() {\n    let v: Vec<u32> = (1..=10).filter(|x| x % 2 == 0).collect();\n    println!("{:?}", v);\n}\n'],
  ['sql', 'SELECT user_id, COUNT(*) AS n\nFROM events\nWHERE created_at > now() - interval \'7 days\'\nGROUP BY user_id\nORDER BY n DESC;\n'],
  ['bash', 'for f in *.json; do\n  jq \'.[] | .title\' "$f"\ndone\n'],
] as const;

const TITLES = ['Reverse a linked list', 'Trip plan Kyoto', '東京旅行の計画', 'Sourdough troubleshooting', 'SQL weekly report', 'Debounce in TypeScript', 'Rust iterators', 'Fix npm install error', '数据库索引', 'Résumé review', 'Birthday ideas 🎂', ''];

function paragraph(r: Random): string {
  const n = r.between(1, 6);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r.pick(SENTENCES));
  return out.join(' ');
}

function reply(r: Random): string {
  const blocks: string[] = [];
  const n = r.between(1, 9);
  for (let i = 0; i < n; i++) {
    const kind = r.int(10);
    if (kind < 6) blocks.push(paragraph(r));
    else if (kind < 8) {
      const [lang, code] = r.pick(CODE);
      blocks.push(`\`\`\`${lang}\n${code}\`\`\``);
    } else if (kind < 9) blocks.push(Array.from({ length: r.between(2, 6) }, () => `- ${r.pick(SENTENCES)}`).join('\n'));
    else blocks.push(`## ${r.pick(TITLES) || 'Notes'}\n\n${paragraph(r)}`);
  }
  return blocks.join('\n\n');
}

function question(r: Random): string {
  if (r.chance(0.04)) return `Can you review this?\n\n${Array.from({ length: r.between(20, 120) }, () => reply(r)).join('\n\n')}`; // a big paste
  return r.chance(0.3) ? paragraph(r) : r.pick(SENTENCES);
}

type Mapping = Record<string, { id: string; message: Record<string, unknown> | null; parent: string | null; children: string[] }>;

function message(id: string, role: string, content: Record<string, unknown>, time: number | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    author: { role, name: null, metadata: {} },
    create_time: time,
    update_time: null,
    content,
    status: 'finished_successfully',
    end_turn: role === 'assistant' ? true : null,
    weight: 1,
    metadata: {},
    recipient: 'all',
    channel: null,
    ...extra,
  };
}

const text = (s: string) => ({ content_type: 'text', parts: [s] });

function realisticConversation(r: Random, index: number): Record<string, unknown> {
  const id = r.uuid();
  const mapping: Mapping = {};
  let time = 1_600_000_000 + index * 3_600 + r.next() * 1000;
  const tick = () => (time += r.between(2, 90) + r.next());
  const rootId = r.chance(0.5) ? 'client-created-root' : r.uuid();
  mapping[rootId] = { id: rootId, message: null, parent: null, children: [] };
  const add = (parent: string, make: (id: string) => Record<string, unknown>): string => {
    const nodeId = r.uuid();
    mapping[nodeId] = { id: nodeId, message: make(nodeId), parent, children: [] };
    mapping[parent]?.children.push(nodeId);
    return nodeId;
  };
  let at = add(rootId, (nid) => message(nid, 'system', text(''), null, { weight: 0, metadata: { is_visually_hidden_from_conversation: true } }));
  if (r.chance(0.3)) {
    at = add(at, (nid) =>
      message(nid, 'user', { content_type: 'user_editable_context', user_profile: 'I am a software developer in Berlin.', user_instructions: 'Answer briefly. Use metric units.' }, null, {
        metadata: { is_visually_hidden_from_conversation: true, is_user_system_message: true },
      }),
    );
  }
  const turns = r.chance(0.1) ? r.between(20, 60) : r.between(1, 12);
  for (let turn = 0; turn < turns; turn++) {
    const parentOfQuestion = at;
    const media = r.int(20);
    at = add(parentOfQuestion, (nid) =>
      media === 0
        ? message(nid, 'user', { content_type: 'multimodal_text', parts: [{ content_type: 'image_asset_pointer', asset_pointer: `file-service://file-${r.hex(24)}`, size_bytes: 123456, width: 1024, height: 768 }, question(r)] }, tick())
        : media === 1
          ? message(nid, 'user', { content_type: 'multimodal_text', parts: [{ content_type: 'audio_transcription', text: r.pick(SENTENCES), direction: 'in' }, { content_type: 'audio_asset_pointer', asset_pointer: `sediment://file_${r.hex(32)}`, format: 'wav' }] }, tick())
          : message(nid, 'user', text(question(r)), tick()),
    );
    // An edit: a sibling question; the conversation goes on from one of them.
    if (r.chance(0.08)) {
      const edited = add(parentOfQuestion, (nid) => message(nid, 'user', text(question(r)), tick()));
      add(edited, (nid) => message(nid, 'assistant', text(reply(r)), tick()));
      if (r.chance(0.5)) at = edited;
    }
    const kind = r.int(20);
    if (kind === 0) {
      at = add(at, (nid) => message(nid, 'assistant', { content_type: 'thoughts', thoughts: [{ summary: 'Thinking', content: paragraph(r) }], source_analysis_msg_id: r.uuid() }, tick()));
      at = add(at, (nid) => message(nid, 'assistant', { content_type: 'reasoning_recap', content: 'Thought for 12 seconds' }, tick()));
    } else if (kind === 1) {
      const [, code] = r.pick(CODE);
      at = add(at, (nid) => message(nid, 'assistant', { content_type: 'code', language: 'unknown', text: code }, tick(), { recipient: 'python' }));
      at = add(at, (nid) => ({ ...message(nid, 'tool', { content_type: 'execution_output', text: '[2, 4, 6, 8, 10]' }, tick()), author: { role: 'tool', name: 'python', metadata: {} } }));
    } else if (kind === 2) {
      at = add(at, (nid) => message(nid, 'assistant', { content_type: 'code', language: 'unknown', text: 'search("kyoto cherry blossom forecast")' }, tick(), { recipient: 'web.run' }));
      at = add(at, (nid) => ({ ...message(nid, 'tool', { content_type: 'tether_browsing_display', result: paragraph(r), summary: null }, tick()), author: { role: 'tool', name: 'web.run', metadata: {} } }));
    } else if (kind === 3 && r.chance(0.5)) {
      at = add(at, (nid) => message(nid, 'assistant', text(JSON.stringify({ prompt: 'a cat in a spacesuit', size: '1024x1024' })), tick(), { recipient: 'dalle.text2im' }));
      at = add(at, (nid) => ({
        ...message(nid, 'tool', { content_type: 'multimodal_text', parts: [{ content_type: 'image_asset_pointer', asset_pointer: `sediment://file_${r.hex(32)}`, width: 1024, height: 1024 }] }, tick()),
        author: { role: 'tool', name: 'dalle.text2im', metadata: {} },
      }));
    }
    const answeredFrom = at;
    at = add(answeredFrom, (nid) => message(nid, 'assistant', text(reply(r)), tick(), { metadata: { model_slug: 'gpt-4o', finish_details: { type: 'stop' } } }));
    // A regeneration: a sibling answer; sometimes that one is on screen.
    if (r.chance(0.12)) {
      const again = add(answeredFrom, (nid) => message(nid, 'assistant', text(reply(r)), tick()));
      if (r.chance(0.5)) at = again;
    }
  }
  return {
    title: r.pick(TITLES),
    create_time: 1_600_000_000 + index * 3_600,
    update_time: time,
    mapping,
    moderation_results: [],
    current_node: at,
    plugin_ids: null,
    conversation_id: id,
    conversation_template_id: null,
    gizmo_id: null,
    is_archived: false,
    safe_urls: [],
    default_model_slug: 'gpt-4o',
    id,
  };
}

export function realisticChatGptExport(targetBytes: number, seed = 1): string {
  const r = new Random(seed);
  const parts: string[] = [];
  let bytes = 2;
  for (let i = 0; bytes < targetBytes; i++) {
    const json = JSON.stringify(realisticConversation(r, i));
    parts.push(json);
    bytes += utf8Length(json) + 1;
  }
  return `[${parts.join(',')}]`;
}

// ---- the worst shapes ----------------------------------------------------------------------------

/** Built as text: a million tiny nodes are much faster to concatenate than to JSON.stringify as objects. */
function conversationText(id: string, title: string, nodes: string[], current: string): string {
  return `{"title":${JSON.stringify(title)},"create_time":1700000000,"update_time":1700000001,"conversation_id":${JSON.stringify(id)},"current_node":${JSON.stringify(current)},"mapping":{${nodes.join(',')}}}`;
}

const skippedNode = (key: string, parent: string | null) => `${JSON.stringify(key)}:{"parent":${JSON.stringify(parent)}}`;
const toolNode = (key: string, parent: string) => `${JSON.stringify(key)}:{"parent":${JSON.stringify(parent)},"message":{"author":{"role":"tool"},"content":{"content_type":"text","parts":[""]}}}`;
const keptNode = (key: string, parent: string | null, role: 'user' | 'assistant', body: string, time?: unknown) =>
  `${JSON.stringify(key)}:{"parent":${JSON.stringify(parent)},"message":{"author":{"role":"${role}"},${time === undefined ? '' : `"create_time":${JSON.stringify(time)},`}"content":{"content_type":"text","parts":[${JSON.stringify(body)}]}}}`;

/**
 * The parts, by share of `targetBytes`:
 * - 70% one conversation: a kept question, then a chain of skipped nodes (empty nodes, every 16th a tool
 *   output), then many kept replies all hanging from the chain's end. Naive bridging walks the whole chain once
 *   per reply: chain length × replies steps, which this split of the bytes maximises.
 * - 10% a deep chain of kept messages (alternating roles) whose top is its own parent.
 * - 5% a ring of skipped nodes with kept nodes below it, and rings of kept nodes.
 * - 10% ids over the length limit (node keys of 300 characters, a 500-character conversation id), absurd times.
 * - the rest (~5%) many tiny conversations, every tenth repeating one id.
 */
export function craftedWorstCaseExport(targetBytes: number, seed = 2): string {
  const r = new Random(seed);
  const conversations: string[] = [];
  const key = (prefix: string, i: number) => `${prefix}${i.toString(36)}`;
  /** Adds nodes from `make` until they hold `budget` bytes (every node here is ASCII but the sentences). */
  const fill = (nodes: string[], budget: number, make: (i: number) => string): number => {
    let bytes = 0;
    let i = 0;
    for (; bytes < budget; i++) {
      const node = make(i);
      nodes.push(node);
      bytes += utf8Length(node) + 1;
    }
    return i;
  };

  // Fan under a skipped chain: half the bytes for the chain, half for the replies, which maximises
  // chain length × replies for the budget.
  {
    const budget = targetBytes * 0.7;
    const nodes = [keptNode('q', null, 'user', 'Question at the top of a long skipped chain')];
    const chain = Math.max(1, fill(nodes, budget / 2, (i) => (i % 16 === 0 ? toolNode : skippedNode)(key('s', i), i === 0 ? 'q' : key('s', i - 1))));
    const fan = Math.max(1, fill(nodes, budget / 2, (i) => keptNode(key('k', i), key('s', chain - 1), 'assistant', 'x')));
    conversations.push(conversationText('crafted-fan', 'Fan under a skipped chain', nodes, key('k', fan - 1)));
  }

  // Deep kept chain whose top is its own parent.
  {
    const nodes: string[] = [keptNode('d0', 'd0', 'user', 'top')];
    const depth = 1 + fill(nodes, targetBytes * 0.1, (i) => keptNode(key('d', i + 1), key('d', i), i % 2 ? 'user' : 'assistant', 'y'));
    conversations.push(conversationText('crafted-deep', 'Deep chain', nodes, key('d', depth - 1)));
  }

  // Loops: a ring of skipped nodes with kept nodes under it, and small rings of kept nodes.
  {
    const budget = targetBytes * 0.05;
    const ring = Math.max(2, Math.floor(budget / 2 / 26));
    const nodes: string[] = [];
    for (let i = 0; i < ring; i++) nodes.push(skippedNode(key('r', i), key('r', (i + 1) % ring)));
    fill(nodes, budget / 4, (i) => keptNode(key('b', i), key('r', r.int(ring)), 'user', 'under a ring'));
    fill(nodes, budget / 4, (i) => {
      const at = (n: number) => key('x', 3 * i + n);
      return [keptNode(at(0), at(2), 'user', 'ring a'), keptNode(at(1), at(0), 'assistant', 'ring b'), keptNode(at(2), at(1), 'user', 'ring c')].join(',');
    });
    conversations.push(conversationText('crafted-loops', 'Loops', nodes, 'r0'));
  }

  // Ids over the limit: 300-character node keys that differ only at the end, a conversation id of 500
  // characters, and absurd times (negative, 1e300, a string, beyond the largest date).
  {
    const long = (i: number) => `${'n'.repeat(292)}${i.toString(36).padStart(8, '0')}`;
    const times: unknown[] = [-1, 1e300, 'yesterday', null, 8.64e12 + 1, 1700000000];
    const nodes: string[] = [];
    const count = fill(nodes, targetBytes * 0.1, (i) => keptNode(long(i), i === 0 ? null : long(i - 1), i % 2 ? 'assistant' : 'user', 'long id', times[i % times.length]));
    conversations.push(conversationText('L'.repeat(500), 'Long ids', nodes, long(count - 1)));
  }

  // Many tiny conversations, every tenth repeating one id, up to the target.
  let bytes = conversations.reduce((sum, c) => sum + utf8Length(c) + 1, 2);
  for (let i = 0; bytes < targetBytes; i++) {
    const c = conversationText(i % 10 === 9 ? 'crafted-dup' : `crafted-${i}`, `Tiny ${i}`, [keptNode('u', null, 'user', r.pick(SENTENCES)), keptNode('a', 'u', 'assistant', r.pick(SENTENCES))], 'a');
    conversations.push(c);
    bytes += utf8Length(c) + 1;
  }
  return `[${conversations.join(',')}]`;
}
