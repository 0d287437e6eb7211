import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refusal, renderAs, stubFetch } from '../testing';
import { PERSONS, PROGRAMS, RECORDER, SECTION_HEAD, SESSIONS, STATUS, UNITS } from './fixtures';
import { Training } from './Training';
import type { RecordRequest } from './types';

beforeEach(() => window.history.replaceState(null, '', '/training'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const READS = {
  'GET /api/v1/training/programs': { body: { programs: PROGRAMS } },
  'GET /api/v1/training/sessions': { body: SESSIONS() },
  'GET /api/v1/persons': { body: PERSONS },
  'GET /api/v1/units': { body: UNITS },
};

// Today in the organization's zone (Asia/Tokyo), as the date field takes it.
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());

describe('recording a training session', () => {
  it('records every column, the content items and the attendees; an item left out is refused with its clause', async () => {
    const user = userEvent.setup();
    let trained = false;
    const calls = stubFetch({
      ...READS,
      'GET /api/v1/training/status': () => ({ body: STATUS(trained) }),
      'POST /api/v1/training/sessions': (c) => {
        const body = c.body as RecordRequest;
        if (body.contents_covered.length < 3)
          return refusal(
            'training.content_missing',
            '001 第7 1',
            '「取扱者への教育及び訓練（年1回以上）」で扱わなければならない内容が含まれていません: 情報セキュリティ基本方針等の確実な履行（001 第7 1(3)）',
            'The training must cover: Following the policy (001 第7 1(3))',
            'contents_covered',
          );
        trained = true;
        return { body: { session_id: 2, attendee_count: body.attendees.length } };
      },
    });
    renderAs(RECORDER(), <Training params={{}} />);
    const form = await screen.findByTestId('session-form');
    expect((await screen.findAllByTestId('status-row')).find((r) => r.getAttribute('data-person') === '8')!.getAttribute('data-overdue')).toBe('true');

    // The programs of the profile, each with its clause; the content items of the one chosen, with theirs.
    const program = within(form).getByLabelText(/教育の種類/) as HTMLSelectElement;
    expect([...program.options].map((o) => o.textContent)).toEqual(['取扱者への教育及び訓練（年1回以上）（001 第7 1）', '職責の教育（001 第7 2）']);
    const contents = within(form).getByTestId('contents');
    expect(contents.querySelector('legend')!.textContent).toBe('扱った内容（001 第7 1 の項目はすべて必要）');
    expect(within(contents).getAllByRole('checkbox').map((b) => b.closest('div')!.textContent)).toEqual([
      '001 第7 1(1) 情報セキュリティの重要性、意義',
      '001 第7 1(2) need to know の原則の確実な履行',
      '001 第7 1(3) 情報セキュリティ基本方針等の確実な履行',
    ]);
    expect((within(form).getByLabelText(/^実施日/) as HTMLInputElement).value).toBe(today());

    await user.type(within(form).getByLabelText(/^実施者/), '木村 玲子（防衛事業部長）');
    await user.type(within(form).getByLabelText(/^実施手段/), '集合教育');
    await user.selectOptions(within(form).getByLabelText(/^局・課/), '5');
    await user.type(within(form).getByLabelText(/^室又はグループ/), '情報システム部');
    await user.type(within(form).getByLabelText(/被教育者（対象者）/), '保護システム利用者');
    await user.type(within(form).getByLabelText(/教育内容（概要）/), '新任者への情報セキュリティ教育');
    // The people of the unit chosen (and below it); those who left are not offered.
    const people = within(form).getByTestId('attendees-field');
    expect(within(people).getAllByRole('checkbox').map((b) => b.closest('div')!.textContent)).toEqual(['すべての課室等の職員を表示', '阿部 健太（情報システム部）']);
    await user.click(within(people).getByLabelText(/阿部 健太/));
    expect(within(people).getByTestId('attendee-count').textContent).toBe('教育を受けた人数: 1名');
    await user.click(within(contents).getByLabelText(/1\(1\)/));
    await user.click(within(contents).getByLabelText(/1\(2\)/));
    await user.click(within(form).getByRole('button', { name: '記録する' }));

    await vi.waitFor(() => expect(form.querySelector('.error-box')).toBeTruthy());
    const errorBox = form.querySelector('.error-box')!;
    expect(errorBox.getAttribute('data-rule')).toBe('training.content_missing');
    expect(errorBox.textContent).toContain('根拠: 001 第7 1');
    expect(within(contents).getByText(/情報セキュリティ基本方針等の確実な履行（001 第7 1\(3\)）/, { selector: '.field-error' })).toBeTruthy();
    // What was typed stays.
    expect((within(form).getByLabelText(/^実施者/) as HTMLInputElement).value).toBe('木村 玲子（防衛事業部長）');

    await user.click(within(contents).getByLabelText(/1\(3\)/));
    await user.click(within(form).getByRole('button', { name: '記録する' }));
    expect(await screen.findByText('教育の実施を記録しました（記録 #2、1名）。')).toBeTruthy();
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.url)).toEqual(['/api/v1/training/sessions', '/api/v1/training/sessions']);
    expect(posts[1].body).toEqual({
      program: 'handler_training',
      held_on: today(),
      trainer: '木村 玲子（防衛事業部長）',
      method: '集合教育',
      unit_id: 5,
      room_group: '情報システム部',
      content: '新任者への情報セキュリティ教育',
      audience: '保護システム利用者',
      attendees: [8],
      contents_covered: ['importance', 'need_to_know', 'policy'],
      note: '',
    });
    // The status is read again: 阿部 attended, nobody overdue.
    await vi.waitFor(() => {
      const abe = screen.getAllByTestId('status-row').find((r) => r.getAttribute('data-person') === '8')!;
      expect(abe.getAttribute('data-overdue')).toBeNull();
      expect(abe.querySelectorAll('td')[1].getAttribute('data-state')).toBe('done');
    });
    expect(screen.getByTestId('overdue-count').textContent).toBe('期限を過ぎている職員はいません。');
  });

  it('offers only the units where the user holds training.record', async () => {
    stubFetch({ ...READS, 'GET /api/v1/training/status': { body: STATUS() } });
    renderAs(SECTION_HEAD(), <Training params={{}} />);
    const form = await screen.findByTestId('session-form');
    const unit = (await within(form).findByLabelText(/^局・課/)) as HTMLSelectElement;
    await vi.waitFor(() => expect([...unit.options].map((o) => o.textContent)).toEqual(['第1設計課']));
  });

  it('says why no session can be recorded when the programs cannot be read, and shows the rest', async () => {
    stubFetch({
      'GET /api/v1/training/sessions': { body: SESSIONS() },
      'GET /api/v1/training/status': { body: STATUS() },
      'GET /api/v1/persons': { body: PERSONS },
    });
    renderAs(RECORDER(), <Training params={{}} />);
    const missing = await screen.findByTestId('programs-missing');
    expect(missing.textContent).toContain('教育の種類（規程の training.yaml）をサーバから読み込めないため、教育の実施を記録できません。');
    expect(screen.queryByTestId('session-form')).toBeNull();
    expect(await screen.findByTestId('sessions')).toBeTruthy();
  });

  it('is not offered without training.record', async () => {
    stubFetch({ ...READS, 'GET /api/v1/training/status': { body: STATUS() } });
    const me = SECTION_HEAD();
    me.permissions = { 'compliance.view': [3] };
    renderAs(me, <Training params={{}} />);
    await screen.findByTestId('sessions');
    expect(screen.queryByTestId('record-section')).toBeNull();
  });
});
