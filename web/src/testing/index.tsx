// What every component test uses: a screen rendered with the providers the app has (language, and a
// session signed in without a server, or none), a user to sign in as, and a fetch stub that answers
// by method and path and records every request. The areas' own people and data are in their
// fixtures (ledger/fixtures, trail/fixtures, work/fixtures).
import { configure, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { I18nProvider, type Lang } from '../i18n';
import { SessionProvider, type Me } from '../lib/session';

// Some screens render large tables: on a loaded machine the default 1 s wait and 5 s test time are
// short (the tests still fail when the awaited thing never comes).
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });

/** Renders `ui` as `me` signed in (null: nobody yet, the session asks the server). */
export function renderAs(me: Me | null, ui: ReactNode, lang: Lang = 'ja') {
  return render(
    <I18nProvider initialLang={lang}>
      <SessionProvider initial={me ? { status: 'signed-in', me } : undefined}>{ui}</SessionProvider>
    </I18nProvider>,
  );
}

const PERMISSIONS = [
  'ledger.view',
  'ledger.register',
  'ledger.use',
  'ledger.check',
  'ledger.approve',
  'ledger.destroy',
  'ledger.dispose',
  'ledger.reconcile',
  'org.admin',
  'trail.view',
  'compliance.view',
];

/** A permission map: each of `granted` held in `scope` ('all' or unit ids), every other one nowhere. */
export function grant(granted: string[], scope: 'all' | number[]): Me['permissions'] {
  const out: Me['permissions'] = {};
  for (const p of PERMISSIONS) out[p] = granted.includes(p) ? scope : [];
  return out;
}

/** A signed-in user: tanaka (田中 美咲) of the cyber division, holding nothing unless `over` says so. */
export function makeUser(over: Partial<Me> = {}): Me {
  return {
    username: 'tanaka',
    person_id: 5,
    family_name: '田中',
    given_name: '美咲',
    title: '',
    unit_id: 3,
    unit_name: '整備計画局サイバー整備課',
    must_change_password: false,
    designations: [],
    permissions: {},
    csrf_token: 'csrf',
    org: { name: 'テスト組織', profile: 'mod-internal', timezone: 'Asia/Tokyo', workday_end: '18:15' },
    ...over,
  };
}

export interface Call {
  method: string;
  url: string;
  body: unknown;
}
export type Answer = { status?: number; body: unknown };
type Reply = Answer | ((call: Call) => Answer);
export type Route = [method: string, path: string | RegExp, answer: Reply];

/** A JSON response as the server sends it. */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/**
 * Stubs fetch. Routes are [method, path, answer] or { 'METHOD path': answer }. A path with a query
 * answers only that query; one without answers the path with any query; a RegExp is tested against
 * the whole address. Among routes alike, the first answers; a request no route answers gets a 404.
 */
export function stubFetch(routes: Route[] | Record<string, Reply>): Call[] {
  const list: Route[] = Array.isArray(routes)
    ? routes
    : Object.entries(routes).map(([key, answer]) => {
        const [method, path] = key.split(' ');
        return [method, path, answer];
      });
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      const call: Call = { method, url: input, body: init.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(call);
      const path = input.split('?')[0];
      const route =
        list.find(([m, p]) => m === method && typeof p === 'string' && p.includes('?') && p === input) ??
        list.find(([m, p]) => m === method && (typeof p === 'string' ? p === path : p.test(input)));
      const answer: Answer = route
        ? typeof route[2] === 'function'
          ? route[2](call)
          : route[2]
        : { status: 404, body: { error: { kind: 'not_found', rule: 'test.no_route', clause: '', message_ja: input, message_en: input } } };
      return jsonResponse(answer.status ?? 200, answer.body);
    }),
  );
  return calls;
}

/** The server refusing a request by one of its rules (422 unless `status` says otherwise). */
export function refusal(rule: string, clause: string, ja: string, en: string, field?: string, status = 422): Answer {
  return { status, body: { error: { kind: 'rule_violation', rule, clause, message_ja: ja, message_en: en, ...(field ? { field } : {}) } } };
}
