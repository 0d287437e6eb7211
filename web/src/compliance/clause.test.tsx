import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderAs, stubFetch } from '../testing';
import { ClausePage } from './ClausePage';
import { UNITS } from '../work/fixtures';
import { CLAUSE, VIEWER } from './fixtures';
import { clausePath } from './labels';

beforeEach(() => window.history.replaceState(null, '', clausePath('mod-internal', '000 第4 3(1)')));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('clause page', () => {
  it('shows the clause, its rules with their violations, what cites it and its duties', async () => {
    const calls = stubFetch({ 'GET /api/v1/compliance/clause': { body: CLAUSE }, 'GET /api/v1/units': { body: UNITS } });
    renderAs(VIEWER(), <ClausePage params={{}} />);
    expect(await screen.findByRole('heading', { level: 1, name: '000 第4 3(1) 使用後の返却' })).toBeTruthy();
    // The profile and the reference go to the server exactly, whatever their characters.
    const q = new URLSearchParams(calls.find((c) => c.url.startsWith('/api/v1/compliance/clause'))!.url.split('?')[1]);
    expect([q.get('profile'), q.get('ref')]).toEqual(['mod-internal', '000 第4 3(1)']);

    const facts = screen.getByTestId('clause-facts');
    expect(within(facts).getByTestId('clause-state').textContent).toBe('違反あり');
    expect(within(facts).getByText('mamori が判定')).toBeTruthy();
    expect(within(facts).getByTestId('caps').textContent).toBe('CAP-061、CAP-062');
    expect(within(facts).getByText('item.return')).toBeTruthy();
    expect(within(facts).getByText('退庁時までの返却を点検する。')).toBeTruthy();

    const rules = screen.getAllByTestId('rule');
    expect(rules.map((r) => r.getAttribute('data-rule'))).toEqual(['item_not_returned_by_workday_end', 'device_not_returned']);
    const [violated, clean] = rules;
    expect(within(violated).getByText('高')).toBeTruthy();
    const v = within(violated).getByTestId('violation');
    expect(v.textContent).toContain('M-CY-003 が退庁時までに返却されていません（使用者: 田中 美咲）。');
    expect(within(violated).getByRole('link', { name: 'この規則の違反を一覧で表示' }).getAttribute('href')).toBe(
      '/compliance/violations?profile=mod-internal&rule=item_not_returned_by_workday_end',
    );
    expect(within(clean).getByText('違反はありません。')).toBeTruthy();
    expect(within(clean).getByText('充足')).toBeTruthy();

    const cites = screen.getByTestId('citations');
    expect(within(cites).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['権限 ledger.use', '義務 monthly_return_check']);

    const duty = screen.getByTestId('clause-duty');
    expect(within(duty).getByRole('link', { name: '返却状況の月次確認' }).getAttribute('href')).toBe('/duties?id=21');
    expect(within(duty).getByText('令和8年10月31日')).toBeTruthy();
    expect(await within(duty).findByText('整備計画局サイバー整備課')).toBeTruthy();
    expect(within(duty).getByRole('link', { name: 'reconciliations/1' }).getAttribute('href')).toBe('/reconciliations/1');
  });

  it('follows a violation to the record at fault with the app router', async () => {
    const user = userEvent.setup();
    stubFetch({ 'GET /api/v1/compliance/clause': { body: CLAUSE }, 'GET /api/v1/units': { body: UNITS } });
    renderAs(VIEWER(), <ClausePage params={{}} />);
    const link = await screen.findByRole('link', { name: 'M-CY-003' });
    expect(link.getAttribute('href')).toBe('/items/M-CY-003');
    await user.click(link);
    expect(window.location.pathname).toBe('/items/M-CY-003');
  });

  it('shows the violation in English on the switch', async () => {
    stubFetch({ 'GET /api/v1/compliance/clause': { body: CLAUSE }, 'GET /api/v1/units': { body: UNITS } });
    renderAs(VIEWER(), <ClausePage params={{}} />, 'en');
    expect(await screen.findByRole('heading', { level: 1, name: '000 第4 3(1) Return after use' })).toBeTruthy();
    expect(screen.getByTestId('violation').textContent).toContain('M-CY-003 was not returned by the end of the working day');
    expect(screen.getByText('Media not returned by the end of the working day')).toBeTruthy();
  });

  it('asks nothing when no clause is named', () => {
    window.history.replaceState(null, '', '/compliance/clause?profile=mod-internal');
    const calls = stubFetch({});
    renderAs(VIEWER(), <ClausePage params={{}} />);
    expect(screen.getByText('表示する条項が指定されていません。')).toBeTruthy();
    expect(calls).toEqual([]);
  });
});
