#pragma once
// Training records (001 第7, 000 第5): the command `training.record`, which records one session in the
// layout of 別紙様式第2 教育実施状況記録 with the people who attended it, and the reads behind the training
// API and the form export. Programs come from the profiles' training.yaml (TrainingProgramDef).
//
// training.record {program, held_on, trainer, trainer_person_id?, method, unit_id, room_group?, content,
//                  audience, attendees: [person ids], contents_covered: [content keys], note?}
//   → {session_id, attendee_count}. Authorized by `training.record` in unit_id. Refusals (writing nothing)
//   cite the program's record_clause (001 第7 4, 000 第5(3)) unless said otherwise:
//     input.required / input.malformed   a column of the form missing or malformed
//     training.unknown_program           no program of that code in the profiles taken
//     training.future_date               held_on after today (local)
//     training.content_missing           a required content item not covered (the program's clause)
//     training.unknown_content           a content key the program does not have (the program's clause)
//     training.no_attendees              attendees empty
//     training.attendee_left             an attendee is no longer active
//   The session (training_sessions) and one training_attendance row per attendee are covered writes; the
//   obligation hook completes the open duty whose code is the program (see obligation/hook.cc).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/time.h"
#include "engine/engine.h"
#include "export/training_form.h"
#include "store/store.h"

namespace mamori {

using TrainingProfiles = std::vector<std::shared_ptr<const Profile>>;

// Registers training.record. `engine` must outlive its commands (they read engine.profiles()).
void RegisterTrainingCommands(Engine& engine);

// A program of the profiles taken, and the profile defining it; nullptr/"" if none.
struct FoundProgram {
  const Profile* profile = nullptr;
  const TrainingProgramDef* program = nullptr;
};
FoundProgram FindTrainingProgram(const TrainingProfiles& profiles, std::string_view code);
// The record clause refusals cite before the program is known: the first program's, else "".
std::string DefaultRecordClause(const TrainingProfiles& profiles);

// One recorded session, with what the form prints.
struct TrainingSessionView {
  int64_t id = 0;
  std::string profile, program, program_name_ja, program_name_en, clause;
  std::string held_on, trainer, method, unit_name, room_group, content, audience, note;
  int64_t unit_id = 0, attendee_count = 0;
  std::vector<std::string> contents_covered;
  std::vector<int64_t> attendees;
  std::string created_at;
};

struct SessionFilter {
  int fiscal_year = 0;                                 // sessions held in this fiscal year
  std::optional<int64_t> unit_id;                      // only this unit's (not those below it)
  std::optional<std::vector<int64_t>> visible_units;   // nullopt = every unit
};

// The local dates [first, next) of fiscal year `fy` for the first profile's fiscal_year_start.
std::pair<std::string, std::string> FiscalYearDates(const TrainingProfiles& profiles, int fy);
// The fiscal year holding local date `day` ("YYYY-MM-DD").
int FiscalYearOfDay(const TrainingProfiles& profiles, const std::string& day);

// The sessions of a fiscal year in the order the form lists them (held_on, id), with the unit's name
// (printed under 局・課) and the attendees.
Result<std::vector<TrainingSessionView>> ListTrainingSessions(Conn& conn, const TrainingProfiles& profiles,
                                                              const SessionFilter& f);

// One program as it concerns one person.
struct ProgramStatus {
  std::string profile, program, name_ja, name_en, clause;
  bool required = false;      // every fiscal year, and the person is in its audience
  std::string last_held_on;   // "" = never attended
  int64_t last_session_id = 0;
  bool current = false;       // attended in the current fiscal year
};
struct PersonTrainingStatus {
  int64_t person_id = 0, unit_id = 0;
  std::string name, unit_name;
  std::vector<ProgramStatus> programs;  // the required programs and any other attended, in profile order
};

// Every active person of `visible_units` (nullopt = all) with, per program, whether it is required of them
// now (their designations in force at `now`) and the last session they attended.
Result<std::vector<PersonTrainingStatus>> TrainingStatusOf(Conn& conn, const Catalog& catalog,
                                                           const TrainingProfiles& profiles, Micros now,
                                                           const TimeZone& tz,
                                                           const std::optional<std::vector<int64_t>>& visible_units);

// The 教育実施状況記録 of fiscal year `fy` from its sessions (in the order given).
TrainingForm TrainingFormOf(int fy, const std::vector<TrainingSessionView>& sessions);

// The current fiscal year at `now` in `tz`.
int CurrentFiscalYear(const TrainingProfiles& profiles, Micros now, const TimeZone& tz);

Json SessionToJson(const TrainingSessionView& s);
Json StatusToJson(const PersonTrainingStatus& s);

}  // namespace mamori
