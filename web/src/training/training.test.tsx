import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refusal, renderAs, stubFetch } from '../testing';
import { NOBODY, PERSONS, PROGRAMS, RECORDER, SECTION_HEAD, SESSIONS, STATUS, UNITS } from './fixtures';
import { Training } from './Training';

beforeEach(() => window.history.replaceState(null, '', '/training'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const READS = {
  'GET /api/v1/training/programs': { body: { programs: PROGRAMS } },
  'GET /api/v1/training/sessions': { body: SESSIONS() },
  'GET /api/v1/training/status': { body: STATUS() },
  'GET /api/v1/persons': { body: PERSONS },
  'GET /api/v1/units': { body: UNITS },
};

const statusRow = (id: number) => screen.getAllByTestId('status-row').find((r) => r.getAttribute('data-person') === String(id))!;
// td 0 is the unit; td 1, 2 the programs.
const cell = (row: HTMLElement, i: number) => row.querySelectorAll('td')[i] as HTMLElement;

describe('training status', () => {
  it('shows each person × program as the server judged it: attended, to attend by its deadline, overdue highlighted', async () => {
    stubFetch(READS);
    renderAs(RECORDER(), <Training params={{}} />);
    expect(await screen.findByRole('heading', { level: 1, name: '教育' })).toBeTruthy();
    const table = await screen.findByTestId('training-status');
    // One column per program, named with its clause; people without any required training left out.
    const heads = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(heads).toEqual(['氏名', '局・課', '取扱者への教育及び訓練（年1回以上） 001 第7 1', '職責の教育 001 第7 2']);
    expect(screen.getAllByTestId('status-row').map((r) => r.getAttribute('data-person'))).toEqual(['4', '5', '8']);

    const abe = statusRow(8);
    expect(abe.getAttribute('data-overdue')).toBe('true');
    expect(abe.className).toBe('row-overdue');
    expect(cell(abe, 1).getAttribute('data-state')).toBe('overdue');
    expect(cell(abe, 1).textContent).toBe('期限超過期限: 令和8年11月25日受講歴なし');
    expect(cell(abe, 2).textContent).toBe('対象外');

    const hayashi = statusRow(4);
    expect(hayashi.getAttribute('data-overdue')).toBeNull();
    expect(cell(hayashi, 1).textContent).toBe('受講済み最後の受講: 令和8年11月4日');
    expect(cell(hayashi, 2).getAttribute('data-state')).toBe('due');
    expect(cell(hayashi, 2).textContent).toBe('要受講期限: 令和9年3月31日受講歴なし');

    // Not required of her, attended once: shown as attended before, with no deadline.
    const mori = statusRow(5);
    expect(cell(mori, 2).getAttribute('data-state')).toBe('attended');
    expect(cell(mori, 2).textContent).toBe('受講歴あり最後の受講: 令和7年10月1日');
    expect(screen.getByTestId('overdue-count').textContent).toBe('期限を過ぎている職員: 1名');
  });

  it('shows the same states without compliance.view, and does not ask for violations', async () => {
    const calls = stubFetch(READS);
    renderAs(SECTION_HEAD(), <Training params={{}} />);
    await screen.findByTestId('training-status');
    expect(cell(statusRow(8), 1).getAttribute('data-state')).toBe('overdue');
    expect(screen.getByTestId('overdue-count').textContent).toBe('期限を過ぎている職員: 1名');
    expect(calls.some((c) => c.url.startsWith('/api/v1/compliance'))).toBe(false);
  });

  it('shows the refusal, with its rule and clause, to someone who may not read training records', async () => {
    const denied = refusal('authz.denied', '001 第7 4', '教育の記録を閲覧する指定がありません。', 'No designation allows you to read training records.', undefined, 403);
    stubFetch({ 'GET /api/v1/training/sessions': denied, 'GET /api/v1/training/status': denied });
    renderAs(NOBODY(), <Training params={{}} />);
    expect(await screen.findByTestId('training-denied')).toBeTruthy();
    const box = screen.getByRole('alert');
    expect(box.getAttribute('data-rule')).toBe('authz.denied');
    expect(box.textContent).toContain('教育の記録を閲覧する指定がありません。');
    expect(box.textContent).toContain('根拠: 001 第7 4');
    expect(screen.queryByTestId('session-form')).toBeNull();
  });
});

describe('training record (別紙様式第2)', () => {
  it("lists the year's sessions with the form's columns and links the CSV and XLSX of the form", async () => {
    stubFetch(READS);
    renderAs(RECORDER(), <Training params={{}} />);
    const table = await screen.findByTestId('sessions');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      '実施日',
      '実施者',
      '実施手段',
      '局・課',
      '室又はグループ',
      '教育内容',
      '被教育者',
      '教育を受けた者',
    ]);
    const row = screen.getByTestId('session-row');
    const cells = [row.querySelector('th')!, ...row.querySelectorAll('td')].map((c) => c.textContent);
    expect(cells[0]).toBe('令和8年11月4日');
    expect(cells.slice(1, 5)).toEqual(['林 修（第1設計課長）', '集合教育', '防衛事業部', '第1設計課']);
    expect(cells[5]).toContain('令和8年度 情報セキュリティ教育');
    expect(cells[5]).toContain('取扱者への教育及び訓練（年1回以上） 001 第7 1');
    expect(cells[5]).toContain('扱った内容（3 / 3 項目）');
    expect(cells[6]).toBe('取扱者全員（3名）');
    expect(cells[7]).toBe('木村 玲子、林 修、森 彩');
    expect(screen.getByTestId('fiscal-year').textContent).toBe('令和8年度（2026年度）');
    const links = within(screen.getByTestId('record-links')).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/api/v1/training/record?fiscal_year=2026&format=csv&dates=wareki',
      '/api/v1/training/record?fiscal_year=2026&format=xlsx&dates=wareki',
    ]);
  });

  it('moves to the previous fiscal year (kept in the address)', async () => {
    const user = userEvent.setup();
    const calls = stubFetch({
      ...READS,
      'GET /api/v1/training/sessions': (c) => ({ body: c.url.includes('fiscal_year=2025') ? { fiscal_year: 2025, sessions: [] } : SESSIONS() }),
    });
    renderAs(RECORDER(), <Training params={{}} />);
    await screen.findByTestId('sessions');
    await user.click(screen.getByRole('button', { name: '← 前年度' }));
    expect(await screen.findByText('この年度の教育の記録はありません。')).toBeTruthy();
    expect(window.location.search).toBe('?fiscal_year=2025');
    expect(screen.getByTestId('fiscal-year').textContent).toBe('令和7年度（2025年度）');
    expect(calls.filter((c) => c.url.startsWith('/api/v1/training/sessions')).map((c) => c.url)).toEqual([
      '/api/v1/training/sessions',
      '/api/v1/training/sessions?fiscal_year=2025',
    ]);
    expect(within(screen.getByTestId('record-links')).getAllByRole('link')[0].getAttribute('href')).toBe(
      '/api/v1/training/record?fiscal_year=2025&format=csv&dates=wareki',
    );
  });

  it('shows English labels with the data as it came', async () => {
    stubFetch(READS);
    renderAs(RECORDER(), <Training params={{}} />, 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Training' })).toBeTruthy();
    await screen.findByTestId('sessions');
    expect(screen.getByTestId('fiscal-year').textContent).toBe('FY2026');
    expect(cell(statusRow(8), 1).textContent).toBe('OverdueDue: 令和8年11月25日Never attended');
    expect(screen.getByRole('button', { name: 'Record' })).toBeTruthy();
  });
});
