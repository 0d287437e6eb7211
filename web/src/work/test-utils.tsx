// Test helpers for the work screens: a signed-in session without a server, and a fetch stub
// that answers by method and path and records every request.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { I18nProvider, type Lang } from '../i18n';
import { SessionProvider, type Me } from '../lib/session';

export function makeMe(permissions: Me['permissions'], over: Partial<Me> = {}): Me {
  return {
    username: 'tanaka',
    person_id: 5,
    family_name: '田中',
    given_name: '美咲',
    title: '係員',
    unit_id: 3,
    unit_name: '整備計画局サイバー整備課',
    must_change_password: false,
    designations: [],
    permissions,
    csrf_token: 'csrf',
    org: { name: 'テスト組織', profile: 'mod-internal', timezone: 'Asia/Tokyo', workday_end: '18:15' },
    ...over,
  };
}

export const STAFF = (): Me => makeMe({ 'ledger.view': [3], 'ledger.use': [3], 'ledger.destroy': [3] });
export const OFFICER = (): Me =>
  makeMe(
    {
      'ledger.view': [3, 4],
      'ledger.use': [3, 4],
      'ledger.approve': [3, 4],
      'ledger.reconcile': [3, 4],
    },
    {
      username: 'suzuki',
      person_id: 3,
      family_name: '鈴木',
      given_name: '花子',
      title: 'サイバー整備課長',
      designations: [
        {
          designation_id: 3,
          role: 'unit_ia_officer',
          role_ja: '部隊等情報保証責任者',
          role_en: 'Unit IA Officer',
          unit_id: 3,
          unit_name: '整備計画局サイバー整備課',
        },
      ],
    },
  );

export interface Call {
  method: string;
  path: string;
  body: unknown;
}
type Answer = { status?: number; body: unknown } | ((call: Call) => { status?: number; body: unknown });

/** Stubs fetch: `routes` maps 'GET /api/v1/approvals' (path without the query, or with it) to an answer. */
export function stubApi(routes: Record<string, Answer>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const call = { method, path: input, body };
    calls.push(call);
    const answer = routes[`${method} ${input}`] ?? routes[`${method} ${input.split('?')[0]}`];
    if (!answer) throw new Error(`unexpected request ${method} ${input}`);
    const r = typeof answer === 'function' ? answer(call) : answer;
    return new Response(JSON.stringify(r.body), {
      status: r.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

export function renderAs(me: Me, ui: ReactElement, lang: Lang = 'ja') {
  return render(
    <I18nProvider initialLang={lang}>
      <SessionProvider initial={{ status: 'signed-in', me }}>{ui}</SessionProvider>
    </I18nProvider>,
  );
}

export const UNITS = {
  units: [
    { id: 1, parent_id: null, kind: 'bureau', code: 'ROOT', name_ja: '本省', name_en: 'Ministry' },
    { id: 2, parent_id: 1, kind: 'bureau', code: 'SEIBI', name_ja: '整備計画局', name_en: 'Defense Buildup Planning Bureau' },
    { id: 3, parent_id: 2, kind: 'division', code: 'CYBER', name_ja: '整備計画局サイバー整備課', name_en: 'Cyber Maintenance Division' },
    { id: 4, parent_id: 3, kind: 'section', code: 'CYBER-JIAN', name_ja: 'サイバー整備課事案対処班', name_en: 'Incident Response Team' },
  ],
};

export function refusal(rule: string, clause: string, ja: string, en: string, field?: string) {
  return { status: 422, body: { error: { kind: 'rule_violation', rule, clause, message_ja: ja, message_en: en, field } } };
}
