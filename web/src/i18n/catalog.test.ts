import { describe, expect, it } from 'vitest';
import { MESSAGES, translate } from './index';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
// Clause references stay exactly as the regulations print them, in every language ("000 第4 7(1)",
// "001 第5 2(1)ア", "000 第1(3)③", "003 §2-1"); names of forms likewise (別紙様式).
const CLAUSE = /\b00\d (第[^\s,、()（）]*(?:\([^\s,、()（）]*\)[^\s,、()（）]*)*|§[^\s,、()（）]*(?:\([^\s,、()（）]*\)[^\s,、()（）]*)*)( (?=[\d(])[^\s,、()（）]*(?:\([^\s,、()（）]*\)[^\s,、()（）]*)*)?|, 第[^\s,、()（）]*(?:\([^\s,、()（）]*\)[^\s,、()（）]*)*|別紙様式[^\s,、()（）]*(?:\([^\s,、()（）]*\)[^\s,、()（）]*)*/g;

describe('message catalog', () => {
  it('has the same keys in Japanese and English', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.ja).sort());
  });
  it('has no empty text', () => {
    for (const lang of ['ja', 'en'] as const)
      for (const [k, v] of Object.entries(MESSAGES[lang])) expect(v.trim(), `${lang} ${k}`).not.toBe('');
  });
  it('has English text without Japanese characters (except the language names)', () => {
    for (const [k, v] of Object.entries(MESSAGES.en)) if (k !== 'lang.ja') expect(v.replace(CLAUSE, ''), k).not.toMatch(JAPANESE);
  });
  it('cites clauses in English exactly as the Japanese text does', () => {
    for (const [k, ja] of Object.entries(MESSAGES.ja)) {
      const cited = (s: string) => (s.match(/\b00\d 第[^\s,、()（）]*(?:\([^\s,、()（）]*\)[^\s,、()（）]*)*( (?=[\d(])[^\s,、()（）]*(?:\([^\s,、()（）]*\)[^\s,、()（）]*)*)?/g) ?? []).sort();
      expect(cited(MESSAGES.en[k]), k).toEqual(cited(ja));
    }
  });
  it('fills placeholders', () => {
    expect(translate('en', 'common.page', { page: 2, pages: 5, total: 240 })).toBe('Page 2 of 5 (240 in all)');
    expect(translate('ja', 'common.page', { page: 2, pages: 5, total: 240 })).toBe('2 / 5 ページ（全 240 件）');
  });
});
