-- mamori: foreign-keys-off
-- (The line above makes Migrate run this file with foreign keys off and check them before commit: the
-- documented SQLite way to rebuild a table that others reference.)
--
-- 1. org_units.kind comes from the organization's profiles (profile.yaml unit_kinds), no longer from a
--    fixed list of 000's kinds; unit.create checks it against the profiles taken.
CREATE TABLE org_units_new (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES org_units(id),
  kind TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  name_ja TEXT NOT NULL,
  name_en TEXT NOT NULL,
  head_title TEXT NOT NULL,
  created_at TEXT NOT NULL
);
INSERT INTO org_units_new (id, parent_id, kind, code, name_ja, name_en, head_title, created_at)
  SELECT id, parent_id, kind, code, name_ja, name_en, head_title, created_at FROM org_units;
DROP TABLE org_units;
ALTER TABLE org_units_new RENAME TO org_units;

-- 2. The obligation calendar (docs/profiles.md, obligations.yaml): one row per occurrence of a duty —
--    a recurring duty for one period and scope, or a duty raised by a trigger. A covered table: every
--    occurrence raised, completed or escalated is on the trail. The clause is stored on the row (records
--    keep the clause they were raised under, whatever later versions of the profile say).
CREATE TABLE obligation_occurrences (
  id INTEGER PRIMARY KEY,
  profile TEXT NOT NULL,
  obligation TEXT NOT NULL,             -- the obligation's code in that profile
  clause TEXT NOT NULL,
  period TEXT NOT NULL,                 -- "FY2026", "2026", "2026-H2", "2026-Q3", "2026-11", "2026-W48",
                                        -- "2026-11-24", "once", or "event:<trail seq>" for a trigger
  scope_kind TEXT NOT NULL CHECK (scope_kind IN ('org', 'unit', 'system', 'person', 'facility')),
  scope_id INTEGER NOT NULL,            -- the unit / person / … id; 0 for the organization
  unit_id INTEGER NOT NULL REFERENCES org_units(id),   -- holders of owner_role for this unit own it
  owner_role TEXT NOT NULL,
  escalate_to TEXT,                     -- the next role of the chain, or NULL
  due_at TEXT NOT NULL,                 -- UTC; the end of the due day in the organization's time zone
  remind_from TEXT NOT NULL,            -- UTC; reminders start here (remind_before_days)
  source TEXT NOT NULL CHECK (source IN ('schedule', 'trigger', 'manual')),
  trigger_event TEXT,                   -- the trigger's `on` (person.transferred, …) when source = trigger
  raised_by_seq INTEGER,                -- the trail event that raised it (trigger)
  subject TEXT,                         -- what the trigger was about ("persons/12", "items/M-CY-003")
  state TEXT NOT NULL CHECK (state IN ('open', 'done', 'cancelled')),
  escalation_level INTEGER NOT NULL,    -- 0 = with the owner; n = escalated n steps up the chain
  escalated_to TEXT,                    -- the role it is with now when escalated
  escalated_at TEXT,
  done_at TEXT,
  done_by_person_id INTEGER REFERENCES persons(id),
  done_by_command TEXT,                 -- the command that completed it (completed_by), or NULL
  evidence_kind TEXT,                   -- 'record' (a record of mamori: trail seq, item, …) or 'document'
  evidence_ref TEXT,                    -- "trail:1234", "items/M-CY-001", "reconciliations/3", a document number
  evidence_note TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (profile, obligation, period, scope_kind, scope_id)
);
CREATE INDEX obligation_occurrences_open ON obligation_occurrences(state, due_at);
CREATE INDEX obligation_occurrences_unit ON obligation_occurrences(unit_id, state);

-- 3. Reminder digests sent by e-mail (one per person and run), covered: each reminder is on the trail.
CREATE TABLE reminders (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  email TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sent', 'failed')),
  error TEXT,                           -- why the SMTP server refused it (no secrets)
  message_id TEXT NOT NULL,
  due_soon INTEGER NOT NULL,            -- how many occurrences the digest listed as due soon
  overdue INTEGER NOT NULL,
  occurrence_ids TEXT NOT NULL          -- JSON array of obligation_occurrences ids listed
);
CREATE INDEX reminders_person ON reminders(person_id, sent_at);
