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
#include "obligation/periods.h"
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

// ---- When training is due (pure) -----------------------------------------------------------------
//
// The state of one program for one person, agreeing with what the profile itself says is late:
//   every: once         the open duty of the program raised about the person or one of their designations
//                       (obligation code = program code, subject persons/N or designations/N; 001 第7 3):
//                       due_on = its due day (local), overdue once now > due_at, exactly as the obligation
//                       calendar counts it; without one, done if such a duty was completed or the person
//                       attended, else not_required.
//   every: fiscal_year  not_required unless the person is in the audience now. Judged by a rule of the
//                       profile (`rolling_year`: a rule citing the program's clause about persons that
//                       names the program, i.e. training_overdue of 001 第7 1), the rule's verdict exactly:
//                       overdue once the UTC date of now (as the rule reads :now) is more than
//                       kTrainingGraceDays after the earliest designation in force (its UTC date) and more
//                       than kTrainingWindowDays after the last session attended, due_on = that last day;
//                       otherwise done if attended this fiscal year, else due by the earlier of that day
//                       and the fiscal year's last day. Without such a rule, the obligation calendar's
//                       yearly duty per person: done if attended this fiscal year (from the profile's
//                       fiscal_year_start, local); overdue (due_on = the previous fiscal year's last day)
//                       if required since that year's first day and not attended in it or since; else
//                       due by the current fiscal year's last day (31 March for an April start).
inline constexpr int kTrainingGraceDays = 30;    // training_overdue: a new designee is trained within 30 days
inline constexpr int kTrainingWindowDays = 365;  // training_overdue: "1年に1回以上" as the 365 days before now

struct DueFacts {
  std::string every;             // fiscal_year | once
  bool required = false;         // fiscal_year: in the audience by designations in force now
  bool rolling_year = false;     // judged by a rule of the profile (above)
  std::string designated_since;  // UTC valid_from of the earliest designation in force in the audience; ""
  std::string person_since;      // UTC created_at of the person (for an audience of everyone)
  std::string last_held_on;      // local date of the last session of the program attended; "" never
  std::string open_due_at;       // once: UTC due_at of the earliest open duty about the person; "" none
  bool duty_done = false;        // once: a duty of the program about the person was completed
};
struct DueState {
  std::string state;   // done | due | overdue | not_required
  std::string due_on;  // local date "YYYY-MM-DD"; "" when nothing is due (done, not_required)
};
DueState TrainingDueState(const DueFacts& f, Micros now, const TimeZone& tz, MonthDay fiscal_start);

// Whether a rule of `p` judges `t` (rolling_year above).
bool JudgedByRule(const Profile& p, const TrainingProgramDef& t);

// One program as it concerns one person.
struct ProgramStatus {
  std::string profile, program, name_ja, name_en, clause;
  bool required = false;      // every fiscal year, and the person is in its audience
  std::string last_held_on;   // "" = never attended
  int64_t last_session_id = 0;
  bool current = false;       // attended in the current fiscal year
  std::string state;          // TrainingDueState
  std::string due_on;         // "" = none
};
struct PersonTrainingStatus {
  int64_t person_id = 0, unit_id = 0;
  std::string name, unit_name;
  // The programs required, with a duty about the person, or attended, in profile order.
  std::vector<ProgramStatus> programs;
};

// Every active person of `visible_units` (nullopt = all) with, per program, whether it is required of them
// now (their designations in force at `now`), the last session they attended, and its state and due day
// (TrainingDueState; the local dates in `tz`).
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
