-- Training records (issue 5): one row per session given (000 第5(3) 別紙様式第2 教育実施状況記録; 001 第7 4)
-- and one row per person who attended it. Both are covered tables (every write is on the trail). New
-- tables only.

-- A session as the form records it. `program` is a program code of the profile's training.yaml; the
-- profile and the clause the record was kept under are stored with it (records keep their clause
-- whatever later versions of the profile say).
CREATE TABLE training_sessions (
  id INTEGER PRIMARY KEY,
  profile TEXT NOT NULL,
  program TEXT NOT NULL,
  clause TEXT NOT NULL,                 -- the program's clause (001 第7 1, 000 第5(1), …)
  held_on TEXT NOT NULL,                -- 実施日: local date YYYY-MM-DD
  trainer TEXT NOT NULL,                -- 実施者, as printed
  trainer_person_id INTEGER REFERENCES persons(id),
  method TEXT NOT NULL,                 -- 実施手段: 集合教育, ホームページ掲載, メールによる資料送付 …
  unit_id INTEGER NOT NULL REFERENCES org_units(id),  -- 局・課
  room_group TEXT NOT NULL,             -- 室又はグループ ('' when the whole unit)
  content TEXT NOT NULL,                -- 教育内容 (summary)
  contents_covered TEXT NOT NULL,       -- JSON array of the program's content keys covered
  audience TEXT NOT NULL,               -- 被教育者: the audience (課員全員, システム担当者 …)
  attendee_count INTEGER NOT NULL,      -- 被教育者: the number trained
  keeper_person_id INTEGER REFERENCES persons(id),  -- who keeps the record (000 第5(3): the 課等の長)
  note TEXT NOT NULL,
  recorded_by_person_id INTEGER REFERENCES persons(id),
  created_at TEXT NOT NULL
);
CREATE INDEX training_sessions_held ON training_sessions(held_on, unit_id);
CREATE INDEX training_sessions_program ON training_sessions(program, held_on);

CREATE TABLE training_attendance (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES training_sessions(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  UNIQUE (session_id, person_id)
);
CREATE INDEX training_attendance_person ON training_attendance(person_id, session_id);
