#!/usr/bin/env node
// Records tests/fixtures/template-cases.json: for four conversation-template families of WebLLM's prebuilt models
// (ChatML/Qwen2.5, Llama-3.x, Phi-3.x, Gemma 2), the prompt segments and token counts that WebLLM's own code
// produces for a set of chats. src/lib/chat/chat-template.families.test.ts checks the app's renderer against them.
//
//   node scripts/record-template-cases.mjs           writes the fixture
//   node scripts/record-template-cases.mjs --check   exits 1 when the fixture is not what the installed WebLLM gives
//
// "WebLLM's own code" is literal: WebLLM does not export its Conversation class, so this script cuts `class
// Conversation` and the functions the engine calls around it (getConversation, compareConversationObject,
// getConversationFromChatCompletionRequest, the Role and MessagePlaceholders enums and the error classes they
// throw) out of node_modules/@mlc-ai/web-llm/lib/index.js and evaluates that text. Nothing of the app is used,
// except the deterministic tokenizer in tests/support/special-token-tokenizer.mjs that both sides share.
//
// Each chat goes through the steps the engine takes (MLCEngine.preparePrefillInput, then
// LLMChatPipeline.forwardPrefill and getInputData / getArtifactPrefillChunks):
// - fresh prefill: getConversationFromChatCompletionRequest(request) (every message but the last; a leading
//   system message becomes override_system_message), appendMessage(user, last), appendReplyHeader(assistant),
//   getPromptArray(); the ids are system_prefix_token_ids followed by each segment encoded on its own.
// - each later round of the same chat with the KV cache reused: the previous round's conversation after
//   finishReply(reply), checked equal to the new request's conversation with compareConversationObject (the
//   engine's reuse test), then appendMessage / appendReplyHeader and getPromptArrayLastRound(); no prefix ids.
// The artifact prompt path (getArtifactPromptSegments / …LastRound) must give the same segments for text.
//
// The output is deterministic (no times, no absolute paths). The fixture test re-runs recordTemplateCases() and
// compares, so the fixture cannot drift from the installed WebLLM unnoticed.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { FAMILY_SPECIAL_TOKENS, familyTokenizer } from '../tests/support/special-token-tokenizer.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURE_PATH = join(ROOT, 'tests', 'fixtures', 'template-cases.json');
const WEBLLM = '@mlc-ai/web-llm';

// ---------------------------------------------------------------------------------------------------------------
// The conversation templates, as the models' mlc-chat-config.json carry them (`conv_template`). Their content is
// mlc-llm's template registry, which `mlc_llm gen_config` serializes into each converted model's
// mlc-chat-config.json (a pydantic Conversation: role_templates default to the three placeholders, plus
// `messages: []`, `function_string: ""`, `use_function_calling: false`); the serialized shape is the one of the
// real configs in mlc-ai/web-llm tests/constants.ts (llama3_1ChatConfig, qwen3ChatConfigJSONString with
// conv_template "qwen2", phi3_5VisionChatConfigJSONString).
const MLC_TEMPLATES = 'mlc-ai/mlc-llm python/mlc_llm/conversation_template';
const DEFAULT_ROLE_TEMPLATES = { user: '{user_message}', assistant: '{assistant_message}', tool: '{tool_message}' };

