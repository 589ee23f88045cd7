/** The conversation list: search, rename, pin, delete, export and import. */
import type { Catalog, Translation } from '../translate';

export const en = {
  'sidebar.label': 'Conversations',
  'sidebar.search': 'Search all conversations',
  'sidebar.deleted': 'Deleted “{title}”.',
  'sidebar.undo': 'Undo',
  'sidebar.results': 'Search results',
  'sidebar.noMatch': 'Nothing matches “{query}”.',
  'sidebar.empty': 'Your conversations will appear here. They are stored only in this browser.',
  'sidebar.more': 'Show more ({count} older)',

  // Headings of the list, by when a conversation last changed (lib/chat/conversation.ts groupByRecency).
  'sidebar.group.pinned': 'Pinned',
  'sidebar.group.today': 'Today',
  'sidebar.group.yesterday': 'Yesterday',
  'sidebar.group.week': 'Previous 7 days',
  'sidebar.group.month': 'Previous 30 days',
  'sidebar.group.older': 'Older',

  // One conversation.
  'sidebar.item.titleLabel': 'Conversation title',
  'sidebar.item.pinned': 'Pinned',
  'sidebar.item.rename': 'Rename {title}',
  'sidebar.item.pin': 'Pin {title}',
  'sidebar.item.unpin': 'Unpin {title}',
  'sidebar.item.delete': 'Delete {title}',

  // Whether the browser keeps conversations and models.
  'sidebar.storage.kept': "Kept on this device: the browser won't clear your conversations or models on its own.",
  'sidebar.storage.declined':
    'The browser may clear conversations and models when space runs low (it declined to keep them; installing the app usually changes that).',
  'sidebar.storage.mayClear': 'The browser may clear conversations and models when space runs low.',
  'sidebar.storage.ask': 'Ask to keep them',

  // Export and import.
  'sidebar.exportAll': 'Export all',
  'sidebar.import': 'Import…',
  'sidebar.importing': 'Importing…',
  'sidebar.importOk': 'OK',
  'sidebar.progress.reading': 'Reading the file…',
  'sidebar.progress.parsing': 'Checking the file…',
  'sidebar.progress.converting': 'Checking {done} / {total} conversations…',
  'sidebar.progress.writing': 'Saving {conversations} conversations…',

  // What went wrong with the list (ConversationsState).
  'sidebar.error.list': 'The conversation list could not be read: {reason}',
  'sidebar.error.search': 'Search failed: {reason}',
  'sidebar.error.export': 'The export failed: {reason}',
  'sidebar.error.other': '{reason}',

  // The import summary (lib/transfer/describe-import.ts): what was imported, left out and changed.
  'sidebar.import.added': { one: 'Imported {count} conversation from the export.', other: 'Imported {count} conversations from the export.' },
  'sidebar.import.addedChatGpt': {
    one: 'Imported {count} conversation from the ChatGPT export.',
    other: 'Imported {count} conversations from the ChatGPT export.',
  },
  'sidebar.import.existing': { one: '{count} was already here and left as it is.', other: '{count} were already here and left as they are.' },
  'sidebar.import.remappedMessageIds': {
    one: '{count} message had an id already in use and was given a new one.',
    other: '{count} messages had ids already in use and were given new ones.',
  },
  'sidebar.import.duplicateConversations': {
    one: '{count} conversation appeared twice in the file; the second copy was skipped.',
    other: '{count} conversations appeared more than once in the file; only the first copy of each was imported.',
  },
  'sidebar.import.notConversations': {
    one: '{count} entry in the file was not a conversation and was skipped.',
    other: '{count} entries in the file were not conversations and were skipped.',
  },
  'sidebar.import.emptyConversations': {
    one: '{count} conversation had no messages to import and was skipped.',
    other: '{count} conversations had no messages to import and were skipped.',
  },
  'sidebar.import.toolMessages': { one: '{count} tool call or tool output left out.', other: '{count} tool calls and tool outputs left out.' },
  'sidebar.import.images': { one: '{count} image left out (shown as [image omitted]).', other: '{count} images left out (shown as [image omitted]).' },
  'sidebar.import.otherMedia': {
    one: '{count} audio or video clip left out (shown as [audio omitted] or [video omitted]).',
    other: '{count} audio and video clips left out (shown as [audio omitted] or [video omitted]).',
  },
  'sidebar.import.reasoning': { one: '{count} reasoning summary left out.', other: '{count} reasoning summaries left out.' },
  'sidebar.import.systemMessages': {
    one: '{count} system message (custom instructions, memory) left out.',
    other: '{count} system messages (custom instructions, memory) left out.',
  },
  'sidebar.import.hiddenMessages': { one: '{count} hidden message left out.', other: '{count} hidden messages left out.' },
  'sidebar.import.unknownContent': { one: '{count} item of an unknown kind left out.', other: '{count} items of unknown kinds left out.' },
  'sidebar.import.shortened': {
    one: '{count} message was longer than {limit} characters and was shortened.',
    other: '{count} messages were longer than {limit} characters and were shortened.',
  },
  'sidebar.import.invalidTimes': { one: '{count} time was invalid and was replaced.', other: '{count} times were invalid and were replaced.' },
  'sidebar.import.remappedIds': {
    one: '{count} id was too long and was replaced by a shorter one.',
    other: '{count} ids were too long and were replaced by shorter ones.',
  },
  'sidebar.import.loopsCut': { one: '{count} loop in the links between messages was cut.', other: '{count} loops in the links between messages were cut.' },
} as const satisfies Catalog;

