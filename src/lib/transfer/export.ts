/** Export: lossless versioned JSON (every branch), and Markdown of the branch on screen. */
import { activePath, buildTree } from '../chat/tree';
import type { ConversationBundle } from '../chat/conversation';

export const EXPORT_FORMAT = 'private-chat-export';
export const EXPORT_VERSION = 1;

export function exportJson(bundles: readonly ConversationBundle[], now = Date.now()): string {
  return JSON.stringify(
    {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: new Date(now).toISOString(),
      conversations: bundles.map(({ conversation, messages }) => ({ ...conversation, messages: [...messages].sort((a, b) => a.createdAt - b.createdAt) })),
    },
    null,
    1,
  );
}

export function exportMarkdown({ conversation, messages }: ConversationBundle): string {
  const path = activePath(buildTree(messages), conversation.activeLeafId);
  const lines = [`# ${conversation.title}`, ''];
  if (conversation.systemPrompt.trim()) lines.push('> **System:** ' + conversation.systemPrompt.replace(/\n/g, '\n> '), '');
  for (const message of path) {
    const who = message.role === 'user' ? 'You' : `Assistant${message.modelId ? ` (${message.modelId})` : ''}`;
    lines.push(`## ${who}`, '', message.content, '');
  }
  return lines.join('\n');
}

/** A file name from a title: letters, digits and dashes only. */
export function exportFileName(title: string, extension: 'json' | 'md'): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'conversation'}.${extension}`;
}
