-- People beyond accounts (issue 5): the personal items a roster prints, written agreements and consents,
-- versioned rosters confirmed by an outside body, and the items that hold protected information. All are
-- covered tables (every write is on the trail). New tables only: covered rows are checked against the
-- trail column for column, so existing tables keep their columns.

-- The items a roster needs beyond the directory (001 第5 2(1)エ: 生年月日, 役職, 国籍). One row per person
-- (id = persons.id). Read only by the roles keeping a roster; each read is recorded on the trail.
CREATE TABLE person_particulars (
  id INTEGER PRIMARY KEY REFERENCES persons(id),
  birth_date TEXT NOT NULL,             -- YYYY-MM-DD
  nationality TEXT NOT NULL,            -- as written on the roster (日本, …)
  position TEXT NOT NULL,               -- 役職 (persons.title is 官名又は階級)
  updated_at TEXT NOT NULL,
  updated_by_person_id INTEGER REFERENCES persons(id)
);

-- Written agreements and consents (001 第5 2(1)ア 守秘義務の合意, 2(2)ア 書面による同意, and the 面談 of
-- 2(1)オ reconfirming the duty when access ends). `kind` is an agreement code of the profile (people.yaml).
CREATE TABLE agreements (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  kind TEXT NOT NULL,
  clause TEXT NOT NULL,                 -- the clause it was taken under, kept with the record
  points TEXT NOT NULL,                 -- JSON array of the points agreed, e.g. ["(ア)","(イ)","(ウ)"]
  signed_on TEXT NOT NULL,              -- local date YYYY-MM-DD of the signature or interview
  document TEXT NOT NULL,               -- where the signed paper or its scan is kept
  note TEXT NOT NULL,
  recorded_by_person_id INTEGER REFERENCES persons(id),
  withdrawn_at TEXT,                    -- consent withdrawn / agreement superseded
  created_at TEXT NOT NULL
);
CREATE INDEX agreements_person ON agreements(person_id, kind);

-- Roster versions (取扱者名簿, 保護システム利用者名簿): each change of the listed people makes a new version,
-- a snapshot of who is listed with the items the roster prints. A version needing confirmation goes
-- draft → submitted (exported and sent) → confirmed (the outside body's answer recorded); a newer version
-- supersedes older drafts and submissions.
CREATE TABLE roster_versions (
  id INTEGER PRIMARY KEY,
  roster TEXT NOT NULL,                 -- a roster code of the profile (people.yaml)
  version INTEGER NOT NULL,
  state TEXT NOT NULL,                  -- draft | submitted | confirmed | superseded | current (no confirmation step)
  reason TEXT NOT NULL,
  prepared_at TEXT NOT NULL,
  prepared_by_person_id INTEGER REFERENCES persons(id),
  submitted_at TEXT,
  submitted_by_person_id INTEGER REFERENCES persons(id),
  confirmed_on TEXT,                    -- local date of the outside body's confirmation
  confirmation_ref TEXT,                -- its document number or reference
  confirmed_recorded_at TEXT,
  confirmed_recorded_by_person_id INTEGER REFERENCES persons(id),
  UNIQUE (roster, version)
);

CREATE TABLE roster_entries (
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES roster_versions(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  name TEXT NOT NULL,                   -- 氏名
  birth_date TEXT NOT NULL,             -- 生年月日 ('' when the roster does not print it)
  department TEXT NOT NULL,             -- 所属する部署
  position TEXT NOT NULL,               -- 役職
  nationality TEXT NOT NULL,            -- 国籍
  roles TEXT NOT NULL,                  -- JSON array of the roles held (総括者, 管理者, …) at the snapshot
  designated_on TEXT NOT NULL,          -- local date the listing role began
  agreement_id INTEGER REFERENCES agreements(id),
  UNIQUE (version_id, person_id)
);
CREATE INDEX roster_entries_person ON roster_entries(person_id, version_id);

-- Items (media, devices) holding protected information (001 第5 2(1)エ, 2(3)ア): only people on a
-- confirmed roster may open them. One row per marked item (id = items.id).
CREATE TABLE protected_items (
  id INTEGER PRIMARY KEY REFERENCES items(id),
  clause TEXT NOT NULL,
  marked_at TEXT NOT NULL,
  marked_by_person_id INTEGER REFERENCES persons(id)
);
