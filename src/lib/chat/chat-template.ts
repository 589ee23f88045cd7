/**
 * A model's conversation template (`conv_template` in its mlc-chat-config.json) applied to a request's turns,
 * exactly as WebLLM's Conversation.getPromptArray does for text: the system prompt first, then one segment
 * per turn (role string + separator + the role template filled with the text + the turn's separator), then
 * the assistant's reply header. WebLLM tokenizes each segment on its own and concatenates the ids (after the
 * template's system_prefix_token_ids), so a count must tokenize these same segments. renderLastRoundSegments is
 * what it prefills instead when the request continues the conversation in its KV cache (getPromptArrayLastRound).
 * chat-template.families.test.ts checks both against WebLLM's own code for four template families. Pure.
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

/** The system prompt: a leading system turn replaces the template's system message (WebLLM's getSystemPrompt). */
function systemPromptOf(template: ConvTemplate, turns: readonly ChatTurn[]): string {
  const systemTurn = turns[0]?.role === 'system' ? turns[0] : undefined;
  const systemMessage = systemTurn ? systemTurn.content : template.system_message;
  return systemMessage === '' && template.render_empty_system_message === false ? '' : template.system_template.replace(PLACEHOLDER.system as string, systemMessage);
}

/**
 * The segment of the `i`-th message (system turns not counted): role string, separator, the role template filled
 * with the text, then the separator of its position. String.replace as WebLLM calls it, so `$&`-style patterns in
 * the text expand there too, and a `{function_string}` left after filling the template is removed.
 */
function messageSegment(template: ConvTemplate, turn: ChatTurn, i: number, systemPrompt: string): string {
  const roleString = template.roles[turn.role];
  if (roleString === undefined) throw new Error(`The conversation template has no role "${turn.role}".`);
  const filled = template.role_templates?.[turn.role]?.replace(PLACEHOLDER[turn.role] as string, turn.content).replace('{function_string}', '');
  const body = filled ?? turn.content;
  const prefix = template.add_role_after_system_message === false && systemPrompt !== '' && i === 0 ? '' : roleString + sepOr(template.role_content_sep);
  return prefix + body + template.seps[i % template.seps.length];
}

/** The assistant's reply header that ends every prompt. */
function replyHeader(template: ConvTemplate): string {
  const assistant = template.roles.assistant;
  if (assistant === undefined) throw new Error('The conversation template has no assistant role.');
  return assistant + sepOr(template.role_empty_sep);
}

function requireSeps(template: ConvTemplate): void {
  if (template.seps.length === 0) throw new Error('The conversation template has no separators.');
}

/**
 * The prompt segments for `turns` (a leading system turn replaces the template's system message) followed by
 * the assistant reply header, as WebLLM builds them for a fresh prefill.
 */
export function renderPromptSegments(template: ConvTemplate, turns: readonly ChatTurn[]): string[] {
  requireSeps(template);
  const systemPrompt = systemPromptOf(template, turns);
  const segments = systemPrompt !== '' ? [systemPrompt] : [];
  const messages = turns.filter((t) => t.role !== 'system');
  messages.forEach((turn, i) => segments.push(messageSegment(template, turn, i, systemPrompt)));
  segments.push(replyHeader(template));
  return segments;
}

/**
 * What WebLLM prefills when `turns` continue the conversation its KV cache holds (getPromptArrayLastRound): the
 * last turn, the user's new question, with the separator of its position in the whole conversation, then the
 * reply header. No system prompt and no system_prefix_token_ids: those are in the cache. Equal to the last two
 * segments of renderPromptSegments. The first question has no last round (WebLLM throws; it prefills everything).
 */
export function renderLastRoundSegments(template: ConvTemplate, turns: readonly ChatTurn[]): string[] {
  requireSeps(template);
  const messages = turns.filter((t) => t.role !== 'system');
  const i = messages.length - 1;
  const question = messages[i];
  if (question?.role !== 'user') throw new Error('A round ends with the user\'s question.');
  if (i === 0) throw new Error('The first question has no last round: the whole prompt is prefilled.');
  return [messageSegment(template, question, i, systemPromptOf(template, turns)), replyHeader(template)];
}
