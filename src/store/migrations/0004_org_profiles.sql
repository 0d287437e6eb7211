-- The regulation profiles an organization takes (docs/profiles.md): one row per profile, written by the
-- org.init and org.take_profile commands (a covered table: every row is on the trail). org.profile keeps
-- the first profile for compatibility; databases set up before this migration have no rows here and are
-- on org.profile alone.
CREATE TABLE org_profiles (
  id INTEGER PRIMARY KEY,
  profile TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL,             -- the profile's version when it was taken
  taken_at TEXT NOT NULL
);
