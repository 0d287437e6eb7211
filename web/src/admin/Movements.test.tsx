// A person leaving or moving, from the persons list: leaving needs a reason and a confirmation that says
// the designations and the account end at once, then the person shows as 離職 with no action; a transfer
// sends the new unit and shows the designations still in force with the way to end them; refusals show
// the server's message with rule and clause.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Admin } from '../pages/Admin';
import { refusal, renderAs, stubFetch, type Route } from '../testing';
import { ADMIN, STAFF } from '../trail/fixtures';
import type { Designation, Person, Role, RoleCatalog, Unit } from './types';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const UNITS: Unit[] = [
  { id: 1, parent_id: null, kind: 'bureau', code: 'ROOT', name_ja: '本省', name_en: 'Ministry', head_title: '' },
  { id: 3, parent_id: 1, kind: 'division', code: 'CYBER', name_ja: 'サイバー整備課', name_en: 'Cyber Division', head_title: '課長' },
  { id: 4, parent_id: 1, kind: 'division', code: 'JOHOTSU', name_ja: '情報通信課', name_en: 'ICT Division', head_title: '課長' },
];
const person = (id: number, family: string, given: string, over: Partial<Person> = {}): Person => ({
  id,
  family_name: family,
  given_name: given,
  title: '係員',
  unit_id: 3,
  unit_name: 'サイバー整備課',
  kind: 'employee',
  active: 1,
  username: null,
  ...over,
});
const ADMIN_PERSON = person(1, '試験', '太郎', { unit_id: 1, unit_name: '本省', username: 'admin' });
const ITO = person(6, '伊藤', '大輔', { username: 'ito' });
const MATSUMOTO = person(12, '松本', '亮', { unit_id: 4, unit_name: '情報通信課', username: 'matsumoto' });
const GONE = person(9, '元', '職員', { active: 0 });
const designation = (id: number, personId: number, name: string, code: string, ja: string, over: Partial<Designation> = {}): Designation => ({
  id,
  person_id: personId,
  person_name: name,
  role_code: code,
  role_ja: ja,
  role_en: '',
  clause: '',
  unit_id: 3,
  unit_name: 'サイバー整備課',
  designated_by_person_id: 1,
  valid_from: '2026-04-01T00:00:00.000Z',
  valid_until: null,
  revoked_at: null,
  revoked_by_person_id: null,
  note: '',
  created_at: '2026-04-01T00:00:00.000Z',
  ...over,
});
const ITO_DESIGNATIONS = [
  designation(10, 6, '伊藤 大輔', 'destruction_witness', '破棄立会者'),
  // Ended already: not among those that end.
  designation(4, 6, '伊藤 大輔', 'system_user', 'システム利用者', { revoked_at: '2026-05-01T00:00:00.000Z' }),
];
const MATSUMOTO_DESIGNATIONS = [
  designation(20, 12, '松本 亮', 'system_liaison', 'システム担当者', { unit_id: 4, unit_name: '情報通信課' }),
  designation(21, 12, '松本 亮', 'system_user', 'システム利用者', { unit_id: 4, unit_name: '情報通信課' }),
];
const role = (code: string, name_ja: string, name_en: string, clause: string): Role => ({
  code,
  name_ja,
  name_en,
  clause,
  designated_by: ['system_ia_officer'],
  permissions: [],
  eligible_pool: '',
  certificate: false,
  certificate_label: '',
  implicit_member: false,
  org_wide: false,
  minimum_necessary: false,
});
const ROLES: RoleCatalog = {
  profile: 'mod-internal',
  roles: [
    role('destruction_witness', '破棄立会者', 'Destruction Witness', '000 第1(9)'),
    role('system_liaison', 'システム担当者', 'System Liaison Staff', '000 第1(4)'),
    role('system_user', 'システム利用者', 'System User', '000 第1(5)'),
  ],
  permissions: [],
};

function server(persons: () => Person[], extra: Route[] = []) {
  return stubFetch([
    ...extra,
    ['GET', '/api/v1/designations?person_id=6', { body: { designations: ITO_DESIGNATIONS } }],
    ['GET', '/api/v1/designations?person_id=12', { body: { designations: MATSUMOTO_DESIGNATIONS } }],
    ['GET', '/api/v1/designations', { body: { designations: [...ITO_DESIGNATIONS, ...MATSUMOTO_DESIGNATIONS] } }],
    ['GET', '/api/v1/roles', { body: ROLES }],
    ['GET', '/api/v1/persons', () => ({ body: { persons: persons() } })],
    ['GET', '/api/v1/units', { body: { units: UNITS } }],
  ]);
}

