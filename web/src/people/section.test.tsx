// The record of each 課室等's system users (000 第2 2(7)), a roster kept per unit by its システム担当者: the
// unit picker, the unit in the address and in every read, prepare and file link, and who is offered what.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refusal, renderAs, stubFetch } from '../testing';
import { Rosters } from './Rosters';
import { RosterVersionPage } from './RosterVersion';
import {
  LIAISON, MOD_DEFINITIONS, MOD_ROLES, MOD_UNITS, NO_RIGHTS, SECTION_OVERVIEW, SECTION_PENDING, SECTION_VERSION_1, UNIT_ADMIN,
} from './section_fixtures';

const CLAUSE = '000 第2 2(7)';
const BASE = {
  'GET /api/v1/people/definitions': { body: MOD_DEFINITIONS() },
  'GET /api/v1/units': { body: MOD_UNITS },
  'GET /api/v1/roles': { body: MOD_ROLES },
};
const DENIED = refusal(
  'authz.denied', CLAUSE, 'この記録（課室等のシステム利用者の記録）を閲覧する指定がありません。', 'No designation.', undefined, 403,
);
const address = () => window.location.pathname + window.location.search;
const picker = () => within(screen.getByTestId('unit-picker')).getByRole('combobox', { name: /^課室等/ }) as HTMLSelectElement;

