#pragma once
// A regulation profile as data (docs/profiles.md): one folder profiles/<name>/ of YAML files naming the
// roles, classification schemes, forms, recurring duties, compliance rules, reporting chains and the
// clauses of one regime's document. Loading validates every key, type, reference, clause citation and
// rule query, and refuses the profile with errors naming file, line, column and key path.
//
// The types here are plain values: a Profile is immutable once loaded and safe to share across threads.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace mamori {

// Where something was written: "profiles/x/roles.yaml", 1-based line and column.
struct SourceLoc {
  std::string file;
  int line = 0, col = 0;
};

// One validation error: `file:line:col: key.path: message`.
struct ProfileError {
  SourceLoc at;
  std::string path;  // "rules[3].subject" (indices count from 0); "" for the file as a whole
  std::string ja, en;
  std::string ToString() const;    // English
  std::string ToStringJa() const;  // Japanese
};

// Errors as one Status (rule "profile.invalid"): every error on its own line, in ja and en.
Status ProfileErrorsToStatus(const std::vector<ProfileError>& errors);

// ---- roles.yaml ------------------------------------------------------------------------------

struct PermissionDef {
  std::string code, clause, name_ja, name_en;
};

struct RoleDef {
  std::string code, name_ja, name_en, clause;
  std::vector<std::string> designated_by;  // role codes whose holders may designate this role
  std::vector<std::string> permissions;
  std::string eligible_pool;       // a role the designee must already hold ("" = anyone)
  bool certificate = false;        // designation issues a 指定書 (000 第1(12))
  std::string certificate_label;   // e.g. "第1第1項 情報保証監査責任者"
  bool implicit_member = false;    // held by every active person of a unit, for exactly that unit
  bool org_wide = false;           // its designations cover every unit
  bool minimum_necessary = false;  // designation requires a justification (000 第1(3)③)
  SourceLoc where;                 // the role's entry in roles.yaml
  // Derived when the whole profile is loaded (not written in roles.yaml; "" from LoadRolesFile), from
  // the clauses of clauses.yaml naming the command designation.create:
  // the clause a refusal about designating this role in general cites (a missing field, an impossible
  // period): the longest such clause enclosing the role's ("000 第1" for "000 第1(5)"), else the role's;
  std::string designation_clause;
  // the clause a designation without a justification cites (minimum_necessary): the first such clause
  // that is the role's clause or one of its items ("000 第1(3)③" under "000 第1(3)"), else the role's.
  std::string minimum_necessary_clause;
  nlohmann::json ToJson() const;
};

struct FourEyesRule {
  std::string first, second;  // each a role or a permission code: one person may not do both on a record
  std::string clause;
};

struct SeparationDef {
  std::string clause;
  bool has_compatible = false;                                  // false: any roles may be held together
  std::vector<std::pair<std::string, std::string>> compatible;  // the only pairs one person may hold
  // `incompatible` as written, when the profile lists the pairs one person may NOT hold instead: then
  // `compatible` is every other pair of the profile's designated (not implicit) roles.
  std::vector<std::pair<std::string, std::string>> incompatible;
  std::vector<FourEyesRule> four_eyes;
};

// ---- profile.yaml ----------------------------------------------------------------------------

struct DocumentDef {
  std::string code, title_ja, title_en, legal_basis;
};

struct UnitKind {
  std::string code, name_ja, name_en, clause;
};

// How `mamori init` sets an organization up on this profile (profile.yaml `setup`): the root unit and
// the first administrator, designated to `administrator_role` at the root (so the role's scope is the
// whole organization).
struct SetupDef {
  std::string clause;              // the clause the organization's units come from; unit.create cites it
  std::string administrator_role;  // a role of this profile granting org.admin
  std::string root_unit_kind;      // a unit kind of this profile
  std::string root_head_title_ja;  // the title of the root unit's head
};

// ---- classification.yaml ---------------------------------------------------------------------

struct ClassLevel {
  std::string code, name_ja, name_en;
};

struct ClassDimension {
  std::string code, name_ja, name_en;
  std::vector<ClassLevel> levels;  // ordered low → high
  // Position of a level (0 = lowest); -1 if the dimension has no such level.
  int LevelIndex(std::string_view level) const;
};

