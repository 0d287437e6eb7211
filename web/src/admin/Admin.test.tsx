// The administration screens: sections as links with aria-current; a designation refused by the
// minimum-necessary rule shows the rule and clause and, beside the justification field, the
// server's message; a revocation sends its reason; accounts are issued and disabled by id.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Admin } from '../pages/Admin';
import { refusal, renderAs, stubFetch, type Route } from '../testing';
import { ADMIN, STAFF } from '../trail/fixtures';
import type { Designation, Person, Role, Unit } from './types';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const UNITS: Unit[] = [
  { id: 1, parent_id: null, kind: 'bureau', code: 'ROOT', name_ja: '本省', name_en: 'Ministry', head_title: '' },
  { id: 2, parent_id: 1, kind: 'bureau', code: 'SEIBI', name_ja: '整備計画局', name_en: 'Buildup Bureau', head_title: '局長' },
  { id: 3, parent_id: 2, kind: 'division', code: 'CYBER', name_ja: 'サイバー整備課', name_en: 'Cyber Division', head_title: '課長' },
];
const PERSONS: Person[] = [
  { id: 1, family_name: '管理', given_name: '者', title: '', unit_id: 1, unit_name: '本省', kind: 'employee', active: 1, username: 'admin' },
  { id: 5, family_name: '田中', given_name: '美咲', title: '係員', unit_id: 3, unit_name: 'サイバー整備課', kind: 'employee', active: 1, username: 'tanaka' },
  { id: 13, family_name: '新井', given_name: '一郎', title: '係員', unit_id: 3, unit_name: 'サイバー整備課', kind: 'employee', active: 1, username: null },
];
const role = (over: Partial<Role>): Role => ({
  code: 'x',
  name_ja: '',
  name_en: '',
  clause: '',
  designated_by: [],
  permissions: [],
  eligible_pool: '',
  certificate: false,
  certificate_label: '',
  implicit_member: false,
  org_wide: false,
  minimum_necessary: false,
  ...over,
});
const ROLES = {
  profile: 'mod-internal',
  roles: [
    role({ code: 'system_ia_officer', name_ja: '情報システム情報保証責任者', name_en: 'System IA Officer', clause: '000 第1(2)', designated_by: ['ia_officer'] }),
    role({
      code: 'system_admin_staff',
      name_ja: 'システム管理担当者',
      name_en: 'System Administration Staff',
      clause: '000 第1(3)',
      designated_by: ['system_ia_officer'],
      minimum_necessary: true,
      permissions: ['org.admin'],
    }),
    role({ code: 'staff', name_ja: '職員', name_en: 'Staff Member', clause: '000 第4 3(1)', implicit_member: true }),
  ],
  permissions: [{ code: 'org.admin', clause: '000 第2 2(2)', name_ja: '組織・職員・認証情報の管理', name_en: 'manage units, people and credentials' }],
};
const DESIGNATIONS: Designation[] = [
  {
    id: 8,
    person_id: 5,
    person_name: '田中 美咲',
    role_code: 'system_admin_staff',
    role_ja: 'システム管理担当者',
    role_en: 'System Administration Staff',
    clause: '000 第1(3)',
    unit_id: 3,
    unit_name: 'サイバー整備課',
    designated_by_person_id: 1,
    valid_from: '2026-10-12T04:19:00.000Z',
    valid_until: null,
    revoked_at: null,
    revoked_by_person_id: null,
    note: 'mamori の運用管理',
    created_at: '2026-10-12T04:19:00.000Z',
  },
];
const MINIMUM = refusal(
  'designation.minimum_necessary',
  '000 第1(3)③',
  'システム管理担当者の指定は必要最小限の範囲に限ります。指定の理由を記入してください。',
  'Designations of System Administration Staff are limited to the minimum necessary: give the reason.',
  'note',
);

function server(extra: Route[] = []) {
  return stubFetch([
    ...extra,
    ['GET', '/api/v1/designations', { body: { designations: DESIGNATIONS } }],
    ['GET', '/api/v1/roles', { body: ROLES }],
    ['GET', '/api/v1/persons', { body: { persons: PERSONS } }],
    ['GET', '/api/v1/units', { body: { units: UNITS } }],
  ]);
}

