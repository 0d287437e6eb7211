// The trail screen: filters go to the URL and to the server's query (times as UTC); older pages by
// before_seq; the chain status and the inclusion proof are checked in the browser, so a proof the
// server calls verified but that does not lead to the signed root is shown as not matching.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Trail } from '../pages/Trail';
import { refusal, renderAs, stubFetch, type Call, type Route } from '../testing';
import { AUDITOR, STAFF } from './fixtures';
import { EVENTS, HEAD_190, PROOFS } from './testVectors';
import type { TrailEvent } from './types';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const PERSONS = [
  { id: 5, family_name: '田中', given_name: '美咲', title: '係員', unit_id: 3, unit_name: '課', kind: 'employee', active: 1, username: 'tanaka' },
  { id: 8, family_name: '中村', given_name: '由美', title: '', unit_id: 2, unit_name: '局', kind: 'employee', active: 1, username: 'nakamura' },
];
const LIST = [EVENTS[190], EVENTS[7], EVENTS[6], EVENTS[5]];

function server(opts: { events?: TrailEvent[]; proof?: (typeof PROOFS)[number] } = {}): Call[] {
  const routes: Route[] = [
    ['GET', '/api/v1/trail/head', { body: HEAD_190 }],
    ['GET', '/api/v1/trail/proofs/inclusion', (c) => {
      const q = new URLSearchParams(c.url.split('?')[1]);
      const p = opts.proof ?? PROOFS.find((x) => x.seq === Number(q.get('seq')) && x.tree_size === Number(q.get('tree_size')));
      return p ? { body: p } : refusal('trail.proof_range', '', '範囲外', 'out of range', undefined, 400);
    }],
    ['GET', '/api/v1/trail', { body: { events: opts.events ?? LIST, size: 190 } }],
    ['GET', '/api/v1/persons', { body: { persons: PERSONS } }],
  ];
  return stubFetch(routes);
}

/** The trail screen at `url`, as the audit officer, against `server(opts)`. */
function openTrail(opts?: Parameters<typeof server>[0], url = '/trail'): Call[] {
  const calls = server(opts);
  window.history.replaceState(null, '', url);
  renderAs(AUDITOR(), <Trail params={{}} />);
  return calls;
}

const trailCalls = (calls: Call[]) => calls.filter((c) => c.url.startsWith('/api/v1/trail?'));

describe('the trail filters', () => {
  it('write the URL and query the server with UTC times', async () => {
    const user = userEvent.setup();
    const calls = openTrail();
    await screen.findByRole('table', { name: /証跡の事象/ });
    expect(trailCalls(calls)[0].url).toBe('/api/v1/trail?limit=50');

    await user.click(screen.getByLabelText('対象'));
    await user.paste('item:M-CY-019');
    await user.selectOptions(screen.getByLabelText('実行者'), 'user:tanaka');
    await user.selectOptions(screen.getByLabelText('操作'), 'item.record_destruction');
    fireEvent.change(screen.getByLabelText('この日時以降'), { target: { value: '2026-11-22T09:00' } });
    fireEvent.change(screen.getByLabelText('この日時より前'), { target: { value: '2026-11-23T00:00' } });
    await user.click(screen.getByRole('button', { name: '絞り込む' }));

    const search = new URLSearchParams(window.location.search);
    expect(Object.fromEntries(search)).toEqual({
      entity: 'item:M-CY-019',
      actor: 'user:tanaka',
      command: 'item.record_destruction',
      after: '2026-11-22T09:00',
      before: '2026-11-23T00:00',
    });
    await waitFor(() => expect(trailCalls(calls)).toHaveLength(2));
    const q = new URLSearchParams(trailCalls(calls)[1].url.split('?')[1]);
    expect(Object.fromEntries(q)).toEqual({
      entity: 'item:M-CY-019',
      actor: 'user:tanaka',
      command: 'item.record_destruction',
      // 09:00 in Tokyo (UTC+09:00) is midnight UTC: the server compares with its UTC text.
      after: '2026-11-22T00:00:00.000Z',
      before: '2026-11-22T15:00:00.000Z',
      limit: '50',
    });

    // Clearing empties the URL and the query.
    await user.click(screen.getByRole('button', { name: '条件を解除' }));
    expect(window.location.search).toBe('');
    await waitFor(() => expect(trailCalls(calls).at(-1)!.url).toBe('/api/v1/trail?limit=50'));
  });

  it('start from the URL, and "older" pages by before_seq keeping them', async () => {
    const page = Array.from({ length: 50 }, (_, i) => ({ ...EVENTS[5], seq: 120 - i }));
    const user = userEvent.setup();
    const calls = openTrail({ events: page }, '/trail?entity=item%3AM-CY-001&actor=user%3Atanaka');
    await screen.findByRole('table', { name: /証跡の事象/ });
    expect((screen.getByLabelText('対象') as HTMLInputElement).value).toBe('item:M-CY-001');
    expect((screen.getByLabelText('実行者') as HTMLSelectElement).value).toBe('user:tanaka');
    expect(trailCalls(calls)[0].url).toBe('/api/v1/trail?entity=item%3AM-CY-001&actor=user%3Atanaka&limit=50');
    expect((screen.getByRole('button', { name: '最新の事象に戻る' }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'さらに古い事象' }));
    expect(window.location.search).toBe('?entity=item%3AM-CY-001&actor=user%3Atanaka&before_seq=71');
    await waitFor(() =>
      expect(trailCalls(calls).at(-1)!.url).toBe('/api/v1/trail?entity=item%3AM-CY-001&actor=user%3Atanaka&before_seq=71&limit=50'),
    );
  });
});

