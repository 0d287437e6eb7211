// The JSON the work screens read, as the server sends it (src/ledger/queries.cc, reconcile.cc,
// api_handlers.cc). Only the fields the screens use are typed.

export interface Approval {
  type: 'movement' | 'copy';
  control_no: string;
  kind: 'medium' | 'device' | string;
  unit_name: string;
  created_at: string;
  // movement / handover requests
  item_type?: string;
  entry_id?: number;
  movement?: 'take_out' | 'lend' | 'handover' | string;
  user_name?: string;
  purpose?: string;
  period_from?: string | null;
  period_until?: string | null;
  destination?: string | null;
  movement_purpose?: string | null;
  handover_at?: string | null;
  // copy requests
  copy_id?: number;
  content?: string;
  counterparty?: string;
}

export interface ApprovalList {
  approvals: Approval[];
}

export interface ItemRow {
  id: number;
  control_no: string;
  kind: string;
  type: string;
  storage: string;
  custodian_unit_id: number;
  unit_name: string;
  state: string;
  state_ja: string;
  state_en: string;
  holder: string | null;
  holder_person_id: number | null;
  started_at: string | null;
  period_until: string | null;
  movement: string | null;
  approval: string | null;
  overdue: boolean;
}

export interface ItemPage {
  items: ItemRow[];
  total: number;
  page: number;
  per_page: number;
}

export interface OverdueRow {
  control_no: string;
  kind: string;
  type: string;
  unit_name: string;
  user_name: string;
  user_person_id: number | null;
  started_at: string | null;
  movement: string;
  period_until: string | null;
  returned_at: string | null;
}

export interface OverdueReport {
  cutoff: string;
  workday_end: string;
  items: OverdueRow[];
}

export interface Reconciliation {
  id: number;
  unit_id: number;
  unit_name: string;
  kind: 'medium' | 'device' | string;
  counted_by_person_id: number;
  counted_at: string;
  expected_count: number;
  counted_count: number;
  state: 'open' | 'closed' | string;
  closed_at: string | null;
  note: string | null;
  open_discrepancies?: number;
}

export interface Discrepancy {
  id: number;
  reconciliation_id: number;
  item_id: number | null;
  control_no: string;
  kind: 'missing' | 'unexpected' | 'unknown' | string;
  ledger_state: string | null;
  resolution: string | null;
  resolved_by_person_id: number | null;
  resolved_at: string | null;
}

export interface ReconciliationDetail {
  reconciliation: Reconciliation;
  discrepancies: Discrepancy[];
}

export interface ReconcileResult {
  reconciliation_id: number;
  expected: number;
  counted: number;
  in_use: number;
  discrepancies: number;
  state: string;
}

export interface Unit {
  id: number;
  parent_id: number | null;
  kind: string;
  code: string;
  name_ja: string;
  name_en: string;
}

export interface Person {
  id: number;
  family_name: string;
  given_name: string;
  unit_id: number;
}
