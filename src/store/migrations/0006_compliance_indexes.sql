-- Indexes for the compliance rules (profiles/*/rules.yaml) at 10^6 items and 10^7 ledger rows
-- (bench/compliance_bench, docs/benchmarks.md). Without them each rule over the fiscal year's ledger rows
-- walked every item and all of its rows (about a minute per rule at that size), a rule over the units'
-- stock counts scanned every reconciliation once per unit, and the rules about people who left read every
-- designation. All portable (PostgreSQL has partial indexes too). Each index costs one more entry per
-- write of its table (ledger rows: one of the two partial indexes; items: only at registration).
--
-- The fiscal year's uses (medium_used_by_non_media_user): who used which item when, so that the rule
-- reads a ledger row only to report it. Partial: uses only.
CREATE INDEX ledger_entries_use_started ON ledger_entries(started_at, user_person_id, item_id) WHERE movement = 'use';
-- The fiscal year's take-outs, loans and handovers (take_out_without_manager_permission,
-- take_out_by_non_carrier): a few per cent of the ledger.
CREATE INDEX ledger_entries_moves_created ON ledger_entries(created_at) WHERE movement IN ('take_out', 'lend', 'handover');
-- A unit's stock counts by kind and date (media_catalog_not_reviewed, the reconciliation duties).
CREATE INDEX reconciliations_unit ON reconciliations(unit_id, kind, counted_at);
-- A unit's media (or devices) by registration date (media_catalog_not_reviewed: "has the unit held a
-- medium for a year?"). Without planner statistics (mamori does not run ANALYZE) SQLite otherwise walks
-- every medium of the organization for each unit (10 s at 10^6 items instead of 2 ms). Columns that
-- commands never change, so state changes do not touch it.
CREATE INDEX items_unit_kind_registered ON items(custodian_unit_id, kind, registered_at);
-- People who have left (departed_*_still_designated): a few per cent of persons.
CREATE INDEX persons_departed ON persons(id) WHERE active = 0;
-- "Does X hold role R in unit U at time T?" in one lookup that reads no table row. Replaces
-- designations_person(person_id, role_code), a prefix of it, so authorization keeps its index.
DROP INDEX designations_person;
CREATE INDEX designations_person ON designations(person_id, role_code, unit_id, valid_from, valid_until, revoked_at);
