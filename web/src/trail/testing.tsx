// Test helpers for the trail and administration screens: a signed-in session without a server and a
// fetch stub that answers by method and path (query ignored unless the route is a RegExp) and
// records every request.
import { configure, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { I18nProvider } from '../i18n';
import { SessionProvider, type Me, type Designation } from '../lib/session';

// jsdom has no scrolling; the router scrolls to the top on navigation.
window.scrollTo = () => {};
// These screens render large tables: on a loaded machine the default 1 s wait and 5 s test time are
// short (the tests still fail when the awaited thing never comes).
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });

const PERMISSIONS = ['ledger.view', 'ledger.register', 'ledger.use', 'ledger.check', 'ledger.approve', 'ledger.destroy',
  'ledger.dispose', 'ledger.reconcile', 'org.admin', 'trail.view'];

export function makeMe(username: string, personId: number, granted: string[], designations: Designation[] = []): Me {
  const permissions: Me['permissions'] = {};
  for (const p of PERMISSIONS) permissions[p] = granted.includes(p) ? 'all' : [];
  return {
    username,
    person_id: personId,
    family_name: '試験',
    given_name: '太郎',
    title: '',
    unit_id: 1,
    unit_name: '本省',
    must_change_password: false,
    designations,
    permissions,
    csrf_token: 'csrf',
    org: { name: 'テスト組織', profile: 'mod-internal', timezone: 'Asia/Tokyo', workday_end: '18:15' },
  };
}

/** nakamura: 情報保証監査責任者 (trail.view everywhere) */
export const AUDITOR = () =>
  makeMe('nakamura', 8, ['ledger.view', 'trail.view'], [
    { designation_id: 5, role: 'ia_audit_officer', role_ja: '情報保証監査責任者', role_en: 'IA Audit Officer', unit_id: 1, unit_name: '本省' },
  ]);
/** admin: 情報システム情報保証責任者 (org.admin and trail.view) */
export const ADMIN = () =>
  makeMe('admin', 1, ['org.admin', 'trail.view'], [
    { designation_id: 1, role: 'system_ia_officer', role_ja: '情報システム情報保証責任者', role_en: 'System IA Officer', unit_id: 1, unit_name: '本省' },
  ]);
/** tanaka: staff */
export const STAFF = () => makeMe('tanaka', 5, ['ledger.view', 'ledger.use', 'ledger.destroy']);

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
export type Answer = { status?: number; body: unknown };
export type Route = [method: string, path: string | RegExp, answer: Answer | ((call: Call) => Answer)];

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

export const refusal = (rule: string, clause: string, ja: string, en: string, field?: string) => ({
  error: { kind: 'rule_violation', rule, clause, message_ja: ja, message_en: en, ...(field ? { field } : {}) },
});
