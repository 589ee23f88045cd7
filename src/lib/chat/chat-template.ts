/**
 * A model's conversation template (`conv_template` in its mlc-chat-config.json) applied to a request's turns,
 * exactly as WebLLM's Conversation.getPromptArray does for text: the system prompt first, then one segment
 * per turn (role string + separator + the role template filled with the text + the turn's separator), then
 * the assistant's reply header. WebLLM tokenizes each segment on its own and concatenates the ids (after the
 * template's system_prefix_token_ids), so a count must tokenize these same segments. Pure.
 */
import type { ChatTurn } from './chat-types';

/** The fields of WebLLM's ConvTemplateConfig that shape a text prompt. */
export interface ConvTemplate {
  readonly system_template: string;
  readonly system_message: string;
  readonly roles: Readonly<Record<string, string>>;
  readonly role_templates?: Readonly<Record<string, string>>;
  readonly seps: readonly string[];
  readonly role_content_sep?: string;
  readonly role_empty_sep?: string;
  readonly system_prefix_token_ids?: readonly number[] | null;
  readonly add_role_after_system_message?: boolean;
  readonly render_empty_system_message?: boolean;
}

const PLACEHOLDER: Readonly<Record<string, string>> = {
  system: '{system_message}',
  user: '{user_message}',
  assistant: '{assistant_message}',
  tool: '{tool_message}',
};

/** WebLLM: a missing separator means ": "; an empty one means none. */
const sepOr = (sep: string | undefined) => (sep || sep === '' ? sep : ': ');

/**
 * The prompt segments for `turns` (a leading system turn replaces the template's system message) followed by
 * the assistant reply header, as WebLLM builds them for a fresh prefill.
 */
export function renderPromptSegments(template: ConvTemplate, turns: readonly ChatTurn[]): string[] {
  if (template.seps.length === 0) throw new Error('The conversation template has no separators.');
  const systemTurn = turns[0]?.role === 'system' ? turns[0] : undefined;
  const systemMessage = systemTurn ? systemTurn.content : template.system_message;
  const systemPrompt =
    systemMessage === '' && template.render_empty_system_message === false ? '' : template.system_template.replace(PLACEHOLDER.system as string, systemMessage);
  const segments = systemPrompt !== '' ? [systemPrompt] : [];
  const messages = turns.filter((t) => t.role !== 'system');
  messages.forEach((turn, i) => {
    const roleString = template.roles[turn.role];
    if (roleString === undefined) throw new Error(`The conversation template has no role "${turn.role}".`);
    const filled = template.role_templates?.[turn.role]?.replace(PLACEHOLDER[turn.role] as string, turn.content).replace('{function_string}', '');
    const body = filled ?? turn.content;
    const prefix = template.add_role_after_system_message === false && systemPrompt !== '' && i === 0 ? '' : roleString + sepOr(template.role_content_sep);
    segments.push(prefix + body + template.seps[i % template.seps.length]);
  });
  const assistant = template.roles.assistant;
  if (assistant === undefined) throw new Error('The conversation template has no assistant role.');
  segments.push(assistant + sepOr(template.role_empty_sep));
  return segments;
}
