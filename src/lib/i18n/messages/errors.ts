/** What went wrong and what to do (AppError kinds), load phases, WebGPU advice, import limits. */
import type { Catalog } from '../translate';

export const en = {
  // The kinds of AppError (lib/inference/app-error.ts): errors.<kind>.message / .hint.
  'errors.no-webgpu.message': "This browser can't give the app access to a GPU (WebGPU is not available).",
  'errors.no-webgpu.hint': 'Use a recent Chrome, Edge or Safari with hardware acceleration turned on, over https or localhost.',
  'errors.no-shader-f16.message': "This model needs 16-bit GPU shaders (shader-f16), which your GPU doesn't offer.",
  'errors.no-shader-f16.hint': 'Pick the q4f32_1 version of the same model instead.',
  'errors.device-lost.message': 'The GPU stopped working for this model, most often because it ran out of memory.',
  'errors.device-lost.hint': 'Close other GPU-heavy tabs or apps, or pick a smaller model, then load it again.',
  'errors.out-of-memory.message': 'The model needs more memory than this device can give it right now.',
  'errors.out-of-memory.hint': 'Pick a smaller model or a q4 version of it, or close other tabs and apps that use the GPU, then load it again.',
  'errors.context-exceeded.message': "The conversation no longer fits in this model's context window.",
  'errors.context-exceeded.hint': 'Start a new chat, or shorten your message.',
  'errors.question-too-long.message': "This message alone does not fit in the model's context window, with room left for the reply.",
  'errors.question-too-long.hint':
    'Shorten it, unpin earlier messages, lower the reply length in Reply settings, or pick a model with a larger context window.',
  'errors.download-failed.message': 'The model files could not be downloaded.',
  'errors.download-failed.hint': 'Check your connection and try again. Files that finished are kept, so the download resumes where it stopped.',
  'errors.storage-full.message': "There isn't enough storage space left for this model.",
  'errors.storage-full.hint': "Delete cached models you don't use, or free some disk space, then try again.",
  'errors.library-failed.message': "The model's GPU program (its model library) could not be loaded.",
  'errors.library-failed.hint': 'The library may be unreachable or built for a different WebLLM version. Check its URL or pick another model.',
  'errors.cancelled.message': 'Loading was cancelled.',
  'errors.cancelled.hint': 'Pick a model to load it again.',
  'errors.not-loaded.message': 'No model is loaded.',
  'errors.not-loaded.hint': 'Pick a model and load it first.',
  'errors.engine-in-other-tab.message': 'Another tab of this app is using the GPU for a model.',
  'errors.engine-in-other-tab.hint':
    'Only one tab can run a model at a time. Use that tab, or use the model here instead (the other tab unloads it).',
  'errors.taken-over.message': 'Another tab of this app took over the GPU, so the model was unloaded here.',
  'errors.taken-over.hint': 'Your conversations are kept. Load a model again to use it in this tab.',
  'errors.engine-unresponsive.message': 'The model engine stopped responding, so it was shut down. What it had written is kept.',
  'errors.engine-unresponsive.hint': 'Load the model again to continue; no page reload is needed. If it keeps happening, try a smaller model.',
  'errors.unknown.message': 'Something went wrong in the model engine.',
  'errors.unknown.hint': 'Try again. If it keeps happening, reload the page.',

  // The error notice.
  'errors.details': 'Details',
  'errors.dismiss': 'Dismiss',

  // Texts that replace a kind's own when the code that failed knows more.
  'errors.library.downloadFailed': "The model's GPU program (its model library) could not be downloaded.",
  'errors.storage.needsMore': "There isn't enough storage space for this model: it needs {needed} more, and {free} is free.",
  'errors.download.httpStatus': 'Downloading {model} failed: the server answered {status} for {file}.',
  'errors.download.missingFile':
    "The model's host is missing this file. The files that finished are kept: Resume fetches only what is missing once the host has it, or Delete removes the partial download.",
  'errors.download.notMlc': '{model} does not look like an MLC model: {reason}',
  'errors.engine.cannotCount': 'This version of the engine cannot count tokens.',
  'errors.engine.noLogitProcessor': 'This version of the engine cannot apply top-k or min-p.',
  'errors.engine.noLogitProcessorHint': 'Clear top-k and min-p in the advanced reply settings, then send again.',
  'errors.engine.stoppedUnexpectedly': 'The model engine stopped unexpectedly.',

  // Without WebGPU: why, and what to do in this browser (lib/inference/webgpu-advice.ts).
  'errors.webgpu.insecureHeadline': 'This page is not a secure context, and browsers offer WebGPU only to secure pages.',
  'errors.webgpu.noApiHeadline': 'This browser has no WebGPU, which the app needs to run a model on your GPU.',
  'errors.webgpu.noAdapterHeadline': 'This browser supports WebGPU but did not offer the app a GPU.',
  'errors.webgpu.useHttps': 'Open the app over https://, or on localhost or 127.0.0.1.',
  'errors.webgpu.modernBrowsers':
    'Use a browser with WebGPU: Chrome or Edge 113 or newer on Windows, macOS or ChromeOS, Chrome 121+ on Android, Safari 26, or Firefox 141+ on Windows.',
  'errors.webgpu.firefox':
    'Firefox offers WebGPU on Windows from version 141. On other systems use Chrome or Edge, or try setting dom.webgpu.enabled in about:config.',
  'errors.webgpu.safari': 'Safari offers WebGPU from version 26 (macOS 26, iOS 26): update it, or use Chrome or Edge.',
  'errors.webgpu.hardwareAcceleration':
    'Turn on hardware acceleration (in Chrome or Edge: Settings › System › “Use graphics acceleration when available”) and restart the browser.',
  'errors.webgpu.driver': 'Update the graphics driver: browsers withhold WebGPU from GPUs and drivers they block (chrome://gpu says why).',
  'errors.webgpu.linuxFlag':
    'On Linux, Chrome and Edge offer WebGPU only when it is switched on: open chrome://flags/#enable-unsafe-webgpu, choose Enabled, and restart the browser.',
  'errors.webgpu.otherDevice': 'Or open this app on another device: a recent laptop, desktop or phone.',

  // Importing a file: why nothing was imported (lib/transfer/import.ts, the import worker).
  'errors.import.fileTooLarge': 'This file is too large to import ({size} MB; the limit is {limit} MB).',
  'errors.import.textTooLarge': 'This file is too large to import (over {limit} MB).',
  'errors.import.empty': 'The file is empty.',
  'errors.import.notJson': 'The file is not valid JSON (it may be truncated). Use an export from this app or ChatGPT’s conversations.json.',
  'errors.import.unknownFormat': 'This JSON is neither an export from this app nor ChatGPT’s conversations.json.',
  'errors.import.noVersion': 'The export has no valid version number.',
  'errors.import.newerVersion': 'This export was made by a newer version of the app (format {version}); update the app to import it.',
  'errors.import.noList': 'The export has no "conversations" list.',
  'errors.import.duplicateConversation': 'The conversation id {id} appears twice in the file.',
  'errors.import.invalidId': '{where} is not a valid id.',
  'errors.import.notText': '{where} is not text.',
  'errors.import.invalidTime': '{where} is not a valid time.',
  'errors.import.notConversation': '{where} is not a conversation.',
  'errors.import.messagesNotList': '{where}.messages is not a list.',
  'errors.import.notMessage': '{where} is not a message.',
  'errors.import.badRole': '{where}.role must be "user" or "assistant".',
  'errors.import.badStatus': '{where}.status is not a known status.',
  'errors.import.duplicateMessage': '{where} has the message id {id} twice.',
  'errors.import.nothingImported': '{reason} Nothing was imported.',
  'errors.import.storageFull':
    'There is not enough storage space for this import, so nothing was imported. Free some space (delete a model you don’t use), then try again.',
  'errors.import.failed': 'The import failed and nothing was imported: {reason}',
  'errors.import.crashed': 'The import stopped unexpectedly and nothing was imported ({reason}).',
  'errors.import.workerFailed': 'the import worker failed',

  // What the app refuses to store (lib/transfer/limits.ts).
  'errors.limit.textTooLong': '{what} is too long ({length} characters; the limit is {limit}).',
  'errors.limit.badId': 'The {what} must be 1 to {max} characters long.',
  'errors.limit.badTime': 'The {what} {time} is not a valid time.',
  'errors.limit.subject.message': 'The message',
  'errors.limit.subject.systemPrompt': 'The system prompt',
  'errors.limit.subject.conversationId': 'conversation id',
  'errors.limit.subject.messageId': 'message id',
  'errors.limit.subject.conversationTime': 'conversation time',
  'errors.limit.subject.messageTime': 'message time',
} as const satisfies Catalog;