describe('the trail events', () => {
  it('show the signed head and a chain status recomputed in the browser', async () => {
    openTrail();
    const head = await screen.findByTestId('trail-head');
    expect(head.textContent).toContain(HEAD_190.root);
    expect(head.textContent).toContain('190');
    const chain = screen.getByTestId('chain-status');
    await waitFor(() => expect(chain.textContent).toContain('表示中の 4 件すべてで'));
    expect(chain.textContent).toContain('連続する 2 組');
    // The actor is named; the item links to its page.
    const row = screen.getByRole('rowheader', { name: '190' }).closest('tr')!;
    expect(within(row).getByText('田中 美咲（tanaka）')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'item:M-CY-019' }).getAttribute('href')).toBe('/items/M-CY-019');
  });

  it('flag an event whose content no longer gives its chain hash', async () => {
    const edited = { ...EVENTS[7], entity: 'unit:OTHER' };
    openTrail({ events: [EVENTS[190], edited, EVENTS[6]] });
    const chain = await screen.findByTestId('chain-status');
    await waitFor(() => expect(chain.textContent).toContain('表示中の 1 件で連鎖ハッシュが一致しません（番号 7）'));
  });

  it('open to a readable payload and verify an inclusion proof in the browser', async () => {
    const user = userEvent.setup();
    const calls = openTrail();
    await screen.findByRole('table', { name: /証跡の事象/ });
    await user.click(screen.getByRole('button', { name: '番号 190 の包含証明を要求' }));
    const details = screen.getByRole('region', { name: '番号 190 の事象' });
    // The payload: the input and the row written, field by field.
    expect(within(details).getByRole('region', { name: '入力' }).textContent).toContain('pulverize');
    expect(within(details).getByRole('region', { name: '媒体・機器（ID 19）' }).textContent).toContain('SN5513');

    const proof = await within(details).findByTestId('proof-190');
    const verdict = await within(proof).findByText(/^検証済み: 番号 190 の事象は/);
    expect(verdict.getAttribute('data-verified')).toBe('true');
    expect(calls.some((c) => c.url === '/api/v1/trail/proofs/inclusion?seq=190&tree_size=190')).toBe(true);
    const path = within(proof).getByRole('table', { name: /監査パス/ });
    expect(within(path).getAllByRole('row')).toHaveLength(1 + 6);
    expect(path.textContent).toContain(PROOFS.find((p) => p.seq === 190)!.proof[0]);
  });

  it('say "does not match" when the audit path does not reach the signed root, whatever the server says', async () => {
    const good = PROOFS.find((p) => p.seq === 190)!;
    const bad = { ...good, proof: [good.proof[0].replace(/^./, (c) => (c === '0' ? '1' : '0')), ...good.proof.slice(1)], verified: true };
    const user = userEvent.setup();
    openTrail({ proof: bad });
    await screen.findByRole('table', { name: /証跡の事象/ });
    await user.click(screen.getByRole('button', { name: '番号 190 の包含証明を要求' }));
    const proof = await screen.findByTestId('proof-190');
    const verdict = await within(proof).findByText(/^一致しません/);
    expect(verdict.getAttribute('data-verified')).toBe('false');
    expect(verdict.textContent).toContain('求めた根ハッシュが署名付きツリーヘッドの根と異なります。');
  });
});

describe('without trail.view', () => {
  it("shows the server's refusal with its rule and clause", async () => {
    const denied = refusal('authz.denied', '000 第2 2(3)', '証跡を閲覧する指定がありません。', 'No designation allows you to read the trail.', undefined, 403);
    stubFetch([
      ['GET', '/api/v1/trail/head', denied],
      ['GET', '/api/v1/trail', denied],
      ['GET', '/api/v1/persons', { body: { persons: PERSONS } }],
    ]);
    window.history.replaceState(null, '', '/trail');
    renderAs(STAFF(), <Trail params={{}} />);
    const box = await screen.findByRole('alert');
    expect(box.textContent).toContain('証跡を閲覧する指定がありません。');
    expect(box.textContent).toContain('000 第2 2(3)');
    expect(box.getAttribute('data-rule')).toBe('authz.denied');
    expect(screen.queryByRole('table')).toBeNull();
  });
});
