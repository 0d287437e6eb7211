import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refusal, renderAs, stubFetch, type Route } from '../testing';
import { EntryRosterPage } from './EntryRoster';
import { CONSENTER, ESCORTS, ESCORTS_PATH, KEEPER, NOBODY, PERSONS, ROSTER } from './fixtures';
import type { EntryRoster } from './types';

beforeEach(() => window.history.replaceState(null, '', '/facilities/4'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ROSTER_PATH = '/api/v1/facilities/4/entry-roster';
/** The reads of the roster screen; `roster` answers the roster (called on every reload). */
const reads = (roster: () => EntryRoster = ROSTER): Record<string, () => { body: unknown }> => ({
  [`GET ${ROSTER_PATH}`]: () => ({ body: roster() }),
  'GET /api/v1/persons': () => ({ body: PERSONS() }),
  [`GET ${ESCORTS_PATH}`]: () => ({ body: ESCORTS() }),
});
const row = (name: string) => screen.getAllByTestId('permit-row').find((r) => r.querySelector('th')!.textContent!.startsWith(name))!;
const page = () => <EntryRosterPage params={{ unit: '4' }} />;

describe('entry roster', () => {
  it('shows the permits with their states, certificates, requester and consenter, and the keeper’s actions', async () => {
    stubFetch(reads());
    renderAs(KEEPER(), page());
    expect(await screen.findByRole('heading', { level: 1, name: '第1設計課 保護情報取扱室 立入名簿' })).toBeTruthy();
    await screen.findByTestId('permits');
    const mori = row('森 彩');
    expect(mori.getAttribute('data-state')).toBe('granted');
    expect(within(mori).getByText('許可')).toBeTruthy();
    expect(within(mori).getByTestId('certificate').textContent).toBe('立入許可第2026-0001号');
    expect(within(mori).getByText('装備品Xの設計図書の作成・保管')).toBeTruthy();
    expect(within(mori).getByTestId('requested').textContent).toBe('令和8年10月20日 09:00林 修');
    expect(within(mori).getByTestId('consented').textContent).toBe('令和8年10月20日 10:00池田 恵');
    const shimizu = row('清水 大樹');
    expect(within(shimizu).getByText('申請中（同意待ち）')).toBeTruthy();
    expect(within(shimizu).queryByTestId('certificate')).toBeNull();
    // The keeper revokes open permits; only an administrator consents.
    expect(within(shimizu).getByRole('button', { name: '清水 大樹の立入許可を取り消す' })).toBeTruthy();
    expect(within(mori).getByRole('button', { name: '森 彩の立入許可を取り消す' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /同意して許可証を発行/ })).toBeNull();
    expect(screen.getByText('同意と許可証の発行は保護システム管理者が行います。')).toBeTruthy();
    // The form file of the roster.
    const exp = screen.getByTestId('roster-export');
    expect(within(exp).getByRole('link', { name: 'CSV をダウンロード' }).getAttribute('href')).toBe(`${ROSTER_PATH}?format=csv`);
    expect(within(exp).getByRole('link', { name: 'Excel（XLSX）をダウンロード' }).getAttribute('href')).toBe(`${ROSTER_PATH}?format=xlsx`);
  });

  it('names who requested, consented and revoked from the roster itself, reading no list of people', async () => {
    const calls = stubFetch(
      reads(() => {
        const r = ROSTER();
        r.permits[1] = { ...r.permits[1], state: 'revoked', revoked_at: '2026-11-01T00:00:00Z', revoked_by_person_id: 4, revoked_by: '林 修', revoke_reason: '異動のため' };
        return r;
      }),
    );
    renderAs(CONSENTER(), page());
    await screen.findByTestId('permits');
    const hayashi = row('林 修');
    expect(hayashi.getAttribute('data-state')).toBe('revoked');
    expect(within(hayashi).getByTestId('requested').textContent).toBe('令和8年10月20日 09:00林 修');
    expect(within(hayashi).getByTestId('revoked').textContent).toBe('令和8年11月1日 09:00林 修異動のため');
    // The administrator has no form to fill: neither the people nor the escorts are read.
    expect(calls.map((c) => c.url)).toEqual([ROSTER_PATH]);
  });

  it('requests a permit for an active person not yet listed, then shows the roster again', async () => {
    const user = userEvent.setup();
    let requested = false;
    const calls = stubFetch({
      ...reads(() => {
        const r = ROSTER();
        if (requested) r.permits.push({ ...r.permits[2], id: 4, person_id: 3, name: '木村 玲子', purpose: '設計審査への立会い' });
        return r;
      }),
      'POST /api/v1/facilities/4/entry-permits': () => {
        requested = true;
        return { body: { permit_id: 4, state: 'pending_consent' } };
      },
    });
    renderAs(KEEPER(), page());
    const form = await screen.findByTestId('request-form');
    const select = within(form).getByLabelText(/立ち入る者/) as HTMLSelectElement;
    // Those with an open permit (森, 林, 清水) and those who have left (石井) are not offered.
    const offered = [...select.querySelectorAll('option')].map((o) => o.textContent);
    expect(offered).toEqual(['選択してください', '木村 玲子', '池田 恵', '阿部 健太']);
    expect([...select.querySelectorAll('optgroup')].map((g) => g.label)).toEqual(['防衛事業部', '情報システム部']);
    await user.selectOptions(select, '3');
    await user.type(within(form).getByLabelText(/立入りの目的/), '設計審査への立会い');
    await user.click(within(form).getByRole('button', { name: '立入許可を申請' }));
    expect(await screen.findByText('木村 玲子の立入許可を申請しました。保護システム管理者の同意を待っています。')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ person_id: 3, purpose: '設計審査への立会い' });
    await waitFor(() => expect(screen.getAllByTestId('permit-row')).toHaveLength(4));
    expect(row('木村 玲子').getAttribute('data-state')).toBe('pending_consent');
    expect(select.value).toBe('');
  });

  it("shows a refused request with the server's message, rule and clause, at the field it names", async () => {
    const user = userEvent.setup();
    stubFetch({
      ...reads(),
      'POST /api/v1/facilities/4/entry-permits': refusal(
        'entry.duplicate', '001 第8 2(1)エ', 'この者の立入許可又は申請が既にあります。', 'An open permit or request of this person exists.', 'person_id', 409,
      ),
    });
    renderAs(KEEPER(), page());
    const form = await screen.findByTestId('request-form');
    await user.selectOptions(within(form).getByLabelText(/立ち入る者/), '9');
    await user.type(within(form).getByLabelText(/立入りの目的/), '保守');
    await user.click(within(form).getByRole('button', { name: '立入許可を申請' }));
    const box = (await within(form).findByText(/この者の立入許可又は申請が既にあります。/, { selector: '.error-box' })) as HTMLElement;
    expect(box.getAttribute('data-clause')).toBe('001 第8 2(1)エ');
    expect(box.textContent).toContain('entry.duplicate');
    const select = within(form).getByLabelText(/立ち入る者/);
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(select);
    expect((within(form).getByLabelText(/立入りの目的/) as HTMLTextAreaElement).value).toBe('保守');
  });

  it('lets the administrator consent to a pending permit and names the certificate issued', async () => {
    const user = userEvent.setup();
    let consented = false;
    const calls = stubFetch({
      ...reads(() => {
        const r = ROSTER();
        if (consented)
          r.permits[2] = { ...r.permits[2], state: 'granted', certificate_no: '立入許可第2026-0003号', consented_by: '池田 恵', consented_at: '2026-11-21T00:00:00Z' };
        return r;
      }),
      'POST /api/v1/entry-permits/3/consent': () => {
        consented = true;
        return { body: { permit_id: 3, state: 'granted', certificate_no: '立入許可第2026-0003号' } };
      },
    });
    renderAs(CONSENTER(), page());
    await screen.findByTestId('permits');
    // Only the pending permit can be consented to; the administrator neither revokes, requests nor approves visits.
    expect(screen.getAllByRole('button', { name: /同意して許可証を発行/ })).toHaveLength(1);
    expect(screen.queryByRole('button', { name: /取り消す/ })).toBeNull();
    expect(screen.queryByTestId('request-form')).toBeNull();
    expect(screen.queryByTestId('visit-form')).toBeNull();
    expect(screen.queryByTestId('open-review')).toBeNull();
    await user.click(within(row('清水 大樹')).getByRole('button', { name: '清水 大樹の立入りに同意して許可証を発行' }));
    expect(await screen.findByText('清水 大樹の立入りに同意し、立入許可証 立入許可第2026-0003号 を発行しました。')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')!.url).toBe('/api/v1/entry-permits/3/consent');
    expect(await within(row('清水 大樹')).findByTestId('certificate')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /同意して許可証を発行/ })).toBeNull();
  });

  it('shows a refused consent with its rule and clause', async () => {
    const user = userEvent.setup();
    stubFetch({
      ...reads(),
      'POST /api/v1/entry-permits/3/consent': refusal(
        'entry.state', '001 第8 2(1)ウ', '同意待ちの申請ではありません。', 'The permit is not awaiting consent.', undefined, 409,
      ),
    });
    renderAs(CONSENTER(), page());
    await user.click(await screen.findByRole('button', { name: '清水 大樹の立入りに同意して許可証を発行' }));
    const box = await within(row('清水 大樹')).findByRole('alert');
    expect(box.textContent).toContain('同意待ちの申請ではありません。');
    expect(box.getAttribute('data-clause')).toBe('001 第8 2(1)ウ');
    expect(box.getAttribute('data-rule')).toBe('entry.state');
  });

  it('revokes a permit with its reason; a missing reason is refused at the field', async () => {
    const user = userEvent.setup();
    const calls = stubFetch({
      ...reads(),
      'POST /api/v1/entry-permits/1/revocation': (call) =>
        (call.body as { reason: string }).reason
          ? { body: { permit_id: 1, state: 'revoked' } }
          : refusal('input.required', '001 第8 2(1)オ', '取消しの理由を入力してください。', 'Enter the reason.', 'reason', 400),
    });
    renderAs(KEEPER(), page());
    await user.click(await screen.findByRole('button', { name: '森 彩の立入許可を取り消す' }));
    const form = screen.getByTestId('revoke-form');
    expect(within(form).getByRole('heading', { name: '森 彩の立入許可の取消し' })).toBeTruthy();
    const reason = within(form).getByLabelText(/取消しの理由/);
    reason.removeAttribute('required'); // let the server judge the empty reason
    await user.click(within(form).getByRole('button', { name: '取り消す' }));
    const box = (await within(form).findByText(/取消しの理由を入力してください。/, { selector: '.error-box' })) as HTMLElement;
    expect(box.getAttribute('data-clause')).toBe('001 第8 2(1)オ');
    expect(document.activeElement).toBe(reason);
    await user.type(reason, '異動のため');
    await user.click(within(form).getByRole('button', { name: '取り消す' }));
    expect(await screen.findByText('森 彩の立入許可を取り消しました。')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ reason: '' }, { reason: '異動のため' }]);
    expect(screen.queryByTestId('revoke-form')).toBeNull();
  });

  it('shows the last review and records a new one', async () => {
    const user = userEvent.setup();
    const calls = stubFetch({ ...reads(), 'POST /api/v1/facilities/4/entry-reviews': { body: { review_id: 3, facility_unit_id: 4 } } });
    renderAs(KEEPER(), page());
    const last = await screen.findByTestId('last-review');
    expect(last.textContent).toContain('令和8年11月2日 10:30');
    expect(last.textContent).toContain('全員の業務上の必要を確認した。');
    expect(screen.getAllByTestId('review-row')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: '見直しを記録' }));
    const form = screen.getByTestId('review-form');
    await user.type(within(form).getByLabelText(/見直しの結果/), '不要となった者はいない。');
    await user.click(within(form).getByRole('button', { name: '見直しを記録する' }));
    expect(await screen.findByText('立入名簿の見直しを記録しました。')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ note: '不要となった者はいない。' });
  });

  it('lists the approved visits and approves one with a designated escort in force', async () => {
    const user = userEvent.setup();
    const calls = stubFetch({
      ...reads(),
      'POST /api/v1/facilities/4/visits': (call) =>
        (call.body as { visit_on: string }).visit_on < '2026-01-01'
          ? refusal('visit.date_past', '001 第8 2(5)', '過去の日付は承認できません。', 'The date cannot be in the past.', 'visit_on', 400)
          : { body: { visit_id: 2, facility_unit_id: 4, visit_on: '2030-04-02' } },
    });
    renderAs(KEEPER(), page());
    const visit = await screen.findByTestId('visit-row');
    expect(visit.textContent).toContain('山口 太郎');
    expect(visit.textContent).toContain('記録簿（001 第8 2(2)エ）');
    expect(visit.textContent).toContain('令和8年11月25日');
    const form = await screen.findByTestId('visit-form');
    // The escorts in force are the server's answer; 森, designated for two units, is offered once and chosen.
    expect(calls.filter((c) => c.url.startsWith('/api/v1/designations')).map((c) => c.url)).toEqual([ESCORTS_PATH]);
    const escort = within(form).getByLabelText(/同行して監視する者/) as HTMLSelectElement;
    expect([...escort.options].map((o) => o.textContent)).toEqual(['選択してください', '森 彩']);
    expect(escort.value).toBe('6');
    await user.type(within(form).getByLabelText(/立ち入る者の氏名/), '佐々木 一郎');
    await user.type(within(form).getByLabelText(/立ち入る者の所属/), '株式会社テスト工業');
    await user.type(within(form).getByLabelText(/立入りの目的/), '空調設備の点検');
    const date = within(form).getByLabelText(/立入りの日/) as HTMLInputElement;
    expect(date.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    date.removeAttribute('min'); // let the server judge a past date
    await user.clear(date);
    await user.type(date, '2020-04-01');
    await user.click(within(form).getByRole('radio', { name: 'IDカード（001 第8 2(2)ウ）' }));
    await user.click(within(form).getByRole('button', { name: '立入りを承認する' }));
    const box = (await within(form).findByText(/過去の日付は承認できません。/, { selector: '.error-box' })) as HTMLElement;
    expect(box.getAttribute('data-clause')).toBe('001 第8 2(5)');
    expect(document.activeElement).toBe(date);
    await user.clear(date);
    await user.type(date, '2030-04-02');
    await user.click(within(form).getByRole('button', { name: '立入りを承認する' }));
    expect(await screen.findByText('佐々木 一郎の令和12年4月2日の立入りを承認しました。')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').pop()!.body).toEqual({
      visitor_name: '佐々木 一郎',
      visitor_affiliation: '株式会社テスト工業',
      purpose: '空調設備の点検',
      visit_on: '2030-04-02',
      escort_person_id: 6,
      measure: 'id_card',
    });
  });

  it('warns when no visitor escort is designated', async () => {
    stubFetch({ ...reads(), [`GET ${ESCORTS_PATH}`]: () => ({ body: { designations: [] } }) });
    renderAs(KEEPER(), page());
    const form = await screen.findByTestId('visit-form');
    expect(within(form).getByText(/立入りの同行監視者が指定されていません。/)).toBeTruthy();
  });

  it("shows the server's refusal to someone without the roles", async () => {
    const calls = stubFetch({
      [`GET ${ROSTER_PATH}`]: refusal('authz.denied', '001 第8 2(1)ウ', '閲覧できません。', 'You may not read it.', undefined, 403),
    } as Record<string, Route[2]>);
    renderAs(NOBODY(), page());
    expect(await screen.findByTestId('facility-denied')).toBeTruthy();
    expect(screen.getByRole('alert').getAttribute('data-clause')).toBe('001 第8 2(1)ウ');
    expect(screen.queryByTestId('entry-roster')).toBeNull();
    expect(calls.every((c) => c.method === 'GET')).toBe(true);
  });

  it('reads in English', async () => {
    stubFetch(reads());
    renderAs(CONSENTER(), page(), 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Entry roster: Protected Information Room' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Consent and issue the certificate for 清水 大樹' })).toBeTruthy();
    expect(within(row('清水 大樹')).getByText('Requested (awaiting consent)')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Entry roster (in order of request)' })).toBeTruthy();
  });
});
