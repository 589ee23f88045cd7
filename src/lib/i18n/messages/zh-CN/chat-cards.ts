/** chat-cards: Simplified Chinese (loaded only when the UI speaks it). */
import type { Translation } from '../../translate';
import type { en } from '../chat-cards';

export const zhCN: Translation<typeof en> = {
  'chat.save': '保存',
  'chat.edited': '已编辑',
  'chat.rewrite.rewriting': '正在改写你的问题，使其可以独立理解…',
  'chat.rewrite.askAs': '向模型提问的内容',
  'chat.rewrite.saveAndAnswer': '保存并重新回答',
  'chat.rewrite.asWritten': '按原问题提问',
  'chat.rewrite.askedAs': '实际提问：',
  'chat.rewrite.editLabel': '编辑向模型提出的问题',
  'chat.rewrite.useOriginal': '按我的原问题提问',
  'chat.topic.text': '这个问题与之前的对话无关。新的上下文会略去较早的消息，避免它们干扰模型。',
  'chat.topic.start': '从这里开始新的上下文',
  'chat.summary.heading': '较早消息的摘要',
  'chat.summary.note': '（模型会阅读这段摘要来代替那些消息）',
  'chat.summary.inputLabel': '模型阅读的摘要',
  'chat.summary.count': '{length} / {max} 个字符，随每条消息发送。Ctrl+Enter 保存，Esc 取消。',
  'chat.summary.editLabel': '编辑较早消息的摘要',
  'chat.summary.clear': '清除',
  'chat.summary.clearLabel': '清除较早消息的摘要',
};
