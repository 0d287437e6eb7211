// The people and answers of the tests of the mod-internal profile (000 第2 2(6)(7)), after its demo:
// matsumoto (システム担当者 of 情報通信課, keeps that unit's record of system users), yamamoto (org.admin and
// people.agreements over 情報通信課: reads it, keeps nothing), tanaka (サイバー整備課, no rights); the
// record of 情報通信課 with version 1 current, and okada, the contractor briefed with 井上 supervising.
import type { Me } from '../lib/session';
import { makeUser } from '../testing';
import type { AgreementDef, PeopleDefinitions, PersonRecord, RosterDef, RosterOverview, RosterVersionDetail } from './types';

const ORG = { name: '防衛省本省 内部部局（デモ）', profile: 'mod-internal', timezone: 'Asia/Tokyo', workday_end: '18:15' };
const JOHOTSU = '整備計画局情報通信課';

export const LIAISON = (): Me =>
  makeUser({
    username: 'matsumoto',
    person_id: 13,
    family_name: '松本',
    given_name: '亮',
    unit_id: 5,
    unit_name: JOHOTSU,
    org: ORG,
    permissions: { 'ledger.view': [5], 'people.agreements': [], 'org.admin': [] },
    designations: [
      { designation_id: 12, role: 'system_liaison', role_ja: 'システム担当者', role_en: 'System Liaison Staff', unit_id: 5, unit_name: JOHOTSU },
      { designation_id: 13, role: 'system_user', role_ja: 'システム利用者', role_en: 'System User', unit_id: 5, unit_name: JOHOTSU },
    ],
  });

export const UNIT_ADMIN = (): Me =>
  makeUser({
    username: 'yamamoto',
    person_id: 12,
    family_name: '山本',
    given_name: '翔',
    unit_id: 5,
    unit_name: JOHOTSU,
    org: ORG,
    permissions: { 'org.admin': [5], 'people.agreements': [5] },
    designations: [
      { designation_id: 8, role: 'system_admin_staff', role_ja: 'システム管理担当者', role_en: 'System Administration Staff', unit_id: 5, unit_name: JOHOTSU },
    ],
  });

export const NO_RIGHTS = (): Me => makeUser({ org: ORG, permissions: { 'ledger.view': [3], 'people.agreements': [], 'org.admin': [] } });

export const SECTION_ROSTER: RosterDef = {
  code: 'section_user',
  clause: '000 第2 2(7)',
  name_ja: '課室等のシステム利用者の記録',
  name_en: "Record of the section's system users",
  role: 'system_user',
  keeper: 'system_liaison',
  agreement: '',
  particulars: false,
  confirmation_clause: '',
  confirmed_by_ja: '',
  confirmed_by_en: '',
  gates_protected: false,
  per_unit: true,
};

export const BRIEFING: AgreementDef = {
  code: 'non_employee_briefing',
  clause: '000 第2 2(6)',
  name_ja: '職員以外の者への説明と監督する職員の指定',
  name_en: 'Briefing of a non-employee system user and their supervising employee',
  required_for: ['system_user'],
  kinds: ['contractor', 'visitor'],
  supervisor_role: 'system_user',
  points: [
    { key: '①', text_ja: '当該情報システムを利用して行うことのできる行為', text_en: 'What may be done with the system' },
    { key: '②', text_ja: '当該情報システムを利用して得られる情報の範囲', text_en: 'The range of information that may be obtained through the system' },
    { key: '③', text_ja: 'その他注意事項', text_en: 'Other points of attention' },
  ],
};

export const MOD_DEFINITIONS = (): PeopleDefinitions => ({ rosters: [SECTION_ROSTER], agreements: [BRIEFING] });

export const MOD_UNITS = {
  units: [
    { id: 1, parent_id: null, kind: 'bureau', code: 'ROOT', name_ja: '防衛省本省 内部部局（デモ）', name_en: 'Ministry of Defense, Internal Bureaus (demo)' },
    { id: 2, parent_id: 1, kind: 'bureau', code: 'SEIBI', name_ja: '整備計画局', name_en: 'Defense Buildup Planning Bureau' },
    { id: 3, parent_id: 2, kind: 'division', code: 'CYBER', name_ja: '整備計画局サイバー整備課', name_en: 'Cyber Maintenance Division' },
    { id: 5, parent_id: 2, kind: 'division', code: 'JOHOTSU', name_ja: JOHOTSU, name_en: 'Information and Communications Division' },
  ],
};

