/** shell: Simplified Chinese (loaded only when the UI speaks it). */
import type { Translation } from '../../translate';
import type { en } from '../shell';

export const zhCN: Translation<typeof en> = {
  'shell.appName': '私密聊天',
  'shell.language': '语言',
  'shell.theme': '主题',
  'shell.theme.system': '跟随系统',
  'shell.theme.light': '浅色',
  'shell.theme.dark': '深色',
  'shell.settings': '设置',
  'shell.conversations': '对话列表',
  'shell.newChat': '新对话',
  'shell.chooseModel': '选择模型',
  'shell.modelLoading': '{name}：{phase}',
  'shell.modelLoadingPercent': '{name}：{phase} {percent}%',
  'shell.export': '导出',
  'shell.exportMarkdown': 'Markdown（当前分支）',
  'shell.exportJson': 'JSON（所有分支）',
  'shell.privacy': '隐私',
  'shell.close': '关闭',
  'shell.shortcuts': '键盘快捷键',
};
