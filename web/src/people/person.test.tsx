import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refusal, renderAs, stubFetch } from '../testing';
import { DEFINITIONS, KEEPER, PERSONS, READER, SHIMIZU_RECORD } from './fixtures';
import { PersonRecordPage } from './PersonRecord';
import type { PersonRecord } from './types';

beforeEach(() => window.history.replaceState(null, '', '/persons/6'));
const DEFS = { 'GET /api/v1/people/definitions': { body: DEFINITIONS() } };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const agreementRow = (id: number) => screen.getAllByTestId('agreement').find((r) => r.getAttribute('data-id') === String(id))!;

describe("a person's agreements", () => {
  it('lists the agreements in force and ended, and the particulars, under the person name', async () => {
    stubFetch({ ...DEFS, 'GET /api/v1/persons/6/record': { body: SHIMIZU_RECORD() }, 'GET /api/v1/persons': { body: PERSONS } });
    renderAs(KEEPER(), <PersonRecordPage params={{ person: '6' }} />);
    expect(await screen.findByRole('heading', { level: 1, name: '合意・記載事項' })).toBeTruthy();
    expect(await within(screen.getByTestId('person')).findByText('清水 大樹')).toBeTruthy();
    const inForce = agreementRow(7);
    expect(within(inForce).getByRole('rowheader').textContent).toBe('守秘義務の合意');
    expect(within(inForce).getByText('有効')).toBeTruthy();
    expect(within(inForce).getByText('(ア) (イ) (ウ)')).toBeTruthy();
    expect(within(inForce).getByRole('button', { name: '終了する' })).toBeTruthy();
    const ended = agreementRow(5);
    expect(within(ended).getByText(/^終了（令和8年11月20日/)).toBeTruthy();
    expect(within(ended).queryByRole('button')).toBeNull();
    expect(within(ended).getByText('(ア) (イ) (ウ)')).toBeTruthy();
    const particulars = screen.getByTestId('particulars');
    expect(within(particulars).getByText('平成8年9月8日')).toBeTruthy();
    expect((within(particulars).getByLabelText(/国籍/) as HTMLInputElement).value).toBe('日本');
  });

  it('ends an agreement after asking once', async () => {
    const user = userEvent.setup();
    let ended = false;
    const calls = stubFetch({
      ...DEFS,
      'GET /api/v1/persons/6/record': () => {
        const r: PersonRecord = SHIMIZU_RECORD();
        if (ended) r.agreements[0].withdrawn_at = '2026-12-03T01:00:00.000Z';
        return { body: r };
      },
      'GET /api/v1/persons': { body: PERSONS },
      'POST /api/v1/agreements/7/withdrawal': () => {
        ended = true;
        return { body: { agreement_id: 7 } };
      },
    });
    renderAs(KEEPER(), <PersonRecordPage params={{ person: '6' }} />);
    await user.click(await screen.findByRole('button', { name: '終了する' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(screen.getByText('守秘義務の合意（#7）を終了します。よろしいですか。')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '終了を記録する' }));
    expect(await screen.findByText('合意・同意 #7 を終了しました。')).toBeTruthy();
    expect(await within(agreementRow(7)).findByText(/^終了（/)).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => [c.url, c.body])).toEqual([['/api/v1/agreements/7/withdrawal', {}]]);
  });

  it('records an agreement with every point; a partial one is refused with its clause', async () => {
    window.history.replaceState(null, '', '/persons/10?kind=system_use_consent');
    const user = userEvent.setup();
    const calls = stubFetch({
      ...DEFS,
      'GET /api/v1/persons/10/record': { body: { person_id: 10, agreements: [], particulars: null } },
      'GET /api/v1/persons': { body: PERSONS },
      'POST /api/v1/agreements': (call) =>
        (call.body as { points: string[] }).points.length < 3
          ? refusal('agreement.points_missing', '001 第5 2(2)ア', '保護システム利用の同意書には次の事項すべてへの合意が必要です: (ウ) …', 'Every point.', 'points')
          : { body: { agreement_id: 12 } },
    });
    renderAs(KEEPER(), <PersonRecordPage params={{ person: '10' }} />);
    const form = await screen.findByTestId('agreement-form');
    expect(screen.getByText('合意・同意はまだ記録されていません。')).toBeTruthy();
    // The kind asked for in the address; its three points as checkboxes.
    expect((within(form).getByLabelText(/合意・同意の種類/) as HTMLSelectElement).value).toBe('system_use_consent');
    const boxes = within(within(form).getByTestId('points')).getAllByRole('checkbox');
    expect(boxes).toHaveLength(3);
    await user.click(boxes[0]);
    await user.click(boxes[1]);
    await user.type(within(form).getByLabelText(/書面/), '同意書（情報システム部 保管）');
    await user.click(within(form).getByRole('button', { name: '合意・同意を記録する' }));
    const box = form.querySelector('.error-box')!;
    expect(await within(form).findAllByText(/すべてへの合意が必要です/)).toHaveLength(2); // the box and beside the points
    expect(box.getAttribute('data-clause')).toBe('001 第5 2(2)ア');
    await user.click(boxes[2]);
    await user.click(within(form).getByRole('button', { name: '合意・同意を記録する' }));
    expect(await screen.findByText('保護システム利用の同意書を記録しました（#12）。')).toBeTruthy();
    const sent = calls.filter((c) => c.method === 'POST').map((c) => c.body as Record<string, unknown>);
    expect(sent[1]).toMatchObject({ person_id: 10, kind: 'system_use_consent', points: ['(ア)', '(イ)', '(ウ)'], document: '同意書（情報システム部 保管）', note: '' });
    expect(sent[1].signed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The form is empty again for the next one.
    expect(boxes.every((b) => !(b as HTMLInputElement).checked)).toBe(true);
  });

  it('the interview reconfirmation has its one point', async () => {
    const user = userEvent.setup();
    stubFetch({ ...DEFS, 'GET /api/v1/persons/6/record': { body: SHIMIZU_RECORD() }, 'GET /api/v1/persons': { body: PERSONS } });
    renderAs(KEEPER(), <PersonRecordPage params={{ person: '6' }} />);
    const form = await screen.findByTestId('agreement-form');
    await user.selectOptions(within(form).getByLabelText(/合意・同意の種類/), 'confidentiality_reconfirmation');
    const boxes = within(within(form).getByTestId('points')).getAllByRole('checkbox');
    expect(boxes.map((b) => (b as HTMLInputElement).value)).toEqual(['面談']);
  });

  it('records the particulars for a holder of people.particulars', async () => {
    const user = userEvent.setup();
    const calls = stubFetch({
      ...DEFS,
      'GET /api/v1/persons/10/record': { body: { person_id: 10, agreements: [], particulars: null } },
      'GET /api/v1/persons': { body: PERSONS },
      'POST /api/v1/persons/10/particulars': { body: { person_id: 10 } },
    });
    renderAs(KEEPER(), <PersonRecordPage params={{ person: '10' }} />);
    const form = await screen.findByTestId('particulars-form');
    expect(screen.getByText('まだ記録されていません。')).toBeTruthy();
    await user.type(within(form).getByLabelText(/生年月日/), '1999-04-01');
    await user.type(within(form).getByLabelText(/国籍/), '日本');
    await user.type(within(form).getByLabelText(/役職/), '担当');
    await user.click(within(form).getByRole('button', { name: '記載事項を記録する' }));
    expect(await screen.findByText('記載事項を記録しました。')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ birth_date: '1999-04-01', nationality: '日本', position: '担当' });
  });

  it('hides the particulars from a reader the server does not show them to', async () => {
    const { particulars: _, ...withoutParticulars } = SHIMIZU_RECORD();
    stubFetch({ ...DEFS, 'GET /api/v1/persons/6/record': { body: withoutParticulars }, 'GET /api/v1/persons': { body: PERSONS } });
    renderAs(READER(), <PersonRecordPage params={{ person: '6' }} />);
    await screen.findByTestId('agreements');
    expect(screen.getByText('生年月日等は、記載事項を扱う指定を受けた人にだけ表示されます。')).toBeTruthy();
    expect(screen.queryByTestId('particulars-form')).toBeNull();
  });

  it('shows the record while the definitions are refused, with the refusal in place of the form', async () => {
    stubFetch({
      'GET /api/v1/people/definitions': refusal('http.unavailable', '', '一時的に利用できません。', 'Unavailable.', undefined, 503),
      'GET /api/v1/persons/6/record': { body: SHIMIZU_RECORD() },
      'GET /api/v1/persons': { body: PERSONS },
    });
    renderAs(KEEPER(), <PersonRecordPage params={{ person: '6' }} />);
    expect((await screen.findByRole('alert')).textContent).toContain('一時的に利用できません。');
    expect(screen.queryByTestId('agreement-form')).toBeNull();
    // Without the definitions a kind shows as its code.
    expect(within(agreementRow(7)).getByRole('rowheader').textContent).toBe('confidentiality');
  });

  it('speaks English on the switch, keeping the point keys as data', async () => {
    stubFetch({ ...DEFS, 'GET /api/v1/persons/6/record': { body: SHIMIZU_RECORD() }, 'GET /api/v1/persons': { body: PERSONS } });
    renderAs(KEEPER(), <PersonRecordPage params={{ person: '6' }} />, 'en');
    const form = await screen.findByTestId('agreement-form');
    expect(within(form).getByRole('checkbox', { name: /Not to disclose protected information/ })).toBeTruthy();
    expect(within(form).getByText('(ア)').hasAttribute('data-value')).toBe(true);
    expect(screen.getByRole('heading', { level: 1, name: 'Agreements and particulars' })).toBeTruthy();
  });
});
