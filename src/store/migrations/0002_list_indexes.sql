-- The ledger list pages by control number within a unit: let the index give the order.
CREATE INDEX items_unit_no ON items(custodian_unit_id, control_no);
