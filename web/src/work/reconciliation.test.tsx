import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReconciliationNew } from '../pages/ReconciliationNew';
import { ReconciliationPage } from '../pages/ReconciliationPage';
import { Reconciliations } from '../pages/Reconciliations';
import { refusal, renderAs, stubFetch } from '../testing';
import { OFFICER, STAFF, UNITS } from './fixtures';
import type { ItemRow, ReconciliationDetail } from './types';

beforeEach(() => {
  window.history.replaceState(null, '', '/reconciliations/new');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function item(no: string, state: string, extra: Partial<ItemRow> = {}): ItemRow {
  return {
    id: Number(no.replace(/\D/g, '')), control_no: no, kind: 'medium', type: 'USBメモリ', storage: '保管庫A',
    custodian_unit_id: 3, unit_name: 'サイバー整備課', state, state_ja: state, state_en: state, holder: null,
    holder_person_id: null, started_at: null, period_until: null, movement: null, approval: null, overdue: false, ...extra,
  };
}

// Two pages of items: the form must read both (the server caps a page).
const PAGE1 = [item('M-CY-001', 'in_storage'), item('M-CY-002', 'in_storage'), item('M-CY-003', 'in_use', { holder: '田中 美咲' })];
const PAGE2 = [item('M-CY-004', 'awaiting_check'), item('M-CY-020', 'destroyed')];
function itemsAnswer({ url }: { url: string }) {
  const q = new URLSearchParams(url.split('?')[1]);
  expect(q.get('unit_id')).toBe('3');
  expect(q.get('kind')).toBe('medium');
  const page = Number(q.get('page'));
  return { body: { items: page === 1 ? PAGE1 : page === 2 ? PAGE2 : [], total: 5, page, per_page: 3 } };
}

describe('New reconciliation', () => {
  it('submits exactly the ticked items (and numbers read that are not listed)', async () => {
    const user = userEvent.setup();
    const calls = stubFetch({
      'GET /api/v1/units': { body: UNITS },
      'GET /api/v1/items': itemsAnswer,
      'POST /api/v1/reconciliations': {
        body: { reconciliation_id: 7, expected: 3, counted: 3, in_use: 0, discrepancies: 2, state: 'open' },
      },
    });
    renderAs(OFFICER(), <ReconciliationNew params={{}} />);
    // Only units where the user may reconcile are offered.
    const unit = (await screen.findByLabelText('照合する課室等')) as HTMLSelectElement;
    expect([...unit.options].map((o) => o.value)).toEqual(['3', '4']);
    expect(unit.value).toBe('3');

    const expected = within(await screen.findByTestId('expected-table'));
    // Items expected in storage (in_storage, awaiting_check) from both pages; final states are not listed.
    expect(expected.getAllByRole('checkbox', { name: /M-CY-/ }).map((c) => (c as HTMLInputElement).value)).toEqual([
      'M-CY-001',
      'M-CY-002',
      'M-CY-004',
    ]);
    expect(screen.queryByLabelText('M-CY-020')).toBeNull();
    const away = within(screen.getByTestId('away-table'));
    expect(away.getByLabelText('M-CY-003')).toBeTruthy();

    await user.click(expected.getByLabelText('すべて確認済みにする'));
    await user.click(expected.getByLabelText('M-CY-002'));
    expect((expected.getByLabelText('すべて確認済みにする') as HTMLInputElement).indeterminate).toBe(true);
    // A number read with the scanner: a listed one is ticked, an unknown one is kept aside.
    const scan = screen.getByLabelText('番号の読取り・入力');
    await user.type(scan, 'M-CY-003{Enter}');
    expect((away.getByLabelText('M-CY-003') as HTMLInputElement).checked).toBe(true);
    await user.type(scan, 'X-999{Enter}');
    expect(within(screen.getByTestId('extra-list')).getByText('X-999')).toBeTruthy();
    expect(screen.getByTestId('will-be-missing').textContent).toContain('M-CY-002');
    expect(screen.getByTestId('count-summary').textContent).toContain('3 件のうち 2 件');

    await user.type(screen.getByLabelText('備考'), '月例');
    await user.click(screen.getByRole('button', { name: '照合結果を登録する' }));
    await waitFor(() => expect(window.location.pathname).toBe('/reconciliations/7'));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe('/api/v1/reconciliations');
    expect(post.body).toEqual({ unit_id: 3, kind: 'medium', counted: ['M-CY-001', 'M-CY-003', 'M-CY-004', 'X-999'], note: '月例' });
    expect(calls.filter((c) => c.url.startsWith('/api/v1/items')).length).toBe(2);
  });

  it('submits nothing ticked as an empty count, and shows a refusal as it comes', async () => {
    const user = userEvent.setup();
    const calls = stubFetch({
      'GET /api/v1/units': { body: UNITS },
      'GET /api/v1/items': itemsAnswer,
      'POST /api/v1/reconciliations': {
        status: 403,
        body: { error: { kind: 'forbidden', rule: 'authz.denied', clause: '000 第4 1(3)', message_ja: '照合の指定がありません。', message_en: 'Not designated.' } },
      },
    });
    renderAs(OFFICER(), <ReconciliationNew params={{}} />);
    await screen.findByTestId('expected-table');
    await user.click(screen.getByRole('button', { name: '照合結果を登録する' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('照合の指定がありません。');
    expect(alert.textContent).toContain('000 第4 1(3)');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ unit_id: 3, kind: 'medium', counted: [] });
    expect(window.location.pathname).toBe('/reconciliations/new');
  });

  it('tells a user without ledger.reconcile that they cannot count', () => {
    stubFetch({ 'GET /api/v1/units': { body: UNITS } });
    renderAs(STAFF(), <ReconciliationNew params={{}} />);
    expect(screen.getByTestId('reconcile-denied')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '照合結果を登録する' })).toBeNull();
  });
});

const DETAIL: ReconciliationDetail = {
  reconciliation: {
    id: 7, unit_id: 3, unit_name: '整備計画局サイバー整備課', kind: 'medium', counted_by_person_id: 3,
    counted_at: '2026-11-22T01:55:50Z', expected_count: 3, counted_count: 2, state: 'open', closed_at: null, note: '月例',
  },
  discrepancies: [
    { id: 11, reconciliation_id: 7, item_id: 2, control_no: 'M-CY-002', kind: 'missing', ledger_state: 'in_storage',
      resolution: null, resolved_by_person_id: null, resolved_at: null },
  ],
};
const PERSONS = { persons: [{ id: 3, family_name: '鈴木', given_name: '花子', unit_id: 3 }] };

describe('Reconciliation result', () => {
  it('shows the differences and resolves one with a note', async () => {
    const user = userEvent.setup();
    let detail = DETAIL;
    const calls = stubFetch({
      'GET /api/v1/units': { body: UNITS },
      'GET /api/v1/persons': { body: PERSONS },
      'GET /api/v1/reconciliations/7': () => ({ body: detail }),
      'POST /api/v1/discrepancies/11/resolution': ({ body }) => {
        const text = (body as { resolution: string }).resolution;
        if (!text) return refusal('input.required', '000 第4 1(3)', '差異の原因と処置を入力してください。', 'The cause and action taken is required.', 'resolution');
        detail = {
          reconciliation: { ...DETAIL.reconciliation, state: 'closed', closed_at: '2026-11-22T03:00:00Z' },
          discrepancies: [{ ...DETAIL.discrepancies[0], resolution: text, resolved_by_person_id: 3, resolved_at: '2026-11-22T03:00:00Z' }],
        };
        return { body: { reconciliation_id: 7, state: 'closed', open_discrepancies: 0 } };
      },
    });
    renderAs(OFFICER(), <ReconciliationPage params={{ id: '7' }} />);
    const row = within(await screen.findByTestId('discrepancy'));
    expect(row.getByRole('link', { name: 'M-CY-002' }).getAttribute('href')).toBe('/items/M-CY-002');
    expect(row.getByText('不足')).toBeTruthy();
    expect(row.getByText('保管中')).toBeTruthy();
    expect(await screen.findByText('鈴木 花子')).toBeTruthy();
    expect(screen.getByTestId('rec-state').textContent).toBe('未解消の差異が 1 件あります');

    // Empty text: the server's refusal is shown beside the field.
    await user.click(row.getByRole('button', { name: '解消として記録する' }));
    const alerts = await row.findAllByRole('alert');
    const box = alerts.find((a) => a.classList.contains('error-box'))!;
    expect(box.textContent).toContain('差異の原因と処置を入力してください。');
    expect(box.getAttribute('data-clause')).toBe('000 第4 1(3)');
    expect(row.getByLabelText('M-CY-002 の原因と処置').getAttribute('aria-invalid')).toBe('true');
    await user.type(row.getByLabelText('M-CY-002 の原因と処置'), '貸出し簿の記入漏れ。返却を確認した。');
    await user.click(row.getByRole('button', { name: '解消として記録する' }));
    expect((await screen.findByTestId('resolve-done')).textContent).toContain('照合は完了しました');
    await waitFor(() => expect(screen.getByTestId('rec-state').getAttribute('data-state')).toBe('closed'));
    expect(screen.getByText('貸出し簿の記入漏れ。返却を確認した。')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { resolution: '' },
      { resolution: '貸出し簿の記入漏れ。返却を確認した。' },
    ]);
  });

  it('shows no resolve form to someone who may only view', async () => {
    stubFetch({
      'GET /api/v1/units': { body: UNITS },
      'GET /api/v1/persons': { body: PERSONS },
      'GET /api/v1/reconciliations/7': { body: DETAIL },
    });
    renderAs(STAFF(), <ReconciliationPage params={{ id: '7' }} />);
    await screen.findByTestId('discrepancy');
    expect(screen.queryByRole('button', { name: '解消として記録する' })).toBeNull();
    expect(screen.getByText('差異の解消は、この課室等の部隊等情報保証責任者が行います。')).toBeTruthy();
  });
});

describe('Reconciliation list', () => {
  it('lists reconciliations with their open discrepancies and offers a new count to the officer only', async () => {
    const recs = {
      reconciliations: [
        { ...DETAIL.reconciliation, open_discrepancies: 1 },
        { ...DETAIL.reconciliation, id: 1, state: 'closed', open_discrepancies: 0 },
      ],
    };
    stubFetch({ 'GET /api/v1/units': { body: UNITS }, 'GET /api/v1/reconciliations': { body: recs } });
    renderAs(OFFICER(), <Reconciliations params={{}} />);
    const table = within(await screen.findByRole('table'));
    expect(table.getByRole('link', { name: '照合 #7' }).getAttribute('href')).toBe('/reconciliations/7');
    expect(screen.getByTestId('recs-open').textContent).toBe('未解消の差異: 1 件');
    expect(screen.getByRole('link', { name: '新しい照合を行う' })).toBeTruthy();
    cleanup();
    renderAs(STAFF(), <Reconciliations params={{}} />);
    await screen.findByRole('table');
    expect(screen.queryByRole('link', { name: '新しい照合を行う' })).toBeNull();
  });
});
