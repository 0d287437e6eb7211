import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Layout } from '../components/Layout';
import { refusal, renderAs, stubFetch } from '../testing';
import { Facilities } from './Facilities';
import { CONSENTER, FACILITIES, KEEPER, NOBODY } from './fixtures';

beforeEach(() => window.history.replaceState(null, '', '/facilities'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const DENIED = refusal(
  'authz.denied',
  '001 第8 2(1)ウ',
  '取扱施設等立入名簿を閲覧できるのは管理責任者と保護システム管理者です。',
  'Only the physical security manager and the protected-system administrators may read the facility entry rosters.',
  undefined,
  403,
);

describe('facilities', () => {
  it('lists the handling and related facilities with their permits, visits and last review', async () => {
    stubFetch({ 'GET /api/v1/facilities': { body: FACILITIES() } });
    renderAs(KEEPER(), <Facilities params={{}} />);
    const rows = await screen.findAllByTestId('facility-row');
    expect(rows).toHaveLength(2);
    const room = rows[0];
    const link = within(room).getByRole('link', { name: '第1設計課 保護情報取扱室の立入名簿を開く' });
    expect(link.getAttribute('href')).toBe('/facilities/4');
    expect(within(room).getByText('取扱施設')).toBeTruthy();
    expect([...room.querySelectorAll('td.num')].map((c) => c.textContent)).toEqual(['2', '1', '0', '1']);
    expect(room.textContent).toContain('令和8年11月2日 10:30');
    expect(within(rows[1]).getByText('関係施設')).toBeTruthy();
    expect(within(rows[1]).getByText('未実施')).toBeTruthy();
  });

  it("shows who may read the rosters and the server's refusal with its clause to anyone else", async () => {
    stubFetch({ 'GET /api/v1/facilities': DENIED });
    renderAs(NOBODY(), <Facilities params={{}} />);
    expect((await screen.findByTestId('facility-denied')).textContent).toBe(
      '取扱施設等立入名簿は、管理責任者と保護システム管理者だけが閲覧できます。',
    );
    const box = screen.getByRole('alert');
    expect(box.textContent).toContain('取扱施設等立入名簿を閲覧できるのは管理責任者と保護システム管理者です。');
    expect(box.getAttribute('data-clause')).toBe('001 第8 2(1)ウ');
    expect(box.textContent).toContain('authz.denied');
    expect(screen.queryByTestId('facilities')).toBeNull();
  });

  it('says so in English too', async () => {
    stubFetch({ 'GET /api/v1/facilities': DENIED });
    renderAs(NOBODY(), <Facilities params={{}} />, 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Facility entry rosters' })).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toContain('Only the physical security manager');
  });

  it('is in the menu of the 管理責任者 and the 保護システム管理者 only', () => {
    stubFetch({});
    const menuLink = () => within(screen.getByRole('navigation', { name: 'メインメニュー' })).queryByRole('link', { name: '立入名簿' });
    for (const [me, shown] of [
      [KEEPER(), true],
      [CONSENTER(), true],
      [NOBODY(), false],
    ] as const) {
      renderAs(me, <Layout>{null}</Layout>);
      expect(menuLink() !== null, me.username).toBe(shown);
      if (shown) expect(menuLink()!.getAttribute('href')).toBe('/facilities');
      cleanup();
    }
  });
});
