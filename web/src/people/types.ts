// The shapes of the people answers (/rosters/{roster}, /rosters/{roster}/versions/{version},
// /persons/{person_id}/record) and of the roster and agreement definitions of a profile's people.yaml
// (/people/definitions).

export type VersionState = 'draft' | 'submitted' | 'confirmed' | 'superseded' | 'current';

export interface RosterDef {
  code: string;
  clause: string;
  name_ja: string;
  name_en: string;
  /** the role whose holders are listed */
  role: string;
  /** the role that prepares, submits and records the confirmation */
  keeper: string;
  /** agreement code every listed person needs ('' none) */
  agreement: string;
  /** prints date of birth, position and nationality */
  particulars: boolean;
  /** '' when no outside body confirms the roster */
  confirmation_clause: string;
  confirmed_by_ja: string;
  confirmed_by_en: string;
  gates_protected: boolean;
  /** one record per 課室等 (000 第2 2(7)): every read and command names the unit (unit_id) */
  per_unit?: boolean;
  /** in the answers about one unit's record: the unit read */
  unit?: { id: number; code: string; name_ja: string; name_en: string };
}

export interface VersionRow {
  id: number;
  version: number;
  state: VersionState;
  reason: string;
  prepared_at: string;
  submitted_at: string | null;
  confirmed_on: string | null;
  confirmation_ref: string | null;
  entries: number;
}

export interface PersonRef {
  person_id: number;
  name: string;
}

export interface IncompletePerson extends PersonRef {
  /** true when recorded (or the roster does not print them) */
  particulars: boolean;
  /** true when the roster's agreement is in force (or it needs none) */
  agreement: boolean;
}

export interface RosterOverview {
  roster: RosterDef;
  versions: VersionRow[];
  pending: { added: PersonRef[]; removed: PersonRef[]; changed: PersonRef[] };
  incomplete: IncompletePerson[];
}

export interface RosterEntry {
  person_id: number;
  name: string;
  birth_date: string;
  department: string;
  position: string;
  nationality: string;
  roles: string[];
  designated_on: string;
  agreement_id: number | null;
}

export interface RosterVersionDetail {
  roster: RosterDef;
  version: VersionRow & { prepared_by_person_id?: number | null; confirmed_recorded_at?: string | null };
  entries: RosterEntry[];
  particulars_shown: boolean;
}

export interface AgreementRow {
  id: number;
  kind: string;
  clause: string;
  /** the keys of the points agreed */
  points: string[];
  signed_on: string;
  document: string;
  note: string | null;
  withdrawn_at: string | null;
  created_at: string;
  /** the supervising employee (000 第2 2(6)); null or absent when the kind names none */
  supervisor_person_id?: number | null;
}

export interface Particulars {
  birth_date: string;
  nationality: string;
  position: string;
  updated_at?: string;
}

export interface PersonRecord {
  person_id: number;
  agreements: AgreementRow[];
  /** absent without people.particulars; null when none recorded */
  particulars?: Particulars | null;
}

export interface AgreementPoint {
  key: string;
  text_ja: string;
  text_en: string;
}

export interface AgreementDef {
  code: string;
  clause: string;
  name_ja: string;
  name_en: string;
  points: AgreementPoint[];
  /** the role codes whose designation needs this agreement in force */
  required_for: string[];
  /** the kinds of person it may be recorded for (empty or absent: every kind) */
  kinds?: string[];
  /** the role the supervising employee must hold ('' or absent: no supervisor is named) */
  supervisor_role?: string;
}

export interface RosterName {
  code: string;
  name_ja: string;
  name_en: string;
  per_unit?: boolean;
}

/** An organization unit of GET /api/v1/units, as the 課室等 picker needs it. */
export interface UnitRow {
  id: number;
  parent_id: number | null;
  name_ja: string;
  name_en: string | null;
}

export type { PersonRow } from '../lib/persons';

/** GET /api/v1/designations?role=…&in_force=1: a designation in force, as the supervisor field reads it. */
export interface HolderRow {
  id: number;
  person_id: number;
  person_name: string;
  /** employee | non_regular | contractor | visitor */
  person_kind?: string;
  role_code: string;
  unit_name?: string;
}

/** GET /api/v1/people/definitions */
export interface PeopleDefinitions {
  rosters: RosterDef[];
  agreements: AgreementDef[];
}