describe('the administration sections', () => {
  it('are links, the open one marked aria-current', async () => {
    server();
    renderAs(ADMIN(), <Admin params={{ section: 'designations' }} />);
    const nav = screen.getByRole('navigation', { name: '管理の項目' });
    expect(within(nav).getByRole('link', { name: '指定' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: '組織' }).getAttribute('aria-current')).toBeNull();
    expect(within(nav).getByRole('link', { name: '指定書' }).getAttribute('href')).toBe('/admin/certificates');
  });

  it('show the units as a tree', async () => {
    server();
    renderAs(ADMIN(), <Admin params={{}} />);
    const tree = await screen.findByRole('region', { name: '組織の構成' });
    const cyber = within(tree).getByText('サイバー整備課').closest('li')!;
    // CYBER sits inside SEIBI's list, inside ROOT's.
    expect(cyber.parentElement!.closest('li')!.textContent).toContain('整備計画局');
    expect(cyber.parentElement!.closest('li')!.parentElement!.closest('li')!.textContent).toContain('本省');
  });
});

describe('the designation form', () => {
  it("shows the server's refusal with rule and clause, and its message beside the justification", async () => {
    const calls = server([['POST', '/api/v1/designations', MINIMUM]]);
    const user = userEvent.setup();
    renderAs(ADMIN(), <Admin params={{ section: 'designations' }} />);
    const form = await screen.findByRole('form', { name: '指定する' });
    const roleSelect = within(form).getByLabelText(/^役割/);
    // Roles held by belonging to a unit are not offered.
    expect(within(roleSelect).queryByRole('option', { name: /職員/ })).toBeNull();
    await user.selectOptions(roleSelect, 'system_admin_staff');
    expect(within(form).getByTestId('role-info').textContent).toContain('000 第1(3)③');
    await user.selectOptions(within(form).getByLabelText(/^指定する者/), '13');
    await user.selectOptions(within(form).getByLabelText(/^指定の範囲/), '3');
    await user.click(within(form).getByRole('button', { name: '指定する' }));

    await waitFor(() => expect(form.querySelector('.error-box')).not.toBeNull());
    const errorBox = form.querySelector('.error-box')!;
    expect(errorBox.getAttribute('data-rule')).toBe('designation.minimum_necessary');
    expect(errorBox.getAttribute('data-clause')).toBe('000 第1(3)③');
    expect(errorBox.textContent).toContain('designation.minimum_necessary');

    const note = within(form).getByLabelText(/^指定の理由/, { selector: 'textarea' });
    expect(note.getAttribute('aria-invalid')).toBe('true');
    const message = note
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => document.getElementById(id)!)
      .find((el) => el.classList.contains('field-error'))!;
    expect(message.textContent).toBe('システム管理担当者の指定は必要最小限の範囲に限ります。指定の理由を記入してください。 (000 第1(3)③)');
    expect(document.activeElement).toBe(note);
    // Only there: the other fields are not marked.
    expect(within(form).getByLabelText(/^指定する者/).getAttribute('aria-invalid')).toBeNull();

    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ role: 'system_admin_staff', person_id: 13, unit_id: 3 });
  });

  it('in English, the refusal is in English beside the same field', async () => {
    server([['POST', '/api/v1/designations', MINIMUM]]);
    const user = userEvent.setup();
    renderAs(ADMIN(), <Admin params={{ section: 'designations' }} />, 'en');
    const form = await screen.findByRole('form', { name: 'Designate' });
    await user.selectOptions(within(form).getByLabelText(/^Role/), 'system_admin_staff');
    await user.click(within(form).getByRole('button', { name: 'Designate' }));
    const note = within(form).getByLabelText(/^Justification/, { selector: 'textarea' });
    await waitFor(() => expect(note.getAttribute('aria-invalid')).toBe('true'));
    expect(form.textContent).toContain('Designations of System Administration Staff are limited to the minimum necessary: give the reason. (000 第1(3)③)');
  });

  it('sends the justification and the period, and tells the certificate issued', async () => {
    const calls = server([
      ['POST', '/api/v1/designations', { status: 201, body: { designation_id: 14, certificate_number: '指定第2026-0003号', trail_seq: 201 } }],
    ]);
    const user = userEvent.setup();
    renderAs(ADMIN(), <Admin params={{ section: 'designations' }} />);
    const form = await screen.findByRole('form', { name: '指定する' });
    await user.selectOptions(within(form).getByLabelText(/^役割/), 'system_admin_staff');
    await user.selectOptions(within(form).getByLabelText(/^指定する者/), '13');
    await user.selectOptions(within(form).getByLabelText(/^指定の範囲/), '3');
    fireEvent.change(within(form).getByLabelText(/^終了日時/), { target: { value: '2027-03-31T18:15' } });
    await user.type(within(form).getByLabelText(/^指定の理由/, { selector: 'textarea' }), '夜間の運用監視のため');
    await user.click(within(form).getByRole('button', { name: '指定する' }));
    await within(form).findByText(/指定しました（指定 ID 14）/);
    expect(form.textContent).toContain('指定書 指定第2026-0003号 を交付しました。');
    expect(form.textContent).toContain('証跡の番号 201 に記録されました。');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      role: 'system_admin_staff',
      person_id: 13,
      unit_id: 3,
      valid_until: '2027-03-31T18:15:00+09:00',
      note: '夜間の運用監視のため',
    });
  });
});

