// The item page when the server refuses a protected item: the reason in plain words, then the
// server's message, clause and rule.
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ItemPage } from '../pages/ItemPage';
import { refusal, renderAs, stubFetch } from '../testing';
import { KEEPER } from './fixtures';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const NOT_CONFIRMED = refusal(
  'people.not_confirmed',
  '001 第5 2(1)エ',
  '防衛省の確認を受けた取扱者名簿に記載されるまで、保護すべき情報を取り扱うことはできません。',
  'Protected information may be handled only once a Handler roster listing you has been confirmed by the Ministry of Defense.',
  undefined,
  403,
);

describe('a protected item refused', () => {
  it("shows why, with the server's message and clause", async () => {
    stubFetch({ 'GET /api/v1/items/P-D1-001': NOT_CONFIRMED, 'GET /api/v1/persons': { body: { persons: [] } } });
    renderAs(KEEPER(), <ItemPage params={{ no: 'P-D1-001' }} />);
    const card = await screen.findByTestId('protected-refusal');
    expect(within(card).getByRole('heading', { name: 'この媒体・機器は保護すべき情報を含むため、開けません。' })).toBeTruthy();
    expect(card.textContent).toContain('その指定を記載した名簿の版がまだ確認を受けていません');
    const alert = within(card).getByRole('alert');
    expect(alert.textContent).toContain('防衛省の確認を受けた取扱者名簿に記載されるまで');
    expect(alert.textContent).toContain('根拠: 001 第5 2(1)エ');
    expect(alert.textContent).toContain('people.not_confirmed');
  });

  it('explains people.not_handler, in English too', async () => {
    stubFetch({
      'GET /api/v1/items/P-D1-001': refusal('people.not_handler', '001 第5 2(3)ア', '取扱者以外は取り扱えません。', 'Only a Handler may handle protected information.', undefined, 403),
      'GET /api/v1/persons': { body: { persons: [] } },
    });
    renderAs(KEEPER(), <ItemPage params={{ no: 'P-D1-001' }} />, 'en');
    const card = await screen.findByTestId('protected-refusal');
    expect(card.textContent).toContain('Only those designated as handlers may handle protected information.');
    expect(within(card).getByRole('alert').textContent).toContain('Clause: 001 第5 2(3)ア');
  });

  it('shows any other refusal as the error box does', async () => {
    stubFetch({
      'GET /api/v1/items/P-D1-001': refusal('items.not_found', '000 第4 2(2)', '見つかりません。', 'Not found.', undefined, 404),
      'GET /api/v1/persons': { body: { persons: [] } },
    });
    renderAs(KEEPER(), <ItemPage params={{ no: 'P-D1-001' }} />);
    expect((await screen.findByRole('alert')).textContent).toContain('見つかりません。');
    expect(screen.queryByTestId('protected-refusal')).toBeNull();
  });
});
