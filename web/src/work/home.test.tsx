import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Home } from '../pages/Home';
import { renderAs, stubFetch } from '../testing';
import { makeMe, OFFICER, STAFF, UNITS } from './fixtures';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const HELD = {
  items: [
    {
      id: 3, control_no: 'M-CY-003', kind: 'medium', type: 'DVD-R', storage: '保管庫A', custodian_unit_id: 3,
      unit_name: 'サイバー整備課', state: 'in_use', state_ja: '使用中', state_en: 'in use', holder: '田中 美咲',
      holder_person_id: 5, started_at: '2026-11-20T04:55:50Z', period_until: null, movement: 'use', approval: null, overdue: true,
    },
  ],
  total: 1, page: 1, per_page: 10,
};
const OVERDUE = {
  cutoff: '2026-11-21T09:15:00Z',
  workday_end: '18:15',
  items: [
    { control_no: 'M-CY-003', kind: 'medium', type: 'DVD-R', unit_name: 'サイバー整備課', user_name: '田中 美咲',
      user_person_id: 5, started_at: '2026-11-20T04:55:50Z', movement: 'use', period_until: null, returned_at: null },
  ],
};
const APPROVALS = {
  approvals: [
    { type: 'movement', control_no: 'M-CY-007', kind: 'medium', item_type: 'SDカード', unit_name: 'サイバー整備課',
      entry_id: 35, movement: 'take_out', user_name: '田中 美咲', purpose: '説明資料の持参',
      period_from: '2026-11-22T03:55:50Z', period_until: '2026-11-22T09:55:50Z', destination: '防衛装備庁 会議室',
      movement_purpose: '装備庁との打合せ', handover_at: null, created_at: '2026-11-22T02:02:50Z' },
  ],
};
const RECS = {
  reconciliations: [
    { id: 2, unit_id: 3, unit_name: '整備計画局サイバー整備課', kind: 'medium', counted_by_person_id: 3,
      counted_at: '2026-11-22T01:55:50Z', expected_count: 18, counted_count: 17, state: 'open', closed_at: null,
      note: '', open_discrepancies: 1 },
    { id: 1, unit_id: 3, unit_name: '整備計画局サイバー整備課', kind: 'medium', counted_by_person_id: 3,
      counted_at: '2026-11-03T03:28:00Z', expected_count: 19, counted_count: 19, state: 'closed',
      closed_at: '2026-11-03T03:28:00Z', note: '', open_discrepancies: 0 },
  ],
};

describe('Home', () => {
  it('shows a staff member what they hold and what is overdue, and no approvals or discrepancies', async () => {
    const calls = stubFetch({
      'GET /api/v1/items': { body: HELD },
      'GET /api/v1/reports/overdue': { body: OVERDUE },
    });
    renderAs(STAFF(), <Home params={{}} />);
    expect(screen.getByRole('heading', { name: /田中 美咲 さん/ })).toBeTruthy();
    const held = await screen.findByTestId('home-held');
    expect(await within(held).findByRole('link', { name: 'M-CY-003' })).toBeTruthy();
    expect(within(held).getByTestId('home-held-count').textContent).toBe('1 件');
    expect(within(held).getByText('返却期限超過')).toBeTruthy();
    const overdue = screen.getByTestId('home-overdue');
    expect(await within(overdue).findByText('田中 美咲')).toBeTruthy();
    expect(screen.queryByTestId('home-approvals')).toBeNull();
    expect(screen.queryByTestId('home-discrepancies')).toBeNull();
    expect(screen.queryByText('許可を待っている申請')).toBeNull();
    // Only the sections the user may see were asked for; the holder filter is the user's own person.
    expect(calls.map((c) => c.url.split('?')[0]).sort()).toEqual(['/api/v1/items', '/api/v1/reports/overdue']);
    expect(calls.find((c) => c.url.startsWith('/api/v1/items'))!.url).toContain('holder_person_id=5');
  });

  it('shows the unit IA officer the approvals to give and the discrepancies to resolve', async () => {
    stubFetch({
      'GET /api/v1/items': { body: { items: [], total: 0, page: 1, per_page: 10 } },
      'GET /api/v1/reports/overdue': { body: { ...OVERDUE, items: [] } },
      'GET /api/v1/approvals': { body: APPROVALS },
      'GET /api/v1/reconciliations': { body: RECS },
      'GET /api/v1/units': { body: UNITS },
    });
    renderAs(OFFICER(), <Home params={{}} />);
    expect(within(screen.getByTestId('home-designations')).getByText(/部隊等情報保証責任者/)).toBeTruthy();
    const approvals = await screen.findByTestId('home-approvals');
    expect(await within(approvals).findByRole('link', { name: 'M-CY-007' })).toBeTruthy();
    expect(within(approvals).getByText('持出しの申請')).toBeTruthy();
    expect(within(approvals).getByTestId('home-approvals-count').textContent).toBe('1 件');
    expect(within(approvals).getByRole('link', { name: '承認画面を開く' }).getAttribute('href')).toBe('/approvals');
    const disc = screen.getByTestId('home-discrepancies');
    const link = await within(disc).findByRole('link', { name: '照合 #2' });
    expect(link.getAttribute('href')).toBe('/reconciliations/2');
    expect(within(disc).queryByText('照合 #1')).toBeNull();
    expect(await screen.findByText('あなたが使用・持出し中の媒体・機器はありません。')).toBeTruthy();
    expect(await screen.findByText('返却されていない物はありません。')).toBeTruthy();
  });

  it('speaks English on the switch', async () => {
    stubFetch({
      'GET /api/v1/items': { body: HELD },
      'GET /api/v1/reports/overdue': { body: OVERDUE },
    });
    renderAs(STAFF(), <Home params={{}} />, 'en');
    expect(screen.getByRole('heading', { name: /^Hello, 田中 美咲/ })).toBeTruthy();
    expect(await screen.findByText('overdue')).toBeTruthy();
  });

  it('says there is nothing to do for a user without ledger permissions', () => {
    const calls = stubFetch({});
    renderAs(makeMe({ 'org.admin': 'all' }), <Home params={{}} />);
    expect(screen.getByText('あなたの役割で表示する作業はありません。')).toBeTruthy();
    expect(calls).toEqual([]);
  });
});
