import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Layout } from '../components/Layout';
import { makeUser, refusal, renderAs, stubFetch } from '../testing';
import { DEFINITIONS, KEEPER, NO_DEFINITIONS, NOBODY, OVERVIEW, READER, ROLES, SYSTEM_OVERVIEW, VERSION_2 } from './fixtures';
import { Rosters } from './Rosters';
import { RosterVersionPage } from './RosterVersion';

beforeEach(() => window.history.replaceState(null, '', '/rosters'));
const DEFS = { 'GET /api/v1/people/definitions': { body: DEFINITIONS() } };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const versionRow = (n: number) => screen.getAllByTestId('version-row').find((r) => r.getAttribute('data-version') === String(n))!;

describe('rosters', () => {
  it('shows the versions with their states, the pending changes and the people with records missing', async () => {
    stubFetch({ ...DEFS, 'GET /api/v1/rosters/handler': { body: OVERVIEW() }, 'GET /api/v1/roles': { body: ROLES } });
    renderAs(KEEPER(), <Rosters params={{}} />);
    await screen.findByTestId('versions');
    // One tab per roster of the profile; the first is shown.
    const tabs = within(screen.getByRole('navigation', { name: '名簿の種類' })).getAllByRole('link');
    expect(tabs.map((l) => [l.textContent, l.getAttribute('aria-current')])).toEqual([
      ['取扱者名簿', 'page'],
      ['保護システム利用者名簿', null],
    ]);
    const facts = screen.getByTestId('roster-facts');
    expect(facts.textContent).toContain('防衛省の確認を受ける（001 第5 2(1)エ）');
    expect(await within(facts).findByText('管理者')).toBeTruthy();
    // The states as the keeper reads them.
    expect(within(versionRow(2)).getByText('防衛省へ提出済み')).toBeTruthy();
    expect(within(versionRow(1)).getByText('確認済み')).toBeTruthy();
    expect(within(versionRow(1)).getByTestId('confirmation').textContent).toBe('令和8年10月29日確認通知 第R8-0412号');
    expect(within(versionRow(2)).getByRole('link', { name: '第2版を表示' }).getAttribute('href')).toBe('/rosters/handler/versions/2');
    // Only the submitted version can have its confirmation recorded; a confirmed one has no action.
    expect(within(versionRow(2)).getByRole('button', { name: '防衛省の確認を記録' })).toBeTruthy();
    expect(within(versionRow(1)).queryByRole('button')).toBeNull();
    // Pending changes and the form preparing a new version.
    expect(within(screen.getByTestId('pending-added')).getByText('中村 翔')).toBeTruthy();
    expect(within(screen.getByTestId('pending-removed')).getByText('森 彩')).toBeTruthy();
    expect(screen.queryByTestId('pending-changed')).toBeNull();
    expect(within(screen.getByTestId('prepare-form')).getByRole('button', { name: '新しい版を作成' })).toBeTruthy();
    // The people keeping a new version from being prepared, each linked to their record.
    const row = screen.getByTestId('incomplete-row');
    expect(within(row).getByText('生年月日等未記録')).toBeTruthy();
    expect(within(row).getByText('合意未取得')).toBeTruthy();
    expect(within(row).getByRole('link', { name: '記録を開く' }).getAttribute('href')).toBe('/persons/10?kind=confidentiality');
  });

  it("records MOD's confirmation of a submitted version and shows the roster again", async () => {
    const user = userEvent.setup();
    let confirmed = false;
    const calls = stubFetch({
      ...DEFS,
      'GET /api/v1/rosters/handler': () => {
        const o = OVERVIEW();
        if (confirmed) o.versions[0] = { ...o.versions[0], state: 'confirmed', confirmed_on: '2026-12-03', confirmation_ref: 'R8-0500' };
        return { body: o };
      },
      'GET /api/v1/roles': { body: ROLES },
      'POST /api/v1/rosters/handler/versions/2/confirmation': () => {
        confirmed = true;
        return { body: { roster: 'handler', version: 2, state: 'confirmed' } };
      },
    });
    renderAs(KEEPER(), <Rosters params={{}} />);
    await user.click(await screen.findByRole('button', { name: '防衛省の確認を記録' }));
    const form = screen.getByTestId('confirm-form');
    expect(within(form).getByRole('heading', { name: '第2版への防衛省の確認' })).toBeTruthy();
    const date = within(form).getByLabelText(/確認日/) as HTMLInputElement;
    expect(date.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await user.clear(date);
    await user.type(date, '2026-12-03');
    await user.type(within(form).getByLabelText(/確認の文書番号等/), 'R8-0500');
    await user.click(within(form).getByRole('button', { name: '確認を記録する' }));
    expect(await screen.findByText('第2版に防衛省の確認を記録しました。')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ confirmed_on: '2026-12-03', reference: 'R8-0500' });
    expect(await within(versionRow(2)).findByText('確認済み')).toBeTruthy();
    expect(screen.queryByTestId('confirm-form')).toBeNull();
  });

  it("shows the server's refusal of a confirmation, with its rule and clause, and keeps what was typed", async () => {
    const user = userEvent.setup();
    stubFetch({
      ...DEFS,
      'GET /api/v1/rosters/handler': { body: OVERVIEW() },
      'GET /api/v1/roles': { body: ROLES },
      'POST /api/v1/rosters/handler/versions/2/confirmation': refusal(
        'roster.confirmed_before_submission', '001 第5 2(1)エ', '確認日が提出日より前です。', 'The confirmation date is before the submission.', 'confirmed_on',
      ),
    });
    renderAs(KEEPER(), <Rosters params={{}} />);
    await user.click(await screen.findByRole('button', { name: '防衛省の確認を記録' }));
    const form = screen.getByTestId('confirm-form');
    await user.type(within(form).getByLabelText(/確認の文書番号等/), 'R8-0500');
    await user.click(within(form).getByRole('button', { name: '確認を記録する' }));
    const error = (await within(form).findByText(/確認日が提出日より前です。/, { selector: '.error-box' })) as HTMLElement;
    expect(error.textContent).toContain('確認日が提出日より前です。');
    expect(error.getAttribute('data-clause')).toBe('001 第5 2(1)エ');
    expect(error.textContent).toContain('roster.confirmed_before_submission');
    // The field the server named shows the message and has the focus.
    const date = within(form).getByLabelText(/確認日/);
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(date);
    expect((within(form).getByLabelText(/確認の文書番号等/) as HTMLInputElement).value).toBe('R8-0500');
  });

  it('prepares a new version with its reason; a refusal shows the clause it cites', async () => {
    const user = userEvent.setup();
    let refuse = true;
    const calls = stubFetch({
      ...DEFS,
      'GET /api/v1/rosters/handler': { body: OVERVIEW() },
      'GET /api/v1/roles': { body: ROLES },
      'POST /api/v1/rosters/handler/versions': () =>
        refuse
          ? refusal('roster.particulars_missing', '001 第5 2(1)エ', '中村 翔 の生年月日・役職・国籍が記録されていません（取扱者名簿の記載事項）。', 'Not recorded.', 'roster')
          : { body: { roster: 'handler', version: 3, state: 'draft' } },
    });
    renderAs(KEEPER(), <Rosters params={{}} />);
    const form = await screen.findByTestId('prepare-form');
    await user.type(within(form).getByLabelText(/作成・更新の理由/), '中村の追加');
    await user.click(within(form).getByRole('button', { name: '新しい版を作成' }));
    const error = await within(form).findByText(/中村 翔 の生年月日/);
    expect(error.closest('.error-box')!.getAttribute('data-clause')).toBe('001 第5 2(1)エ');
    refuse = false;
    await user.click(within(form).getByRole('button', { name: '新しい版を作成' }));
    expect(await screen.findByText('第3版を作成しました。')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ reason: '中村の追加' }, { reason: '中村の追加' }]);
  });

  it('marks a draft as submitted', async () => {
    const user = userEvent.setup();
    const draft = OVERVIEW();
    draft.versions[0] = { ...draft.versions[0], state: 'draft', submitted_at: null };
    const calls = stubFetch({
      ...DEFS,
      'GET /api/v1/rosters/handler': { body: draft },
      'GET /api/v1/roles': { body: ROLES },
      'POST /api/v1/rosters/handler/versions/2/submission': { body: { roster: 'handler', version: 2, state: 'submitted' } },
    });
    renderAs(KEEPER(), <Rosters params={{}} />);
    expect(within(await screen.findByTestId('versions')).getByText('作成中')).toBeTruthy();
    expect(within(versionRow(2)).queryByRole('button', { name: '防衛省の確認を記録' })).toBeNull();
    await user.click(within(versionRow(2)).getByRole('button', { name: '提出済みにする' }));
    expect(await screen.findByText('第2版を防衛省へ提出済みにしました。')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/v1/rosters/handler/versions/2/submission']);
  });

  it('offers no command to a reader who does not keep the roster', async () => {
    stubFetch({ ...DEFS, 'GET /api/v1/rosters/handler': { body: OVERVIEW() }, 'GET /api/v1/roles': { body: ROLES } });
    renderAs(READER(), <Rosters params={{}} />);
    await screen.findByTestId('versions');
    expect(await screen.findByText('名簿の作成・提出・確認の記録は管理者が行います。')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByTestId('prepare-form')).toBeNull();
  });

  it('shows the system-user roster (no outside confirmation) from its tab in the address', async () => {
    window.history.replaceState(null, '', '/rosters?roster=system_user');
    stubFetch({ ...DEFS, 'GET /api/v1/rosters/system_user': { body: SYSTEM_OVERVIEW() }, 'GET /api/v1/roles': { body: ROLES } });
    renderAs(READER(), <Rosters params={{}} />);
    const table = await screen.findByTestId('versions');
    expect(within(table).getByText('現行版')).toBeTruthy();
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['版', '状態', '作成・更新の理由', '作成日時', '人数']);
    expect(screen.getByTestId('roster-facts').textContent).toContain('外部の確認は不要');
    expect(screen.getByText('最新の版から変更はありません。')).toBeTruthy();
    expect(screen.getByText('記載事項が揃っていない人はいません。')).toBeTruthy();
  });

  it('shows the refusal, with its clause, to a user without people.agreements; the menu has no entry for them', async () => {
    stubFetch({
      ...DEFS,
      'GET /api/v1/rosters/handler': refusal('authz.denied', '001 第5 2(1)ア', '名簿・合意の記録を閲覧する指定がありません。', 'No designation.', undefined, 403),
    });
    renderAs(NOBODY(), <Layout><Rosters params={{}} /></Layout>);
    expect(await screen.findByTestId('people-denied')).toBeTruthy();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('名簿・合意の記録を閲覧する指定がありません。');
    expect(alert.getAttribute('data-clause')).toBe('001 第5 2(1)ア');
    expect(screen.getByRole('navigation', { name: 'メインメニュー' }).textContent).not.toContain('名簿');
  });

  it('has a menu entry for holders of people.agreements', () => {
    stubFetch({});
    renderAs(READER(), <Layout>{null}</Layout>);
    expect(within(screen.getByRole('navigation', { name: 'メインメニュー' })).getByRole('link', { name: '名簿' }).getAttribute('href')).toBe('/rosters');
  });

  it('says so when the profile keeps no roster', async () => {
    const calls = stubFetch({ 'GET /api/v1/people/definitions': { body: NO_DEFINITIONS() } });
    renderAs(makeUser(), <Rosters params={{}} />);
    expect(screen.getByRole('status').textContent).toBe('読み込み中…');
    expect(await screen.findByText('この組織の規程には名簿がありません。')).toBeTruthy();
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/people/definitions']);
  });

  it('asks for the definitions once a session, whichever screen asks', async () => {
    const calls = stubFetch({ ...DEFS, 'GET /api/v1/rosters/handler': { body: OVERVIEW() }, 'GET /api/v1/roles': { body: ROLES } });
    const me = KEEPER();
    renderAs(me, <Rosters params={{}} />);
    await screen.findByTestId('versions');
    cleanup();
    // The same session again: the tabs come at once, without asking.
    renderAs(me, <Rosters params={{}} />);
    expect(screen.getByRole('navigation', { name: '名簿の種類' })).toBeTruthy();
    await screen.findByTestId('versions');
    expect(calls.filter((c) => c.url === '/api/v1/people/definitions')).toHaveLength(1);
    // A new session asks again.
    cleanup();
    renderAs(KEEPER(), <Rosters params={{}} />);
    await screen.findByTestId('versions');
    expect(calls.filter((c) => c.url === '/api/v1/people/definitions')).toHaveLength(2);
  });

  it('shows the refusal when the definitions cannot be had, and asks again next time', async () => {
    let down = true;
    stubFetch({
      'GET /api/v1/people/definitions': () =>
        down ? refusal('http.unavailable', '', '一時的に利用できません。', 'Unavailable.', undefined, 503) : { body: DEFINITIONS() },
      'GET /api/v1/rosters/handler': { body: OVERVIEW() },
      'GET /api/v1/roles': { body: ROLES },
    });
    const me = KEEPER();
    renderAs(me, <Rosters params={{}} />);
    expect((await screen.findByRole('alert')).textContent).toContain('一時的に利用できません。');
    expect(screen.queryByRole('navigation', { name: '名簿の種類' })).toBeNull();
    cleanup();
    down = false;
    renderAs(me, <Rosters params={{}} />);
    expect(await screen.findByTestId('versions')).toBeTruthy();
  });

  it('speaks English on the switch', async () => {
    stubFetch({ ...DEFS, 'GET /api/v1/rosters/handler': { body: OVERVIEW() }, 'GET /api/v1/roles': { body: ROLES } });
    renderAs(KEEPER(), <Rosters params={{}} />, 'en');
    expect(await within(await screen.findByTestId('versions')).findByText('Submitted to the Ministry of Defense')).toBeTruthy();
    expect(screen.getByRole('button', { name: "Record the Ministry of Defense's confirmation" })).toBeTruthy();
    expect(screen.getByText('Date of birth etc. not recorded')).toBeTruthy();
  });
});

