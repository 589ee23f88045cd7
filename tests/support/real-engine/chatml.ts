/**
 * Prompt token ids for the synthetic Qwen2 model's ChatML template (`qwen2`, empty system message). The synthetic
 * tokenizer has no merges, so every UTF-8 byte of the text is one token whose id is the byte value; the markers are
 * Qwen2's special tokens, which keep their model-vocab ids.
 */

export const ENDOFTEXT_ID = 151643;
export const IM_START_ID = 151644;
export const IM_END_ID = 151645;

const bytes = (text: string): number[] => [...new TextEncoder().encode(text)];

/** `<|im_start|>system\n<|im_end|>\n<|im_start|>user\n{message}<|im_end|>\n<|im_start|>assistant\n`: 29 + bytes. */
export function chatPromptIds(message: string): number[] {
  return [
    ...[IM_START_ID, ...bytes('system\n'), IM_END_ID, ...bytes('\n')],
    ...[IM_START_ID, ...bytes('user\n'), ...bytes(message), IM_END_ID, ...bytes('\n')],
    ...[IM_START_ID, ...bytes('assistant\n')],
  ];
}

/** A later turn when the engine's KV cache continues the conversation: `<|im_start|>user\n{message}<|im_end|>\n<|im_start|>assistant\n`. */
export function chatRoundIds(message: string): number[] {
  return [...[IM_START_ID, ...bytes('user\n'), ...bytes(message), IM_END_ID, ...bytes('\n')], ...[IM_START_ID, ...bytes('assistant\n')]];
}

/** Any text request in the same template: the system turn (its own message, or empty), each turn, the reply header. */
export function chatMessagesIds(messages: ReadonlyArray<{ readonly role: string; readonly content: string }>): number[] {
  const system = messages[0]?.role === 'system' ? messages[0].content : '';
  const turn = (role: string, content: string) => [IM_START_ID, ...bytes(`${role}\n${content}`), IM_END_ID, ...bytes('\n')];
  return [...turn('system', system), ...messages.filter((m) => m.role !== 'system').flatMap((m) => turn(m.role, m.content)), IM_START_ID, ...bytes('assistant\n')];
}