export const MOD_ROLES = {
  profile: 'mod-internal',
  roles: [
    { code: 'system_user', name_ja: 'システム利用者', name_en: 'System User' },
    { code: 'system_liaison', name_ja: 'システム担当者', name_en: 'System Liaison Staff' },
  ],
  permissions: [],
};

/** The unit as a per-unit roster's answer names it. */
const rosterUnit = (unitId: number) => {
  const u = MOD_UNITS.units.find((x) => x.id === unitId)!;
  return { id: u.id, code: u.code, name_ja: u.name_ja, name_en: u.name_en };
};

export const SECTION_OVERVIEW = (unitId = 5): RosterOverview => ({
  roster: { ...SECTION_ROSTER, unit: rosterUnit(unitId) },
  versions: [
    { id: 1, version: 1, state: 'current', reason: 'システム利用者の指定', prepared_at: '2026-10-26T05:57:00.000Z', submitted_at: null,
      confirmed_on: null, confirmation_ref: null, entries: 3 },
  ],
  pending: { added: [], removed: [], changed: [] },
  incomplete: [],
});

/** The record of 情報通信課 after 渡辺 joined it as a system user. */
export const SECTION_PENDING = (): RosterOverview => ({
  ...SECTION_OVERVIEW(),
  pending: { added: [{ person_id: 7, name: '渡辺 直子' }], removed: [], changed: [] },
});

export const SECTION_VERSION_1 = (): RosterVersionDetail => ({
  roster: SECTION_OVERVIEW().roster,
  version: SECTION_OVERVIEW().versions[0],
  particulars_shown: false,
  entries: [
    { person_id: 13, name: '松本 亮', birth_date: '', department: JOHOTSU, position: '係長（システム担当者）', nationality: '',
      roles: ['system_user'], designated_on: '2026-10-26', agreement_id: null },
    { person_id: 15, name: '岡田 修', birth_date: '', department: JOHOTSU, position: '保守技術者（株式会社みらい情報システム）',
      nationality: '', roles: ['system_user'], designated_on: '2026-10-26', agreement_id: null },
  ],
});

const person = (id: number, family_name: string, given_name: string, unit_id: number, kind: string, active = 1) => ({
  id, family_name, given_name, unit_id, unit_name: MOD_UNITS.units.find((u) => u.id === unit_id)?.name_ja, kind, active,
});

export const MOD_PERSONS = {
  persons: [
    person(5, '田中', '美咲', 3, 'employee'),
    person(13, '松本', '亮', 5, 'employee'),
    person(14, '井上', '恵', 5, 'employee'),
    person(15, '岡田', '修', 5, 'contractor'),
    person(16, '前田', '退', 5, 'employee', 0),
    person(17, '派遣', '花子', 5, 'visitor'),
  ],
};

export const OKADA_RECORD = (): PersonRecord => ({
  person_id: 15,
  agreements: [
    {
      id: 1, kind: 'non_employee_briefing', clause: '000 第2 2(6)', points: ['①', '②', '③'], signed_on: '2026-10-26',
      document: '情報通信課 保守作業員への説明書 第3号', note: null, withdrawn_at: null, created_at: '2026-10-26T05:43:00.000Z',
      supervisor_person_id: 14,
    },
  ],
});

const holder = (id: number, person_id: number, person_name: string, person_kind: string, unit_name = JOHOTSU) => ({
  id, person_id, person_name, person_kind, role_code: 'system_user', unit_name,
});

/** GET /api/v1/designations?role=system_user&in_force=1: 松本 (twice), 井上 and the contractor 岡田. */
export const SYSTEM_USERS_PATH = '/api/v1/designations?role=system_user&in_force=1';
export const SYSTEM_USERS = {
  designations: [
    holder(13, 13, '松本 亮', 'employee'),
    holder(14, 14, '井上 恵', 'employee'),
    holder(15, 15, '岡田 修', 'contractor'),
    holder(18, 13, '松本 亮', 'employee', '整備計画局'),
  ],
};
