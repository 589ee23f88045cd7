/** shortcuts: Simplified Chinese (loaded only when the UI speaks it). */
import type { Translation } from '../../translate';
import type { en } from '../shortcuts';

export const zhCN: Translation<typeof en> = {
  'shell.shortcuts.hint': '在输入框之外随时按 ? 即可再次查看此列表。',
  'shell.shortcut.newChat': '新对话',
  'shell.shortcut.focusComposer': '跳到消息输入框',
  'shell.shortcut.stopReply': '停止正在生成的回复',
  'shell.shortcut.regenerate': '重新生成最后一条回复',
  'shell.shortcut.searchConversations': '搜索对话',
  'shell.shortcut.openModels': '打开模型管理',
  'shell.shortcut.showShortcuts': '显示键盘快捷键',
  'shell.shortcut.closeDialog': '关闭对话框或菜单',
};
