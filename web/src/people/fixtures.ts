// The people and answers of the people screens' tests, on the defense-contractor profile: hayashi (管理者,
// keeps the handler roster, both people permissions), ogawa (経営者等: reads rosters but keeps none),
// the handler roster with version 1 confirmed and version 2 submitted, shimizu's record, and the answer
// of /people/definitions (the profile's people.yaml).
import type { Me } from '../lib/session';
import { makeUser } from '../testing';
import type { PeopleDefinitions, PersonRecord, RosterDef, RosterOverview, RosterVersionDetail } from './types';

const ORG = { name: 'みなと防衛システムズ', profile: 'defense-contractor', timezone: 'Asia/Tokyo', workday_end: '18:00' };

export const KEEPER = (): Me =>
  makeUser({
    username: 'hayashi',
    person_id: 4,
    family_name: '林',
    given_name: '修',
    unit_id: 3,
    unit_name: '第1設計課',
    org: ORG,
    permissions: { 'people.agreements': [3], 'people.particulars': [3], 'ledger.view': [3] },
    designations: [
      { designation_id: 4, role: 'handler', role_ja: '取扱者', role_en: 'Handler', unit_id: 3, unit_name: '第1設計課' },
      { designation_id: 7, role: 'manager', role_ja: '管理者', role_en: 'Manager', unit_id: 3, unit_name: '第1設計課' },
    ],
  });

export const READER = (): Me =>
  makeUser({
    username: 'ogawa',
    person_id: 2,
    family_name: '小川',
    given_name: '誠一',
    unit_id: 1,
    unit_name: '本社',
    org: ORG,
    permissions: { 'people.agreements': 'all' },
    designations: [{ designation_id: 1, role: 'executive', role_ja: '経営者等', role_en: 'Management', unit_id: 1, unit_name: '本社' }],
  });

export const NOBODY = (): Me => makeUser({ username: 'ueda', person_id: 9, org: ORG, permissions: { 'ledger.view': [5] } });

export const HANDLER_ROSTER: RosterDef = {
  code: 'handler',
  clause: '001 第5 2(1)エ',
  name_ja: '取扱者名簿',
  name_en: 'Handler roster',
  role: 'handler',
  keeper: 'manager',
  agreement: 'confidentiality',
  particulars: true,
  confirmation_clause: '001 第5 2(1)エ',
  confirmed_by_ja: '防衛省',
  confirmed_by_en: 'the Ministry of Defense',
  gates_protected: true,
};

export const SYSTEM_USER_ROSTER: RosterDef = {
  ...HANDLER_ROSTER,
  code: 'system_user',
  clause: '001 第5 2(2)ウ',
  name_ja: '保護システム利用者名簿',
  name_en: 'Protected-system user roster',
  role: 'protected_system_user',
  keeper: 'protected_system_admin',
  agreement: 'system_use_consent',
  particulars: false,
  confirmation_clause: '',
  confirmed_by_ja: '',
  confirmed_by_en: '',
  gates_protected: false,
};

export const DEFINITIONS = (): PeopleDefinitions => ({
  rosters: [HANDLER_ROSTER, SYSTEM_USER_ROSTER],
  agreements: [
    {
      code: 'confidentiality',
      clause: '001 第5 2(1)ア',
      name_ja: '守秘義務の合意',
      name_en: 'Confidentiality agreement',
      required_for: ['handler'],
      points: [
        {
          key: '(ア)',
          text_ja: '在職中及び離職後において、業務上知り得た保護すべき情報を、第三者に漏えいしないこと',
          text_en: 'Not to disclose protected information learned at work to any third party, during and after employment',
        },
        { key: '(イ)', text_ja: '守秘義務に違反した場合に法律上の責任を負うこと', text_en: 'To bear legal liability for a breach of the duty of confidentiality' },
        { key: '(ウ)', text_ja: '守秘義務の内容を理解し、かつ、承諾すること', text_en: 'To understand and accept the duty of confidentiality' },
      ],
    },
    {
      code: 'system_use_consent',
      clause: '001 第5 2(2)ア',
      name_ja: '保護システム利用の同意書',
      name_en: "Protected-system user's written consent",
      required_for: ['protected_system_user'],
      points: [
        { key: '(ア)', text_ja: 'ログオンする情報システムが、保護すべきデータを取り扱うための保護システムであること', text_en: 'The system logged on to is a protected system for handling protected data' },
        { key: '(イ)', text_ja: '保護システムの利用は常時監視されるとともに、利用履歴が記録され、監査の対象となること', text_en: 'Its use is monitored at all times, logged and audited' },
        { key: '(ウ)', text_ja: '保護システムを不正に使用した場合に法律上の責任を問われる可能性があること', text_en: 'Misuse of the protected system may lead to legal liability' },
      ],
    },
    {
      code: 'confidentiality_reconfirmation',
      clause: '001 第5 2(1)オ',
      name_ja: '守秘義務の再確認（面談）',
      name_en: 'Reconfirmation of the duty of confidentiality (interview)',
      required_for: [],
      points: [
        {
          key: '面談',
          text_ja: '保護すべき情報にアクセスする必要がなくなった取扱者と面談し、守秘義務（在職中及び離職後）を再確認した',
          text_en: 'Met the handler who no longer needs access and reconfirmed the duty of confidentiality, during and after employment',
        },
      ],
    },
  ],
});

