import { describe, expect, it } from 'vitest';
import { MESSAGES, translate } from './index';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

describe('message catalog', () => {
  it('has the same keys in Japanese and English', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.ja).sort());
  });
  it('has no empty text', () => {
    for (const lang of ['ja', 'en'] as const)
      for (const [k, v] of Object.entries(MESSAGES[lang])) expect(v.trim(), `${lang} ${k}`).not.toBe('');
  });
  it('has English text without Japanese characters (except the language names)', () => {
    for (const [k, v] of Object.entries(MESSAGES.en)) if (k !== 'lang.ja') expect(v, k).not.toMatch(JAPANESE);
  });
  it('fills placeholders', () => {
    expect(translate('en', 'common.page', { page: 2, pages: 5, total: 240 })).toBe('Page 2 of 5 (240 in all)');
    expect(translate('ja', 'common.page', { page: 2, pages: 5, total: 240 })).toBe('2 / 5 ページ（全 240 件）');
  });
});