describe('revoking a designation', () => {
  it('asks for a reason and sends it', async () => {
    const calls = server([['POST', '/api/v1/designations/8/revocation', { body: { designation_id: 8, trail_seq: 202 } }]]);
    const user = userEvent.setup();
    renderAs(ADMIN(), <Admin params={{ section: 'designations' }} />);
    await user.click(await screen.findByRole('button', { name: '指定 8（システム管理担当者・田中 美咲）を解除' }));
    const form = screen.getByRole('form', { name: '指定 8（システム管理担当者・田中 美咲）の解除' });
    await user.click(within(form).getByRole('button', { name: '指定を解除する' }));
    // No reason: nothing is sent.
    expect(within(form).getByText('解除の理由を記入してください。')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await user.type(within(form).getByLabelText(/^解除の理由/), '異動のため');
    await user.click(within(form).getByRole('button', { name: '指定を解除する' }));
    await screen.findByText(/指定 8 を解除しました。/);
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ reason: '異動のため' });
  });
});

describe('accounts', () => {
  it('are disabled by the account id the trail recorded', async () => {
    const created = {
      seq: 30,
      ts: '2026-10-12T03:00:00.000Z',
      actor: 'system:demo',
      command: 'account.create',
      entity: 'account:tanaka',
      payload: { effects: [{ t: 'accounts', id: 5, row: { id: 5, username: 'tanaka', person_id: 5, disabled: 0, must_change_password: 0 } }] },
      prev_hash: '',
      hash: '',
    };
    const calls = server([
      ['GET', /command=account\.create/, { body: { events: [created], size: 200 } }],
      ['GET', '/api/v1/trail', { body: { events: [], size: 200 } }],
      ['POST', '/api/v1/accounts/5/disabled', { body: { account_id: 5, disabled: true, trail_seq: 203 } }],
    ]);
    const user = userEvent.setup();
    renderAs(ADMIN(), <Admin params={{ section: 'accounts' }} />);
    const button = await screen.findByRole('button', { name: 'tanaka を無効にする' });
    // Not offered on one's own account.
    expect(screen.queryByRole('button', { name: 'admin を無効にする' })).toBeNull();
    await user.click(button);
    await screen.findByText('tanaka を無効にしました。');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ disabled: true });
  });

  it('are issued with an initial password, refusals beside the field', async () => {
    const policy = refusal('auth.password_policy', '000 第2 2(2)', 'パスワードは12文字以上256文字以下にしてください。', 'Passwords must be 12 to 256 characters long.', 'password', 400);
    const calls = server([
      ['GET', '/api/v1/trail', { body: { events: [], size: 200 } }],
      ['POST', '/api/v1/accounts', policy],
    ]);
    const user = userEvent.setup();
    renderAs(ADMIN(), <Admin params={{ section: 'accounts' }} />);
    const form = await screen.findByRole('form', { name: 'アカウントを発行' });
    // Only people without an account are offered.
    const person = within(form).getByLabelText(/^職員/);
    expect(within(person).getAllByRole('option').map((o) => o.textContent)).toEqual(['選択してください', '新井 一郎（サイバー整備課）']);
    await user.selectOptions(person, '13');
    await user.type(within(form).getByLabelText(/^ユーザ名/), 'arai');
    const [pw, confirm] = within(form).getAllByLabelText(/^初期パスワード/);
    await user.type(pw, 'short');
    await user.type(confirm, 'short');
    await user.click(within(form).getByRole('button', { name: '発行する' }));
    await waitFor(() => expect(pw.getAttribute('aria-invalid')).toBe('true'));
    expect(form.textContent).toContain('パスワードは12文字以上256文字以下にしてください。 (000 第2 2(2))');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ person_id: 13, username: 'arai', password: 'short' });
  });
});

describe('without org.admin', () => {
  it('offers no forms and says why', async () => {
    server();
    renderAs(STAFF(), <Admin params={{ section: 'designations' }} />);
    await screen.findByRole('table', { name: /指定の一覧/ });
    expect(screen.getByText(/管理する指定（000 第2 2\(2\)）がない/)).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByRole('button', { name: /を解除$/ })).toBeNull();
  });
});
