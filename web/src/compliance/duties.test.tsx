import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Home } from '../pages/Home';
import { refusal, renderAs, stubFetch, type Call } from '../testing';
import { Duties } from './Duties';
import { duty, ROLES, STAFF, VIEWER } from './fixtures';
import type { Duty } from './types';

beforeEach(() => window.history.replaceState(null, '', '/duties'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const LIST: Duty[] = [
  duty(1, 'open', { due_at: '2027-03-31T14:59:59Z', name_ja: '運用管理規則の見直し', evidence_required: 'document', can_complete: false }),
  duty(2, 'overdue', {
    due_at: '2026-11-10T14:59:59Z',
    name_ja: '月例の照合（10月）',
    escalation_level: 1,
    escalated_to: 'ia_officer',
  }),
  duty(3, 'due_soon', { due_at: '2026-11-30T14:59:59Z' }),
  duty(4, 'done', {
    done_at: '2026-11-02T01:00:00Z',
    done_by: { person_id: 3, name: '鈴木 花子' },
    evidence_kind: 'record',
    evidence_ref: 'reconciliations/1',
    evidence_note: '差異なし',
  }),
  duty(5, 'overdue', { due_at: '2026-11-01T14:59:59Z', name_ja: '取扱者名簿の更新', source: 'trigger', trigger_event: 'person.transferred', subject: 'persons/12', period: 'event:88' }),
];

const groupIds = (g: string) => within(screen.getByTestId(`duties-${g}`)).queryAllByTestId('duty').map((d) => Number(d.getAttribute('data-id')));

/** The server's list: the duties of the status asked for (open = every one not yet done). */
const answer = (list: () => Duty[]) => (c: Call) => {
  const status = new URLSearchParams(c.url.split('?')[1]).get('status');
  const open = (d: Duty) => d.status === 'open' || d.status === 'due_soon' || d.status === 'overdue';
  return { body: { occurrences: list().filter((d) => (status === 'open' ? open(d) : d.status === status)), next_after: 0 } };
};

function routes(list: Duty[] = LIST) {
  return stubFetch({
    'GET /api/v1/obligations': answer(() => list),
    'GET /api/v1/roles': { body: ROLES },
  });
}

describe('duty calendar', () => {
  it('groups my duties overdue / due soon / later / done, with due dates in 和暦, owners and escalation', async () => {
    const calls = routes();
    renderAs(STAFF(), <Duties params={{}} />);
    await screen.findAllByTestId('duty');
    expect(groupIds('overdue')).toEqual([5, 2]);
    expect(groupIds('due_soon')).toEqual([3]);
    expect(groupIds('open')).toEqual([1]);
    expect(groupIds('done')).toEqual([4]);
    // Only my duties were asked for, and a staff member gets no choice of scope.
    const asked = calls.filter((c) => c.url.startsWith('/api/v1/obligations')).map((c) => new URLSearchParams(c.url.split('?')[1]));
    expect(asked.map((q) => [q.get('status'), q.get('mine')]).sort()).toEqual([
      ['done', '1'],
      ['open', '1'],
    ]);
    expect(screen.queryByRole('group', { name: '表示する義務' })).toBeNull();

    const two = screen.getAllByTestId('duty').find((d) => d.getAttribute('data-id') === '2')!;
    expect(within(two).getByTestId('duty-due').textContent).toBe('令和8年11月10日');
    expect(within(two).getByTestId('duty-owner').textContent).toBe('部隊等情報保証責任者（鈴木 花子）');
    expect(await within(two).findByText('期限を過ぎたため、情報保証責任者に報告されています（1 段階目）。')).toBeTruthy();
    expect(within(two).getByText('期限超過')).toBeTruthy();
    const three = screen.getAllByTestId('duty').find((d) => d.getAttribute('data-id') === '3')!;
    expect(within(three).getByText('期限を過ぎると情報保証責任者に報告されます。')).toBeTruthy();
    // A duty raised by an event links to what it was about.
    const five = screen.getAllByTestId('duty').find((d) => d.getAttribute('data-id') === '5')!;
    expect(within(five).getByText('事象 #88 による')).toBeTruthy();
    expect(within(five).getByRole('link', { name: 'persons/12' }).getAttribute('href')).toBe('/admin/people');
    // A done duty shows its evidence.
    const four = screen.getAllByTestId('duty').find((d) => d.getAttribute('data-id') === '4')!;
    expect(within(four).getByRole('link', { name: 'reconciliations/1' }).getAttribute('href')).toBe('/reconciliations/1');
    expect(within(four).getByTestId('duty-evidence').textContent).toContain('差異なし');
    expect(within(four).queryByRole('button')).toBeNull();
  });

  it('offers "mark done" only when the server says the user may', async () => {
    routes();
    renderAs(STAFF(), <Duties params={{}} />);
    await screen.findAllByTestId('duty');
    const one = screen.getAllByTestId('duty').find((d) => d.getAttribute('data-id') === '1')!;
    expect(within(one).queryByRole('button', { name: '証跡を添えて完了にする' })).toBeNull();
    expect(within(one).queryByTestId('completion-form')).toBeNull();
    const two = screen.getAllByTestId('duty').find((d) => d.getAttribute('data-id') === '2')!;
    expect(within(two).getByRole('button', { name: '証跡を添えて完了にする' })).toBeTruthy();
  });

  it('posts the evidence, shows a refusal with its clause beside the field, then records the duty as done', async () => {
    const user = userEvent.setup();
    let tries = 0;
    let list = LIST;
    // The list answers with the duty done once it has been completed.
    const all = stubFetch({
      'GET /api/v1/obligations': answer(() => list),
      'GET /api/v1/roles': { body: ROLES },
      'POST /api/v1/obligations/2/completion': () => {
        tries++;
        if (tries === 1)
          return refusal('obligation.evidence_unknown', '000 第4 1(3)', '証跡の記録が見つかりません。', 'No such record.', 'evidence_ref');
        const done = { ...LIST[1], status: 'done' as const, done_at: '2026-11-22T03:00:00Z', evidence_kind: 'document' as const, evidence_ref: '照合記録 第5号' };
        list = LIST.map((d) => (d.id === 2 ? done : d));
        return { body: done };
      },
    });
    renderAs(STAFF(), <Duties params={{}} />);
    await screen.findAllByTestId('duty');
    const two = () => screen.getAllByTestId('duty').find((d) => d.getAttribute('data-id') === '2')!;
    await user.click(within(two()).getByRole('button', { name: '証跡を添えて完了にする' }));
    const form = within(two()).getByTestId('completion-form');
    expect((within(form).getByLabelText('mamori の記録') as HTMLInputElement).checked).toBe(true);
    await user.type(within(form).getByLabelText(/記録の参照/), 'trail:9999');
    await user.click(within(form).getByRole('button', { name: '完了として記録する' }));
    const box = await waitFor(() => form.querySelector('.error-box')!);
    expect(box.textContent).toContain('証跡の記録が見つかりません。');
    expect(box.getAttribute('data-rule')).toBe('obligation.evidence_unknown');
    expect(within(form).getByText('根拠: 000 第4 1(3)')).toBeTruthy();
    const ref = within(form).getByLabelText(/記録の参照/);
    expect(ref.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(ref));

    // A document instead: the reference field changes its label, the typed text is kept.
    await user.click(within(form).getByLabelText('文書'));
    const docRef = within(form).getByLabelText(/文書の番号・件名/);
    await user.clear(docRef);
    await user.type(docRef, '照合記録 第5号');
    await user.type(within(form).getByLabelText('備考'), '課長決裁済み');
    await user.click(within(form).getByRole('button', { name: '完了として記録する' }));
    expect(await screen.findByTestId('duty-done')).toHaveProperty('textContent', '「月例の照合（10月）」を完了として記録しました。');
    const posts = all.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.body)).toEqual([
      { evidence_kind: 'record', evidence_ref: 'trail:9999', note: '' },
      { evidence_kind: 'document', evidence_ref: '照合記録 第5号', note: '課長決裁済み' },
    ]);
    await waitFor(() => expect(groupIds('done')).toEqual([2, 4]));
    expect(groupIds('overdue')).toEqual([5]);
  });

  it('opens the occurrence named in the address (the reminder e-mails link there)', async () => {
    window.history.replaceState(null, '', '/duties?id=3');
    routes();
    renderAs(STAFF(), <Duties params={{}} />);
    const forms = await screen.findAllByTestId('completion-form');
    expect(forms).toHaveLength(1);
    const three = forms[0].closest('[data-testid=duty]')!;
    expect(three.getAttribute('data-id')).toBe('3');
    expect(three.className).toContain('duty-focused');
    await waitFor(() => expect(document.activeElement).toBe(three));
  });

  it("says so when the occurrence named is not among the user's duties", async () => {
    window.history.replaceState(null, '', '/duties?id=77');
    routes();
    renderAs(VIEWER(), <Duties params={{}} />);
    const note = await screen.findByTestId('duty-missing');
    expect(note.textContent).toContain('義務 #77 はこの一覧にありません。');
    expect(within(note).getByRole('link').getAttribute('href')).toBe('/duties?scope=units&id=77');
  });

  it("lets a compliance viewer switch to the duties of their units", async () => {
    const user = userEvent.setup();
    const calls = routes();
    renderAs(VIEWER(), <Duties params={{}} />);
    await screen.findAllByTestId('duty');
    const group = screen.getByRole('group', { name: '表示する義務' });
    expect(within(group).getByRole('button', { name: '自分の義務' }).getAttribute('aria-pressed')).toBe('true');
    await user.click(within(group).getByRole('button', { name: '担当する課室等の義務' }));
    expect(window.location.search).toBe('?scope=units');
    await waitFor(() => {
      const last = calls.filter((c) => c.url.startsWith('/api/v1/obligations')).at(-1)!;
      expect(new URLSearchParams(last.url.split('?')[1]).get('mine')).toBeNull();
    });
  });
});

