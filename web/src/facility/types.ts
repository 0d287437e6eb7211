// The shapes of the facility answers: GET /api/v1/facilities and GET /api/v1/facilities/{unit_id}/entry-roster
// (docs/openapi.yaml FacilityList, EntryRosterDetail), and of the command results the screens read.

export type FacilityKind = 'handling_facility' | 'related_facility';
export type PermitState = 'pending_consent' | 'granted' | 'revoked';
export type VisitMeasure = 'id_card' | 'log_book';

export interface FacilityRow {
  id: number;
  code: string;
  kind: FacilityKind;
  name_ja: string;
  name_en: string;
  parent_id: number | null;
  granted: number;
  pending: number;
  revoked: number;
  visits: number;
  last_review_at: string | null;
}

export interface Permit {
  id: number;
  person_id: number;
  name: string;
  affiliation: string;
  person_active?: number;
  purpose: string;
  state: PermitState;
  certificate_no: string | null;
  requested_at: string;
  requested_by_person_id: number | null;
  /** the name of who requested it (null when the system did) */
  requested_by: string | null;
  consented_at: string | null;
  consent_by_person_id: number | null;
  consented_by: string | null;
  revoked_at: string | null;
  revoked_by_person_id: number | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export interface Review {
  id: number;
  reviewed_at: string;
  note: string;
  reviewed_by_person_id: number | null;
  reviewed_by: string | null;
}

export interface Visit {
  id: number;
  visitor_name: string;
  visitor_affiliation: string;
  purpose: string;
  /** YYYY-MM-DD */
  visit_on: string;
  measure: VisitMeasure;
  escort_person_id: number;
  escort: string;
  approved_by_person_id: number | null;
  approved_by: string | null;
  created_at: string;
}

export interface EntryRoster {
  facility: { id: number; code: string; kind: FacilityKind; name_ja: string; name_en: string; parent_id: number | null };
  permits: Permit[];
  reviews: Review[];
  visits: Visit[];
}

export interface PermitResult {
  permit_id: number;
  state: PermitState;
  certificate_no?: string;
}

export type { PersonRow } from '../lib/persons';

/** GET /api/v1/designations?role=escort&in_force=1 (the escorts in force, as the server judges). */
export interface DesignationRow {
  id: number;
  person_id: number;
  person_name?: string;
  role_code: string;
  unit_name?: string;
}