/** The form's error box, once it shows. */
const errorBox = (form: HTMLElement) =>
  waitFor(() => {
    const box = form.querySelector('.error-box');
    if (!box) throw new Error('no error box yet');
    return box;
  });
const row = (id: number) => document.querySelector<HTMLTableRowElement>(`tr[data-person-id="${id}"]`)!;

describe('recording that a person has left', () => {
  it('needs a reason, confirms what ends at once, then shows the person as 離職 with no action', async () => {
    let left = false;
    const calls = server(() => [ADMIN_PERSON, left ? { ...ITO, active: 0 } : ITO, GONE], [
      [
        'POST',
        '/api/v1/persons/6/departure',
        () => {
          left = true;
          return { body: { person_id: 6, designations_ended: 1, account_disabled: true, trail_seq: 310 } };
        },
      ],
    ]);
    const user = userEvent.setup();
    renderAs(ADMIN(), <Admin params={{ section: 'people' }} />);
    await user.click(await screen.findByRole('button', { name: '伊藤 大輔 の離職を記録' }));
    const form = screen.getByRole('form', { name: '伊藤 大輔 の離職の記録' });

    // No reason: the field says so and nothing is sent.
    await user.click(within(form).getByRole('button', { name: '確認へ進む' }));
    expect(within(form).getByText('事由を記入してください。')).toBeTruthy();
    await user.type(within(form).getByLabelText(/^事由/), '定年退職');
    await user.click(within(form).getByRole('button', { name: '確認へ進む' }));

    // The confirmation: the designation in force that ends (by its catalog name), the account, the reason.
    const confirm = within(form).getByTestId('leave-confirmation');
    await within(confirm).findByText('破棄立会者（000 第1(9)）・サイバー整備課');
    expect(within(confirm).getAllByRole('listitem').map((li) => li.textContent)).toContain('破棄立会者（000 第1(9)）・サイバー整備課');
    expect(confirm.textContent).toContain('有効な指定 1 件がすべて解除されます。');
    expect(confirm.textContent).toContain('アカウント ito が無効になり、使用中のセッションと API トークンも直ちに終了します。');
    expect(confirm.textContent).toContain('事由: 定年退職');
    expect(document.activeElement).toBe(confirm);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.click(within(form).getByRole('button', { name: '離職を記録する' }));
    const result = await screen.findByTestId('movement-result');
    expect(result.textContent).toContain('伊藤 大輔 の離職を記録しました。指定 1 件を解除しました。 アカウントを無効にしました。');
    expect(result.textContent).toContain('証跡の番号 310 に記録されました。');
    expect(within(result).getByRole('link', { name: '義務を確認' }).getAttribute('href')).toBe('/duties');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ reason: '定年退職' });

    await waitFor(() => expect(row(6).getAttribute('data-active')).toBe('false'));
    expect(row(6).className).toBe('person-left');
    expect(within(row(6)).getByText('離職')).toBeTruthy();
    expect(within(row(6)).queryAllByRole('button')).toEqual([]);
  });

  it('is not offered on oneself nor on a person who has left; a transfer is', async () => {
    server(() => [ADMIN_PERSON, ITO, GONE]);
    renderAs(ADMIN(), <Admin params={{ section: 'people' }} />);
    await screen.findByRole('button', { name: '伊藤 大輔 の離職を記録' });
    expect(screen.queryByRole('button', { name: '試験 太郎 の離職を記録' })).toBeNull();
    expect(screen.getByRole('button', { name: '試験 太郎 の異動を記録' })).toBeTruthy();
    expect(within(row(9)).queryAllByRole('button')).toEqual([]);
    expect(within(row(9)).getByText('離職')).toBeTruthy();
  });

  it("shows the server's refusal with rule and clause, and keeps the form", async () => {
    const inactive = refusal('person.inactive', '000 第2 2(2)', 'この者は既に離職しています。', 'This person has already left.', 'person_id', 409);
    server(() => [ADMIN_PERSON, ITO], [['POST', '/api/v1/persons/6/departure', inactive]]);
    const user = userEvent.setup();
    renderAs(ADMIN(), <Admin params={{ section: 'people' }} />);
    await user.click(await screen.findByRole('button', { name: '伊藤 大輔 の離職を記録' }));
    const form = screen.getByRole('form', { name: '伊藤 大輔 の離職の記録' });
    await user.type(within(form).getByLabelText(/^事由/), '退職');
    await user.click(within(form).getByRole('button', { name: '確認へ進む' }));
    await user.click(within(form).getByRole('button', { name: '離職を記録する' }));
    const box = await errorBox(form);
    expect(box.getAttribute('data-rule')).toBe('person.inactive');
    expect(box.getAttribute('data-clause')).toBe('000 第2 2(2)');
    expect(box.textContent).toContain('この者は既に離職しています。');
    expect(box.textContent).toContain('根拠: 000 第2 2(2)');
    expect(screen.queryByTestId('movement-result')).toBeNull();
  });
});