describe('duty calendar paging', () => {
  it('reads the done duties page by page and shows the newest', async () => {
    const old = Array.from({ length: 60 }, (_, i) =>
      duty(100 + i, 'done', { done_at: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), name_ja: `完了 ${100 + i}` }),
    );
    const calls = stubFetch({
      'GET /api/v1/obligations': (c) => {
        const q = new URLSearchParams(c.url.split('?')[1]);
        if (q.get('status') === 'open') return { body: { occurrences: [LIST[2]], next_after: 0 } };
        // The server's pages: the first 30, then the rest.
        return q.get('after') === '129'
          ? { body: { occurrences: old.slice(30), next_after: 0 } }
          : { body: { occurrences: old.slice(0, 30), next_after: 129 } };
      },
      'GET /api/v1/roles': { body: ROLES },
    });
    renderAs(STAFF(), <Duties params={{}} />);
    await screen.findAllByTestId('duty');
    await waitFor(() => expect(groupIds('done')).toHaveLength(50));
    expect(groupIds('done')[0]).toBe(159);
    expect(groupIds('due_soon')).toEqual([3]);
    expect(screen.getByTestId('duties-more').textContent).toBe('完了した義務は新しいものから 50 件まで表示しています。');
    expect(calls.filter((c) => c.url.includes('status=done')).map((c) => new URLSearchParams(c.url.split('?')[1]).get('after'))).toEqual([
      null,
      '129',
    ]);
  });
});

describe('home', () => {
  it("shows a designated user's overdue duties", async () => {
    const calls = stubFetch({
      'GET /api/v1/items': { body: { items: [], total: 0, page: 1, per_page: 10 } },
      'GET /api/v1/reports/overdue': { body: { cutoff: '2026-11-21T09:15:00Z', workday_end: '18:15', items: [] } },
      'GET /api/v1/obligations': { body: { occurrences: [LIST[1], LIST[4]] } },
    });
    renderAs(VIEWER(), <Home params={{}} />);
    const block = await screen.findByTestId('home-duties');
    expect(await within(block).findByTestId('home-duties-count')).toHaveProperty('textContent', '2 件');
    expect(within(block).getByRole('link', { name: '取扱者名簿の更新' }).getAttribute('href')).toBe('/duties?id=5');
    expect(within(block).getByRole('link', { name: '義務・期限を開く' }).getAttribute('href')).toBe('/duties');
    const q = calls.find((c) => c.url.startsWith('/api/v1/obligations'))!.url;
    expect(q).toBe('/api/v1/obligations?status=overdue&mine=1');
  });
});
