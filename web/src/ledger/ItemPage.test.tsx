// The item page offers only the actions the viewer may take now: derived from the item's state and
// the viewer's designations in the item's custodian unit.
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ItemPage } from '../pages/ItemPage';
import type { Me } from '../lib/session';
import { renderAs, stubFetch } from '../testing';
import { APPROVER, ASSISTANT, detail, entry, item, makeMe, PERSONS, STAFF, WITNESS } from './fixtures';
import type { ItemDetail } from './types';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

async function actionsFor(me: Me, d: ItemDetail): Promise<string[]> {
  stubFetch([
    ['GET', `/api/v1/items/${d.item.control_no}`, { body: d }],
    ['GET', '/api/v1/persons', { body: { persons: PERSONS } }],
  ]);
  renderAs(me, <ItemPage params={{ no: d.item.control_no }} />);
  await screen.findByTestId('item-state');
  const list = screen.queryByTestId('item-actions');
  if (!list) return [];
  return within(list)
    .getAllByRole('link')
    .map((a) => `${a.textContent} -> ${a.getAttribute('href')}`);
}

const requested = () =>
  detail(
    item({ control_no: 'M-CY-007', state: 'movement_requested', state_ja: '持出し・貸出し許可待ち', current_entry_id: 35 }),
    [entry({ movement: 'take_out', approval: 'pending', period_from: '2026-11-22T03:00:00Z', period_until: '2026-11-22T09:00:00Z', destination: '防衛装備庁' })],
  );

describe('actions on the item page', () => {
  it('a take-out awaiting approval: the requester may record a copy, only the approver may decide', async () => {
    const staff = await actionsFor(STAFF(), requested());
    expect(staff).toEqual(['複製を記入 -> /items/M-CY-007/copy']);
    cleanup();
    const approver = await actionsFor(APPROVER(), requested());
    expect(approver[0]).toBe('申請を許可・不許可 -> /items/M-CY-007/approval');
    expect(approver).toContain('複製を記入 -> /items/M-CY-007/copy');
  });

  it('a medium in storage: staff may use, request, hand over and destroy it — but not dispose of it', async () => {
    const staff = await actionsFor(STAFF(), detail(item()));
    expect(staff).toEqual([
      '使用する（取出し） -> /items/M-CY-004/checkout',
      '持出し・貸出しを申請 -> /items/M-CY-004/movement',
      '交付を申請 -> /items/M-CY-004/handover',
      '破棄を記入 -> /items/M-CY-004/destruction',
    ]);
    // The primary action is the one a clerk most often comes for.
    expect(screen.getByRole('link', { name: '使用する（取出し）' }).className).toContain('primary');
  });

  it('a device in storage: the approver may dispose of it; staff may not; neither may destroy or hand it over', async () => {
    const device = detail(item({ control_no: 'D-CY-001', kind: 'device', type: 'デジタルカメラ' }));
    const approver = await actionsFor(APPROVER(), device);
    expect(approver).toEqual([
      '使用する（取出し） -> /items/D-CY-001/checkout',
      '貸出しを申請 -> /items/D-CY-001/movement',
      '廃棄等を記入 -> /items/D-CY-001/disposal',
    ]);
    cleanup();
    const staff = await actionsFor(STAFF(), device);
    expect(staff.some((a) => a.includes('disposal'))).toBe(false);
  });

  it('in use by someone else: staff sees nothing to do; the holder and the assistant may return it', async () => {
    const inUse = (holder: number) =>
      detail(item({ state: 'in_use', state_ja: '使用中', current_entry_id: 35 }), [entry({ user_person_id: holder })]);
    expect(await actionsFor(STAFF(), inUse(7))).toEqual([]);
    expect(screen.getByTestId('item-no-actions').textContent).toContain('可搬記憶媒体');
    cleanup();
    expect(await actionsFor(STAFF(), inUse(5))).toEqual(['返却する -> /items/M-CY-004/return']);
    cleanup();
    expect(await actionsFor(ASSISTANT(), inUse(7))).toEqual(['返却する -> /items/M-CY-004/return']);
  });

  it('returned, awaiting the data check: only those with ledger.check may record it', async () => {
    const returned = detail(item({ state: 'awaiting_check', state_ja: '返却済（データ確認待ち）' }));
    expect(await actionsFor(STAFF(), returned)).toEqual([]);
    cleanup();
    expect(await actionsFor(ASSISTANT(), returned)).toEqual(['データ確認を記入 -> /items/M-CY-004/check']);
  });

  it('a destruction awaiting its witness: only the designated witness signs, never the executor', async () => {
    const pending = detail(
      item({ state: 'destruction_pending', state_ja: '破棄立会待ち', executor_person_id: 5, witness_person_id: 6, final_method: 'shred', final_at: '2026-11-22T06:00:00Z', executor_name: '田中 美咲' }),
    );
    expect(await actionsFor(WITNESS(), pending)).toEqual(['破棄の立会いを記入 -> /items/M-CY-004/witness']);
    expect(screen.getByTestId('pending-witness').textContent).toBe('伊藤 大輔');
    cleanup();
    expect(await actionsFor(STAFF(), pending)).toEqual([]);
    cleanup();
    expect(await actionsFor(APPROVER(), pending)).toEqual([]);
  });

  it("designations count only in their own unit: an approver of another unit sees nothing to do", async () => {
    const elsewhere = makeMe(9, ['ledger.view', 'ledger.use', 'ledger.approve', 'ledger.destroy'], 5);
    elsewhere.permissions['ledger.view'] = [3, 5];
    expect(await actionsFor(elsewhere, requested())).toEqual([]);
  });

  it('pending copies can be decided one by one by the approver', async () => {
    const out = detail(
      item({ state: 'out', state_ja: '持出し・貸出し中', current_entry_id: 35 }),
      [entry({ movement: 'lend', approval: 'approved' })],
      [{ id: 8, entry_id: 35, item_id: 4, content: '議事録', counterparty: '統合幕僚監部', purpose: '共有', approval: 'pending' }],
    );
    const approver = await actionsFor(APPROVER(), out);
    expect(approver).toContain('複製を許可・不許可（議事録） -> /items/M-CY-004/copy-approval?copy=8');
    expect(approver).toContain('貸出し相手を記入 -> /items/M-CY-004/borrower');
    cleanup();
    const staff = await actionsFor(STAFF(), out);
    expect(staff).toEqual([
      '返却する -> /items/M-CY-004/return',
      '貸出し相手を記入 -> /items/M-CY-004/borrower',
      '複製を記入 -> /items/M-CY-004/copy',
    ]);
  });
});