struct HandlingRule {
  std::string action;                       // email, take_out, …
  std::map<std::string, std::string> when;  // dimension → level: matches that level and every higher one
  std::string rule;                         // allowed | forbidden | approval
  std::vector<std::string> approvers;       // role codes (rule == approval)
  std::string clause, note_ja, note_en;
};

struct ClassificationScheme {
  std::string code, clause, name_ja, name_en;
  std::vector<std::string> applies_to;
  std::vector<ClassDimension> dimensions;
  std::vector<HandlingRule> handling;
  const ClassDimension* FindDimension(std::string_view code) const;
};

struct ClassMatrix {
  std::string code, clause, name_ja, name_en;
  std::string scheme, rows, columns, yields;    // a scheme and three of its dimensions
  std::vector<std::vector<std::string>> cells;  // [row level][column level] → level of `yields`
};

// ---- forms.yaml ------------------------------------------------------------------------------

struct FormColumn {
  std::string key, name_ja, name_en, clause;
};

struct FormDef {
  std::string code, clause, kind, name_ja, name_en;  // kind: register | form | record
  std::vector<FormColumn> columns;
};

// ---- obligations.yaml ------------------------------------------------------------------------

struct ObligationDef {
  std::string code, clause, name_ja, name_en;
  std::string every;        // fiscal_year | year | half_year | quarter | month | week | workday | once
  std::string per;          // org | unit | system | person | facility
  std::string owner;        // role code
  std::string escalate_to;  // role code or ""
  int remind_before_days = 0;
  std::string evidence = "record";        // document | record
  std::vector<std::string> completed_by;  // command names
};

struct RaiseDef {
  std::string obligation;
  int due_days = 0;
  // An open occurrence of the same obligation and scope absorbs the event instead of a new one being
  // raised (e.g. one pending update of the contact chart covers every designation changed meanwhile).
  bool coalesce = false;
};

struct TriggerDef {
  std::string on, clause;
  std::vector<std::string> roles;  // designation events: only designations of these roles ("" = any)
  std::vector<RaiseDef> raises;
};

// ---- training.yaml ---------------------------------------------------------------------------

// A content item a session of a program must cover (001 第7 1(1) … (7)).
struct TrainingContentDef {
  std::string key, text_ja, text_en, clause;
};

// A training program: what is taught, to whom, how often. Its code equals the obligation it completes,
// where one exists (handler_training, annual_training).
struct TrainingProgramDef {
  std::string code, clause, name_ja, name_en;
  std::string record_clause;  // the clause requiring the record (001 第7 4, 000 第5(3)): refusals cite it
  std::vector<TrainingContentDef> contents;  // every one must be covered by a session
  std::vector<std::string> audience;         // role codes whose holders must attend; empty = everyone in the unit
  std::string every;                         // fiscal_year | once (given when needed)
  // Further duties a session of this program fulfils for its attendees (the yearly training is also the
  // training a new designation calls for, 001 第7 3 "第1項に規定する教育及び訓練").
  std::vector<std::string> also_completes;
};

// ---- people.yaml -----------------------------------------------------------------------------

// One point a person agrees or consents to ("(ア)" … of 001 第5 2(1)ア).
struct AgreementPoint {
  std::string key, text_ja, text_en;
};

// A written agreement or consent taken from a person (001 第5 2(1)ア 守秘義務の合意, 2(2)ア 書面による同意).
struct AgreementDef {
  std::string code, clause, name_ja, name_en;
  std::vector<AgreementPoint> points;      // every one must be agreed
  std::vector<std::string> required_for;   // roles that may be designated only to a person with it in force
  // persons.kind values it applies to (e.g. contractor, visitor: 職員以外の者, 000 第2 2(6)); empty = everyone.
  // Recording it for a person of another kind is refused, and required_for only binds those kinds.
  std::vector<std::string> kinds;
  // When set, agreement.record needs `supervisor_person_id`: an active employee (employee or non_regular)
  // holding this role, designated to supervise the person (000 第2 2(6)); kept in agreement_supervisors.
  std::string supervisor_role;
};

