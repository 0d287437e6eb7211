// The message catalog and the viewer's display preferences (language, 和暦/西暦). Preferences are
// kept in localStorage: they are not secrets (the session itself lives only in an HttpOnly cookie).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import admin from './admin';
import common from './common';
import compliance from './compliance';
import facility from './facility';
import home from './home';
import ledger from './ledger';
import people from './people';
import trail from './trail';
import training from './training';
import work from './work';
import { formatDate, type DateStyle } from '../lib/format';
import type { Catalog } from './define';

export type Lang = 'ja' | 'en';
const catalogs = [common, home, ledger, work, trail, admin, compliance, people, training, facility];
type AnyCatalog = (typeof catalogs)[number];
// Distributes over the union of catalogs: every key of every area.
type KeysOf<C> = C extends Catalog<infer K> ? K : never;
export type MessageKey = KeysOf<AnyCatalog>;

function merged(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of catalogs) Object.assign(out, c[lang]);
  return out;
}
export const MESSAGES: Record<Lang, Record<string, string>> = { ja: merged('ja'), en: merged('en') };

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = MESSAGES[lang][key] ?? MESSAGES.ja[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export interface I18n {
  lang: Lang;
  setLang(l: Lang): void;
  dateStyle: DateStyle;
  setDateStyle(s: DateStyle): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** Picks the Japanese or English of a pair the server sent (e.g. name_ja / name_en). */
  pick(ja: string | null | undefined, en: string | null | undefined): string;
  /** Server timestamp in the organization's zone and the viewer's date style. */
  date(iso: string | null | undefined, withTime?: boolean): string;
  offsetMinutes: number;
  setOffsetMinutes(m: number): void;
}

const I18nContext = createContext<I18n | null>(null);

function stored<T extends string>(key: string, allowed: readonly T[], def: T): T {
  try {
    const v = window.localStorage.getItem(key);
    return (allowed as readonly string[]).includes(v ?? '') ? (v as T) : def;
  } catch {
    return def;
  }
}
function store(key: string, value: string) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    /* private mode: the preference lasts for this page only */
  }
}

export function I18nProvider({ children, initialLang }: { children: ReactNode; initialLang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => initialLang ?? stored('mamori.lang', ['ja', 'en'] as const, 'ja'));
  const [dateStyle, setDateStyleState] = useState<DateStyle>(() =>
    stored('mamori.dates', ['wareki', 'seireki'] as const, 'wareki'),
  );
  const [offsetMinutes, setOffsetMinutes] = useState(540);
  const setLang = useCallback((l: Lang) => {
    store('mamori.lang', l);
    document.documentElement.lang = l;
    setLangState(l);
  }, []);
  const setDateStyle = useCallback((s: DateStyle) => {
    store('mamori.dates', s);
    setDateStyleState(s);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      dateStyle,
      setDateStyle,
      offsetMinutes,
      setOffsetMinutes,
      t: (key, vars) => translate(lang, key, vars),
      pick: (ja, en) => (lang === 'en' && en ? en : (ja ?? en ?? '')),
      date: (iso, withTime) => formatDate(iso, dateStyle, offsetMinutes, withTime),
    }),
    [lang, setLang, dateStyle, setDateStyle, offsetMinutes],
  );
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