beforeEach(() => window.history.replaceState(null, '', '/rosters'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('a roster kept per 課室等', () => {
  it("opens on the unit the システム担当者 keeps, puts it in the address and shows its record without confirmation steps", async () => {
    const calls = stubFetch({ ...BASE, 'GET /api/v1/rosters/section_user?unit_id=5': { body: SECTION_OVERVIEW() } });
    renderAs(LIAISON(), <Rosters params={{}} />);
    const table = await screen.findByTestId('versions');
    // The tab says the record is one per unit.
    const tab = within(screen.getByRole('navigation', { name: '名簿の種類' })).getByRole('link');
    expect(tab.textContent).toBe('課室等のシステム利用者の記録（課室等ごと）');
    // 情報通信課 (the unit of the designation), not the first unit of the organization.
    expect(calls.filter((c) => c.url.startsWith('/api/v1/rosters/')).map((c) => c.url)).toEqual(['/api/v1/rosters/section_user?unit_id=5']);
    expect(address()).toBe('/rosters?roster=section_user&unit_id=5');
    expect(picker().value).toBe('5');
    const groups = within(screen.getByTestId('unit-picker')).getAllByRole('group');
    expect(groups.map((g) => [g.getAttribute('label'), within(g).getAllByRole('option').map((o) => o.textContent)])).toEqual([
      ['担当する・閲覧できる課室等', ['整備計画局情報通信課']],
      ['その他の課室等', ['防衛省本省 内部部局（デモ）', '整備計画局', '整備計画局サイバー整備課']],
    ]);
    expect(screen.getByTestId('roster-unit').textContent).toBe('整備計画局情報通信課');
    expect(await within(screen.getByTestId('roster-facts')).findByText('この課室等を担当するシステム担当者')).toBeTruthy();
    // Current at once: no submission or confirmation columns, no action, no hint that someone else keeps it.
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['版', '状態', '作成・更新の理由', '作成日時', '人数']);
    expect(within(table).getByText('現行版')).toBeTruthy();
    expect(within(table).getByRole('link', { name: '第1版を表示' }).getAttribute('href')).toBe('/rosters/section_user/versions/1?unit_id=5');
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByText(/が行います。$/)).toBeNull();
  });

  it('prepares a new version of the unit’s record, naming the unit', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', '/rosters?roster=section_user&unit_id=5');
    const calls = stubFetch({
      ...BASE,
      'GET /api/v1/rosters/section_user?unit_id=5': { body: SECTION_PENDING() },
      'POST /api/v1/rosters/section_user/versions': { body: { roster: 'section_user', unit_id: 5, version: 2, state: 'current' } },
    });
    renderAs(LIAISON(), <Rosters params={{}} />);
    expect(within(await screen.findByTestId('pending-added')).getByText('渡辺 直子')).toBeTruthy();
    const form = screen.getByTestId('prepare-form');
    await user.type(within(form).getByLabelText(/作成・更新の理由/), '渡辺の指定');
    await user.click(within(form).getByRole('button', { name: '新しい版を作成' }));
    expect(await screen.findByText('第2版を作成しました。')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ unit_id: 5, reason: '渡辺の指定' }]);
  });

  it('reads another unit chosen in the picker; the server refuses it with 000 第2 2(7)', async () => {
    const user = userEvent.setup();
    const calls = stubFetch({
      ...BASE,
      'GET /api/v1/rosters/section_user?unit_id=5': { body: SECTION_OVERVIEW() },
      'GET /api/v1/rosters/section_user?unit_id=3': DENIED,
    });
    renderAs(LIAISON(), <Rosters params={{}} />);
    await screen.findByTestId('versions');
    await user.selectOptions(picker(), '3');
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-clause')).toBe(CLAUSE);
    expect(alert.textContent).toContain('この記録（課室等のシステム利用者の記録）を閲覧する指定がありません。');
    expect(screen.getByTestId('people-denied').textContent).toContain('その課室等を担当するシステム担当者');
    expect(address()).toBe('/rosters?roster=section_user&unit_id=3');
    expect(picker().value).toBe('3');
    expect(calls.map((c) => c.url)).toContain('/api/v1/rosters/section_user?unit_id=3');
    // Back to the unit before.
    window.history.back();
    expect(await screen.findByTestId('versions')).toBeTruthy();
  });

  it('opens for a reader on the unit they administer, with no command and the keeper named', async () => {
    window.history.replaceState(null, '', '/rosters?roster=section_user');
    stubFetch({ ...BASE, 'GET /api/v1/rosters/section_user?unit_id=5': { body: SECTION_PENDING() } });
    renderAs(UNIT_ADMIN(), <Rosters params={{}} />);
    await screen.findByTestId('versions');
    expect(picker().value).toBe('5');
    expect(await screen.findByText('この記録の作成・更新は、この課室等を担当するシステム担当者が行います。')).toBeTruthy();
    expect(screen.getByTestId('pending-added')).toBeTruthy();
    expect(screen.queryByTestId('prepare-form')).toBeNull();
  });

  it('asks about the first unit for a user who keeps and reads none, and shows the refusal', async () => {
    const calls = stubFetch({ ...BASE, 'GET /api/v1/rosters/section_user?unit_id=1': DENIED });
    renderAs(NO_RIGHTS(), <Rosters params={{}} />);
    expect((await screen.findByRole('alert')).getAttribute('data-clause')).toBe(CLAUSE);
    expect(screen.getByTestId('people-denied')).toBeTruthy();
    expect(calls.filter((c) => c.url.startsWith('/api/v1/rosters/')).map((c) => c.url)).toEqual(['/api/v1/rosters/section_user?unit_id=1']);
  });

  it('reads the unit the address names', async () => {
    window.history.replaceState(null, '', '/rosters?roster=section_user&unit_id=3');
    stubFetch({ ...BASE, 'GET /api/v1/rosters/section_user?unit_id=3': { body: SECTION_OVERVIEW(3) } });
    renderAs(UNIT_ADMIN(), <Rosters params={{}} />);
    await screen.findByTestId('versions');
    expect(screen.getByTestId('roster-unit').textContent).toBe('整備計画局サイバー整備課');
    expect(picker().value).toBe('3');
  });

  it('speaks English on the switch', async () => {
    stubFetch({ ...BASE, 'GET /api/v1/rosters/section_user?unit_id=5': { body: SECTION_OVERVIEW() } });
    renderAs(LIAISON(), <Rosters params={{}} />, 'en');
    await screen.findByTestId('versions');
    expect(screen.getByRole('link', { name: "Record of the section's system users (per section)" })).toBeTruthy();
    expect(screen.getByTestId('roster-unit').textContent).toBe('Information and Communications Division');
    expect(within(screen.getByTestId('unit-picker')).getByRole('option', { name: 'Information and Communications Division' })).toBeTruthy();
  });
});