// A roster of the holders of one role (取扱者名簿, 保護システム利用者名簿), kept in versions.
struct RosterDef {
  std::string code, clause, name_ja, name_en;
  std::string role;        // who is listed: the holders of this role, in force
  std::string keeper;      // the role that keeps it (prepares, submits and records confirmation)
  std::string agreement;   // agreement code shown for each listed person ("" none)
  bool particulars = false;  // prints date of birth, position and nationality (required to prepare)
  // Confirmation by an outside body before the listed may handle protected information; empty = none.
  std::string confirmation_clause, confirmed_by_ja, confirmed_by_en;
  // Protected items may be opened only by people listed in a confirmed version who hold `role`.
  bool gates_protected = false;
  std::string update_clause;  // when access is no longer needed: the update and interview (2(1)オ)
  std::string interview_agreement;  // agreement code recording the reconfirmation interview ("" none)
  // One record per 課室等 (000 第2 2(7)): a unit's record lists the holders of `role` whose person belongs
  // to the unit or a unit below it, kept by a holder of `keeper` whose designation covers the unit. Its
  // versions are stored under the key "<code>@<unit_id>" (RosterKey). No confirmation step.
  bool per_unit = false;
};

// ---- rules.yaml ------------------------------------------------------------------------------

struct RuleDef {
  std::string code, clause, name_ja, name_en;
  std::string severity;                 // high | medium | low
  std::string subject;                  // item | person | …
  std::vector<std::string> depends_on;  // tables
  bool time_based = false;
  std::string query, applies_if;  // portable SQL with named parameters (:now, …)
  std::string message_ja, message_en, evidence;
  std::vector<std::string> columns;  // the query's result columns, found when it was checked
};

// ---- reporting.yaml --------------------------------------------------------------------------

struct ReportingChain {
  std::string code, clause, name_ja, name_en;
  std::vector<std::string> steps;  // role codes, in order
};

// ---- clauses.yaml ----------------------------------------------------------------------------

struct ClauseDef {
  std::string ref, title_ja, title_en;
  std::string coverage;               // enforced | recorded | not_yet
  std::vector<std::string> caps;      // "CAP-061"
  std::vector<std::string> commands;  // commands of the C++ code that enforce or record it
  std::string note_ja, note_en;
  std::string source;  // the file that lists it (clauses.yaml or an included part)
};

// Something in the profile that cites a clause: kind is role, permission, separation, unit_kind,
// scheme, handling, matrix, form, obligation, trigger, rule, chain or command.
struct Citation {
  std::string clause, kind, code;
  SourceLoc at;
};

// A command named by the profile (clause `commands`, obligation `completed_by`), where it was written.
struct CommandRef {
  std::string command, path;
  SourceLoc at;
};

struct Profile {
  std::string name;  // the folder name
  int version = 0;
  DocumentDef document;
  std::vector<std::string> includes;
  std::vector<UnitKind> unit_kinds;
  std::optional<SetupDef> setup;            // absent: the profile cannot be the first one taken
  std::string fiscal_year_start = "04-01";  // MM-DD
  std::string legal_basis;                  // roles.yaml's, else document.legal_basis

  std::vector<PermissionDef> permissions;
  std::vector<RoleDef> roles;
  SeparationDef separation;
  std::vector<ClassificationScheme> schemes;
  std::vector<ClassMatrix> matrices;
  std::vector<FormDef> forms;
  std::vector<ObligationDef> obligations;
  std::vector<TriggerDef> triggers;
  std::vector<RuleDef> rules;
  std::vector<ReportingChain> chains;
  std::vector<TrainingProgramDef> training_programs;  // training.yaml
  std::vector<AgreementDef> agreements;      // people.yaml
  std::vector<RosterDef> rosters;            // people.yaml
  std::vector<ClauseDef> clauses;            // this document's clauses, then those of included parts
  std::vector<Citation> citations;           // every clause citation, in file order
  std::vector<std::string> foreign_clauses;  // cited clauses found in another profile's or part's list
  std::vector<CommandRef> command_refs;