/** The answer of /people/definitions on a profile without people.yaml. */
export const NO_DEFINITIONS = (): PeopleDefinitions => ({ rosters: [], agreements: [] });

export const OVERVIEW = (): RosterOverview => ({
  roster: HANDLER_ROSTER,
  versions: [
    {
      id: 3, version: 2, state: 'submitted', reason: '取扱者の追加（清水）', prepared_at: '2026-12-01T19:55:20.473Z',
      submitted_at: '2026-12-01T20:02:20.473Z', confirmed_on: null, confirmation_ref: null, entries: 4,
    },
    {
      id: 1, version: 1, state: 'confirmed', reason: '契約締結に伴う作成', prepared_at: '2026-10-26T05:01:00.000Z',
      submitted_at: '2026-10-26T05:08:00.000Z', confirmed_on: '2026-10-29', confirmation_ref: '確認通知 第R8-0412号', entries: 3,
    },
  ],
  pending: { added: [{ person_id: 10, name: '中村 翔' }], removed: [{ person_id: 5, name: '森 彩' }], changed: [] },
  incomplete: [{ person_id: 10, name: '中村 翔', particulars: false, agreement: false }],
});

export const SYSTEM_OVERVIEW = (): RosterOverview => ({
  roster: SYSTEM_USER_ROSTER,
  versions: [
    { id: 2, version: 1, state: 'current', reason: '運用開始', prepared_at: '2026-10-29T05:22:00.000Z', submitted_at: null,
      confirmed_on: null, confirmation_ref: null, entries: 3 },
  ],
  pending: { added: [], removed: [], changed: [] },
  incomplete: [],
});

export const ROLES = {
  profile: 'defense-contractor',
  roles: [
    { code: 'handler', name_ja: '取扱者', name_en: 'Handler of Protected Information' },
    { code: 'manager', name_ja: '管理者', name_en: 'Manager of Protected Information' },
    { code: 'general_manager', name_ja: '総括者', name_en: 'General Manager' },
    { code: 'protected_system_user', name_ja: '保護システム利用者', name_en: 'Protected-system user' },
    { code: 'protected_system_admin', name_ja: '保護システム管理者', name_en: 'Protected-system administrator' },
  ],
  permissions: [],
};

export const VERSION_2 = (shown = true): RosterVersionDetail => ({
  roster: HANDLER_ROSTER,
  version: OVERVIEW().versions[0],
  particulars_shown: shown,
  entries: [
    {
      person_id: 3, name: '木村 玲子', birth_date: shown ? '1971-06-14' : '', department: '防衛事業部', position: '事業部長',
      nationality: shown ? '日本' : '', roles: ['handler', 'general_manager'], designated_on: '2026-10-26', agreement_id: 1,
    },
    {
      person_id: 6, name: '清水 大樹', birth_date: shown ? '1996-09-08' : '', department: '第1設計課', position: '担当',
      nationality: shown ? '日本' : '', roles: ['handler'], designated_on: '2026-12-02', agreement_id: 7,
    },
  ],
});

export const SHIMIZU_RECORD = (): PersonRecord => ({
  person_id: 6,
  agreements: [
    {
      id: 7, kind: 'confidentiality', clause: '001 第5 2(1)ア', points: ['(ア)', '(イ)', '(ウ)'], signed_on: '2026-12-01',
      document: '守秘義務誓約書（人事部）', note: '', withdrawn_at: null, created_at: '2026-12-01T19:50:00.000Z',
    },
    {
      id: 5, kind: 'system_use_consent', clause: '001 第5 2(2)ア', points: ['(ア)', '(イ)', '(ウ)'], signed_on: '2026-11-01',
      document: '同意書', note: '', withdrawn_at: '2026-11-20T01:00:00.000Z', created_at: '2026-11-01T01:00:00.000Z',
    },
  ],
  particulars: { birth_date: '1996-09-08', nationality: '日本', position: '担当', updated_at: '2026-12-01T19:49:00.000Z' },
});

export const PERSONS = {
  persons: [
    { id: 6, family_name: '清水', given_name: '大樹', unit_id: 3, unit_name: '第1設計課' },
    { id: 10, family_name: '中村', given_name: '翔', unit_id: 3, unit_name: '第1設計課' },
  ],
};
