// Test helpers for the ledger screens: a signed-in session without a server, and a fetch stub that
// answers by method and path and records every request.
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { I18nProvider } from '../i18n';
import { SessionProvider, type Me } from '../lib/session';
import type { CopyEntry, Item, ItemDetail, LedgerEntry, Person, Unit } from './types';

export const UNIT = 3;

// jsdom has no scrolling; the router scrolls to the top on navigation.
const ALL_LEDGER = ['ledger.view', 'ledger.register', 'ledger.use', 'ledger.check', 'ledger.approve', 'ledger.destroy', 'ledger.dispose', 'ledger.reconcile'];

export function makeMe(personId: number, granted: string[], unit = UNIT, name: [string, string] = ['田中', '美咲']): Me {
  const permissions: Me['permissions'] = {};
  for (const p of [...ALL_LEDGER, 'org.admin', 'trail.view']) permissions[p] = granted.includes(p) ? [unit] : [];
  return {
    username: 'user',
    person_id: personId,
    family_name: name[0],
    given_name: name[1],
    title: '',
    unit_id: unit,
    unit_name: '整備計画局サイバー整備課',
    must_change_password: false,
    designations: [],
    permissions,
    csrf_token: 'csrf',
    org: { name: 'テスト組織', profile: 'mod-internal', timezone: 'Asia/Tokyo', workday_end: '18:15' },
  };
}

/** tanaka: 職員 (ledger.view, use, destroy in the unit) */
export const STAFF = () => makeMe(5, ['ledger.view', 'ledger.use', 'ledger.destroy']);
/** suzuki: 部隊等情報保証責任者 (every ledger permission in the unit) */
export const APPROVER = () => makeMe(3, ALL_LEDGER, UNIT, ['鈴木', '花子']);
/** takahashi: 補助者 (no approve) */
export const ASSISTANT = () =>
  makeMe(4, ['ledger.view', 'ledger.register', 'ledger.use', 'ledger.check', 'ledger.destroy', 'ledger.dispose'], UNIT, ['高橋', '健']);
/** ito: 破棄立会者 (and staff) */
export const WITNESS = () => makeMe(6, ['ledger.view', 'ledger.use', 'ledger.destroy'], UNIT, ['伊藤', '大輔']);

export function renderAs(me: Me, ui: ReactNode, lang: 'ja' | 'en' = 'ja') {
  return render(
    <I18nProvider initialLang={lang}>
      <SessionProvider initial={{ status: 'signed-in', me }}>{ui}</SessionProvider>
    </I18nProvider>,
  );
}

export interface Call {
  method: string;
  url: string;
  body: unknown;
}
type Answer = { status?: number; body: unknown };
type Route = [method: string, path: string | RegExp, answer: Answer | ((call: Call) => Answer)];

/** Stubs fetch: the first route whose method and path (without query, unless a RegExp) match answers. */
export function stubFetch(routes: Route[]): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      const call: Call = { method, url: input, body: init.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(call);
      const path = input.split('?')[0];
      const route = routes.find(([m, p]) => m === method && (typeof p === 'string' ? p === path : p.test(input)));
      const answer: Answer = route
        ? typeof route[2] === 'function'
          ? route[2](call)
          : route[2]
        : { status: 404, body: { error: { kind: 'not_found', rule: 'test.no_route', clause: '', message_ja: input, message_en: input } } };
      const status = answer.status ?? 200;
      return {
        ok: status >= 200 && status < 300,
        status,
        headers: { get: () => 'application/json' },
        json: async () => answer.body,
        text: async () => JSON.stringify(answer.body),
      };
    }),
  );
  return calls;
}

export const UNITS: Unit[] = [
  { id: 1, parent_id: null, kind: 'bureau', code: 'ROOT', name_ja: '本省', name_en: 'Ministry' },
  { id: 2, parent_id: 1, kind: 'bureau', code: 'SEIBI', name_ja: '整備計画局', name_en: 'Buildup Bureau' },
  { id: 3, parent_id: 2, kind: 'division', code: 'CYBER', name_ja: '整備計画局サイバー整備課', name_en: 'Cyber Division' },
  { id: 5, parent_id: 2, kind: 'division', code: 'JOHOTSU', name_ja: '整備計画局情報通信課', name_en: 'Comms Division' },
];

export const PERSONS: Person[] = [
  { id: 3, family_name: '鈴木', given_name: '花子', unit_id: 3, active: 1 },
  { id: 4, family_name: '高橋', given_name: '健', unit_id: 3, active: 1 },
  { id: 5, family_name: '田中', given_name: '美咲', unit_id: 3, active: 1 },
  { id: 6, family_name: '伊藤', given_name: '大輔', unit_id: 3, active: 1 },
  { id: 9, family_name: '山田', given_name: '太郎', unit_id: 5, active: 1 },
];

export function item(over: Partial<Item> = {}): Item {
  return {
    id: 4,
    control_no: 'M-CY-004',
    kind: 'medium',
    type: '外付けHDD',
    storage: '施錠保管庫A',
    custodian_unit_id: UNIT,
    unit_name: '整備計画局サイバー整備課',
    state: 'in_storage',
    state_ja: '保管中',
    state_en: 'in storage',
    origin: 'registered',
    current_entry_id: null,
    registered_at: '2026-10-12T04:47:00.000Z',
    ...over,
  };
}

export function entry(over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id: 35,
    item_id: 4,
    row_no: 1,
    movement: 'use',
    started_at: '2026-11-22T02:02:00.000Z',
    user_person_id: 5,
    user_name: '田中 美咲',
    purpose: '説明資料の持参',
    returned_at: null,
    approval: null,
    ...over,
  };
}

export function detail(i: Item, entries: LedgerEntry[] = [], copies: CopyEntry[] = []): ItemDetail {
  return { item: i, entries, copies };
}