describe('recording a transfer', () => {
  it('sends the new unit and the reason, and shows the designations still in force with the way to end them', async () => {
    const calls = server(() => [ADMIN_PERSON, MATSUMOTO], [
      ['POST', '/api/v1/persons/12/transfer', { body: { person_id: 12, unit_id: 3, designations_in_force: [20, 21], trail_seq: 311 } }],
    ]);
    const user = userEvent.setup();
    renderAs(ADMIN(), <Admin params={{ section: 'people' }} />);
    await user.click(await screen.findByRole('button', { name: '松本 亮 の異動を記録' }));
    const form = screen.getByRole('form', { name: '松本 亮 の異動の記録' });
    const unit = within(form).getByLabelText(/^異動先/);
    // The current unit is not offered.
    expect(within(unit).getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual(['', '1', '3']);
    expect(form.textContent).toContain('現在の所属: 情報通信課');
    await user.selectOptions(unit, '3');
    await user.type(within(form).getByLabelText(/^事由/), '人事異動（令和8年4月1日付）');
    await user.click(within(form).getByRole('button', { name: '異動を記録する' }));

    const result = await screen.findByTestId('movement-result');
    expect(result.textContent).toContain('松本 亮 の異動（異動先: サイバー整備課）を記録しました。');
    const table = await within(result).findByRole('table', { name: /有効な指定の一覧/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-designation-id'))).toEqual(['20', '21']);
    expect(rows[0].textContent).toContain('システム担当者000 第1(4)情報通信課');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ unit_id: 3, reason: '人事異動（令和8年4月1日付）' });

    // The link opens the designations of this person only.
    await user.click(within(result).getByRole('link', { name: '松本 亮 の指定を確認・解除する' }));
    expect(window.location.pathname + window.location.search).toBe('/admin/designations?person_id=12');
  });

  it('shows a refusal with its clause', async () => {
    const denied = refusal('authz.denied', '000 第2 2(2)', '異動先の組織を管理する指定がありません。', 'No designation lets you manage the new unit.', undefined, 403);
    server(() => [ADMIN_PERSON, MATSUMOTO], [['POST', '/api/v1/persons/12/transfer', denied]]);
    const user = userEvent.setup();
    renderAs(ADMIN(), <Admin params={{ section: 'people' }} />, 'en');
    await user.click(await screen.findByRole('button', { name: 'Record the transfer of 松本 亮' }));
    const form = screen.getByRole('form', { name: 'Transfer of 松本 亮' });
    await user.selectOptions(within(form).getByLabelText(/^New unit/), '1');
    await user.type(within(form).getByLabelText(/^Reason/), 'reorganization');
    await user.click(within(form).getByRole('button', { name: 'Record the transfer' }));
    const box = await errorBox(form);
    expect(box.getAttribute('data-rule')).toBe('authz.denied');
    expect(box.textContent).toContain('No designation lets you manage the new unit.');
    expect(box.textContent).toContain('000 第2 2(2)');
  });
});

describe('the designations of one person', () => {
  it('are listed alone, with the way back to all', async () => {
    window.history.replaceState(null, '', '/admin/designations?person_id=12');
    const calls = server(() => [ADMIN_PERSON, MATSUMOTO]);
    renderAs(ADMIN(), <Admin params={{ section: 'designations' }} />);
    const note = await screen.findByTestId('designations-filter');
    expect(note.textContent).toContain('松本 亮 の指定だけを表示しています。');
    expect(within(note).getByRole('link', { name: 'すべての指定を表示' }).getAttribute('href')).toBe('/admin/designations');
    const table = screen.getByTestId('designations-table');
    expect([...table.querySelectorAll('tr[data-designation-id]')].map((r) => r.getAttribute('data-designation-id'))).toEqual(['21', '20']);
    expect(calls.some((c) => c.url === '/api/v1/designations?person_id=12')).toBe(true);
  });
});

describe('without org.admin', () => {
  it('offers no leaving or transfer', async () => {
    server(() => [ADMIN_PERSON, ITO]);
    renderAs(STAFF(), <Admin params={{ section: 'people' }} />);
    await screen.findByRole('table', { name: /職員の一覧/ });
    expect(screen.queryByRole('button', { name: /の離職を記録$|の異動を記録$/ })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: '操作' })).toBeNull();
  });
});