  const RoleDef* FindRole(std::string_view code) const;
  const ClauseDef* FindClause(std::string_view ref) const;
  const UnitKind* FindUnitKind(std::string_view code) const;
  std::string root;  // display prefix of the files ("profiles/"): files are root + name + "/" + base
};

// The files profiles are read from: paths relative to the profiles root ("mod-internal/roles.yaml",
// "shared/risk-004.yaml"). Immutable after construction; thread-safe.
class ProfileFiles {
 public:
  // The files embedded in the binary (profiles/**/*.yaml at build time).
  static const ProfileFiles& Embedded();
  // A profiles root on disk; files are read when asked for.
  static ProfileFiles Directory(const std::string& root);
  // Files held in memory, e.g. by tests: relative path → content. `root` is the display prefix.
  static ProfileFiles FromMap(std::map<std::string, std::string> files, std::string root = "profiles/");

  // The content of a file; nullopt if there is none.
  std::optional<std::string> Read(const std::string& rel) const;
  // Files directly inside a folder ("mod-internal" → {"clauses.yaml", …}), sorted.
  std::vector<std::string> List(const std::string& folder) const;
  // Folders holding a profile.yaml, sorted.
  std::vector<std::string> Profiles() const;
  // Shared parts ("shared/risk-004"), sorted.
  std::vector<std::string> Parts() const;
  // "profiles/" + rel, as errors show it.
  std::string Display(const std::string& rel) const { return root_ + rel; }
  const std::string& root() const { return root_; }

 private:
  std::string root_;
  std::string dir_;  // non-empty: read from disk
  std::shared_ptr<const std::map<std::string, std::string>> memory_;
};

struct ProfileLoadOptions {
  // Where LoadProfiles reads profiles from; nullptr = the embedded ones (loaded once per process).
  const ProfileFiles* files = nullptr;
  // Commands of this build: when given, clause `commands` and obligation `completed_by` must name them.
  const std::vector<std::string>* known_commands = nullptr;
  // Prepare rule queries against a freshly migrated in-memory database (on by default).
  bool check_sql = true;
};

// Loads and validates the profile in folder `name`. On any error, a Status listing every error
// (ProfileErrorsToStatus); "profile.unknown" if there is no such folder.
Result<Profile> LoadProfile(const ProfileFiles& files, std::string_view name, const ProfileLoadOptions& options = {});

// The same, returning every error instead (empty = valid). `out`, if given, receives what could be read.
std::vector<ProfileError> ValidateProfile(const ProfileFiles& files, std::string_view name,
                                          const ProfileLoadOptions& options = {}, Profile* out = nullptr);

// Parses a roles.yaml alone (it must name its `profile`): permissions, roles and separation with the
// references between them; clause citations are not checked. For tests and tools.
Result<Profile> LoadRolesFile(std::string_view yaml, std::string_view file);

// Validates a shared part alone ("shared/risk-004"): everything but the role codes it cites.
std::vector<ProfileError> ValidatePart(const ProfileFiles& files, std::string_view part,
                                       const ProfileLoadOptions& options = {});

// An embedded profile, loaded once per process and shared (embedded files never change).
Result<std::shared_ptr<const Profile>> EmbeddedProfile(std::string_view name);

// Errors for commands the profile names that are not in `known` (the commands of this build).
std::vector<ProfileError> CheckProfileCommands(const Profile& profile, const std::vector<std::string>& known);

// Loads several profiles an organization takes together and checks them against each other: a role
// code defined by two of them is an error naming both files.
Result<std::vector<std::shared_ptr<const Profile>>> LoadProfiles(const std::vector<std::string>& names,
                                                                 const ProfileLoadOptions& options = {});
Status CheckProfilesTogether(const std::vector<std::shared_ptr<const Profile>>& profiles);

// A rule query with its named parameters (:now, :workday_cutoff, :today, :fiscal_year_start,
// :fiscal_year_end) replaced by `?`, and the names in placeholder order. Quoted text and comments are
// left alone. An unknown parameter name is an error (kInvalidArgument naming it).
struct BoundQuery {
  std::string sql;
  std::vector<std::string> names;
};
Result<BoundQuery> BindRuleParameters(std::string_view sql);
const std::vector<std::string>& RuleParameterNames();

}  // namespace mamori
