// 「CSVから取り込む」 in the people section: the file's bytes go to the server unchanged (a Shift_JIS file
// stays Shift_JIS) with the chosen encoding; the dry run shows the plan row by row and 「取り込む」 then
// applies it and reloads the list; a refused file shows the server's message (line and column) and
// clause, and nothing can be applied; without a file nothing is sent; staff see no panel.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Admin } from '../pages/Admin';
import { jsonResponse, renderAs } from '../testing';
import { ADMIN, STAFF } from '../trail/fixtures';
import type { ImportResult } from './ImportPanel';
import type { Person, Unit } from './types';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const UNITS: Unit[] = [
  { id: 1, parent_id: null, kind: 'bureau', code: 'ROOT', name_ja: '本省', name_en: 'Ministry', head_title: '' },
  { id: 3, parent_id: 1, kind: 'division', code: 'CYBER', name_ja: 'サイバー整備課', name_en: 'Cyber Division', head_title: '課長' },
];
const TANAKA: Person = { id: 5, family_name: '田中', given_name: '美咲', title: '係員', unit_id: 3, unit_name: 'サイバー整備課', kind: 'employee', active: 1, username: 'tanaka' };
const UENO: Person = { id: 14, family_name: '上野', given_name: '陽介', title: '', unit_id: 3, unit_name: 'サイバー整備課', kind: 'employee', active: 1, username: null };

// "氏,名,所属コード\r\n上野,陽介,CYBER\r\n" in Shift_JIS (CP932).
const SJIS = new Uint8Array([
  0x8e, 0x81, 0x2c, 0x96, 0xbc, 0x2c, 0x8f, 0x8a, 0x91, 0xae, 0x83, 0x52, 0x81, 0x5b, 0x83, 0x68, 0x0d, 0x0a, 0x8f, 0xe3, 0x96,
  0xec, 0x2c, 0x97, 0x7a, 0x89, 0xee, 0x2c, 0x43, 0x59, 0x42, 0x45, 0x52, 0x0d, 0x0a,
]);

const PLAN: ImportResult = {
  dry_run: true,
  created: 1,
  updated: 1,
  unchanged: 0,
  rows: [
    { line: 2, action: 'create', person_id: 0, fields: { family_name: '上野', given_name: '陽介', unit_id: 3, unit_code: 'CYBER' }, changes: [] },
    { line: 3, action: 'update', person_id: 5, fields: { family_name: '田中', given_name: '美咲', unit_id: 3, unit_code: 'CYBER' }, changes: ['unit', 'kind'] },
  ],
};

interface Upload {
  url: string;
  contentType: string;
  bytes: Uint8Array;
}
type Answer = { status?: number; body: unknown };

/** A server with the units and persons, answering the imports with `answer` and recording them. */
function server(answer: (u: Upload) => Answer) {
  const uploads: Upload[] = [];
  let persons: Person[] = [TANAKA];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const path = input.split('?')[0];
      const headers = (init.headers ?? {}) as Record<string, string>;
      if (init.method === 'POST' && path === '/api/v1/persons/import') {
        const u = {
          url: input,
          contentType: headers['Content-Type'],
          bytes: new Uint8Array(init.body as ArrayBuffer),
        };
        uploads.push(u);
        const a = answer(u);
        if ((a.status ?? 200) === 200 && !input.includes('dry_run')) persons = [TANAKA, UENO];
        return jsonResponse(a.status ?? 200, a.body);
      }
      if (path === '/api/v1/units') return jsonResponse(200, { units: UNITS });
      if (path === '/api/v1/persons') return jsonResponse(200, { persons });
      return jsonResponse(404, { error: { kind: 'not_found', rule: 'test.no_route', clause: '', message_ja: input, message_en: input } });
    }),
  );
  return uploads;
}

async function panel() {
  renderAs(ADMIN(), <Admin params={{ section: 'people' }} />);
  return within(await screen.findByRole('form', { name: 'CSVから取り込む' }));
}

