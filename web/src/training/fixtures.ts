// The people and answers of the training screen's tests, on the defense-contractor profile: kimura
// (総括者: training.record and compliance.view everywhere), hayashi (管理者 of 第1設計課: both in unit 3),
// ueda (neither); the handler and role training programs (training.yaml), one session of FY2026, the
// status of four people as the server judges it (阿部 overdue: designated more than 30 days ago, never
// trained — the rule of 001 第7 1) and the units and persons of the demo.
import type { Me } from '../lib/session';
import { makeUser } from '../testing';
import type { PersonRow, ProgramDef, ProgramStatus, SessionList, StatusList } from './types';

const ORG = { name: 'みなと防衛システムズ', profile: 'defense-contractor', timezone: 'Asia/Tokyo', workday_end: '18:00' };

export const RECORDER = (): Me =>
  makeUser({
    username: 'kimura',
    person_id: 3,
    family_name: '木村',
    given_name: '玲子',
    unit_id: 2,
    unit_name: '防衛事業部',
    org: ORG,
    permissions: { 'training.record': 'all', 'compliance.view': 'all' },
  });

export const SECTION_HEAD = (): Me =>
  makeUser({ username: 'hayashi', person_id: 4, family_name: '林', given_name: '修', unit_id: 3, org: ORG, permissions: { 'training.record': [3] } });

export const NOBODY = (): Me => makeUser({ username: 'ueda', person_id: 9, org: ORG, permissions: { 'ledger.view': [6] } });

const HANDLER_CONTENTS = [
  ['importance', '001 第7 1(1)', '情報セキュリティの重要性、意義', 'Why information security matters'],
  ['need_to_know', '001 第7 1(2)', 'need to know の原則の確実な履行', 'The need-to-know principle'],
  ['policy', '001 第7 1(3)', '情報セキュリティ基本方針等の確実な履行', 'Following the policy'],
].map(([key, clause, text_ja, text_en]) => ({ key, clause, text_ja, text_en }));

export const PROGRAMS: ProgramDef[] = [
  {
    profile: 'defense-contractor',
    code: 'handler_training',
    clause: '001 第7 1',
    record_clause: '001 第7 4',
    name_ja: '取扱者への教育及び訓練（年1回以上）',
    name_en: 'Annual handler training',
    every: 'fiscal_year',
    audience: ['handler', 'manager'],
    contents: HANDLER_CONTENTS,
  },
  {
    profile: 'defense-contractor',
    code: 'role_training',
    clause: '001 第7 2',
    record_clause: '001 第7 4',
    name_ja: '職責の教育',
    name_en: 'Role training',
    every: 'fiscal_year',
    audience: ['manager'],
    contents: [{ key: 'responsibilities', clause: '001 第7 2', text_ja: 'それぞれの職責等に関する事項', text_en: 'The duties of each role' }],
  },
];

export const UNITS = {
  units: [
    { id: 1, parent_id: null, kind: 'company', code: 'ROOT', name_ja: '本社', name_en: 'Head office' },
    { id: 2, parent_id: 1, kind: 'department', code: 'DEF', name_ja: '防衛事業部', name_en: 'Defense Business Department' },
    { id: 3, parent_id: 2, kind: 'department', code: 'DEF-1', name_ja: '第1設計課', name_en: 'Design Section 1' },
    { id: 5, parent_id: 1, kind: 'department', code: 'IS', name_ja: '情報システム部', name_en: 'Information Systems Department' },
  ],
};

const person = (id: number, family_name: string, given_name: string, unit_id: number, unit_name: string, active = 1): PersonRow => ({
  id,
  family_name,
  given_name,
  unit_id,
  unit_name,
  active,
});

export const PERSONS = {
  persons: [
    person(3, '木村', '玲子', 2, '防衛事業部'),
    person(4, '林', '修', 3, '第1設計課'),
    person(5, '森', '彩', 3, '第1設計課'),
    person(8, '阿部', '健太', 5, '情報システム部'),
    person(10, '退職', '者', 5, '情報システム部', 0),
  ],
};

export const SESSIONS = (): SessionList => ({
  fiscal_year: 2026,
  sessions: [
    {
      id: 1,
      profile: 'defense-contractor',
      program: 'handler_training',
      program_name_ja: '取扱者への教育及び訓練（年1回以上）',
      program_name_en: 'Annual handler training',
      clause: '001 第7 1',
      held_on: '2026-11-04',
      trainer: '林 修（第1設計課長）',
      method: '集合教育',
      unit_id: 2,
      unit_name: '防衛事業部',
      room_group: '第1設計課',
      content: '令和8年度 情報セキュリティ教育',
      contents_covered: ['importance', 'need_to_know', 'policy'],
      audience: '取扱者全員',
      attendee_count: 3,
      attendees: [3, 4, 5],
      note: '',
    },
  ],
});

const status = (
  program: string,
  required: boolean,
  last: string | null,
  current: boolean,
  state: ProgramStatus['state'],
  due_on: string | null = null,
): ProgramStatus => ({
  profile: 'defense-contractor',
  program,
  name_ja: program === 'handler_training' ? '取扱者への教育及び訓練（年1回以上）' : '職責の教育',
  name_en: program === 'handler_training' ? 'Annual handler training' : 'Role training',
  clause: program === 'handler_training' ? '001 第7 1' : '001 第7 2',
  required,
  last_held_on: last,
  last_session_id: last ? 1 : null,
  current,
  state,
  due_on,
});

export const STATUS = (abeTrained = false): StatusList => ({
  people: [
    { person_id: 2, name: '小川 誠一', unit_id: 1, unit_name: '本社', programs: [] },
    {
      person_id: 4,
      name: '林 修',
      unit_id: 3,
      unit_name: '第1設計課',
      programs: [status('handler_training', true, '2026-11-04', true, 'done'), status('role_training', true, null, false, 'due', '2027-03-31')],
    },
    {
      person_id: 5,
      name: '森 彩',
      unit_id: 3,
      unit_name: '第1設計課',
      // Attended the role training once, though it is not required of her.
      programs: [status('handler_training', true, '2026-11-04', true, 'done'), status('role_training', false, '2025-10-01', false, 'not_required')],
    },
    {
      person_id: 8,
      name: '阿部 健太',
      unit_id: 5,
      unit_name: '情報システム部',
      programs: [
        abeTrained
          ? status('handler_training', true, '2026-12-03', true, 'done')
          : status('handler_training', true, null, false, 'overdue', '2026-11-25'),
      ],
    },
  ],
});
