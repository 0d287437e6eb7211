// The people and answers of the facility screens' tests, on the defense-contractor profile: hayashi (管理者
// and 管理責任者: requests, revokes, reviews, approves visits), ikeda (保護システム管理者: consents), ueda (no
// role); the protected information room with 森 and 林 permitted and 清水 awaiting consent, one review, one
// visit; the people the request form reads and the visitor escorts in force the server lists (森 twice, for
// two units).
import type { Me } from '../lib/session';
import { makeUser } from '../testing';
import type { DesignationRow, EntryRoster, FacilityRow, PersonRow } from './types';

const ORG = { name: 'みなと防衛システムズ', profile: 'defense-contractor', timezone: 'Asia/Tokyo', workday_end: '18:00' };

const designation = (id: number, role: string, role_ja: string, role_en: string, unit_id: number, unit_name: string) => ({
  designation_id: id,
  role,
  role_ja,
  role_en,
  unit_id,
  unit_name,
});

export const KEEPER = (): Me =>
  makeUser({
    username: 'hayashi',
    person_id: 4,
    family_name: '林',
    given_name: '修',
    unit_id: 3,
    unit_name: '防衛事業部 第1設計課',
    org: ORG,
    permissions: { 'people.agreements': [3], 'ledger.view': [3] },
    designations: [
      designation(7, 'manager', '管理者', 'Manager', 3, '防衛事業部 第1設計課'),
      designation(20, 'physical_security_manager', '管理責任者', 'Physical Security Manager', 3, '防衛事業部 第1設計課'),
    ],
  });

export const CONSENTER = (): Me =>
  makeUser({
    username: 'ikeda',
    person_id: 7,
    family_name: '池田',
    given_name: '恵',
    unit_id: 5,
    unit_name: '情報システム部',
    org: ORG,
    permissions: { 'people.agreements': 'all', 'trail.view': 'all' },
    designations: [designation(15, 'protected_system_admin', '保護システム管理者', 'Protected-System Administrator', 5, '情報システム部')],
  });

export const NOBODY = (): Me =>
  makeUser({ username: 'ueda', person_id: 10, family_name: '上田', given_name: '真理', org: ORG, permissions: { 'ledger.view': [7] } });

export const FACILITIES = (): { facilities: FacilityRow[] } => ({
  facilities: [
    {
      id: 4,
      code: 'DEF-LAB',
      kind: 'handling_facility',
      name_ja: '第1設計課 保護情報取扱室',
      name_en: 'Protected Information Room',
      parent_id: 2,
      granted: 2,
      pending: 1,
      revoked: 0,
      visits: 1,
      last_review_at: '2026-11-02T01:30:00Z',
    },
    {
      id: 9,
      code: 'DEF-LOBBY',
      kind: 'related_facility',
      name_ja: '防衛事業部 受付区画',
      name_en: 'Reception Area',
      parent_id: 2,
      granted: 0,
      pending: 0,
      revoked: 0,
      visits: 0,
      last_review_at: null,
    },
  ],
});

const permit = (over: Partial<EntryRoster['permits'][number]>): EntryRoster['permits'][number] => ({
  id: 1,
  person_id: 6,
  name: '森 彩',
  affiliation: '防衛事業部 第1設計課',
  person_active: 1,
  purpose: '装備品Xの設計図書の作成・保管',
  state: 'granted',
  certificate_no: '立入許可第2026-0001号',
  requested_at: '2026-10-20T00:00:00Z',
  requested_by_person_id: 4,
  requested_by: '林 修',
  consented_at: '2026-10-20T01:00:00Z',
  consent_by_person_id: 7,
  consented_by: '池田 恵',
  revoked_at: null,
  revoked_by_person_id: null,
  revoked_by: null,
  revoke_reason: null,
  ...over,
});

export const ROSTER = (): EntryRoster => ({
  facility: { id: 4, code: 'DEF-LAB', kind: 'handling_facility', name_ja: '第1設計課 保護情報取扱室', name_en: 'Protected Information Room', parent_id: 2 },
  permits: [
    permit({}),
    permit({ id: 2, person_id: 4, name: '林 修', certificate_no: '立入許可第2026-0002号' }),
    permit({
      id: 3,
      person_id: 8,
      name: '清水 大樹',
      purpose: '装備品Xの試験計画の作成',
      state: 'pending_consent',
      certificate_no: null,
      requested_at: '2026-11-20T00:00:00Z',
      consented_at: null,
      consent_by_person_id: null,
      consented_by: null,
    }),
  ],
  reviews: [
    { id: 2, reviewed_at: '2026-11-02T01:30:00Z', note: '全員の業務上の必要を確認した。', reviewed_by_person_id: 4, reviewed_by: '林 修' },
    { id: 1, reviewed_at: '2026-08-01T01:30:00Z', note: '初回の見直し。', reviewed_by_person_id: 4, reviewed_by: '林 修' },
  ],
  visits: [
    {
      id: 1,
      visitor_name: '山口 太郎',
      visitor_affiliation: '防衛装備庁',
      purpose: '設計審査',
      visit_on: '2026-11-25',
      measure: 'log_book',
      escort_person_id: 6,
      escort: '森 彩',
      approved_by_person_id: 4,
      approved_by: '林 修',
      created_at: '2026-11-18T02:00:00Z',
    },
  ],
});

const person = (id: number, family_name: string, given_name: string, unit_name: string, active = 1): PersonRow => ({
  id,
  family_name,
  given_name,
  unit_id: 0,
  unit_name,
  active,
});

export const PERSONS = (): { persons: PersonRow[] } => ({
  persons: [
    person(3, '木村', '玲子', '防衛事業部'),
    person(4, '林', '修', '防衛事業部 第1設計課'),
    person(6, '森', '彩', '防衛事業部 第1設計課'),
    person(7, '池田', '恵', '情報システム部'),
    person(8, '清水', '大樹', '防衛事業部 第1設計課'),
    person(9, '阿部', '健太', '情報システム部'),
    person(11, '石井', '誠', '情報システム部', 0),
  ],
});

const escort = (id: number, person_id: number, person_name: string, unit_name: string): DesignationRow => ({
  id,
  person_id,
  person_name,
  role_code: 'escort',
  unit_name,
});

/** GET /api/v1/designations?role=escort&in_force=1 */
export const ESCORTS_PATH = '/api/v1/designations?role=escort&in_force=1';
export const ESCORTS = (): { designations: DesignationRow[] } => ({
  designations: [escort(21, 6, '森 彩', '防衛事業部 第1設計課'), escort(24, 6, '森 彩', '防衛事業部')],
});
