// The people and answers of the compliance screens' tests: sato (the IA officer, who may view
// compliance) and tanaka (staff), a report on mod-internal with a violated clause (M-CY-003 not
// returned), one clause in detail, and duties in every status.
import type { Me } from '../lib/session';
import { makeUser } from '../testing';
import type { ClauseDetail, ComplianceReport, Duty, ProfileCompliance } from './types';

export const VIEWER = (): Me =>
  makeUser({
    username: 'sato',
    person_id: 1,
    family_name: '佐藤',
    given_name: '一郎',
    title: '情報保証責任者',
    unit_id: 2,
    unit_name: '整備計画局',
    permissions: { 'compliance.view': 'all', 'ledger.view': 'all' },
    designations: [
      { designation_id: 1, role: 'ia_officer', role_ja: '情報保証責任者', role_en: 'IA Officer', unit_id: 1, unit_name: '本省' },
    ],
  });

export const STAFF = (): Me =>
  makeUser({ title: '係員', permissions: { 'ledger.view': [3], 'ledger.use': [3] } });

const clause = (ref: string, ja: string, en: string, state: ProfileCompliance['clauses'][number]['state'], over = {}) => ({
  ref,
  title_ja: ja,
  title_en: en,
  coverage: state === 'recorded' ? ('recorded' as const) : state === 'not_yet' ? ('not_yet' as const) : ('enforced' as const),
  state,
  violations: 0,
  rules: [] as string[],
  obligations: { open: 0, overdue: 0 },
  caps: ['CAP-003'],
  ...over,
});

export const MOD: ProfileCompliance = {
  profile: 'mod-internal',
  version: 2,
  document: { code: '000', title_ja: '防衛省本省の内部部局情報保証実施規程', title_en: 'Information assurance rules of the internal bureaus' },
  summary: { clauses: 5, satisfied: 2, violated: 1, not_applicable: 0, recorded: 1, not_yet: 1, share_satisfied: 0.5 },
  clauses: [
    clause('000 第1', '組織及び体制', 'Organization and structure', 'satisfied'),
    clause('000 第1(6)', '部隊等情報保証責任者', 'Unit IA officer', 'satisfied'),
    clause('000 第2 2(1)', '運用管理規則の見直し', 'Review of the operating rules', 'recorded', {
      obligations: { open: 1, overdue: 1 },
    }),
    clause('000 第4 3(1)', '使用後の返却', 'Return after use', 'violated', {
      violations: 1,
      rules: ['item_not_returned_by_workday_end'],
      caps: ['CAP-061'],
    }),
    clause('000 別表', '室に準ずるもの', 'Groups treated as offices', 'not_yet'),
  ],
};

export const DC: ProfileCompliance = {
  profile: 'defense-contractor',
  version: 3,
  document: { code: '001', title_ja: '防衛関連企業における情報セキュリティ確保に関する基準', title_en: 'Information security standard for defense contractors' },
  summary: { clauses: 1, satisfied: 1, violated: 0, not_applicable: 0, recorded: 0, not_yet: 0, share_satisfied: 1 },
  clauses: [clause('001 第5 2(1)ア', '取扱者の指定', 'Designating handlers', 'satisfied')],
};

export const REPORT: ComplianceReport = {
  evaluated_at: '2026-11-22T03:00:00Z',
  as_of_seq: 412,
  profiles: [MOD],
  units: [
    {
      unit_id: 3,
      code: 'CYBER',
      name_ja: '整備計画局サイバー整備課',
      name_en: 'Cyber Maintenance Division',
      violations: { high: 1, medium: 0, low: 2 },
      overdue_duties: 1,
    },
    {
      unit_id: 8,
      code: 'HOREI',
      name_ja: '法令審査官グループ',
      name_en: 'Legal Review Group',
      violations: { high: 0, medium: 0, low: 0 },
      overdue_duties: 0,
    },
  ],
  obligations: { open: 4, due_soon: 1, overdue: 2 },
};

export const CLAUSE: ClauseDetail = {
  profile: 'mod-internal',
  clause: {
    ref: '000 第4 3(1)',
    title_ja: '使用後の返却',
    title_en: 'Return after use',
    coverage: 'enforced',
    caps: ['CAP-061', 'CAP-062'],
    commands: ['item.return'],
    note_ja: '退庁時までの返却を点検する。',
    note_en: 'Checks the return by the end of the working day.',
  },
  state: 'violated',
  rules: [
    {
      code: 'item_not_returned_by_workday_end',
      name_ja: '退庁時までに返却されていない媒体',
      name_en: 'Media not returned by the end of the working day',
      severity: 'high',
      subject: 'item',
      state: 'violated',
      violations: [
        {
          subject_id: 3,
          subject: 'M-CY-003',
          unit_id: 3,
          unit_code: 'CYBER',
          message_ja: 'M-CY-003 が退庁時までに返却されていません（使用者: 田中 美咲）。',
          message_en: 'M-CY-003 was not returned by the end of the working day (user: 田中 美咲).',
          evidence: '/items/M-CY-003',
        },
      ],
    },
    {
      code: 'device_not_returned',
      name_ja: '返却されていない機器',
      name_en: 'Devices not returned',
      severity: 'medium',
      subject: 'item',
      state: 'satisfied',
      violations: [],
    },
  ],
  citations: [
    { kind: 'permission', code: 'ledger.use' },
    { kind: 'obligation', code: 'monthly_return_check' },
  ],
  obligations: [
    {
      id: 21,
      obligation: 'monthly_return_check',
      name_ja: '返却状況の月次確認',
      name_en: 'Monthly check of returns',
      period: '2026-10',
      unit_id: 3,
      due_at: '2026-10-31T14:59:59Z',
      state: 'done',
      status: 'done',
      done_at: '2026-10-30T02:00:00Z',
      evidence_kind: 'record',
      evidence_ref: 'reconciliations/1',
    },
  ],
};

export function duty(id: number, status: Duty['status'], over: Partial<Duty> = {}): Duty {
  return {
    id,
    profile: 'mod-internal',
    obligation: 'monthly_reconciliation',
    clause: '000 第4 1(3)',
    name_ja: `月例の照合 ${id}`,
    name_en: `Monthly reconciliation ${id}`,
    period: '2026-11',
    scope_kind: 'unit',
    scope_id: 3,
    unit_id: 3,
    unit_code: 'CYBER',
    unit_name_ja: '整備計画局サイバー整備課',
    unit_name_en: 'Cyber Maintenance Division',
    owner_role: 'unit_ia_officer',
    owner_role_ja: '部隊等情報保証責任者',
    owner_role_en: 'Unit IA Officer',
    owners: [{ person_id: 3, name: '鈴木 花子' }],
    escalate_to: 'ia_officer',
    escalation_level: 0,
    escalated_to: null,
    due_at: '2026-11-30T14:59:59Z',
    remind_from: '2026-11-23T15:00:00Z',
    status,
    source: 'schedule',
    trigger_event: null,
    subject: null,
    done_at: null,
    done_by: null,
    done_by_command: null,
    evidence_required: 'record',
    evidence_kind: null,
    evidence_ref: null,
    evidence_note: null,
    can_complete: true,
    ...over,
  };
}

export const ROLES = {
  profile: 'mod-internal',
  roles: [
    { code: 'ia_officer', name_ja: '情報保証責任者', name_en: 'IA Officer' },
    { code: 'unit_ia_officer', name_ja: '部隊等情報保証責任者', name_en: 'Unit IA Officer' },
  ],
  permissions: [],
};
