-- mamori core schema. Forward-only: never edit an applied migration, add a new file instead.
-- Timestamps are UTC ISO 8601 text ("2026-11-22T01:42:00.000Z"). Only INTEGER, TEXT and NULL are
-- stored, so that the trail's canonical form of a row does not depend on the backend.

CREATE TABLE org (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  profile TEXT NOT NULL,
  timezone TEXT NOT NULL,
  workday_end TEXT NOT NULL,            -- local "HH:MM"; media and devices are returned by then (退庁時)
  created_at TEXT NOT NULL
);

-- 局 / 課等 / 課室等 (課, 室 and the 別表 quasi-room groups).
CREATE TABLE org_units (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES org_units(id),
  kind TEXT NOT NULL CHECK (kind IN ('bureau', 'division', 'section', 'quasi_room')),
  code TEXT NOT NULL UNIQUE,
  name_ja TEXT NOT NULL,
  name_en TEXT NOT NULL,
  head_title TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE persons (
  id INTEGER PRIMARY KEY,
  family_name TEXT NOT NULL,
  given_name TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES org_units(id),
  title TEXT NOT NULL,                  -- 官名又は階級
  kind TEXT NOT NULL CHECK (kind IN ('employee', 'non_regular', 'contractor', 'visitor')),
  email TEXT NOT NULL,
  active INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX persons_unit ON persons(unit_id);

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL UNIQUE REFERENCES persons(id),
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,          -- Argon2id PHC string; never in the trail or logs
  totp_secret TEXT,
  must_change_password INTEGER NOT NULL,
  disabled INTEGER NOT NULL,
  password_changed_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,             -- SHA-256 of the cookie value
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,      -- SHA-256 of the token
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT
);

-- The role catalog of the organization's profile (000 第1), loaded from profiles/<name>/roles.yaml.
CREATE TABLE roles (
  code TEXT PRIMARY KEY,
  profile TEXT NOT NULL,
  name_ja TEXT NOT NULL,
  name_en TEXT NOT NULL,
  definition TEXT NOT NULL              -- canonical JSON: clause, designated_by, scope, permissions, …
);

CREATE TABLE designations (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  role_code TEXT NOT NULL REFERENCES roles(code),
  unit_id INTEGER NOT NULL REFERENCES org_units(id),
  designated_by_person_id INTEGER REFERENCES persons(id),
  valid_from TEXT NOT NULL,
  valid_until TEXT,
  revoked_at TEXT,
  revoked_by_person_id INTEGER REFERENCES persons(id),
  note TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX designations_person ON designations(person_id, role_code);
CREATE INDEX designations_unit ON designations(unit_id, role_code);

-- 指定書 (000 第1(12), 別紙様式第1).
CREATE TABLE certificates (
  id INTEGER PRIMARY KEY,
  designation_id INTEGER NOT NULL UNIQUE REFERENCES designations(id),
  number TEXT NOT NULL UNIQUE,
  role_code TEXT NOT NULL,
  clause TEXT NOT NULL,
  affiliation TEXT NOT NULL,
  title TEXT NOT NULL,
  name TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  issuer_title TEXT NOT NULL,
  issuer_name TEXT NOT NULL,
  legal_basis TEXT NOT NULL
);

-- One row per portable storage medium or special-purpose device: the 管理簿's header and footer.
CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  control_no TEXT NOT NULL UNIQUE,      -- 媒体番号 / 機器番号, printed on the label: the identity
  kind TEXT NOT NULL CHECK (kind IN ('medium', 'device')),
  type TEXT NOT NULL,                   -- USB memory, SD card, DVD-R, digital camera, …
  storage TEXT NOT NULL,                -- the unit's central locked storage
  custodian_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  vendor TEXT NOT NULL,                 -- claimed hardware attributes, never identity
  product TEXT NOT NULL,
  serial TEXT NOT NULL,
  state TEXT NOT NULL,
  origin TEXT NOT NULL,                 -- 'registered' or 'received' (000 第4 6(4))
  received_from TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  registered_by_person_id INTEGER REFERENCES persons(id),
  current_entry_id INTEGER,
  final_kind TEXT,                      -- destroyed / handed_over / disposed / transferred / lost
  final_at TEXT,
  final_method TEXT,
  executor_person_id INTEGER REFERENCES persons(id),
  executor_affiliation TEXT,
  executor_name TEXT,
  witness_person_id INTEGER REFERENCES persons(id),
  witness_affiliation TEXT,
  witness_name TEXT,
  witnessed_at TEXT,
  erasure_confirmed_by_person_id INTEGER REFERENCES persons(id),
  version INTEGER NOT NULL
);
CREATE INDEX items_unit_state ON items(custodian_unit_id, state, control_no);
CREATE INDEX items_state ON items(state, control_no);
CREATE INDEX items_kind ON items(kind, control_no);

-- The 管理簿's numbered rows: one use, possibly with a take-out, loan or handover.
CREATE TABLE ledger_entries (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  row_no INTEGER NOT NULL,
  movement TEXT NOT NULL CHECK (movement IN ('use', 'take_out', 'lend', 'handover')),
  started_at TEXT NOT NULL,
  user_person_id INTEGER NOT NULL REFERENCES persons(id),
  user_name TEXT NOT NULL,
  purpose TEXT NOT NULL,
  place TEXT NOT NULL,
  returned_at TEXT,
  returned_by_person_id INTEGER REFERENCES persons(id),
  check_result TEXT,                    -- 'no_data' or 'erased' (000 第3 3(2), 第4 3(2))
  checked_at TEXT,
  checked_by_person_id INTEGER REFERENCES persons(id),
  period_from TEXT,
  period_until TEXT,
  destination TEXT NOT NULL,
  movement_purpose TEXT NOT NULL,
  borrower TEXT NOT NULL,
  handover_at TEXT,
  handover_executor TEXT NOT NULL,
  handover_recipient TEXT NOT NULL,
  data_minimized INTEGER NOT NULL,
  approval TEXT CHECK (approval IN ('pending', 'approved', 'rejected')),
  approved_by_person_id INTEGER REFERENCES persons(id),
  approved_at TEXT,
  approval_note TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (item_id, row_no)
);
CREATE INDEX ledger_entries_open ON ledger_entries(returned_at, started_at);
CREATE INDEX ledger_entries_user ON ledger_entries(user_person_id);

CREATE TABLE copy_entries (
  id INTEGER PRIMARY KEY,
  entry_id INTEGER NOT NULL REFERENCES ledger_entries(id),
  item_id INTEGER NOT NULL REFERENCES items(id),
  content TEXT NOT NULL,
  counterparty TEXT NOT NULL,
  purpose TEXT NOT NULL,
  requested_by_person_id INTEGER NOT NULL REFERENCES persons(id),
  approval TEXT NOT NULL CHECK (approval IN ('pending', 'approved', 'rejected')),
  approved_by_person_id INTEGER REFERENCES persons(id),
  approved_at TEXT,
  approval_note TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX copy_entries_item ON copy_entries(item_id);

-- Stock reconciliation (000 第3 1(3), 第4 1(3)).
CREATE TABLE reconciliations (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES org_units(id),
  kind TEXT NOT NULL CHECK (kind IN ('medium', 'device')),
  counted_by_person_id INTEGER NOT NULL REFERENCES persons(id),
  counted_at TEXT NOT NULL,
  expected_count INTEGER NOT NULL,
  counted_count INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  closed_at TEXT,
  note TEXT NOT NULL
);

CREATE TABLE discrepancies (
  id INTEGER PRIMARY KEY,
  reconciliation_id INTEGER NOT NULL REFERENCES reconciliations(id),
  item_id INTEGER REFERENCES items(id),
  control_no TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('missing', 'unexpected', 'unknown')),
  ledger_state TEXT NOT NULL,
  resolution TEXT,
  resolved_by_person_id INTEGER REFERENCES persons(id),
  resolved_at TEXT
);
CREATE INDEX discrepancies_rec ON discrepancies(reconciliation_id);

-- The trail: append-only, hash-chained. hash = SHA-256(prev_hash ‖ leaf), where leaf is the
-- canonical JSON of {seq, ts, actor, command, entity, payload}; the RFC 6962 leaf hash is over the
-- same bytes. payload holds the command's input and the rows it wrote ("effects").
CREATE TABLE trail_events (
  seq INTEGER PRIMARY KEY,
  ts TEXT NOT NULL,
  actor TEXT NOT NULL,
  command TEXT NOT NULL,
  entity TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX trail_entity ON trail_events(entity, seq);
CREATE INDEX trail_command ON trail_events(command, seq);
CREATE INDEX trail_actor ON trail_events(actor, seq);

-- Signed tree heads. Also appended to a file outside the database (var/trail-heads.jsonl).
CREATE TABLE tree_heads (
  size INTEGER PRIMARY KEY,
  root TEXT NOT NULL,
  ts TEXT NOT NULL,
  public_key TEXT NOT NULL,
  signature TEXT NOT NULL
);

-- A cache of the chain head and the Merkle frontier so start-up need not rescan; verify never trusts it.
CREATE TABLE trail_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  size INTEGER NOT NULL,
  head_hash TEXT NOT NULL,
  frontier TEXT NOT NULL
);
