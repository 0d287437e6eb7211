import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { I18nProvider } from './i18n';
import { api, ApiError } from './lib/api';
import { ErrorBox } from './components/ui';
import { jsonResponse as json, makeUser, renderAs } from './testing';

const staffMe = makeUser({
  title: '係員',
  unit_id: 4,
  unit_name: 'サイバー整備課',
  permissions: { 'ledger.view': [4], 'ledger.use': [4] },
  csrf_token: 'csrf-1',
  org: { name: 'デモ局', profile: 'mod-internal', timezone: 'Asia/Tokyo', workday_end: '18:15' },
});

const unauthorized = () =>
  json(401, { error: { kind: 'unauthenticated', rule: 'auth.required', clause: '', message_ja: '要サインイン', message_en: 'Sign in' } });

const renderApp = () => renderAs(null, <App />);

describe('App shell', () => {
  beforeEach(() => window.history.replaceState(null, '', '/settings'));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows the sign-in form when there is no session', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => unauthorized()));
    renderApp();
    expect(await screen.findByRole('heading', { name: 'サインイン' })).toBeTruthy();
  });

  it('signs in, sends the CSRF token on changes, and hides menus the user may not use', async () => {
    let signedIn = false;
    const calls: Array<{ url: string; init?: RequestInit }> = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        calls.push({ url, init });
        if (url === '/api/v1/auth/login') {
          signedIn = true;
          return json(200, { csrf_token: 'csrf-1' });
        }
        if (url === '/api/v1/auth/me') return signedIn ? json(200, staffMe) : unauthorized();
        return json(200, {});
      }),
    );
    renderApp();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/ユーザ名/), 'tanaka');
    await user.type(screen.getByLabelText(/パスワード/), 'mamori-demo-2026');
    await user.click(screen.getByRole('button', { name: 'サインイン' }));
    expect(await screen.findByTestId('who')).toHaveProperty('textContent', '田中 美咲（サイバー整備課）');
    const nav = screen.getByRole('navigation', { name: 'メインメニュー' });
    expect(nav.textContent).toContain('媒体・機器');
    expect(nav.textContent).not.toContain('承認');
    expect(nav.textContent).not.toContain('証跡');
    expect(nav.textContent).not.toContain('管理');
    await act(() => api.post('/api/v1/items/M-CY-001/checkout', {}));
    const post = calls.find((c) => c.url === '/api/v1/items/M-CY-001/checkout');
    expect((post?.init?.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-1');
  });

  it('returns to sign-in with a notice when the session expires', async () => {
    let expired = false;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (expired) return unauthorized();
        return url === '/api/v1/auth/me' ? json(200, staffMe) : json(200, {});
      }),
    );
    renderApp();
    await screen.findByTestId('who');
    expired = true;
    await act(async () => {
      await expect(api.get('/api/v1/items')).rejects.toBeInstanceOf(ApiError);
    });
    await waitFor(() => expect(screen.getByText(/セッションの有効期限が切れました/)).toBeTruthy());
  });
});

describe('ErrorBox', () => {
  afterEach(cleanup);
  const err = new ApiError(409, {
    kind: 'failed_precondition',
    rule: 'ledger.witness_is_executor',
    clause: '000 第4 7(1)',
    message_ja: '立会者は破棄の実施者と別の者にしてください。',
    message_en: 'The witness must be someone other than the executor.',
  });
  it('shows the message in the viewer language with rule and clause', () => {
    render(
      <I18nProvider initialLang="en">
        <ErrorBox error={err} />
      </I18nProvider>,
    );
    const box = screen.getByRole('alert');
    expect(box.textContent).toContain('The witness must be someone other than the executor.');
    expect(box.textContent).toContain('000 第4 7(1)');
    expect(box.textContent).toContain('ledger.witness_is_executor');
  });
  it('defaults to Japanese', () => {
    render(
      <I18nProvider initialLang="ja">
        <ErrorBox error={err} />
      </I18nProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain('立会者は破棄の実施者と別の者にしてください。');
  });
});
