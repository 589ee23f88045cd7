/**
 * The conversation's parts that are not on its first screen: the settings panels' bodies (behind their summary
 * lines) and the cards shown only when a conversation has them (a running summary, a rewritten follow-up, a
 * topic change). Each is a chunk of its own (../shell/lazy-component.ts).
 */
import { lazyComponent } from '../shell/lazy-component';

export const loadReplySettingsPanel = lazyComponent(() => import('./ReplySettingsPanel.svelte'), 'chat-settings');
export const loadContextSettingsPanel = lazyComponent(() => import('./ContextSettingsPanel.svelte'), 'chat-settings');
export const loadRunningSummary = lazyComponent(() => import('./RunningSummary.svelte'), 'chat-cards');
export const loadFollowUpRewrite = lazyComponent(() => import('./FollowUpRewrite.svelte'), 'chat-cards');
export const loadTopicChangeOffer = lazyComponent(() => import('./TopicChangeOffer.svelte'), 'chat-cards');
