import { describe, expect, it } from 'vitest';
import { LOCALES } from './locale';
import type { Locale } from './locale';
import { EN, FEATURE_CATALOGS } from './messages/all';
import { FEATURE_CATALOGS as ZH_FEATURE_CATALOGS, ZH_CN } from './messages/zh-CN/all';
import { placeholders, type Message } from './translate';

const keys = Object.keys(EN);
const CATALOGS: Readonly<Record<Locale, unknown>> = { en: EN, 'zh-CN': ZH_CN };

describe('message catalogs', () => {
  it('defines every key once, across the feature files', () => {
    const all = FEATURE_CATALOGS.flatMap((c) => Object.keys(c));
    expect(all.length).toBe(new Set(all).size);
    const allZh = ZH_FEATURE_CATALOGS.flatMap((c) => Object.keys(c));
    expect(allZh.length).toBe(new Set(allZh).size);
  });

  for (const locale of LOCALES) {
    it(`${locale} has every key of the English catalog and no other`, () => {
      const catalog = CATALOGS[locale] as Readonly<Record<string, Message>>;
      expect(Object.keys(catalog).sort()).toEqual([...keys].sort());
    });

    it(`${locale} messages are non-empty and use exactly the English placeholders`, () => {
      const catalog = CATALOGS[locale] as Readonly<Record<string, Message>>;
      const wrong: string[] = [];
      for (const key of keys) {
        const message = catalog[key]!;
        const english = (EN as Readonly<Record<string, Message>>)[key]!;
        const texts = typeof message === 'string' ? [message] : [message.other, ...(message.one === undefined ? [] : [message.one])];
        if (texts.some((t) => t.trim() === '')) wrong.push(`${key}: empty`);
        if (typeof message !== typeof english) wrong.push(`${key}: plural in one language only`);
        if (placeholders(message).join() !== placeholders(english).join()) wrong.push(`${key}: {${placeholders(message)}} vs {${placeholders(english)}}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('English plural messages have a singular form', () => {
    const missing = keys.filter((k) => {
      const m = (EN as Readonly<Record<string, Message>>)[k]!;
      return typeof m !== 'string' && m.one === undefined;
    });
    expect(missing).toEqual([]);
  });

  it('the Chinese catalog is translated: most messages differ from English', () => {
    const zh = CATALOGS['zh-CN'] as Readonly<Record<string, Message>>;
    const same = keys.filter((k) => JSON.stringify(zh[k]) === JSON.stringify((EN as Readonly<Record<string, Message>>)[k]));
    // Names (model ids, "JSON", "Markdown") may stay as they are; a copied catalog would not.
    expect(same.length / keys.length).toBeLessThan(0.15);
  });
});
