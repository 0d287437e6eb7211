-- The ledger list (GET /api/v1/items) answers every filter from one index range of its matches,
-- in control_no order, without reading the items table for rows it does not show (ledger/queries.cc):
--   no filter / q (number prefix)   the unique index on control_no; items_list_no when a filter
--                                   or the caller's units must be tested on each row
--   unit (or a one-unit caller)     items_list_unit; with a state, items_list_unit_state
--   kind / state / q (type)         items_list_kind / items_list_state / items_list_type
--   holder                          items_current_entry, from ledger_entries_user
--   overdue                         items_list_state, from ledger_entries_open (in use) and
--                                   ledger_entries_open_until (out)
-- Only the two state indexes and items_current_entry hold a column that commands change
-- (state, current_entry_id): a state change updates as many item indexes as before, a check-out or
-- a check one more (items_current_entry), an open ledger row one more (ledger_entries_open_until).
DROP INDEX items_unit_no;
DROP INDEX items_unit_state;
DROP INDEX items_state;
DROP INDEX items_kind;
CREATE INDEX items_list_no ON items(control_no, custodian_unit_id, kind);
CREATE INDEX items_list_unit ON items(custodian_unit_id, control_no, kind);
CREATE INDEX items_list_kind ON items(kind, control_no, custodian_unit_id);
CREATE INDEX items_list_type ON items(type, control_no, custodian_unit_id, kind);
CREATE INDEX items_list_state ON items(state, control_no, custodian_unit_id, kind, current_entry_id);
CREATE INDEX items_list_unit_state ON items(custodian_unit_id, state, control_no, kind, current_entry_id);
CREATE INDEX items_current_entry ON items(current_entry_id) WHERE current_entry_id IS NOT NULL;
-- Open rows only (a few per cent of the ledger): returned_at leads so that the planner sees an equality.
CREATE INDEX ledger_entries_open_until ON ledger_entries(returned_at, period_until) WHERE returned_at IS NULL;
