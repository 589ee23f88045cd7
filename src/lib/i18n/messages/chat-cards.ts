/** The cards a conversation shows only when it has them: the running summary, a rewritten follow-up, a topic change. English, loaded with that part (messages/index.ts). */
import type { Catalog } from '../translate';

export const en = {
  'chat.save': 'Save',
  'chat.edited': 'edited',
  'chat.rewrite.rewriting': 'Rewriting your question so it stands on its own…',
  'chat.rewrite.askAs': 'Ask the model as',
  'chat.rewrite.saveAndAnswer': 'Save and answer again',
  'chat.rewrite.asWritten': 'Asked as written',
  'chat.rewrite.askedAs': 'Asked as:',
  'chat.rewrite.editLabel': 'Edit the question the model was asked',
  'chat.rewrite.useOriginal': 'Use my question as written',
  'chat.topic.text': 'This question does not build on the conversation before it. A fresh context leaves the earlier messages out, so they cannot distract the model.',
  'chat.topic.start': 'Start a fresh context here',
  'chat.summary.heading': 'Summary of earlier messages',
  'chat.summary.note': '(the model reads this instead of them)',
  'chat.summary.inputLabel': 'Summary the model reads',
  'chat.summary.count': '{length} / {max} characters, sent with every message. Ctrl+Enter saves, Escape cancels.',
  'chat.summary.editLabel': 'Edit the summary of earlier messages',
  'chat.summary.clear': 'Clear',
  'chat.summary.clearLabel': 'Clear the summary of earlier messages',
} as const satisfies Catalog;