describe('roster version', () => {
  it("lists the people with their roles' names, and links the form as CSV and XLSX", async () => {
    stubFetch({ 'GET /api/v1/rosters/handler/versions/2': { body: VERSION_2() }, 'GET /api/v1/roles': { body: ROLES } });
    renderAs(KEEPER(), <RosterVersionPage params={{ roster: 'handler', version: '2' }} />);
    expect(await screen.findByRole('heading', { level: 1, name: '取扱者名簿 第2版' })).toBeTruthy();
    const table = screen.getByTestId('entries');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      '氏名', '生年月日', '所属する部署', '役職', '国籍', '役割', '指定日', '合意の記録',
    ]);
    const kimura = screen.getAllByTestId('entry')[0];
    expect(await within(kimura).findByText('取扱者、総括者')).toBeTruthy();
    expect(within(kimura).getByText('昭和46年6月14日')).toBeTruthy();
    expect(within(kimura).getByRole('link', { name: '木村 玲子' }).getAttribute('href')).toBe('/persons/3');
    const links = within(screen.getByTestId('roster-export')).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/api/v1/rosters/handler/versions/2?format=csv',
      '/api/v1/rosters/handler/versions/2?format=xlsx',
    ]);
    expect(screen.getByText('防衛省へ提出済み')).toBeTruthy();
  });

  it('leaves out date of birth and nationality when the server did not show them', async () => {
    stubFetch({ 'GET /api/v1/rosters/handler/versions/2': { body: VERSION_2(false) }, 'GET /api/v1/roles': { body: ROLES } });
    renderAs(READER(), <RosterVersionPage params={{ roster: 'handler', version: '2' }} />);
    const table = await screen.findByTestId('entries');
    expect(within(table).queryByRole('columnheader', { name: '生年月日' })).toBeNull();
    expect(within(table).queryByRole('columnheader', { name: '国籍' })).toBeNull();
    expect(screen.getByText('生年月日と国籍は、記載事項を扱う指定を受けた人にだけ表示されます。')).toBeTruthy();
  });

  it('shows the refusal of a version that does not exist', async () => {
    stubFetch({
      'GET /api/v1/rosters/handler/versions/9': refusal('roster.version_not_found', '001 第5 2(1)エ', '取扱者名簿の第9版はありません。', 'No version 9.', undefined, 404),
    });
    renderAs(KEEPER(), <RosterVersionPage params={{ roster: 'handler', version: '9' }} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('取扱者名簿の第9版はありません。');
    expect(alert.getAttribute('data-clause')).toBe('001 第5 2(1)エ');
    expect(screen.getByRole('link', { name: '名簿へ戻る' }).getAttribute('href')).toBe('/rosters?roster=handler');
  });
});
