import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Layout } from '../components/Layout';
import { refusal, renderAs, stubFetch } from '../testing';
import { ComplianceDashboard } from './Dashboard';
import { DC, REPORT, STAFF, VIEWER } from './fixtures';
import { byChapter, chapterOf, evidencePath } from './labels';
import { Violations } from './Violations';

beforeEach(() => window.history.replaceState(null, '', '/compliance'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const rowsShown = () => screen.queryAllByTestId('clause-row').map((r) => r.getAttribute('data-ref'));

describe('compliance dashboard', () => {
  it('shows the share of clauses satisfied, the clauses by chapter, the duties and the violations by unit', async () => {
    stubFetch({ 'GET /api/v1/compliance': { body: REPORT } });
    renderAs(VIEWER(), <ComplianceDashboard params={{}} />);
    const profile = await screen.findByTestId('profile');
    expect(within(profile).getByRole('heading', { level: 2 }).textContent).toBe('000 防衛省本省の内部部局情報保証実施規程');
    // The share: a labelled meter and the number beside it.
    const meter = within(profile).getByLabelText('充足している条項の割合') as HTMLMeterElement;
    expect(meter.value).toBe(0.5);
    expect(screen.getByTestId('share-value').textContent).toBe('50%');
    expect(screen.getByTestId('share').textContent).toContain('5 条項のうち 2 条項が充足');
    // Counts per state on the filter buttons.
    expect(screen.getByRole('button', { name: '違反あり（1）' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'すべて（5）' }).getAttribute('aria-pressed')).toBe('true');
    // Clauses grouped by chapter, in document order.
    const tables = within(screen.getByTestId('clause-tables')).getAllByRole('table');
    expect(tables.map((t) => t.getAttribute('data-chapter'))).toEqual(['000 第1', '000 第2', '000 第4', '000 別表']);
    const violated = screen.getAllByTestId('clause-row').find((r) => r.getAttribute('data-ref') === '000 第4 3(1)')!;
    expect(within(violated).getByText('違反あり')).toBeTruthy();
    expect(within(violated).getByRole('link', { name: '000 第4 3(1)' }).getAttribute('href')).toBe(
      '/compliance/clause?profile=mod-internal&ref=000+%E7%AC%AC4+3%281%29',
    );
    expect(violated.querySelectorAll('td')[3].textContent).toBe('1');
    // Duties: the counts and the calendar.
    const duties = screen.getByTestId('duty-summary');
    expect(within(duties).getByTestId('duties-overdue').textContent).toBe('2');
    expect(within(duties).getByTestId('duties-due-soon').textContent).toBe('1');
    expect(within(duties).getByRole('link', { name: '義務・期限の一覧を開く' }).getAttribute('href')).toBe('/duties?scope=units');
    // Violations by unit, with a link to the filtered list only where there are some.
    const units = screen.getAllByTestId('unit-row');
    const cyber = units.find((u) => u.getAttribute('data-unit') === 'CYBER')!;
    expect([...cyber.querySelectorAll('td')].slice(0, 4).map((c) => c.textContent)).toEqual(['1', '0', '2', '1']);
    expect(within(cyber).getByRole('link', { name: '3 件を表示' }).getAttribute('href')).toBe(
      '/compliance/violations?unit_id=3',
    );
    // A unit with nothing to show is left out.
    expect(units.map((u) => u.getAttribute('data-unit'))).toEqual(['CYBER']);
  });

  it('filters the clauses by state, through the address', async () => {
    const user = userEvent.setup();
    stubFetch({ 'GET /api/v1/compliance': { body: REPORT } });
    renderAs(VIEWER(), <ComplianceDashboard params={{}} />);
    await user.click(await screen.findByRole('button', { name: '違反あり（1）' }));
    expect(window.location.search).toBe('?state=violated');
    expect(rowsShown()).toEqual(['000 第4 3(1)']);
    expect(screen.getByRole('button', { name: '違反あり（1）' }).getAttribute('aria-pressed')).toBe('true');
    await user.click(screen.getByRole('button', { name: '記録のみ（1）' }));
    expect(rowsShown()).toEqual(['000 第2 2(1)']);
    await user.click(screen.getByRole('button', { name: '適用外（0）' }));
    expect(rowsShown()).toEqual([]);
    expect(screen.getByTestId('no-clauses').textContent).toBe('この状態の条項はありません。');
    await user.click(screen.getByRole('button', { name: 'すべて（5）' }));
    expect(window.location.search).toBe('');
    expect(rowsShown()).toHaveLength(5);
  });

  it('shows each profile of an organization on several under its own tab', async () => {
    window.history.replaceState(null, '', '/compliance?profile=defense-contractor');
    stubFetch({ 'GET /api/v1/compliance': { body: { ...REPORT, profiles: [REPORT.profiles[0], DC] } } });
    renderAs(VIEWER(), <ComplianceDashboard params={{}} />);
    const tabs = await screen.findByRole('navigation', { name: 'プロファイル' });
    const links = within(tabs).getAllByRole('link');
    expect(links.map((l) => l.getAttribute('aria-current'))).toEqual([null, 'page']);
    expect(screen.getByTestId('profile').getAttribute('data-profile')).toBe('defense-contractor');
    expect(rowsShown()).toEqual(['001 第5 2(1)ア']);
  });

  it('shows the refusal, with its rule and clause, to a user without compliance.view', async () => {
    stubFetch({
      'GET /api/v1/compliance': refusal('compliance.view', '000 第2 2(3)', '権限がありません。', 'Not permitted.', undefined, 403),
    });
    renderAs(STAFF(), <ComplianceDashboard params={{}} />);
    expect(await screen.findByTestId('compliance-denied')).toBeTruthy();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('権限がありません。');
    expect(alert.getAttribute('data-clause')).toBe('000 第2 2(3)');
    expect(screen.queryByTestId('profile')).toBeNull();
  });

  it('speaks English on the switch', async () => {
    stubFetch({ 'GET /api/v1/compliance': { body: REPORT } });
    renderAs(VIEWER(), <ComplianceDashboard params={{}} />, 'en');
    expect(await screen.findByRole('button', { name: 'Violated (1)' })).toBeTruthy();
    expect(screen.getByText('Return after use')).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'Cyber Maintenance Division' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Show 3' })).toBeTruthy();
  });
});

describe('violation list', () => {
  it('asks the server with the filters of the address and links each violation to its clause and record', async () => {
    window.history.replaceState(null, '', '/compliance/violations?unit_id=3');
    const user = userEvent.setup();
    const calls = stubFetch({
      'GET /api/v1/units': { body: { units: [{ id: 3, parent_id: 2, kind: 'division', code: 'CYBER', name_ja: 'サイバー整備課', name_en: 'Cyber' }] } },
      'GET /api/v1/compliance/violations': {
        body: {
          violations: [
            {
              profile: 'mod-internal', rule: 'item_not_returned_by_workday_end', clause: '000 第4 3(1)', severity: 'high',
              subject_id: 3, subject: 'M-CY-003', unit_id: 3, unit_code: 'CYBER',
              message_ja: 'M-CY-003 が返却されていません。', message_en: 'M-CY-003 was not returned.', evidence: '/items/M-CY-003',
            },
          ],
        },
      },
    });
    renderAs(VIEWER(), <Violations params={{}} />);
    const row = await screen.findByTestId('violation');
    expect(within(row).getByRole('link', { name: 'M-CY-003' }).getAttribute('href')).toBe('/items/M-CY-003');
    expect(within(row).getByRole('link', { name: '000 第4 3(1)' })).toBeTruthy();
    expect(within(row).getByText('高')).toBeTruthy();
    expect(calls.map((c) => c.url)).toContain('/api/v1/compliance/violations?unit_id=3');
    await user.selectOptions(screen.getByLabelText('重大度'), 'high');
    expect(window.location.search).toBe('?unit_id=3&severity=high');
    expect(calls.map((c) => c.url)).toContain('/api/v1/compliance/violations?unit_id=3&severity=high');
  });
});

describe('navigation', () => {
  it('offers compliance to its viewers only, and the duties to everyone', () => {
    renderAs(VIEWER(), <Layout>{null}</Layout>);
    let nav = screen.getByRole('navigation', { name: 'メインメニュー' });
    expect(within(nav).getByRole('link', { name: 'コンプライアンス' }).getAttribute('href')).toBe('/compliance');
    expect(within(nav).getByRole('link', { name: '義務・期限' }).getAttribute('href')).toBe('/duties');
    cleanup();
    renderAs(STAFF(), <Layout>{null}</Layout>);
    nav = screen.getByRole('navigation', { name: 'メインメニュー' });
    expect(within(nav).queryByRole('link', { name: 'コンプライアンス' })).toBeNull();
    expect(within(nav).getByRole('link', { name: '義務・期限' })).toBeTruthy();
  });
});

describe('compliance labels', () => {
  it('finds the chapter of a clause as the documents print them', () => {
    expect(chapterOf('000 第4 7(1)')).toBe('000 第4');
    expect(chapterOf('000 第1(3)③')).toBe('000 第1');
    expect(chapterOf('001 第5 2(1)ア')).toBe('001 第5');
    expect(chapterOf('003 §2-1 管理方法(4)③')).toBe('003 §2');
    expect(chapterOf('003 特記第15-1')).toBe('003 特記');
    expect(chapterOf('000 別表')).toBe('000 別表');
    expect(chapterOf('004-GL III.2(4)⑤')).toBe('004-GL III');
    expect(byChapter([{ ref: '000 第1' }, { ref: '000 第2 1' }, { ref: '000 第1(2)' }]).map((g) => [g.chapter, g.rows.length])).toEqual([
      ['000 第1', 2],
      ['000 第2', 1],
    ]);
  });
  it('links evidence records and leaves documents as text', () => {
    expect(evidencePath('/items/M-CY-003')).toBe('/items/M-CY-003');
    expect(evidencePath('trail:1234')).toBe('/trail?before_seq=1235');
    expect(evidencePath('items/M-CY-001')).toBe('/items/M-CY-001');
    expect(evidencePath('reconciliations/3')).toBe('/reconciliations/3');
    expect(evidencePath('designations/5')).toBe('/admin/designations');
    expect(evidencePath('persons/12')).toBe('/admin/people');
    expect(evidencePath('情報保証第123号')).toBeNull();
    expect(evidencePath('//evil.example/x')).toBeNull();
  });
});
