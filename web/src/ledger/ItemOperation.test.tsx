// The operation forms: obvious mistakes are caught before sending; the server's refusal is shown as
// it comes — rule and clause in the error box, the message beside the field the server names.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ItemOperation } from '../pages/ItemOperation';
import { renderAs, stubFetch } from '../testing';
import { APPROVER, detail, entry, item, PERSONS, STAFF, UNITS } from './fixtures';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const WITNESS_DESIGNATION = {
  id: 20,
  person_id: 6,
  role_code: 'destruction_witness',
  unit_id: 3,
  valid_from: '2026-01-01T00:00:00Z',
  valid_until: null,
  revoked_at: null,
};
const REFUSAL = {
  error: {
    kind: 'rule_violation',
    rule: 'ledger.witness_differs',
    clause: '000 第4 7(1)',
    message_ja: '破棄立会者は破棄の実施者と別の者でなければなりません。',
    message_en: 'The witness must be a different person from the one who destroys the medium.',
    field: 'witness_person_id',
  },
};

function destructionServer(answer: { status: number; body: unknown }) {
  return stubFetch([
    ['GET', '/api/v1/items/M-CY-004', { body: detail(item()) }],
    ['GET', '/api/v1/persons', { body: { persons: PERSONS } }],
    ['GET', '/api/v1/units', { body: { units: UNITS } }],
    ['GET', '/api/v1/designations', { body: { designations: [WITNESS_DESIGNATION] } }],
    ['POST', '/api/v1/items/M-CY-004/destruction', answer],
  ]);
}