describe('the ledger in the form layout', () => {
  it('has the 別紙様式 headings in order and one numbered line per row, copies on their own lines', async () => {
    const d = detail(
      item({ state: 'out', current_entry_id: 36 }),
      [
        entry({ id: 35, row_no: 1, returned_at: '2026-11-20T03:00:00Z', purpose: '会議資料の作成' }),
        entry({ id: 36, row_no: 2, movement: 'lend', approval: 'approved', destination: '統合幕僚監部', borrower: '佐藤一尉', movement_purpose: '共同訓練', period_from: '2026-11-21T00:00:00Z', period_until: '2026-11-23T09:00:00Z' }),
      ],
      [
        { id: 1, entry_id: 36, item_id: 4, content: '訓練計画', counterparty: '統幕', purpose: '調整', approval: 'approved' },
        { id: 2, entry_id: 36, item_id: 4, content: '名簿', counterparty: '統幕', purpose: '調整', approval: 'pending' },
      ],
    );
    stubFetch([
      ['GET', '/api/v1/items/M-CY-004', { body: d }],
      ['GET', '/api/v1/persons', { body: { persons: PERSONS } }],
    ]);
    renderAs(STAFF(), <ItemPage params={{ no: 'M-CY-004' }} />);
    const table = (await screen.findByText('可搬記憶媒体管理簿', { selector: 'caption span' })).closest('table')!;
    const heads = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(heads).toEqual([
      '番号',
      '可搬記憶媒体の使用',
      '可搬記憶媒体の一時持出し・貸出し・交付',
      '持ち出し又は貸出し先における業務用データの複製',
      '使用開始日時',
      '使用者名',
      '使用目的',
      '返却日時',
      '持出し・貸出し・交付の別',
      '持出し・貸出し期間（交付日時）',
      '持出し・貸出し先（交付者名）',
      '持出し・貸出し目的（交付目的）',
      '複製する業務用データの内容',
      '複製する相手方',
      '複製の目的',
    ]);
    const rows = within(table).getAllByRole('row').slice(2);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['1', '2', '3']);
    const line2 = within(rows[1]).getAllByRole('cell').map((c) => c.textContent);
    expect(line2[4]).toBe('貸出し');
    expect(line2[6]).toBe('統合幕僚監部佐藤一尉');
    expect(line2[8]).toBe('訓練計画');
    expect(within(rows[2]).getAllByRole('cell')[8].textContent).toBe('名簿（許可待ち）');
    // Export links follow the viewer's date style (和暦 by default).
    const links = within(screen.getByTestId('item-export')).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/api/v1/items/M-CY-004/ledger?format=csv&dates=wareki',
      '/api/v1/items/M-CY-004/ledger?format=xlsx&dates=wareki',
    ]);
  });
});

describe('after an operation', () => {
  it('shows what was recorded once, and takes the notice out of the address', async () => {
    window.history.replaceState(null, '', '/items/M-CY-004?done=destruction');
    stubFetch([
      ['GET', '/api/v1/items/M-CY-004', { body: detail(item({ state: 'destruction_pending', state_ja: '破棄立会待ち', witness_person_id: 6 })) }],
      ['GET', '/api/v1/persons', { body: { persons: PERSONS } }],
    ]);
    renderAs(STAFF(), <ItemPage params={{ no: 'M-CY-004' }} />);
    const notice = await screen.findByText('破棄を記入しました。指定された破棄立会者の記入を待っています。');
    expect(notice.getAttribute('role')).toBe('status');
    expect(window.location.pathname + window.location.search).toBe('/items/M-CY-004');
  });
});
