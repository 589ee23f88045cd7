import { describe, expect, it } from 'vitest';
import { translator } from './index';
import { englishText, isTextData, translateText, type Text } from './text';

describe('texts: messages kept as data', () => {
  const nested: Text = { key: 'models.add.notMlc', params: { reason: { key: 'models.manifest.badRecord', params: { index: '3' } } } };

  it('says a text in either language, nested texts in the same one', () => {
    expect(englishText(nested)).toBe('These are not MLC weights: Weights manifest record 3 has no valid dataPath/nbytes.');
    expect(translateText(translator('en'), nested)).toBe(englishText(nested));
    expect(translateText(translator('zh-CN'), nested)).toBe('这些不是 MLC 权重：权重清单的第 3 条记录没有有效的 dataPath/nbytes。');
    expect(translateText(translator('zh-CN'), { key: 'sidebar.import.images', params: { count: 1200 } })).toBe('已略去 1,200 张图片（显示为 [image omitted]）。');
  });

  it('accepts exactly a known key with its placeholders, after cloning or JSON', () => {
    expect(isTextData(structuredClone(nested))).toBe(true);
    expect(isTextData(JSON.parse(JSON.stringify(nested)), 'models.add.')).toBe(true);
    expect(isTextData(nested, 'errors.')).toBe(false);
    expect(isTextData({ key: 'sidebar.undo' })).toBe(true);
    expect(isTextData({ key: 'sidebar.undo', params: {} })).toBe(false);
    expect(isTextData({ key: 'sidebar.undo', label: 'x' })).toBe(false);
    expect(isTextData({ key: 'hasOwnProperty' })).toBe(false);
    expect(isTextData({ key: 'models.add.notMlc', params: { reason: Number.NaN } })).toBe(false);
    expect(isTextData({ key: 'models.add.notMlc', params: { reason: { key: 'nope' } } })).toBe(false);
    // Nesting is bounded: a cycle or a deep chain is refused, not followed forever.
    const deep: Record<string, unknown> = { key: 'models.add.notMlc', params: {} };
    (deep.params as Record<string, unknown>).reason = deep;
    expect(isTextData(deep)).toBe(false);
  });
});
