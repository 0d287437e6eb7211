// Registration: a new medium or device (item.register) or one received from elsewhere
// (item.receive), with the fields each command requires.
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ItemRegister } from '../pages/ItemRegister';
import { renderAs, stubFetch } from '../testing';
import { APPROVER, STAFF, UNITS } from './fixtures';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const ok = { status: 201, body: { item_id: 26, control_no: 'M-CY-021', state: 'in_storage' } };

describe('registering an item', () => {
  it('registers a new medium in the only unit the user may register for', async () => {
    window.history.replaceState(null, '', '/items/new');
    const calls = stubFetch([
      ['GET', '/api/v1/units', { body: { units: UNITS } }],
      ['POST', '/api/v1/items', ok],
    ]);
    const user = userEvent.setup();
    renderAs(APPROVER(), <ItemRegister params={{}} />);
    await user.click(await screen.findByRole('button', { name: '登録する' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(screen.getAllByText('入力してください。').length).toBe(3);

    await user.type(screen.getByLabelText(/媒体番号・機器番号/), 'M-CY-021');
    await user.click(screen.getByLabelText('可搬記憶媒体'));
    await user.type(screen.getByLabelText(/品目/), 'USBメモリ');
    await user.type(screen.getByLabelText(/保管場所/), '施錠保管庫A');
    await waitFor(() => expect((screen.getByLabelText(/管理する課室等/) as HTMLSelectElement).value).toBe('3'));
    await user.click(screen.getByRole('button', { name: '登録する' }));
    await waitFor(() => expect(window.location.pathname + window.location.search).toBe('/items/M-CY-021?done=register'));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      control_no: 'M-CY-021',
      kind: 'medium',
      type: 'USBメモリ',
      storage: '施錠保管庫A',
      unit_id: 3,
      vendor: '',
      product: '',
      serial: '',
    });
  });

  it('receives a medium: no kind to choose, the origin is required, and a duplicate number is refused beside its field', async () => {
    window.history.replaceState(null, '', '/items/new');
    const calls = stubFetch([
      ['GET', '/api/v1/units', { body: { units: UNITS } }],
      [
        'POST',
        '/api/v1/items/receive',
        {
          status: 422,
          body: {
            error: {
              kind: 'rule_violation',
              rule: 'ledger.media_number_unique',
              clause: '000 第4 2(2)',
              message_ja: '番号 M-CY-001 は既に使われています。',
              message_en: 'Control number M-CY-001 is already in use.',
              field: 'control_no',
            },
          },
        },
      ],
    ]);
    const user = userEvent.setup();
    renderAs(APPROVER(), <ItemRegister params={{}} />);
    await user.click(await screen.findByLabelText(/他から交付を受けた媒体を登録する/));
    expect(window.location.search).toBe('?mode=receive');
    expect(screen.queryByLabelText('目的特化型機器')).toBeNull();
    await user.type(screen.getByLabelText(/媒体番号・機器番号/), 'M-CY-001');
    await user.type(screen.getByLabelText(/品目/), 'DVD-R');
    await user.type(screen.getByLabelText(/保管場所/), '施錠保管庫A');
    await user.type(screen.getByLabelText(/交付元/), '統合幕僚監部');
    await user.click(screen.getByRole('button', { name: '登録する' }));
    const message = await screen.findByText('番号 M-CY-001 は既に使われています。 (000 第4 2(2))');
    expect(message.className).toBe('field-error');
    expect(screen.getByLabelText(/媒体番号・機器番号/).getAttribute('aria-invalid')).toBe('true');
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ received_from: '統合幕僚監部', unit_id: 3 });
  });

  it('tells staff without a registering designation whom to ask', async () => {
    stubFetch([['GET', '/api/v1/units', { body: { units: UNITS } }]]);
    renderAs(STAFF(), <ItemRegister params={{}} />);
    expect((await screen.findByRole('note')).textContent).toContain('000 第4 2(1)');
    expect(screen.queryByRole('button', { name: '登録する' })).toBeNull();
  });
});