export const zhCN: Translation<typeof en> = {
  'sidebar.label': '对话列表',
  'sidebar.search': '搜索所有对话',
  'sidebar.deleted': '已删除“{title}”。',
  'sidebar.undo': '撤销',
  'sidebar.results': '搜索结果',
  'sidebar.noMatch': '没有与“{query}”匹配的内容。',
  'sidebar.empty': '你的对话会显示在这里，它们只保存在此浏览器中。',
  'sidebar.more': '显示更多（还有 {count} 个更早的对话）',

  'sidebar.group.pinned': '置顶',
  'sidebar.group.today': '今天',
  'sidebar.group.yesterday': '昨天',
  'sidebar.group.week': '过去 7 天',
  'sidebar.group.month': '过去 30 天',
  'sidebar.group.older': '更早',

  'sidebar.item.titleLabel': '对话标题',
  'sidebar.item.pinned': '已置顶',
  'sidebar.item.rename': '重命名“{title}”',
  'sidebar.item.pin': '置顶“{title}”',
  'sidebar.item.unpin': '取消置顶“{title}”',
  'sidebar.item.delete': '删除“{title}”',

  'sidebar.storage.kept': '已保存在此设备上：浏览器不会自行清除你的对话或模型。',
  'sidebar.storage.declined': '空间不足时，浏览器可能会清除对话和模型（浏览器拒绝了保留请求；安装本应用通常可以改变这一点）。',
  'sidebar.storage.mayClear': '空间不足时，浏览器可能会清除对话和模型。',
  'sidebar.storage.ask': '请求保留',

  'sidebar.exportAll': '全部导出',
  'sidebar.import': '导入…',
  'sidebar.importing': '正在导入…',
  'sidebar.importOk': '确定',
  'sidebar.progress.reading': '正在读取文件…',
  'sidebar.progress.parsing': '正在检查文件…',
  'sidebar.progress.converting': '正在检查对话 {done} / {total}…',
  'sidebar.progress.writing': '正在保存 {conversations} 个对话…',

  'sidebar.error.list': '无法读取对话列表：{reason}',
  'sidebar.error.search': '搜索失败：{reason}',
  'sidebar.error.export': '导出失败：{reason}',
  'sidebar.error.other': '操作失败：{reason}',

  'sidebar.import.added': { other: '已从导出文件导入 {count} 个对话。' },
  'sidebar.import.addedChatGpt': { other: '已从 ChatGPT 导出文件导入 {count} 个对话。' },
  'sidebar.import.existing': { other: '{count} 个对话已经存在，保持原样。' },
  'sidebar.import.remappedMessageIds': { other: '{count} 条消息的 id 已被占用，已分配新的 id。' },
  'sidebar.import.duplicateConversations': { other: '{count} 个对话在文件中重复出现，每个只导入了第一份。' },
  'sidebar.import.notConversations': { other: '文件中有 {count} 个条目不是对话，已跳过。' },
  'sidebar.import.emptyConversations': { other: '{count} 个对话没有可导入的消息，已跳过。' },
  'sidebar.import.toolMessages': { other: '已略去 {count} 个工具调用或工具输出。' },
  'sidebar.import.images': { other: '已略去 {count} 张图片（显示为 [image omitted]）。' },
  'sidebar.import.otherMedia': { other: '已略去 {count} 个音频或视频片段（显示为 [audio omitted] 或 [video omitted]）。' },
  'sidebar.import.reasoning': { other: '已略去 {count} 条推理摘要。' },
  'sidebar.import.systemMessages': { other: '已略去 {count} 条系统消息（自定义指令、记忆）。' },
  'sidebar.import.hiddenMessages': { other: '已略去 {count} 条隐藏消息。' },
  'sidebar.import.unknownContent': { other: '已略去 {count} 项未知类型的内容。' },
  'sidebar.import.shortened': { other: '{count} 条消息超过 {limit} 个字符，已截短。' },
  'sidebar.import.invalidTimes': { other: '{count} 个时间无效，已替换。' },
  'sidebar.import.remappedIds': { other: '{count} 个 id 过长，已替换为较短的 id。' },
  'sidebar.import.loopsCut': { other: '消息之间的链接中有 {count} 个循环，已切断。' },
};
