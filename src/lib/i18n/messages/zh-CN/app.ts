/** app: Simplified Chinese (loaded only when the UI speaks it). */
import type { Translation } from '../../translate';
import type { en } from '../app';

export const zhCN: Translation<typeof en> = {
  'app.update.available': '私密聊天有新版本可用。',
  'app.update.apply': '立即更新',
  'app.update.later': '稍后',
  'app.update.waiting': '正在生成的回复结束后将立即更新…',
  'app.update.cancel': '暂不更新',
  'app.stale.updatedElsewhere': '私密聊天已在另一个标签页中更新。请重新加载以使用新版本。',
  'app.stale.databaseUpgraded': '私密聊天已在另一个标签页中更新，此标签页已停止保存。请重新加载以继续：你的对话都完好无损。',
  'app.stale.databaseDeleted': '本应用的数据已在另一个标签页中被删除，此标签页已停止保存。请重新加载以重新开始。',
  'app.stale.reload': '重新加载',
  'app.offlineReady': '私密聊天现已支持离线使用：应用已保存在此设备上。',
  'app.dismiss': '关闭',
  'app.install': '安装应用',
  'app.installTitle': '将私密聊天安装为应用：独立窗口，无网络也能打开',
  'app.partLoadFailed': '无法加载应用的这一部分。请检查网络连接，然后重新加载页面。',
};