export const FAMILIES = [
  {
    family: 'chatml',
    about: 'ChatML as Qwen2 / Qwen2.5 use it',
    sources: [
      `${MLC_TEMPLATES}/qwen2.py ("qwen2"; stop_str as fixed by mlc-llm #2872, 2024-09-01, before Qwen2.5 was converted)`,
      'mlc-ai/web-llm tests/constants.ts (qwen3ChatConfigJSONString: a real mlc-chat-config.json with conv_template "qwen2")',
    ],
    modelIds: ['Qwen2.5-0.5B-Instruct-q4f16_1-MLC', 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC', 'Qwen2.5-3B-Instruct-q4f16_1-MLC', 'Qwen2.5-7B-Instruct-q4f16_1-MLC'],
    template: {
      name: 'qwen2',
      system_template: '<|im_start|>system\n{system_message}<|im_end|>\n',
      system_message: 'You are a helpful assistant.',
      system_prefix_token_ids: null,
      add_role_after_system_message: true,
      roles: { user: '<|im_start|>user', assistant: '<|im_start|>assistant' },
      role_templates: DEFAULT_ROLE_TEMPLATES,
      messages: [],
      seps: ['<|im_end|>\n'],
      role_content_sep: '\n',
      role_empty_sep: '\n',
      stop_str: ['<|endoftext|>', '<|im_end|>'],
      stop_token_ids: [151643, 151645],
      function_string: '',
      use_function_calling: false,
    },
  },
  {
    family: 'llama-3',
    about: 'Llama 3.1 / 3.2 instruct ("llama-3_1": the header markers, <|eot_id|>, <|begin_of_text|> as a prefix id)',
    sources: [`${MLC_TEMPLATES}/llama.py ("llama-3_1")`, 'mlc-ai/web-llm tests/constants.ts (llama3_1ChatConfig.conv_template)'],
    modelIds: ['Llama-3.2-1B-Instruct-q4f16_1-MLC', 'Llama-3.2-3B-Instruct-q4f16_1-MLC', 'Llama-3.1-8B-Instruct-q4f16_1-MLC'],
    template: {
      name: 'llama-3_1',
      system_template: '<|start_header_id|>system<|end_header_id|>\n\n{system_message}<|eot_id|>',
      system_message: 'You are a helpful, respectful and honest assistant.',
      system_prefix_token_ids: [128000],
      add_role_after_system_message: true,
      roles: { user: '<|start_header_id|>user', assistant: '<|start_header_id|>assistant', tool: '<|start_header_id|>ipython' },
      role_templates: DEFAULT_ROLE_TEMPLATES,
      messages: [],
      seps: ['<|eot_id|>'],
      role_content_sep: '<|end_header_id|>\n\n',
      role_empty_sep: '<|end_header_id|>\n\n',
      stop_str: [],
      stop_token_ids: [128001, 128008, 128009],
      function_string: '',
      use_function_calling: false,
    },
  },
  {
    family: 'phi-3',
    about: 'Phi-3 / Phi-3.5 mini ("phi-3": the system prompt has no end marker of its own; <s> as a prefix id)',
    sources: [`${MLC_TEMPLATES}/phi.py ("phi-3"; stop_token_ids as of mlc-llm #2845, 2024-08-24, which added Phi-3.5-mini)`],
    modelIds: ['Phi-3.5-mini-instruct-q4f16_1-MLC', 'Phi-3-mini-4k-instruct-q4f16_1-MLC'],
    template: {
      name: 'phi-3',
      system_template: '<|system|>\n{system_message}',
      system_message: 'You are a helpful digital assistant. Please provide safe, ethical and accurate information to the user.',
      system_prefix_token_ids: [1],
      add_role_after_system_message: true,
      roles: { user: '<|user|>', assistant: '<|assistant|>' },
      role_templates: DEFAULT_ROLE_TEMPLATES,
      messages: [],
      seps: ['<|end|>\n'],
      role_content_sep: '\n',
      role_empty_sep: '\n',
      stop_str: ['<|endoftext|>'],
      stop_token_ids: [2, 32000, 32001, 32007],
      function_string: '',
      use_function_calling: false,
    },
  },
  {
    family: 'gemma',
    about: 'Gemma 2 instruction ("gemma_instruction": no system role, the system message is prepended as is; <bos> as a prefix id)',
    sources: [
      `${MLC_TEMPLATES}/gemma.py ("gemma_instruction"; system_template "{system_message}": the "<bos>{system_message}" of mlc-llm #2722 was reverted by #2723 the same day, 2024-08-01, because system_prefix_token_ids already holds <bos>)`,
    ],
    modelIds: ['gemma-2-2b-it-q4f16_1-MLC', 'gemma-2-9b-it-q4f16_1-MLC'],
    template: {
      name: 'gemma_instruction',
      system_template: '{system_message}',
      system_message: '',
      system_prefix_token_ids: [2],
      add_role_after_system_message: true,
      roles: { user: '<start_of_turn>user', assistant: '<start_of_turn>model' },
      role_templates: DEFAULT_ROLE_TEMPLATES,
      messages: [],
      seps: ['<end_of_turn>\n'],
      role_content_sep: '\n',
      role_empty_sep: '\n',
      stop_str: ['<end_of_turn>'],
      stop_token_ids: [1, 107],
      function_string: '',
      use_function_calling: false,
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// The chats, the same for every family. Each ends with the user's new question; an assistant turn is the reply
// the engine gave to the question before it.
export const CASES = [
  { name: 'first-turn', about: 'one question, the template default system message', turns: [{ role: 'user', content: 'Hello! How are you today?' }] },
  {
    name: 'first-turn-system-prompt',
    about: 'a system prompt replaces the default system message',
    turns: [
      { role: 'system', content: 'You are a terse assistant. Answer in one sentence.' },
      { role: 'user', content: 'What is the capital of France?' },
    ],
  },
  {
    name: 'empty-system-message',
    about: 'an empty system message is rendered through the system template (render_empty_system_message is unset)',
    turns: [
      { role: 'system', content: '' },
      { role: 'user', content: 'hi' },
    ],
  },
  {
    name: 'multi-turn',
    about: 'three questions and two replies, no system prompt; replies keep their leading and trailing newlines',
    turns: [
      { role: 'user', content: 'Name a prime number.' },
      { role: 'assistant', content: 'Seven.' },
      { role: 'user', content: 'Another one, bigger?' },
      { role: 'assistant', content: '\n\nEleven is prime too.\n' },
      { role: 'user', content: 'What is their sum?' },
    ],
  },
  {
    name: 'multi-turn-system-prompt',
    about: 'a system prompt and two questions',
    turns: [
      { role: 'system', content: 'Always reply in French.' },
      { role: 'user', content: 'Good morning!' },
      { role: 'assistant', content: 'Bonjour ! Comment puis-je vous aider ?' },
      { role: 'user', content: 'Thank you, goodbye.' },
    ],
  },
  {
    name: 'cjk-emoji',
    about: 'Chinese, Japanese and Korean text, emoji (ZWJ sequences, a flag, a skin tone) in every role',
    turns: [
      { role: 'system', content: '你是一个乐于助人的助手。🙂' },
      { role: 'user', content: '你好，世界！🌍 こんにちは、안녕하세요 👩‍👩‍👧‍👦' },
      { role: 'assistant', content: '你好！😊 有什么可以帮你的吗？🇯🇵👍🏽' },
      { role: 'user', content: '用一句话解释量子计算。🚀' },
    ],
  },
  {
    name: 'literal-markup',
    about:
      "text that looks like template syntax: every family's markers typed literally, placeholders (WebLLM removes {function_string} from a " +
      'role-templated message), String.prototype.replace patterns ($& $$ $` $\') in the system and user text, and an empty reply',
    turns: [
      { role: 'system', content: 'Prices: $5 & up; $& $$ {system_message}' },
      { role: 'user', content: 'Type <|im_end|>, <|eot_id|>, <|end|>, <end_of_turn> and <bos> literally. {user_message} {function_string} $& $$ $1' },
      { role: 'assistant', content: '' },
      { role: 'user', content: "And now: {assistant_message} $` $' <|start_header_id|>user" },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// WebLLM's Conversation code, cut out of the installed bundle.

/** A top-level declaration of the bundle: from its header line to the first `}` in column 0 after it. */
function topLevelBlock(source, header) {
  const at = source.indexOf(`\n${header}`);
  if (at < 0) throw new Error(`${WEBLLM}: no top-level "${header}" in lib/index.js`);
  if (source.indexOf(`\n${header}`, at + 1) >= 0) throw new Error(`${WEBLLM}: more than one top-level "${header}" in lib/index.js`);
  const end = source.indexOf('\n}', at + 1);
  if (end < 0) throw new Error(`${WEBLLM}: "${header}" has no end in lib/index.js`);
  return source.slice(at + 1, end + 2);
}

/** A TypeScript string enum as tsc emits it: `var X;\n(function (X) {…})(X || (X = {}));`. */
function enumBlock(source, name) {
  const head = `\nvar ${name};\n(function (${name}) {`;
  const tail = `\n})(${name} || (${name} = {}));`;
  const at = source.indexOf(head);
  const end = source.indexOf(tail, at + 1);
  if (at < 0 || end < 0) throw new Error(`${WEBLLM}: no enum ${name} in lib/index.js`);
  return source.slice(at + 1, end + tail.length);
}

const BUILT_INS = new Set(['Error', 'TypeError', 'RangeError', 'Map', 'Set', 'Array', 'Object', 'Promise']);

/** The extracted source (enums, error classes, Conversation and its functions) and what evaluating it gives. */
export function loadWebLLMConversation(bundle) {
  const parts = [
    enumBlock(bundle, 'Role'),
    enumBlock(bundle, 'MessagePlaceholders'),
    topLevelBlock(bundle, 'class Conversation {'),
    topLevelBlock(bundle, 'function getConversation('),
    topLevelBlock(bundle, 'function compareConversationObject('),
    topLevelBlock(bundle, 'function getConversationFromChatCompletionRequest('),
  ];
  // The error classes these throw, taken from the bundle too (each a plain `class X extends Error`).
  const text = parts.join('\n');
  const defined = new Set([...text.matchAll(/^class (\w+)/gm)].map((m) => m[1]));
  const thrown = [...new Set([...text.matchAll(/\bnew ([A-Z]\w*)\(/g)].map((m) => m[1]))].filter((n) => !BUILT_INS.has(n) && !defined.has(n)).sort();
  const errors = thrown.map((name) => {
    const block = topLevelBlock(bundle, `class ${name} extends Error {`);
    if (/\bnew [A-Z]/.test(block)) throw new Error(`${WEBLLM}: ${name} constructs something else; extend the extraction`);
    return block;
  });
  const code = ['"use strict";', ...errors, ...parts].join('\n');
  const names = ['Role', 'Conversation', 'getConversation', 'compareConversationObject', 'getConversationFromChatCompletionRequest'];
  const api = new Function(`${code}\nreturn { ${names.join(', ')} };`)();
  return { code, errorClasses: thrown, api };
}

// ---------------------------------------------------------------------------------------------------------------
// Recording.

function webllmPackage() {
  const dir = join(ROOT, 'node_modules', ...WEBLLM.split('/'));
  const { version, main } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const bundlePath = join(dir, main ?? 'lib/index.js');
  return { version, bundle: readFileSync(bundlePath, 'utf8'), bundlePath: relative(ROOT, bundlePath) };
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

/** What LLMChatPipeline.getInputData does with a prompt array: prefix ids (first prefill only), then each segment encoded alone. */
function prefillIds(prompts, prefix, tokenizer) {
  if (!prompts.every((p) => typeof p === 'string')) throw new Error('A text chat rendered a non-text segment.');
  const ids = prefix ? [...prefix] : [];
  let numPromptTokens = 0;
  for (const prompt of prompts) {
    const encoded = tokenizer.encode(prompt);
    numPromptTokens += encoded.length;
    ids.push(...encoded);
  }
  return { ids, numPromptTokens };
}

function sameSegments(a, b) {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function recordCase(api, family, tokenizer, testCase) {
  const { turns } = testCase;
  const chatConfig = { conv_template: family.template };
  if (turns.at(-1)?.role !== 'user') throw new Error(`${testCase.name}: a chat ends with the user's question`);
  const prefix = family.template.system_prefix_token_ids ?? null;

  // Fresh prefill of the whole chat (empty KV cache).
  const fresh = api.getConversationFromChatCompletionRequest({ messages: turns }, chatConfig);
  fresh.appendMessage(api.Role.user, turns.at(-1).content);
  fresh.appendReplyHeader(api.Role.assistant);
  const segments = fresh.getPromptArray(chatConfig);
  const artifactSegments = fresh.getArtifactPromptSegments();
  const { ids, numPromptTokens } = prefillIds(segments, prefix, tokenizer);
  const prefill = {
    segments,
    segmentTokens: segments.map((s) => tokenizer.count(s)),
    prefixTokens: prefix?.length ?? 0,
    tokens: ids.length,
    // What usage.prompt_tokens reports for this prefill (and what the context-window check adds up):
    // getInputData's numPromptTokens, which leaves the prefix ids out although they are prefilled.
    usagePromptTokens: numPromptTokens,
  };
  // Models with a model_manifest take the artifact path, which fills role templates without String.replace: text
  // holding `$&`-style patterns or {function_string} renders differently there. Kept when it differs.
  if (!sameSegments(segments, artifactSegments)) prefill.artifactPathSegments = artifactSegments;

  // The same chat asked round by round, reusing the KV cache as the engine does.
  const rounds = [];
  let conversation = null;
  turns.forEach((turn, end) => {
    if (turn.role !== 'user') return;
    const request = { messages: turns.slice(0, end + 1) };
    const next = api.getConversationFromChatCompletionRequest(request, chatConfig);
    if (conversation === null) {
      conversation = next;
    } else if (!api.compareConversationObject(conversation, next)) {
      throw new Error(`${family.family}/${testCase.name}: WebLLM would not reuse the KV cache for the request of ${end + 1} turns`);
    }
    conversation.appendMessage(api.Role.user, turn.content);
    conversation.appendReplyHeader(api.Role.assistant);
    // The first round has nothing cached: the engine prefills it whole (the `prefill` of the chat up to here).
    if (conversation.messages.length >= 3) {
      const last = conversation.getPromptArrayLastRound(chatConfig);
      const { ids: roundIds } = prefillIds(last, null, tokenizer);
      const round = { turnCount: end + 1, segments: last, segmentTokens: last.map((s) => tokenizer.count(s)), tokens: roundIds.length };
      const artifactLast = conversation.getArtifactPromptSegmentsLastRound();
      if (!sameSegments(last, artifactLast)) round.artifactPathSegments = artifactLast;
      rounds.push(round);
    }
    const reply = turns[end + 1];
    if (reply !== undefined) {
      if (reply.role !== 'assistant') throw new Error(`${testCase.name}: a question is followed by the engine's reply`);
      conversation.finishReply(reply.content);
    }
  });
  if (sum(prefill.segmentTokens) + prefill.prefixTokens !== prefill.tokens) throw new Error('internal: counts disagree');
  return { name: testCase.name, about: testCase.about, turns, prefill, rounds };
}

/** The fixture for the installed WebLLM. Throws when a family's models are missing from WebLLM's prebuilt list. */
export function recordTemplateCases() {
  const { version, bundle, bundlePath } = webllmPackage();
  const { code, errorClasses, api } = loadWebLLMConversation(bundle);
  const prebuilt = new Map(prebuiltAppConfig.model_list.map((record) => [record.model_id, record]));
  const families = FAMILIES.map((family) => {
    const models = family.modelIds.map((modelId) => {
      const record = prebuilt.get(modelId);
      if (record === undefined) throw new Error(`${modelId} is not in ${WEBLLM} ${version}'s prebuiltAppConfig.model_list`);
      // Without a model_manifest the pipeline has no artifact and prefills getPromptArray's segments.
      if (record.model_manifest !== undefined) throw new Error(`${modelId} has a model_manifest: its prompts take the artifact path`);
      return { modelId, model: record.model };
    });
    const tokenizer = familyTokenizer(family.family);
    return {
      family: family.family,
      about: family.about,
      convTemplateName: family.template.name,
      sources: family.sources,
      models,
      specialTokens: FAMILY_SPECIAL_TOKENS[family.family],
      template: family.template,
      cases: CASES.map((testCase) => recordCase(api, family, tokenizer, testCase)),
    };
  });
  return {
    about:
      'Recorded by scripts/record-template-cases.mjs: the prompt segments and token counts that WebLLM\'s own Conversation code (cut out of the ' +
      'installed bundle) gives for each chat, with tests/support/special-token-tokenizer.mjs as the tokenizer. prefill: an empty KV cache ' +
      '(system_prefix_token_ids, then each segment encoded alone; tokens is what the KV cache then holds; usagePromptTokens is what ' +
      'WebLLM reports as usage.prompt_tokens, without the prefix ids). rounds: each later question of the chat with the KV cache reused ' +
      '(getPromptArrayLastRound, no prefix ids). The listed models have no model_manifest, so they take this getPromptArray path; ' +
      'artifactPathSegments, where present, is what the artifact path (models with a manifest) would render instead. ' +
      'Re-record with: node scripts/record-template-cases.mjs',
    webllm: {
      package: WEBLLM,
      version,
      bundle: bundlePath,
      extracted: ['Role', 'MessagePlaceholders', ...errorClasses, 'Conversation', 'getConversation', 'compareConversationObject', 'getConversationFromChatCompletionRequest'],
      extractedSha256: createHash('sha256').update(code).digest('hex'),
    },
    families,
  };
}

export const fixtureText = (fixture) => `${JSON.stringify(fixture, null, 2)}\n`;

export const readTemplateCasesFixture = () => JSON.parse(readFileSync(FIXTURE_PATH, 'utf8'));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = fixtureText(recordTemplateCases());
  if (process.argv.includes('--check')) {
    const current = readFileSync(FIXTURE_PATH, 'utf8') === text;
    console.log(current ? `${relative(ROOT, FIXTURE_PATH)} is current` : `${relative(ROOT, FIXTURE_PATH)} is stale: run node scripts/record-template-cases.mjs`);
    process.exit(current ? 0 : 1);
  }
  writeFileSync(FIXTURE_PATH, text);
  console.log(`wrote ${relative(ROOT, FIXTURE_PATH)}`);
}
