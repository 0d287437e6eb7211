// The shapes the ledger screens read from the API (docs/openapi.yaml: ItemList, ItemDetail, Unit,
// Person, Designation). Only the fields the screens use are typed.

export type Kind = 'medium' | 'device';

/** What a list row and the item itself both say of an item. */
interface ItemBase {
  id: number;
  control_no: string;
  kind: Kind;
  type: string;
  storage: string;
  custodian_unit_id: number;
  state: string;
  state_ja: string;
  state_en: string;
}

export interface ItemSummary extends ItemBase {
  unit_name?: string;
  holder?: string | null;
  holder_person_id?: number | null;
  started_at?: string | null;
  period_until?: string | null;
  movement?: string | null;
  approval?: string | null;
  overdue: boolean;
}

export interface ItemListResult {
  items: ItemSummary[];
  total: number;
  page: number;
  per_page: number;
}

export interface Item extends ItemBase {
  unit_name: string;
  unit_code?: string;
  origin?: 'registered' | 'received';
  received_from?: string | null;
  vendor?: string | null;
  product?: string | null;
  serial?: string | null;
  registered_at?: string | null;
  current_entry_id?: number | null;
  final_kind?: string | null;
  final_at?: string | null;
  final_method?: string | null;
  executor_person_id?: number | null;
  executor_affiliation?: string | null;
  executor_name?: string | null;
  witness_person_id?: number | null;
  witness_affiliation?: string | null;
  witness_name?: string | null;
  witnessed_at?: string | null;
}

export interface LedgerEntry {
  id: number;
  item_id: number;
  row_no: number;
  movement: 'use' | 'take_out' | 'lend' | 'handover';
  started_at?: string | null;
  user_person_id?: number | null;
  user_name: string;
  purpose?: string;
  place?: string;
  returned_at?: string | null;
  check_result?: string | null;
  checked_at?: string | null;
  period_from?: string | null;
  period_until?: string | null;
  destination?: string;
  movement_purpose?: string;
  borrower?: string;
  handover_at?: string | null;
  handover_executor?: string;
  handover_recipient?: string;
  approval?: 'pending' | 'approved' | 'rejected' | null;
  approved_at?: string | null;
  approval_note?: string;
  created_at?: string;
}

export interface CopyEntry {
  id: number;
  entry_id: number;
  item_id: number;
  content: string;
  counterparty: string;
  purpose: string;
  approval: 'pending' | 'approved' | 'rejected';
  requested_by_person_id?: number | null;
  approved_at?: string | null;
  approval_note?: string;
  created_at?: string;
}

export interface ItemDetail {
  item: Item;
  entries: LedgerEntry[];
  copies: CopyEntry[];
}

export interface Unit {
  id: number;
  parent_id: number | null;
  kind: 'bureau' | 'division' | 'section' | 'quasi_room';
  code: string;
  name_ja: string;
  name_en?: string;
}

export interface Person {
  id: number;
  family_name: string;
  given_name: string;
  title?: string;
  unit_id: number;
  unit_name?: string;
  active?: number;
  username?: string | null;
}

export interface Designation {
  id: number;
  person_id: number;
  role_code: string;
  unit_id: number;
  valid_from: string;
  valid_until: string | null;
  revoked_at: string | null;
}

/** The command result every item command answers with. */
export interface ItemCommandResult {
  item_id: number;
  control_no: string;
  state: string;
  copy_id?: number;
}
