// The shapes of the compliance and obligation answers (docs/openapi.yaml: /compliance, /compliance/clause,
// /compliance/violations, /obligations, /obligations/{id}/completion).

export type Coverage = 'enforced' | 'recorded' | 'not_yet';
export type ClauseState = 'satisfied' | 'violated' | 'not_applicable' | 'error' | 'recorded' | 'not_yet';
export type Severity = 'high' | 'medium' | 'low';
export type DutyStatus = 'open' | 'due_soon' | 'overdue' | 'done' | 'cancelled';
export type EvidenceKind = 'record' | 'document';

export interface DocumentRef {
  code: string;
  title_ja: string;
  title_en: string;
}

export interface ProfileSummary {
  clauses: number;
  satisfied: number;
  violated: number;
  not_applicable: number;
  /** clauses whose rule could not run */
  error?: number;
  recorded: number;
  not_yet: number;
  /** 0..1 */
  share_satisfied: number;
}

export interface ClauseRow {
  ref: string;
  title_ja: string;
  title_en: string;
  coverage: Coverage;
  state: ClauseState;
  violations: number;
  rules: string[];
  obligations: { open: number; overdue: number };
  caps: string[];
}

export interface ProfileCompliance {
  profile: string;
  version: number;
  document: DocumentRef;
  summary: ProfileSummary;
  clauses: ClauseRow[];
}

export interface UnitCompliance {
  unit_id: number;
  code: string;
  name_ja: string;
  name_en: string;
  violations: Record<Severity, number>;
  overdue_duties: number;
}

export interface ComplianceReport {
  evaluated_at: string;
  as_of_seq: number;
  profiles: ProfileCompliance[];
  units: UnitCompliance[];
  obligations: { open: number; due_soon: number; overdue: number };
}

export interface RuleViolation {
  subject_id: number | string;
  subject: string;
  unit_id: number | null;
  unit_code: string | null;
  message_ja: string;
  message_en: string;
  evidence: string | null;
}

export interface ClauseRule {
  code: string;
  name_ja: string;
  name_en: string;
  severity: Severity;
  subject: string;
  state: ClauseState;
  /** state error: why the rule could not run */
  error_ja?: string | null;
  error_en?: string | null;
  violations: RuleViolation[];
}

export interface ClauseDuty {
  id: number;
  obligation: string;
  name_ja: string;
  name_en: string;
  period: string;
  unit_id: number;
  due_at: string;
  state: string;
  status: DutyStatus;
  done_at: string | null;
  evidence_kind: EvidenceKind | null;
  evidence_ref: string | null;
}

export interface ClauseDetail {
  profile: string;
  clause: {
    ref: string;
    title_ja: string;
    title_en: string;
    coverage: Coverage;
    caps: string[];
    commands: string[];
    note_ja?: string | null;
    note_en?: string | null;
  };
  state: ClauseState;
  rules: ClauseRule[];
  citations: Array<{ kind: string; code: string }>;
  obligations: ClauseDuty[];
}

export interface Violation {
  profile: string;
  rule: string;
  clause: string;
  severity: Severity;
  subject_id: number | string;
  subject: string;
  unit_id: number | null;
  unit_code: string | null;
  message_ja: string;
  message_en: string;
  evidence: string | null;
}

export interface Duty {
  id: number;
  profile: string;
  obligation: string;
  clause: string;
  name_ja: string;
  name_en: string;
  period: string;
  scope_kind: string;
  scope_id: number;
  unit_id: number;
  unit_code: string;
  unit_name_ja: string;
  unit_name_en: string;
  owner_role: string;
  owner_role_ja: string;
  owner_role_en: string;
  owners: Array<{ person_id: number; name: string }>;
  escalate_to: string | null;
  escalation_level: number;
  escalated_to: string | null;
  escalated_at?: string | null;
  due_at: string;
  remind_from: string;
  status: DutyStatus;
  source: 'schedule' | 'trigger' | 'manual';
  trigger_event: string | null;
  raised_by_seq?: number | null;
  subject: string | null;
  done_at: string | null;
  done_by: { person_id: number; name: string } | null;
  done_by_command: string | null;
  /** null when the profile no longer defines the duty */
  evidence_required: EvidenceKind | null;
  evidence_kind: EvidenceKind | null;
  evidence_ref: string | null;
  evidence_note: string | null;
  can_complete: boolean;
}
