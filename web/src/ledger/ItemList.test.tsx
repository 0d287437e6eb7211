// The list keeps its filters in the address (so that they survive a reload and the back button)
// and asks the server for exactly what the filters say.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ItemList } from '../pages/ItemList';
import { renderAs, stubFetch, type Call } from '../testing';
import { APPROVER, PERSONS, STAFF, UNITS } from './fixtures';
import type { ItemListResult } from './types';

const LIST: ItemListResult = {
  items: [
    {
      id: 3,
      control_no: 'M-CY-003',
      kind: 'medium',
      type: 'DVD-R',
      storage: '施錠保管庫A',
      custodian_unit_id: 3,
      unit_name: '整備計画局サイバー整備課',
      state: 'in_use',
      state_ja: '使用中',
      state_en: 'in use',
      holder: '田中 美咲',
      holder_person_id: 5,
      started_at: '2026-11-20T00:00:00Z',
      overdue: true,
    },
  ],
  total: 1,
  page: 1,
  per_page: 50,
};

let calls: Call[];
beforeEach(() => {
  calls = stubFetch([
    ['GET', '/api/v1/items', { body: LIST }],
    ['GET', '/api/v1/units', { body: { units: UNITS } }],
    ['GET', '/api/v1/persons', { body: { persons: PERSONS } }],
  ]);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const itemRequests = () => calls.filter((c) => c.url.startsWith('/api/v1/items')).map((c) => c.url);
const params = () => Object.fromEntries(new URLSearchParams(window.location.search));

describe('the item list', () => {
  it('writes each filter to the address and asks the server with it', async () => {
    window.history.replaceState(null, '', '/items');
    const user = userEvent.setup();
    renderAs(STAFF(), <ItemList params={{}} />);
    await screen.findByRole('link', { name: 'M-CY-003' });
    expect(itemRequests()).toEqual(['/api/v1/items?per_page=50']);

    await user.selectOptions(screen.getByLabelText('種別'), 'device');
    expect(params()).toEqual({ kind: 'device' });
    await user.selectOptions(screen.getByLabelText('状態'), 'in_use');
    await user.selectOptions(screen.getByLabelText('使用者'), '5');
    await user.click(screen.getByLabelText('返却期限を過ぎた物だけ'));
    // The unit list has the units the viewer may see, not bureaus.
    const unit = screen.getByLabelText('管理する課室等');
    await waitFor(() => expect(within(unit).getAllByRole('option').map((o) => o.textContent)).toEqual(['すべて', '整備計画局サイバー整備課']));
    await user.selectOptions(unit, '3');
    expect(params()).toEqual({ kind: 'device', state: 'in_use', holder_person_id: '5', overdue: '1', unit_id: '3' });

    // The number filter waits for the typing to stop, then goes to the address as well.
    await user.type(screen.getByLabelText(/番号（前方一致）又は品目/), 'M-CY-00');
    expect(params().q).toBeUndefined();
    await waitFor(() => expect(params().q).toBe('M-CY-00'), { timeout: 2000 });
    await waitFor(() =>
      expect(itemRequests().at(-1)).toBe(
        '/api/v1/items?unit_id=3&kind=device&state=in_use&holder_person_id=5&overdue=true&q=M-CY-00&per_page=50',
      ),
    );
    // One request for the whole typed text, not one per key.
    expect(itemRequests().filter((u) => u.includes('q=')).length).toBe(1);

    // With a unit chosen, its 管理簿 can be exported in the viewer's date style.
    const links = within(screen.getByTestId('unit-export')).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/api/v1/units/3/ledger?format=csv&dates=wareki',
      '/api/v1/units/3/ledger?format=xlsx&dates=wareki',
    ]);

    await user.click(screen.getByRole('button', { name: '条件を解除' }));
    expect(window.location.search).toBe('');
    expect((screen.getByLabelText(/番号（前方一致）又は品目/) as HTMLInputElement).value).toBe('');
  });

  it('reads the filters back from the address (a reload or a bookmark)', async () => {
    window.history.replaceState(null, '', '/items?state=in_use&q=M-CY&overdue=1&page=2');
    renderAs(STAFF(), <ItemList params={{}} />);
    await screen.findByRole('link', { name: 'M-CY-003' });
    expect(itemRequests()[0]).toBe('/api/v1/items?state=in_use&overdue=true&q=M-CY&page=2&per_page=50');
    expect((screen.getByLabelText('状態') as HTMLSelectElement).value).toBe('in_use');
    expect((screen.getByLabelText(/番号（前方一致）又は品目/) as HTMLInputElement).value).toBe('M-CY');
    expect((screen.getByLabelText('返却期限を過ぎた物だけ') as HTMLInputElement).checked).toBe(true);
    // Back in history to other filters: the controls follow.
    act(() => {
      window.history.replaceState(null, '', '/items?q=D-CY');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await waitFor(() => expect((screen.getByLabelText(/番号（前方一致）又は品目/) as HTMLInputElement).value).toBe('D-CY'));
    expect((screen.getByLabelText('状態') as HTMLSelectElement).value).toBe('');
  });

  it('shows the row with its state, holder and an overdue badge; register only for those who may', async () => {
    window.history.replaceState(null, '', '/items');
    renderAs(STAFF(), <ItemList params={{}} />);
    const row = (await screen.findByRole('link', { name: 'M-CY-003' })).closest('tr')!;
    expect(within(row).getByText('使用中')).toBeTruthy();
    expect(within(row).getByText('田中 美咲')).toBeTruthy();
    expect(within(row).getByText('期限超過')).toBeTruthy();
    expect(screen.queryByRole('link', { name: '媒体・機器を登録' })).toBeNull();
    cleanup();
    renderAs(APPROVER(), <ItemList params={{}} />);
    expect((await screen.findByRole('link', { name: '媒体・機器を登録' })).getAttribute('href')).toBe('/items/new');
  });
});
