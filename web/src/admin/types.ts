// Shapes of the identity API (docs/openapi.yaml: Unit, Person, Role, Designation, Certificate).

export type UnitKind = 'bureau' | 'division' | 'section' | 'quasi_room';
export const UNIT_KINDS: UnitKind[] = ['bureau', 'division', 'section', 'quasi_room'];

export interface Unit {
  id: number;
  parent_id: number | null;
  kind: UnitKind;
  code: string;
  name_ja: string;
  name_en: string | null;
  head_title: string | null;
}

export type PersonKind = 'employee' | 'non_regular' | 'contractor' | 'visitor';
export const PERSON_KINDS: PersonKind[] = ['employee', 'non_regular', 'contractor', 'visitor'];

export interface Person {
  id: number;
  family_name: string;
  given_name: string;
  title: string | null;
  unit_id: number;
  unit_name: string;
  kind: PersonKind;
  active: number;
  username: string | null;
  /** Not sent by the server today (see accounts.ts); used when it is. */
  account_id?: number | null;
  account_disabled?: number | boolean | null;
}

export interface Role {
  code: string;
  name_ja: string;
  name_en: string;
  clause: string;
  designated_by: string[];
  permissions: string[];
  eligible_pool: string;
  certificate: boolean;
  certificate_label: string;
  implicit_member: boolean;
  org_wide: boolean;
  minimum_necessary: boolean;
}

export interface Permission {
  code: string;
  clause: string;
  name_ja: string;
  name_en: string;
}

export interface RoleCatalog {
  profile: string;
  roles: Role[];
  permissions: Permission[];
}

export interface Designation {
  id: number;
  person_id: number;
  person_name: string;
  role_code: string;
  role_ja: string;
  role_en: string;
  clause: string;
  unit_id: number;
  unit_name: string;
  designated_by_person_id: number | null;
  valid_from: string;
  valid_until: string | null;
  revoked_at: string | null;
  revoked_by_person_id: number | null;
  note: string;
  created_at: string;
}

export interface Certificate {
  id: number;
  designation_id: number;
  number: string;
  role_code: string;
  clause: string;
  affiliation: string;
  title: string;
  name: string;
  issued_at: string;
  issuer_title: string;
  issuer_name: string;
  legal_basis: string;
}

/** What every command answers besides its own fields. */
export interface CommandResult {
  trail_seq?: number;
  event_hash?: string;
}
