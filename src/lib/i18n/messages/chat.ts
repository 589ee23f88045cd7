/** The open conversation: messages, composer, reply and context settings, stats. */
import type { Catalog } from '../translate';

export const en = {
  // Shared words of the conversation's buttons.
  'chat.send': 'Send',
  'chat.cancel': 'Cancel',
  'chat.edit': 'Edit',
  'chat.copy': 'Copy',
  'chat.copied': 'Copied',
  'chat.retrySaving': 'Retry saving',
  'chat.dismiss': 'Dismiss',
  'chat.chooseModel': 'Choose a model',

  // The transcript.
  'chat.conversation': 'Conversation',
  'chat.jumpToLatest': 'Scroll to the latest message',
  'chat.summarizing': 'Summarizing earlier messages…',

  // Problems of the open conversation (storage, limits), shown above the composer.
  'chat.problem.storageFull':
    'This browser’s storage is full, so new messages are not being saved. They stay on screen: free some space (delete a model you don’t use), then use “Retry saving”.',
  'chat.problem.storageFailed': 'Saving to this browser’s storage failed ({detail}). Messages stay on screen; use “Retry saving” to try again.',
  'chat.problem.restoreFailed': 'The last conversation could not be reopened: {detail}',
  'chat.problem.readFailed': 'The conversation could not be read: {detail}',
  'chat.problem.messageTooLong': 'This message is too long to keep ({length} characters; the limit is {limit}). Shorten it, then send it again.',
  'chat.problem.replyFailed': 'Something went wrong with this reply: {detail}',
  'chat.problem.interruptedCheckFailed': 'Replies cut off by a closed tab could not be checked: {detail}',
  'chat.problem.systemPromptTooLong': 'The system prompt is too long to keep ({length} characters; the limit is {limit}).',
  'chat.problem.summaryTooLong': 'The summary is too long ({length} characters; the limit is {limit}): it is sent with every message. Shorten it, then save it again.',

  // The composer.
  'chat.composer.label': 'Message',
  'chat.composer.placeholder': 'Message {name}',
  'chat.composer.placeholderLoading': 'Loading the model…',
  'chat.composer.placeholderNoModel': 'Load a model to start chatting',
  'chat.composer.notReadyLoading': 'The model is still loading; send when it is ready (your message stays here).',
  'chat.composer.notReadyNoWebgpu': "This browser can't run a model (no WebGPU), so nothing can answer here.",
  'chat.composer.notReadyNoModel': 'Load a model first: your message stays here until one is ready.',
  'chat.composer.stop': 'Stop',
  'chat.composer.stopping': 'Stopping…',
  'chat.composer.tooLong': 'This message is {over} characters over the limit of {limit}; shorten it to send it.',
  'chat.composer.hint': 'Enter to send · Shift+Enter for a new line · Everything stays on this device.',
  'chat.composer.hintGenerating': 'Esc to stop · Everything stays on this device.',

  // A message and its footer.
  'chat.message.notSaved': 'Not saved',
  'chat.message.notSavedTitle': "This browser's storage refused to save it. It stays on screen until it is saved.",
  'chat.message.outOfContext': 'Out of context',
  'chat.message.outOfContextTitle':
    'The model does not see this message in the next reply: it left the context window, or the focus mode leaves it out. Pin a question to keep it in.',
  'chat.message.pinned': 'Pinned',
  'chat.message.pinnedTitle': 'Sent with every request, however old it is.',
  'chat.message.editLabel': 'Edit your message',
  'chat.message.pin': 'Pin to context',
  'chat.message.pinTitle': 'Always send this question and its answer to the model',
  'chat.message.unpin': 'Unpin',
  'chat.message.unpinTitle': 'Let this exchange leave the context when it gets old',
  'chat.message.waiting': 'Waiting for the first token',
  'chat.message.stopped': 'Stopped',
  'chat.message.interrupted': 'Interrupted',
  'chat.message.interruptedTitle': 'The tab closed or reloaded while this reply was being written; what was written is kept.',
  'chat.message.cutOff': 'Cut off at the length limit',
  'chat.message.regenerate': 'Regenerate',
  'chat.branch.previous': 'Previous version',
  'chat.branch.next': 'Next version',
  'chat.branch.position': '{current} / {total}',

  // The stats line under a reply.
  'chat.stats.decode': 'decode',
  'chat.stats.prefill': 'prefill',
  'chat.stats.firstToken': 'first token',
  'chat.stats.prompt': 'prompt',
  'chat.stats.reused': 'reused',
  'chat.stats.reply': 'reply',
  'chat.stats.tokensPerS': '{amount} tok/s',
  'chat.stats.ms': '{amount} ms',
  'chat.stats.s': '{amount} s',
  'chat.stats.tokens': '{amount} tok',

  // Reply settings.
  'chat.settings.heading': 'Reply settings: ',
  'chat.preset.precise': 'Precise',
  'chat.preset.preciseHelp': 'Focused and consistent: facts, code, extraction.',
  'chat.preset.balanced': 'Balanced',
  'chat.preset.balancedHelp': 'Natural answers with some variety.',
  'chat.preset.creative': 'Creative',
  'chat.preset.creativeHelp': 'More varied wording and ideas, less repetition.',
  'chat.settings.readFailed': "Your saved reply settings could not be read ({detail}); the model's defaults apply.",
  'chat.settings.saveFailed': 'These reply settings apply now but could not be saved for your next visit ({detail}).',
  // The reply settings' one-line summary, part by part (joined with " · ").
  'chat.settings.summary.greedy': 'greedy',
  'chat.settings.summary.temperature': 'temperature {value}',
  'chat.settings.summary.topP': 'top-p {value}',
  'chat.settings.summary.topK': 'top-k {value}',
  'chat.settings.summary.minP': 'min-p {value}',
  'chat.settings.summary.repetitionPenalty': 'repetition ×{value}',
  'chat.settings.summary.presencePenalty': 'presence {value}',
  'chat.settings.summary.frequencyPenalty': 'frequency {value}',
  'chat.settings.summary.stopAt': 'stop at {text}',
  'chat.settings.summary.stops': { one: '{count} stop string', other: '{count} stop strings' },
  'chat.settings.summary.seed': 'seed {value}',
  'chat.settings.summary.maxTokens': '≤ {value} tokens',
  'chat.settings.summary.defaults': "model's defaults",

  // Context settings.
  'chat.context.heading': 'Context: ',
  'chat.context.summary.systemPrompt': 'system prompt',
  'chat.context.summary.full': 'full history',
  'chat.context.summary.last': { one: 'last {count} turn', other: 'last {count} turns' },
  'chat.context.summary.standalone': 'standalone question',
  'chat.context.summary.rewriting': 'rewriting follow-ups',
  'chat.context.summary.runningSummary': 'running summary',
  'chat.context.freshNote': 'A fresh context is in use: messages before it are not sent to the model.',
  'chat.context.freshUndo': 'Use the full history again',

  // The context meter under the composer. {prefill} is shown in bold ("+12").
  'chat.meter.label': 'Context window used',
  'chat.meter.usage': '{used} / {window} tokens in context · next message {prefill} to process, {reply} kept for the reply',
  'chat.meter.usageNoWindow': '{used} tokens in context · next message {prefill} to process, {reply} kept for the reply',
  'chat.meter.rewrite': '· rewriting the question first: {tokens} tokens',
  'chat.meter.dropped': { one: '· {count} earlier message is out of context', other: '· {count} earlier messages are out of context' },
  'chat.meter.tooLong': 'This message does not fit in the context window with room for the reply; shorten it.',

  // The empty conversation.
  'chat.empty.readyTitle': 'Ready when you are',
  'chat.empty.readyText': '{name} is running on your GPU. Nothing you type leaves this device.',
  'chat.empty.example1': 'Explain how WebGPU differs from WebGL',
  'chat.empty.example2': 'Write a haiku about privacy',
  'chat.empty.example3': 'Give me a Python function that reverses a string',
  'chat.empty.loadingTitle': 'Getting {name} ready…',
  'chat.empty.loadingText': 'The first load downloads the model once and keeps it on this device; later loads read it from there, without downloading again.',
  'chat.empty.noWebgpuTitle': "This browser can't run a model here",
  'chat.empty.stillHere': 'Your conversations stay on this device and can still be read, searched, exported and imported.',
  'chat.empty.welcomeTitle': 'Private AI chat, entirely in your browser',
  'chat.empty.welcomeText':
    'The model runs on your own GPU and your conversations stay on this device. Choose a model to start: it downloads once and stays on this device, so later it loads without downloading again.',
  'chat.empty.loadLast': 'Load {name}',
  'chat.empty.loadLastSize': '({size}, on this device)',
  'chat.empty.chooseAnother': 'Choose another model',

  // Rendered replies: remote media offered as a link instead of loaded.
  'chat.media.image': 'Image from {host} (not loaded; opens in a new tab)',
  'chat.media.imageAlt': 'Image “{alt}” from {host} (not loaded; opens in a new tab)',
  'chat.media.video': 'Video from {host} (not loaded; opens in a new tab)',
  'chat.media.videoAlt': 'Video “{alt}” from {host} (not loaded; opens in a new tab)',
  'chat.media.audio': 'Audio from {host} (not loaded; opens in a new tab)',
  'chat.media.audioAlt': 'Audio “{alt}” from {host} (not loaded; opens in a new tab)',
} as const satisfies Catalog;
