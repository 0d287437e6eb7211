import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Approvals } from '../pages/Approvals';
import { decisionBody } from './ApprovalCard';
import { refusal, renderAs, stubFetch } from '../testing';
import { OFFICER, STAFF } from './fixtures';
import type { Approval } from './types';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const TAKE_OUT: Approval = {
  type: 'movement', control_no: 'M-CY-007', kind: 'medium', item_type: 'SDカード', unit_name: 'サイバー整備課',
  entry_id: 35, movement: 'take_out', user_name: '田中 美咲', purpose: '説明資料の持参',
  period_from: '2026-11-22T03:55:50Z', period_until: '2026-11-22T09:55:50Z', destination: '防衛装備庁 会議室',
  movement_purpose: '装備庁との打合せ', handover_at: null, created_at: '2026-11-22T02:02:50Z',
};
const LOAN: Approval = { ...TAKE_OUT, control_no: 'M-CY-015', entry_id: 40, movement: 'lend', user_name: '渡辺 直子' };
const COPY: Approval = {
  type: 'copy', control_no: 'M-CY-015', kind: 'medium', unit_name: 'サイバー整備課', copy_id: 9,
  content: '訓練シナリオ（第2版）', counterparty: '統合幕僚監部', purpose: '訓練参加者への配布', created_at: '2026-11-22T03:00:00Z',
};

function card(no: string, what: RegExp) {
  return screen.getAllByTestId('approval').find((c) => c.dataset.controlNo === no && what.test(c.textContent ?? ''))!;
}

describe('Approvals inbox', () => {
  it('lists each request with who asked, what, why and until when', async () => {
    stubFetch({ 'GET /api/v1/approvals': { body: { approvals: [TAKE_OUT, COPY] } } });
    renderAs(OFFICER(), <Approvals params={{}} />);
    const cards = await screen.findAllByTestId('approval');
    expect(cards).toHaveLength(2);
    const take = within(cards[0]);
    expect(take.getByRole('heading', { name: /M-CY-007\s*持出しの申請/ })).toBeTruthy();
    expect(take.getByText('田中 美咲')).toBeTruthy();
    expect(take.getByText('説明資料の持参')).toBeTruthy();
    expect(take.getByText('装備庁との打合せ')).toBeTruthy();
    expect(take.getByText('防衛装備庁 会議室')).toBeTruthy();
    expect(take.getByText('令和8年11月22日 12:55 〜 令和8年11月22日 18:55')).toBeTruthy();
    expect(take.getByLabelText('業務用データを複製しないよう指導した')).toBeTruthy();
    const copy = within(cards[1]);
    expect(copy.getByText('訓練シナリオ（第2版）')).toBeTruthy();
    expect(copy.getByLabelText('その他の業務用データを複製しないよう指導した')).toBeTruthy();
    expect(copy.queryByLabelText('業務用データを複製しないよう指導した')).toBeNull();
    expect(screen.getByTestId('approvals-count').textContent).toContain('2 件');
  });

  it('shows the server refusal with its rule and clause, then approves with the confirmations', async () => {
    const user = userEvent.setup();
    let pending = [TAKE_OUT];
    const calls = stubFetch({
      'GET /api/v1/approvals': () => ({ body: { approvals: pending } }),
      'POST /api/v1/items/M-CY-007/approval': ({ body }) => {
        const b = body as Record<string, unknown>;
        if (b.decision === 'approve' && b.confirmed_data !== true)
          return refusal('input.required', '000 第4 4(2)', '必要なデータ以外が保存されていないことを入力してください。',
            'The that only the data needed there remains is required.', 'confirmed_data');
        pending = [];
        return { body: { item_id: 7, control_no: 'M-CY-007', state: 'out' } };
      },
    });
    renderAs(OFFICER(), <Approvals params={{}} />);
    const c = within(await screen.findByTestId('approval'));
    await user.click(c.getByRole('button', { name: '許可する' }));
    const box = await c.findByRole('alert');
    expect(box.classList.contains('error-box')).toBe(true);
    expect(box.textContent).toContain('必要なデータ以外が保存されていないことを入力してください。');
    expect(box.getAttribute('data-rule')).toBe('input.required');
    expect(box.getAttribute('data-clause')).toBe('000 第4 4(2)');
    expect(box.textContent).toContain('根拠: 000 第4 4(2)');
    expect(box.textContent).toContain('input.required');
    // The field the server named is marked.
    expect(c.getByLabelText('必要なデータ以外が保存されていないことを確認した').getAttribute('aria-invalid')).toBe('true');

    await user.click(c.getByLabelText('必要なデータ以外が保存されていないことを確認した'));
    await user.click(c.getByLabelText('業務用データを複製しないよう指導した'));
    await user.type(c.getByLabelText('所見'), '説明資料のみ');
    await user.click(c.getByRole('button', { name: '許可する' }));
    expect((await screen.findByTestId('approvals-done')).textContent).toBe('M-CY-007 の持出しの申請を許可しました。');
    expect(await screen.findByTestId('approvals-empty')).toBeTruthy();
    const posts = calls.filter((x) => x.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1].body).toEqual({ decision: 'approve', confirmed_data: true, instructed_no_copy: true, note: '説明資料のみ' });
  });

  it('refuses a copy through its own endpoint', async () => {
    const user = userEvent.setup();
    const calls = stubFetch({
      'GET /api/v1/approvals': { body: { approvals: [LOAN, COPY] } },
      'POST /api/v1/copies/9/approval': { body: { copy_id: 9, approval: 'rejected' } },
    });
    renderAs(OFFICER(), <Approvals params={{}} />);
    await screen.findAllByTestId('approval');
    const copy = within(card('M-CY-015', /複製/));
    // A loan needs no instruction against copying; only the data check.
    expect(within(card('M-CY-015', /貸出し/)).queryByLabelText('業務用データを複製しないよう指導した')).toBeNull();
    await user.click(copy.getByRole('button', { name: '不許可とする' }));
    expect((await screen.findByTestId('approvals-done')).textContent).toBe('M-CY-015 の複製の記入を不許可としました。');
    expect(calls.find((x) => x.method === 'POST')!.body).toEqual({ decision: 'reject' });
  });

  it('offers a staff member nothing to approve', () => {
    const calls = stubFetch({});
    renderAs(STAFF(), <Approvals params={{}} />);
    expect(screen.getByTestId('approvals-denied')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '許可する' })).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(calls).toEqual([]);
  });
});

describe('decisionBody', () => {
  it('sends only what the approver ticked, and confirmations only when approving', () => {
    expect(decisionBody(TAKE_OUT, 'approve', { confirmed: true, noCopy: false }, '')).toEqual({
      decision: 'approve',
      confirmed_data: true,
    });
    expect(decisionBody(LOAN, 'approve', { confirmed: true, noCopy: true }, ' ok ')).toEqual({
      decision: 'approve',
      confirmed_data: true,
      note: 'ok',
    });
    expect(decisionBody(COPY, 'approve', { confirmed: true, noCopy: false }, '')).toEqual({
      decision: 'approve',
      confirmed_no_other_copy: true,
    });
    expect(decisionBody(TAKE_OUT, 'reject', { confirmed: true, noCopy: true }, '')).toEqual({ decision: 'reject' });
  });
});
