-- The employee designated to supervise a person other than an employee who uses an information system
-- (000 第2 2(6)): recorded with the explanation given to them (an agreement of a kind whose profile
-- definition names a `supervisor_role`). One row per such agreement (id = agreements.id). A covered table
-- (every write is on the trail); a new table, so that agreements keeps its columns.
CREATE TABLE agreement_supervisors (
  id INTEGER PRIMARY KEY REFERENCES agreements(id),
  supervisor_person_id INTEGER NOT NULL REFERENCES persons(id),
  clause TEXT NOT NULL                  -- the clause the supervisor was designated under
);
CREATE INDEX agreement_supervisors_person ON agreement_supervisors(supervisor_person_id);
