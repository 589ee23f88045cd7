/** The privacy page: what leaves the device and how to check. */
import type { Catalog } from '../translate';

export const en = {
  'privacy.title': 'Privacy',
  'privacy.summary': 'Your conversations never leave this device. The model runs inside this browser tab, on your own GPU, and nothing you type or it writes is sent anywhere.',
  'privacy.leaves.title': 'What leaves this device',
  'privacy.leaves.downloads': 'Model downloads, and only when you ask for one. The app then fetches the model’s files from these hosts:',
  'privacy.host.huggingface': 'Hugging Face and its download servers: weights, tokenizer and configuration',
  'privacy.host.github': 'GitHub: the model libraries (WebAssembly)',
  'privacy.host.extra': 'allowed by whoever runs this copy of the app, for models added by URL',
  'privacy.leaves.addByUrl': 'Adding a model by URL reads its configuration from the address you enter, which must be on one of these hosts.',
  'privacy.leaves.requests': 'A download asks for a file by its address, as any browser download does; it carries nothing from your conversations.',
  'privacy.leaves.local': 'Models served from your own computer (localhost or 127.0.0.1) are fetched from it without going over the network.',
  'privacy.leaves.nothingElse': 'Nothing else leaves: no analytics, no tracking, no accounts, no telemetry, no crash reports.',
  'privacy.stays.title': 'What stays on this device',
  'privacy.stays.conversations': 'Conversations, unsent drafts and settings are stored in this browser’s IndexedDB, on this device only. You can export or delete them from the conversation list; clearing this site’s data in the browser deletes them too.',
  'privacy.stays.models': 'Downloaded models are kept in the browser’s Cache Storage, so the next visit loads them without downloading again.',
  'privacy.stays.serviceWorker': 'The service worker caches only the app’s own files, so that it opens without a connection.',
  'privacy.stays.links': 'Links in replies open only when you click them; images and other media in replies are never loaded.',
  'privacy.check.title': 'How to check',
  'privacy.check.network': 'Open the browser’s developer tools (F12, or ⌥⌘I on a Mac), choose the Network panel and chat: no request is sent while the model answers.',
  'privacy.check.csp': 'The app is served with a Content-Security-Policy that lets it connect only to itself and the hosts above. The browser blocks any other connection and reports it in the console.',
} as const satisfies Catalog;