describe("a version of a unit's record", () => {
  it('carries the unit in the read, the file links and the way back; names are not linked without people.agreements', async () => {
    window.history.replaceState(null, '', '/rosters/section_user/versions/1?unit_id=5');
    const calls = stubFetch({ ...BASE, 'GET /api/v1/rosters/section_user/versions/1?unit_id=5': { body: SECTION_VERSION_1() } });
    renderAs(LIAISON(), <RosterVersionPage params={{ roster: 'section_user', version: '1' }} />);
    expect(await screen.findByRole('heading', { level: 1, name: '課室等のシステム利用者の記録 第1版' })).toBeTruthy();
    expect(calls[0].url).toBe('/api/v1/rosters/section_user/versions/1?unit_id=5');
    expect(screen.getByTestId('version-unit').textContent).toBe('整備計画局情報通信課');
    const links = within(screen.getByTestId('roster-export')).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/api/v1/rosters/section_user/versions/1?format=csv&unit_id=5',
      '/api/v1/rosters/section_user/versions/1?format=xlsx&unit_id=5',
    ]);
    const okada = screen.getAllByTestId('entry')[1];
    expect(within(okada).getByRole('rowheader').textContent).toBe('岡田 修');
    expect(within(okada).queryByRole('link')).toBeNull();
    expect(screen.getByRole('link', { name: '名簿へ戻る' }).getAttribute('href')).toBe('/rosters?roster=section_user&unit_id=5');
  });

  it('names the unit in English from the answer itself', async () => {
    window.history.replaceState(null, '', '/rosters/section_user/versions/1?unit_id=5');
    const calls = stubFetch({ ...BASE, 'GET /api/v1/rosters/section_user/versions/1?unit_id=5': { body: SECTION_VERSION_1() } });
    renderAs(LIAISON(), <RosterVersionPage params={{ roster: 'section_user', version: '1' }} />, 'en');
    await screen.findByTestId('entries');
    expect(screen.getByTestId('version-unit').textContent).toBe('Information and Communications Division');
    expect(calls.some((c) => c.url.startsWith('/api/v1/units'))).toBe(false);
  });

  it('links the names for a holder of people.agreements', async () => {
    window.history.replaceState(null, '', '/rosters/section_user/versions/1?unit_id=5');
    stubFetch({ ...BASE, 'GET /api/v1/rosters/section_user/versions/1?unit_id=5': { body: SECTION_VERSION_1() } });
    renderAs(UNIT_ADMIN(), <RosterVersionPage params={{ roster: 'section_user', version: '1' }} />);
    const okada = (await screen.findAllByTestId('entry'))[1];
    expect(within(okada).getByRole('link', { name: '岡田 修' }).getAttribute('href')).toBe('/persons/15');
  });

  it('shows the refusal of a unit the viewer may not read, with its clause', async () => {
    window.history.replaceState(null, '', '/rosters/section_user/versions/1?unit_id=3');
    stubFetch({ ...BASE, 'GET /api/v1/rosters/section_user/versions/1?unit_id=3': DENIED });
    renderAs(LIAISON(), <RosterVersionPage params={{ roster: 'section_user', version: '1' }} />);
    expect((await screen.findByRole('alert')).getAttribute('data-clause')).toBe(CLAUSE);
    expect(screen.getByTestId('people-denied').textContent).toContain('その課室等を担当するシステム担当者');
    expect(screen.getByRole('link', { name: '名簿へ戻る' }).getAttribute('href')).toBe('/rosters?roster=section_user&unit_id=3');
  });
});
