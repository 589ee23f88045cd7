import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './chat-types';
import { buildTurns } from './request';

const base = { conversationId: 'c', parentId: null, createdAt: 0, updatedAt: 0 };
const user = (content: string): ChatMessage => ({ ...base, id: content, role: 'user', content, status: 'done' });
const reply = (content: string, status: ChatMessage['status'] = 'done'): ChatMessage => ({ ...base, id: `r${content}`, role: 'assistant', content, status });

describe('buildTurns', () => {
  it('sends history with replies verbatim and the new question last', () => {
    const turns = buildTurns([user('hi'), reply(' t1 t2  '), user('ok')]);
    expect(turns).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: ' t1 t2  ' },
      { role: 'user', content: 'ok' },
    ]);
  });

  it('puts a system prompt first when there is one', () => {
    expect(buildTurns([user('q')], 'Be brief.')[0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(buildTurns([user('q')], '   ')).toHaveLength(1);
  });

  it('keeps stopped replies and drops exchanges whose reply failed', () => {
    const turns = buildTurns([user('a'), reply('', 'error'), user('b'), reply('partial', 'stopped'), user('c')]);
    expect(turns.map((t) => `${t.role}:${t.content}`)).toEqual(['user:b', 'assistant:partial', 'user:c']);
  });
});
