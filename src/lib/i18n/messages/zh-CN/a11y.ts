/** a11y: Simplified Chinese (loaded only when the UI speaks it). */
import type { Translation } from '../../translate';
import type { en } from '../a11y';

export const zhCN: Translation<typeof en> = {
  'a11y.replyStarted': '正在生成回复…',
  'a11y.replyFinished': '回复完成',
  'a11y.replyStopped': '回复已停止',
  'a11y.replyFailed': '回复失败',
  'a11y.codeBlock': { other: '代码块，{count} 行' },
  'a11y.codeBlockIn': { other: '{language} 代码块，{count} 行' },
};