describe('the CSV import', () => {
  it('sends the Shift_JIS bytes unchanged, shows the plan, then imports and reloads the list', async () => {
    const uploads = server((u) => (u.url.includes('dry_run=1') ? { body: PLAN } : { body: { dry_run: false, created: 1, updated: 1, unchanged: 0, trail_seq: 812 } }));
    const user = userEvent.setup();
    const form = await panel();
    await user.upload(form.getByLabelText(/CSVファイル/), new File([SJIS], 'hr.csv', { type: 'text/csv' }));
    await user.selectOptions(form.getByLabelText('文字コード'), 'Shift_JIS');
    expect(form.queryByRole('button', { name: '取り込む' })).toBeNull();
    await user.click(form.getByRole('button', { name: '確認（ドライラン）' }));

    const plan = await form.findByTestId('import-plan');
    expect(uploads).toHaveLength(1);
    const sent = new URL(uploads[0].url, 'http://x');
    expect(sent.pathname).toBe('/api/v1/persons/import');
    expect(sent.searchParams.get('dry_run')).toBe('1');
    expect(sent.searchParams.get('encoding')).toBe('shift_jis');
    expect(sent.searchParams.get('filename')).toBe('hr.csv');
    expect(uploads[0].contentType).toBe('text/csv');
    expect(Array.from(uploads[0].bytes)).toEqual(Array.from(SJIS));

    expect(within(plan).getByText(/追加 1 件・更新 1 件・変更なし 0 件/)).toBeTruthy();
    const rows = within(plan).getAllByRole('row').slice(1);
    expect(rows.map((r) => Array.from(r.querySelectorAll('td,th')).map((c) => c.textContent))).toEqual([
      ['2', '追加', '上野 陽介', 'サイバー整備課（CYBER）', ''],
      ['3', '更新', '田中 美咲', 'サイバー整備課（CYBER）', '所属、区分'],
    ]);
    expect(within(screen.getByTestId('persons-table')).queryByText('上野 陽介')).toBeNull();

    await user.click(form.getByRole('button', { name: '取り込む' }));
    await waitFor(() => expect(form.getByRole('status').textContent).toContain('hr.csv を取り込みました: 追加 1 件・更新 1 件・変更なし 0 件。'));
    expect(form.getByRole('status').textContent).toContain('証跡の番号 812');
    expect(uploads).toHaveLength(2);
    expect(new URL(uploads[1].url, 'http://x').searchParams.get('dry_run')).toBeNull();
    expect(Array.from(uploads[1].bytes)).toEqual(Array.from(SJIS));
    expect(form.queryByTestId('import-plan')).toBeNull();
    expect(await within(screen.getByTestId('persons-table')).findByText('上野 陽介')).toBeTruthy();
  });

  it("shows a refused file's message and clause, and offers nothing to apply", async () => {
    const uploads = server(() => ({
      status: 400,
      body: {
        error: {
          kind: 'invalid_argument',
          rule: 'import.date_invalid',
          clause: '001 第5 2(1)エ',
          message_ja: '3行目 4列目: 生年月日は YYYY-MM-DD の日付です。',
          message_en: 'line 3, column 4: birth_date must be a date YYYY-MM-DD.',
          field: 'csv',
        },
      },
    }));
    const user = userEvent.setup();
    const form = await panel();
    await user.upload(form.getByLabelText(/CSVファイル/), new File(['氏,名,所属コード,生年月日\n'], 'bad.csv', { type: 'text/csv' }));
    await user.click(form.getByRole('button', { name: '確認（ドライラン）' }));
    const box = await form.findByText(/3行目 4列目: 生年月日は YYYY-MM-DD の日付です。/, { selector: '.error-box' });
    expect(box.getAttribute('data-clause')).toBe('001 第5 2(1)エ');
    expect(box.textContent).toContain('根拠: 001 第5 2(1)エ');
    expect(uploads).toHaveLength(1);
    expect(new URL(uploads[0].url, 'http://x').searchParams.get('encoding')).toBe('auto');
    expect(form.queryByTestId('import-plan')).toBeNull();
    expect(form.queryByRole('button', { name: '取り込む' })).toBeNull();
  });

  it('asks for a file before sending anything', async () => {
    const uploads = server(() => ({ body: PLAN }));
    const user = userEvent.setup();
    const form = await panel();
    await user.click(form.getByRole('button', { name: '確認（ドライラン）' }));
    expect(await form.findByText('ファイルを選んでください。')).toBeTruthy();
    expect(uploads).toHaveLength(0);
  });

  it('is not offered to staff', async () => {
    server(() => ({ body: PLAN }));
    renderAs(STAFF(), <Admin params={{ section: 'people' }} />);
    await screen.findByTestId('persons-table');
    expect(screen.queryByRole('form', { name: 'CSVから取り込む' })).toBeNull();
  });
});