describe('the destruction form', () => {
  it('shows the server refusal with rule and clause, and its message beside the witness field', async () => {
    const calls = destructionServer({ status: 422, body: REFUSAL });
    const user = userEvent.setup();
    renderAs(STAFF(), <ItemOperation params={{ no: 'M-CY-004', op: 'destruction' }} />);
    await screen.findByRole('heading', { name: '破棄を記入: M-CY-004' });
    await user.click(screen.getByLabelText('細断'));
    const witness = screen.getByLabelText(/破棄立会者/, { selector: 'select' }) as HTMLSelectElement;
    // The designated witness is offered first, in a group of their own.
    await waitFor(() => expect(within(witness).getByRole('group', { name: '指定された破棄立会者' })).toBeTruthy());
    await user.selectOptions(witness, '5'); // the executor herself
    await user.click(screen.getByRole('button', { name: '記入する' }));

    const box = await screen.findByText(/破棄立会者は破棄の実施者と別の者/, { selector: '.error-box' });
    expect(box.getAttribute('data-rule')).toBe('ledger.witness_differs');
    expect(within(box).getByText('ledger.witness_differs')).toBeTruthy();
    expect(box.textContent).toContain('000 第4 7(1)');
    // Beside the field the server named — and only there.
    const described = witness.getAttribute('aria-describedby')!.split(' ');
    const message = described.map((id) => document.getElementById(id)!).find((el) => el.classList.contains('field-error'))!;
    expect(message.textContent).toBe('破棄立会者は破棄の実施者と別の者でなければなりません。 (000 第4 7(1))');
    expect(witness.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(witness);
    const executor = screen.getByLabelText(/^実施者/, { selector: 'select' });
    expect(executor.getAttribute('aria-invalid')).toBeNull();

    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toMatchObject({ method: 'shred', executor_person_id: 5, witness_person_id: 5 });
    expect((post.body as { destroy_at: string }).destroy_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+09:00$/);
  });

  it('in English, the refusal is in English with the same rule and clause', async () => {
    destructionServer({ status: 422, body: REFUSAL });
    const user = userEvent.setup();
    renderAs(STAFF(), <ItemOperation params={{ no: 'M-CY-004', op: 'destruction' }} />, 'en');
    await screen.findByRole('heading', { name: 'Record a destruction: M-CY-004' });
    await user.click(screen.getByLabelText('Shredding'));
    await user.selectOptions(screen.getByLabelText(/Destruction witness/, { selector: 'select' }), '5');
    await user.click(screen.getByRole('button', { name: 'Record' }));
    const box = await screen.findByText(/The witness must be a different person/, { selector: '.error-box' });
    expect(box.textContent).toContain('ledger.witness_differs');
    expect(screen.getByText(/The witness must be a different person/, { selector: '.field-error' }).textContent).toContain(
      '000 第4 7(1)',
    );
  });

  it('catches what is obviously missing without asking the server', async () => {
    const calls = destructionServer({ status: 200, body: { item_id: 4, control_no: 'M-CY-004', state: 'destruction_pending' } });
    const user = userEvent.setup();
    renderAs(STAFF(), <ItemOperation params={{ no: 'M-CY-004', op: 'destruction' }} />);
    await user.click(await screen.findByRole('button', { name: '記入する' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    const method = screen.getByRole('group', { name: /破棄の方法/ });
    expect(within(method).getByText('選択してください。')).toBeTruthy();
    expect(screen.getByLabelText(/破棄立会者/, { selector: 'select' }).getAttribute('aria-invalid')).toBe('true');
  });

  it('on success goes back to the item page with a notice', async () => {
    const calls = destructionServer({ status: 200, body: { item_id: 4, control_no: 'M-CY-004', state: 'destruction_pending' } });
    const user = userEvent.setup();
    window.history.replaceState(null, '', '/items/M-CY-004/destruction');
    renderAs(STAFF(), <ItemOperation params={{ no: 'M-CY-004', op: 'destruction' }} />);
    await user.click(await screen.findByLabelText('焼却'));
    const witness = screen.getByLabelText(/破棄立会者/, { selector: 'select' });
    await waitFor(() => expect(within(witness).getAllByRole('option').length).toBeGreaterThan(2));
    await user.selectOptions(witness, '6');
    await user.click(screen.getByRole('button', { name: '記入する' }));
    await waitFor(() => expect(window.location.pathname + window.location.search).toBe('/items/M-CY-004?done=destruction'));
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ method: 'incinerate', witness_person_id: 6 });
  });
});

describe('the approval form', () => {
  const requested = detail(
    item({ control_no: 'M-CY-002', state: 'movement_requested', state_ja: '持出し・貸出し許可待ち', current_entry_id: 35 }),
    [entry({ movement: 'lend', approval: 'pending', destination: '統合幕僚監部', movement_purpose: '共同訓練', period_from: '2026-12-01T00:00:00Z', period_until: '2026-12-03T09:00:00Z' })],
  );

  it('asks for the confirmations a loan needs and sends the decision', async () => {
    const calls = stubFetch([
      ['GET', '/api/v1/items/M-CY-002', { body: requested }],
      ['POST', '/api/v1/items/M-CY-002/approval', { body: { item_id: 2, control_no: 'M-CY-002', state: 'out' } }],
    ]);
    const user = userEvent.setup();
    renderAs(APPROVER(), <ItemOperation params={{ no: 'M-CY-002', op: 'approval' }} />);
    // The request being decided is shown.
    expect((await screen.findByText('統合幕僚監部')).tagName).toBe('DD');
    await user.click(screen.getByLabelText('許可する'));
    // A loan of a medium needs only the data confirmation (000 第4 4(2)); no "do not copy" instruction.
    expect(screen.queryByLabelText(/複製しないよう指導した/)).toBeNull();
    await user.click(screen.getByRole('button', { name: '決裁を記入する' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await user.click(screen.getByLabelText(/必要なデータ以外が保存されていないことを確認した/));
    await user.click(screen.getByRole('button', { name: '決裁を記入する' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ decision: 'approve', confirmed_data: true, note: '' });
  });

  it('warns, without blocking, when the state does not normally allow the operation', async () => {
    stubFetch([['GET', '/api/v1/items/M-CY-002', { body: requested }]]);
    renderAs(STAFF(), <ItemOperation params={{ no: 'M-CY-002', op: 'approval' }} />);
    expect((await screen.findByTestId('op-not-now')).textContent).toContain('持出し・貸出し許可待ち');
    expect(screen.getByRole('button', { name: '決裁を記入する' })).toBeTruthy();
  });
});

describe('forms that depend on the kind and the entry', () => {
  it('a device needs its place of use when taken out (000 第3 3(1)); a medium does not', async () => {
    const device = detail(item({ control_no: 'D-CY-001', kind: 'device', type: 'デジタルカメラ' }));
    const calls = stubFetch([
      ['GET', '/api/v1/items/D-CY-001', { body: device }],
      ['POST', '/api/v1/items/D-CY-001/checkout', { body: { item_id: 21, control_no: 'D-CY-001', state: 'in_use' } }],
    ]);
    const user = userEvent.setup();
    renderAs(STAFF(), <ItemOperation params={{ no: 'D-CY-001', op: 'checkout' }} />);
    await user.type(await screen.findByLabelText(/使用目的/), '訓練の記録');
    await user.click(screen.getByRole('button', { name: '記入する' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(document.activeElement).toBe(screen.getByLabelText(/設置場所（使用場所）/));
    await user.type(screen.getByLabelText(/設置場所（使用場所）/), '第1会議室');
    await user.click(screen.getByRole('button', { name: '記入する' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ purpose: '訓練の記録', place: '第1会議室' });
    cleanup();
    stubFetch([['GET', '/api/v1/items/M-CY-004', { body: detail(item()) }]]);
    renderAs(STAFF(), <ItemOperation params={{ no: 'M-CY-004', op: 'checkout' }} />);
    await screen.findByLabelText(/使用目的/);
    expect(screen.queryByLabelText(/設置場所/)).toBeNull();
  });

  it('decides the copy named in the address, at /copies/{id}/approval', async () => {
    window.history.replaceState(null, '', '/items/M-CY-004/copy-approval?copy=9');
    const out = detail(
      item({ state: 'out', current_entry_id: 35 }),
      [entry({ movement: 'take_out', approval: 'approved' })],
      [
        { id: 8, entry_id: 35, item_id: 4, content: '議事録', counterparty: '統幕', purpose: '共有', approval: 'pending' },
        { id: 9, entry_id: 35, item_id: 4, content: '名簿', counterparty: '統幕', purpose: '連絡', approval: 'pending' },
      ],
    );
    const calls = stubFetch([
      ['GET', '/api/v1/items/M-CY-004', { body: out }],
      ['POST', '/api/v1/copies/9/approval', { body: { item_id: 4, control_no: 'M-CY-004', state: 'out', copy_id: 9 } }],
    ]);
    const user = userEvent.setup();
    renderAs(APPROVER(), <ItemOperation params={{ no: 'M-CY-004', op: 'copy-approval' }} />);
    const picked = (await screen.findByText('名簿', { selector: 'label span' })).closest('.radio')!.querySelector('input')!;
    expect(picked.checked).toBe(true);
    await user.click(screen.getByLabelText('許可しない'));
    await user.click(screen.getByRole('button', { name: '決裁を記入する' }));
    await waitFor(() => expect(window.location.search).toBe('?done=copy-approval'));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ decision: 'reject', note: '' });
  });
});
