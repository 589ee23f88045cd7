/** privacy: Simplified Chinese (loaded only when the UI speaks it). */
import type { Translation } from '../../translate';
import type { en } from '../privacy';

export const zhCN: Translation<typeof en> = {
  'privacy.title': '隐私',
  'privacy.summary': '你的对话从不离开这台设备。模型在这个浏览器标签页中运行，使用你自己的 GPU；你输入的内容和模型写出的内容都不会发送到任何地方。',
  'privacy.leaves.title': '哪些数据会离开这台设备',
  'privacy.leaves.downloads': '只有模型下载，而且只在你要求下载时才会发生。应用会从以下主机获取模型文件：',
  'privacy.host.huggingface': 'Hugging Face 及其下载服务器：权重、分词器和配置',
  'privacy.host.github': 'GitHub：模型库（WebAssembly）',
  'privacy.host.extra': '由部署此应用的人额外允许，用于通过 URL 添加的模型',
  'privacy.leaves.addByUrl': '通过 URL 添加模型时，应用会从你输入的地址读取模型配置，该地址必须位于上述主机之一。',
  'privacy.leaves.requests': '下载请求只按地址获取文件，和浏览器的任何下载一样，不包含你的任何对话内容。',
  'privacy.leaves.local': '从你自己的电脑（localhost 或 127.0.0.1）提供的模型直接从本机获取，不经过网络。',
  'privacy.leaves.nothingElse': '除此之外没有任何数据离开：没有统计分析，没有跟踪，没有账号，没有遥测，也没有崩溃报告。',
  'privacy.stays.title': '哪些数据留在这台设备上',
  'privacy.stays.conversations': '对话、未发送的草稿和设置保存在这个浏览器的 IndexedDB 中，只存在于这台设备上。你可以在对话列表中导出或删除它们；在浏览器中清除本网站的数据也会将它们删除。',
  'privacy.stays.models': '已下载的模型保存在浏览器的 Cache Storage 中，下次访问时无需重新下载即可加载。',
  'privacy.stays.serviceWorker': 'Service Worker 只缓存应用自身的文件，以便在没有网络时也能打开应用。',
  'privacy.stays.links': '回复中的链接只有在你点击时才会打开；回复中的图片和其他媒体从不加载。',
  'privacy.check.title': '如何验证',
  'privacy.check.network': '打开浏览器的开发者工具（按 F12，Mac 上按 ⌥⌘I），切换到“网络”（Network）面板，然后开始聊天：模型回答期间不会发出任何请求。',
  'privacy.check.csp': '应用在提供时附带内容安全策略（Content-Security-Policy），只允许连接应用自身和上面列出的主机。浏览器会拦截其他任何连接，并在控制台中报告。',
};
