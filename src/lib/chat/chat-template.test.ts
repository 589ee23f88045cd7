import { describe, expect, it } from 'vitest';
import { renderPromptSegments, type ConvTemplate } from './chat-template';

/** Qwen2's ChatML template as the real-engine fixture's mlc-chat-config.json declares it. */
const CHATML: ConvTemplate = {
  system_template: '<|im_start|>system\n{system_message}<|im_end|>\n',
  system_message: '',
  roles: { user: '<|im_start|>user', assistant: '<|im_start|>assistant' },
  role_templates: { user: '{user_message}', assistant: '{assistant_message}', tool: '{tool_message}' },
  seps: ['<|im_end|>\n'],
  role_content_sep: '\n',
  role_empty_sep: '\n',
  system_prefix_token_ids: null,
  add_role_after_system_message: true,
};

/** The fixture's byte-level tokenizer: each special token is one id, every other byte one id. */
function byteTokens(segments: readonly string[]): number {
  const specials = /<\|(?:im_start|im_end|endoftext)\|>/g;
  return segments.reduce((sum, s) => sum + (s.match(specials)?.length ?? 0) + new TextEncoder().encode(s.replace(specials, '')).length, 0);
}

describe('chat template', () => {
  it('renders "hi" as the engine prefilled it: 31 tokens with the fixture tokenizer', () => {
    const segments = renderPromptSegments(CHATML, [{ role: 'user', content: 'hi' }]);
    expect(segments).toEqual(['<|im_start|>system\n<|im_end|>\n', '<|im_start|>user\nhi<|im_end|>\n', '<|im_start|>assistant\n']);
    expect(byteTokens(segments)).toBe(31);
  });

  it('a system turn replaces the template system message; separators alternate as WebLLM indexes them', () => {
    const alternating: ConvTemplate = { ...CHATML, seps: [' ', '</s>'], role_content_sep: undefined, role_empty_sep: undefined, role_templates: undefined };
    const segments = renderPromptSegments(alternating, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b' },
      { role: 'user', content: 'c' },
    ]);
    expect(segments).toEqual([
      '<|im_start|>system\nBe brief.<|im_end|>\n',
      '<|im_start|>user: a ',
      '<|im_start|>assistant: b</s>',
      '<|im_start|>user: c ',
      '<|im_start|>assistant: ',
    ]);
  });

  it('follows add_role_after_system_message and render_empty_system_message', () => {
    const merged: ConvTemplate = { ...CHATML, system_template: '[SYS]{system_message}[/SYS]', add_role_after_system_message: false };
    expect(renderPromptSegments(merged, [{ role: 'system', content: 'x' }, { role: 'user', content: 'q' }])[1]).toBe('q<|im_end|>\n');
    const silent: ConvTemplate = { ...CHATML, render_empty_system_message: false };
    expect(renderPromptSegments(silent, [{ role: 'user', content: 'q' }])[0]).toBe('<|im_start|>user\nq<|im_end|>\n');
  });

  it('a second turn sent with the history is the first prompt plus the reply and the new question', () => {
    const first = renderPromptSegments(CHATML, [{ role: 'user', content: 'hi' }]);
    const second = renderPromptSegments(CHATML, [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: ' t109658 t94864' },
      { role: 'user', content: 'ok' },
    ]);
    // The KV cache holds the first prompt and the reply; only the rest is new.
    expect(second.slice(0, 2)).toEqual(first.slice(0, 2));
    expect(second[2]).toBe('<|im_start|>assistant\n t109658 t94864<|im_end|>\n');
  });
});
