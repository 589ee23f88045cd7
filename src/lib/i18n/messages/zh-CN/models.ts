/** models: Simplified Chinese (loaded only when the UI speaks it). */
import type { Translation } from '../../translate';
import type { en } from '../models';

export const zhCN: Translation<typeof en> = {
  'models.phase.preparing': '正在准备',
  'models.phase.downloading': '正在下载',
  'models.phase.loading': '正在载入 GPU',
  'models.phase.compiling': '正在编译着色器',
  'models.phase.ready': '就绪',

  'models.add.duplicate': '此模型已在列表中，名称为“{name}”。',

  'models.manifest.noRecords': '权重清单中没有 "records" 列表：这些不是 MLC 权重。',
  'models.manifest.badRecord': '权重清单的第 {index} 条记录没有有效的 dataPath/nbytes。',
  'models.manifest.noShards': '权重清单中没有列出任何分片。',
  'models.manifest.noTokenizer': 'mlc-chat-config.json 中没有指定 tokenizer.json 或 tokenizer.model。',
  'models.manifest.notObject': 'mlc-chat-config.json 不是 JSON 对象。',
  'models.manifest.noTemplate': 'mlc-chat-config.json 中没有对话模板（conv_template）。',
  'models.manifest.notJson': '{file} 不是有效的 JSON。',
};
