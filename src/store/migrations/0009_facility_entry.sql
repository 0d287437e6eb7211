-- Facility entry rosters (issue 5, 001 第8 2(1)ウ〜オ and 2(5)): who may enter a handling or related
-- facility (取扱施設等立入名簿), with the protected-system administrator's consent and the entry certificate,
-- the roster's periodic reviews, and the escorted visits of people not on it. All are covered tables
-- (every write is on the trail). New tables only.

-- One row per person and facility permitted (or asked for): made by the 管理責任者 (ウ), consented to by a
-- 保護システム管理者 (ウ), which issues the certificate (エ), revoked when no longer needed (オ).
CREATE TABLE entry_permits (
  id INTEGER PRIMARY KEY,
  facility_unit_id INTEGER NOT NULL REFERENCES org_units(id),  -- a unit of kind handling_facility or related_facility
  person_id INTEGER NOT NULL REFERENCES persons(id),
  purpose TEXT NOT NULL,                -- why the work needs the entry (minimum necessary, エ)
  state TEXT NOT NULL,                  -- pending_consent | granted | revoked
  requested_by_person_id INTEGER REFERENCES persons(id),
  requested_at TEXT NOT NULL,
  consent_by_person_id INTEGER REFERENCES persons(id),
  consented_at TEXT,
  certificate_no TEXT UNIQUE,           -- 立入許可第YYYY-NNNN号, issued on consent
  revoked_at TEXT,
  revoked_by_person_id INTEGER REFERENCES persons(id),
  revoke_reason TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX entry_permits_facility ON entry_permits(facility_unit_id, state);
CREATE INDEX entry_permits_person ON entry_permits(person_id, state);

-- The periodic reviews of a facility's roster by the 管理責任者 (オ).
CREATE TABLE entry_roster_reviews (
  id INTEGER PRIMARY KEY,
  facility_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  reviewed_by_person_id INTEGER REFERENCES persons(id),
  reviewed_at TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX entry_roster_reviews_facility ON entry_roster_reviews(facility_unit_id, reviewed_at);

-- Entry by someone not on the roster, approved by the 管理責任者 and escorted by the person they designated,
-- with the entry recorded by ID card or in the log book (2(5), 2(2)ウ又はエ).
CREATE TABLE escorted_visits (
  id INTEGER PRIMARY KEY,
  facility_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  visitor_name TEXT NOT NULL,
  visitor_affiliation TEXT NOT NULL,
  purpose TEXT NOT NULL,
  visit_on TEXT NOT NULL,               -- local date YYYY-MM-DD
  approved_by_person_id INTEGER REFERENCES persons(id),
  escort_person_id INTEGER NOT NULL REFERENCES persons(id),
  measure TEXT NOT NULL,                -- id_card | log_book
  created_at TEXT NOT NULL
);
CREATE INDEX escorted_visits_facility ON escorted_visits(facility_unit_id, visit_on);
