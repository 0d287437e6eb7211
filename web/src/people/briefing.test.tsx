// The briefing of a non-employee system user (000 第2 2(6)): offered only for contractors and visitors,
// recorded with the supervising employee chosen among the system users in force the server lists, and
// shown with them.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { refusal, renderAs, stubFetch } from '../testing';
import { PersonRecordPage } from './PersonRecord';
import { MOD_DEFINITIONS, MOD_PERSONS, MOD_ROLES, OKADA_RECORD, SYSTEM_USERS, SYSTEM_USERS_PATH, UNIT_ADMIN } from './section_fixtures';

const CLAUSE = '000 第2 2(6)';
const BASE = {
  'GET /api/v1/people/definitions': { body: MOD_DEFINITIONS() },
  'GET /api/v1/persons': { body: MOD_PERSONS },
  'GET /api/v1/roles': { body: MOD_ROLES },
  [`GET ${SYSTEM_USERS_PATH}`]: { body: SYSTEM_USERS },
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const supervisorSelect = (form: HTMLElement) => within(form).getByRole('combobox', { name: /監督する職員/ }) as HTMLSelectElement;

describe('the briefing of a non-employee', () => {
  it('shows the supervising employee of a briefing in the list', async () => {
    window.history.replaceState(null, '', '/persons/15');
    stubFetch({ ...BASE, 'GET /api/v1/persons/15/record': { body: OKADA_RECORD() } });
    renderAs(UNIT_ADMIN(), <PersonRecordPage params={{ person: '15' }} />);
    const table = await screen.findByTestId('agreements');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toContain('監督する職員');
    const row = within(table).getByTestId('agreement');
    expect(within(row).getByRole('rowheader').textContent).toBe('職員以外の者への説明と監督する職員の指定');
    expect(await within(row).findByText('井上 恵')).toBeTruthy();
    expect(within(row).getByText('① ② ③')).toBeTruthy();
    expect(screen.getByTestId('person-kind').textContent).toBe('契約業者等');
  });

  it('is recorded for a contractor with the supervisor chosen; refusals come back at the field', async () => {
    window.history.replaceState(null, '', '/persons/15');
    const user = userEvent.setup();
    const calls = stubFetch({
      ...BASE,
      'GET /api/v1/persons/15/record': { body: { person_id: 15, agreements: [] } },
      'POST /api/v1/agreements': (call) => {
        const body = call.body as { supervisor_person_id?: number };
        if (body.supervisor_person_id === undefined)
          return refusal('input.required', CLAUSE, '監督する職員を入力してください。', 'The supervising employee is required.', 'supervisor_person_id', 400);
        if (body.supervisor_person_id === 14) // designation ended since the list was read: the server still judges
          return refusal('agreement.supervisor_role', CLAUSE, '井上 恵 はシステム利用者に指定されていません。', 'Not a system user.', 'supervisor_person_id');
        return { body: { agreement_id: 3, supervisor_person_id: body.supervisor_person_id } };
      },
    });
    renderAs(UNIT_ADMIN(), <PersonRecordPage params={{ person: '15' }} />);
    const form = await screen.findByTestId('agreement-form');
    expect((within(form).getByLabelText(/合意・同意の種類/) as HTMLSelectElement).value).toBe('non_employee_briefing');
    expect(within(form).getByText('この種類は次の区分の者についてだけ記録します: 契約業者等、来訪者')).toBeTruthy();
    // The system users in force as the server lists them, employees only, once each, other than okada.
    const select = supervisorSelect(form);
    expect(await within(select).findByRole('option', { name: '松本 亮（整備計画局情報通信課）' })).toBeTruthy();
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      '選んでください',
      '松本 亮（整備計画局情報通信課）',
      '井上 恵（整備計画局情報通信課）',
    ]);
    expect(calls.filter((c) => c.url.startsWith('/api/v1/designations')).map((c) => c.url)).toEqual([SYSTEM_USERS_PATH]);
    expect(await within(form).findByText('システム利用者に指定された在籍の職員（本人以外）から選びます。')).toBeTruthy();
    for (const box of within(within(form).getByTestId('points')).getAllByRole('checkbox')) await user.click(box);
    await user.type(within(form).getByLabelText(/書面/), '説明書 第4号');
    // No supervisor chosen: the browser's own check is skipped here to show the server's word.
    form.setAttribute('novalidate', '');
    await user.click(within(form).getByRole('button', { name: '合意・同意を記録する' }));
    expect(await within(form).findAllByText(/監督する職員を入力してください。/)).toHaveLength(2);
    expect(document.activeElement).toBe(select);
    // A supervisor who does not hold the role.
    await user.selectOptions(select, '14');
    await user.click(within(form).getByRole('button', { name: '合意・同意を記録する' }));
    const box = await within(form).findByText(/井上 恵 はシステム利用者に指定されていません。/, { selector: '.error-box' });
    expect(box.getAttribute('data-clause')).toBe(CLAUSE);
    expect(box.textContent).toContain('agreement.supervisor_role');
    expect(select.getAttribute('aria-invalid')).toBe('true');
    await user.selectOptions(select, '13');
    await user.click(within(form).getByRole('button', { name: '合意・同意を記録する' }));
    expect(await screen.findByText('職員以外の者への説明と監督する職員の指定を記録しました（#3）。')).toBeTruthy();
    const sent = calls.filter((c) => c.method === 'POST').map((c) => c.body as Record<string, unknown>);
    expect(sent[0]).not.toHaveProperty('supervisor_person_id');
    expect(sent[2]).toMatchObject({ person_id: 15, kind: 'non_employee_briefing', points: ['①', '②', '③'], supervisor_person_id: 13 });
    expect(select.value).toBe('');
  });

  it('is not offered for an employee, who has no kind of agreement to record here', async () => {
    window.history.replaceState(null, '', '/persons/14?kind=non_employee_briefing');
    stubFetch({ ...BASE, 'GET /api/v1/persons/14/record': { body: { person_id: 14, agreements: [] } } });
    renderAs(UNIT_ADMIN(), <PersonRecordPage params={{ person: '14' }} />);
    expect(await screen.findByText('この人の区分（職員）について記録する合意・同意は、この組織の規程にはありません。')).toBeTruthy();
    expect(screen.queryByTestId('agreement-form')).toBeNull();
    // No agreement names a supervisor: no such column.
    expect(screen.getByText('合意・同意はまだ記録されていません。')).toBeTruthy();
  });

  it('offers every kind while the people cannot be had, the server judging', async () => {
    window.history.replaceState(null, '', '/persons/14');
    stubFetch({
      ...BASE,
      'GET /api/v1/persons': refusal('authz.denied', '', '閲覧できません。', 'Denied.', undefined, 403),
      [`GET ${SYSTEM_USERS_PATH}`]: { body: { designations: [] } },
      'GET /api/v1/persons/14/record': { body: { person_id: 14, agreements: [] } },
    });
    renderAs(UNIT_ADMIN(), <PersonRecordPage params={{ person: '14' }} />);
    const form = await screen.findByTestId('agreement-form');
    expect((within(form).getByLabelText(/合意・同意の種類/) as HTMLSelectElement).value).toBe('non_employee_briefing');
    expect(within(supervisorSelect(form)).getAllByRole('option')).toHaveLength(1);
  });

  it('speaks English on the switch', async () => {
    window.history.replaceState(null, '', '/persons/15');
    stubFetch({ ...BASE, 'GET /api/v1/persons/15/record': { body: OKADA_RECORD() } });
    renderAs(UNIT_ADMIN(), <PersonRecordPage params={{ person: '15' }} />, 'en');
    const form = await screen.findByTestId('agreement-form');
    expect(within(form).getByRole('combobox', { name: /Supervising employee/ })).toBeTruthy();
    expect(within(form).getByText('This kind is recorded only for: Contractor, Visitor')).toBeTruthy();
    expect(within(screen.getByTestId('agreements')).getAllByRole('columnheader').map((h) => h.textContent)).toContain('Supervising employee');
  });
});
