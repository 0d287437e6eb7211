// Loading a profile folder: which files exist, reading each, then the checks across files.

#include <mutex>

#include "profile/load_state.h"

namespace mamori {

using profile_internal::Errors;
using profile_internal::LoadState;
using profile_internal::MapReader;

std::string ProfileError::ToString() const {
  std::string out = at.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.col) + ": ";
  if (!path.empty()) out += path + ": ";
  return out + en;
}

std::string ProfileError::ToStringJa() const {
  std::string out = at.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.col) + ": ";
  if (!path.empty()) out += path + ": ";
  return out + ja;
}

Status ProfileErrorsToStatus(const std::vector<ProfileError>& errors) {
  if (errors.empty()) return Status::Ok();
  std::string ja, en;
  for (const auto& e : errors) {
    ja += (ja.empty() ? "" : "\n") + e.ToStringJa();
    en += (en.empty() ? "" : "\n") + e.ToString();
  }
  return Status::Error(ErrorKind::kInvalidArgument, "profile.invalid", "", "プロファイルが正しくありません:\n" + ja,
                       "The profile is invalid:\n" + en);
}

nlohmann::json RoleDef::ToJson() const {
  return nlohmann::json{{"code", code},
                        {"name_ja", name_ja},
                        {"name_en", name_en},
                        {"clause", clause},
                        {"designated_by", designated_by},
                        {"permissions", permissions},
                        {"eligible_pool", eligible_pool},
                        {"certificate", certificate},
                        {"certificate_label", certificate_label},
                        {"implicit_member", implicit_member},
                        {"org_wide", org_wide},
                        {"minimum_necessary", minimum_necessary}};
}

int ClassDimension::LevelIndex(std::string_view level) const {
  for (size_t i = 0; i < levels.size(); ++i)
    if (levels[i].code == level) return static_cast<int>(i);
  return -1;
}

const ClassDimension* ClassificationScheme::FindDimension(std::string_view c) const {
  for (const auto& d : dimensions)
    if (d.code == c) return &d;
  return nullptr;
}

const RoleDef* Profile::FindRole(std::string_view code) const {
  for (const auto& r : roles)
    if (r.code == code) return &r;
  return nullptr;
}

const ClauseDef* Profile::FindClause(std::string_view ref) const {
  for (const auto& c : clauses)
    if (c.ref == ref) return &c;
  return nullptr;
}

const UnitKind* Profile::FindUnitKind(std::string_view code) const {
  for (const auto& k : unit_kinds)
    if (k.code == code) return &k;
  return nullptr;
}

namespace {

Status UnknownProfile(std::string_view name) {
  return Status::Error(ErrorKind::kInvalidArgument, "profile.unknown", "",
                       "プロファイルがありません: " + std::string(name), "Unknown profile: " + std::string(name));
}

enum class FileNeed { kRequired, kOptional };

// Reads profiles/<name>/<base> and hands its top level to `read`.
void ReadFile(LoadState& s, const std::string& base, FileNeed need, const std::function<void(MapReader&)>& read) {
  const std::string rel = s.profile.name + "/" + base;
  const std::string file = s.Display(rel);
  auto text = s.files.Read(rel);
  if (!text) {
    if (need == FileNeed::kRequired)
      s.Error(SourceLoc{file, 1, 1}, "", "必須のファイル " + base + " がありません。",
              "the required file " + base + " is missing");
    return;
  }
  auto root = profile_internal::ParseFile(file, *text, s.errors);
  if (!root) return;
  MapReader m(file, *root, "", s.errors);
  if (m.ok()) read(m);
}

void ReadFolder(LoadState& s) {
  using namespace profile_internal;
  static const std::vector<std::string> kKnown = {"profile.yaml",        "roles.yaml",    "clauses.yaml",
                                                  "classification.yaml", "forms.yaml",    "obligations.yaml",
                                                  "rules.yaml",          "reporting.yaml", "people.yaml",
                                                  "training.yaml"};
  for (const auto& f : s.files.List(s.profile.name))
    if (std::find(kKnown.begin(), kKnown.end(), f) == kKnown.end())
      s.Error(SourceLoc{s.Display(s.profile.name + "/" + f), 1, 1}, "",
              "不明なファイルです（使えるファイル: profile.yaml, roles.yaml, clauses.yaml, classification.yaml, "
              "forms.yaml, obligations.yaml, rules.yaml, reporting.yaml, people.yaml, training.yaml）。",
              "unknown file (a profile holds profile.yaml, roles.yaml, clauses.yaml, classification.yaml, forms.yaml, "
              "obligations.yaml, rules.yaml, reporting.yaml, people.yaml, training.yaml)");
  // clauses.yaml first: included parts append their clauses after the document's own.
  ReadFile(s, "clauses.yaml", FileNeed::kRequired, [&](MapReader& m) { ReadClauses(s, m, kRequired); });
  ReadFile(s, "profile.yaml", FileNeed::kRequired, [&](MapReader& m) { ReadProfileYaml(s, m); });
  ReadFile(s, "roles.yaml", FileNeed::kRequired, [&](MapReader& m) { ReadRoles(s, m, false); });
  ReadFile(s, "classification.yaml", FileNeed::kOptional, [&](MapReader& m) {
    ReadSchemes(s, m);
    ReadMatrices(s, m);
  });
  ReadFile(s, "forms.yaml", FileNeed::kOptional, [&](MapReader& m) { ReadForms(s, m); });
  ReadFile(s, "obligations.yaml", FileNeed::kOptional, [&](MapReader& m) {
    ReadObligations(s, m);
    ReadTriggers(s, m);
  });
  ReadFile(s, "rules.yaml", FileNeed::kOptional, [&](MapReader& m) { ReadRules(s, m); });
  ReadFile(s, "reporting.yaml", FileNeed::kOptional, [&](MapReader& m) { ReadChains(s, m); });
  ReadFile(s, "people.yaml", FileNeed::kOptional, [&](MapReader& m) { ReadPeople(s, m); });
  ReadFile(s, "training.yaml", FileNeed::kOptional, [&](MapReader& m) { ReadTraining(s, m); });
  if (s.profile.legal_basis.empty()) s.profile.legal_basis = s.profile.document.legal_basis;
}

void Finish(LoadState& s, const ProfileLoadOptions& options) {
  profile_internal::CheckReferences(s);
  profile_internal::CheckClauses(s);
  profile_internal::DeriveRoleClauses(s.profile);
  if (options.check_sql) profile_internal::CheckSql(s);
  if (options.known_commands)
    for (auto& e : CheckProfileCommands(s.profile, *options.known_commands)) s.errors.Add(e.at, e.path, e.ja, e.en);
}

}  // namespace

std::vector<ProfileError> ValidateProfile(const ProfileFiles& files, std::string_view name,
                                          const ProfileLoadOptions& options, Profile* out) {
  Profile p;
  p.name = std::string(name);
  p.root = files.root();
  LoadState s(files, p);
  if (name.empty() || name.find('/') != std::string_view::npos || !files.Read(p.name + "/profile.yaml")) {
    s.Error(SourceLoc{files.Display(p.name + "/profile.yaml"), 1, 1}, "", "プロファイルがありません: " + p.name,
            "no profile \"" + p.name + "\" (no profile.yaml)");
  } else {
    ReadFolder(s);
    Finish(s, options);
  }
  if (out) *out = std::move(p);
  return s.errors.Sorted();
}

std::vector<ProfileError> ValidatePart(const ProfileFiles& files, std::string_view part,
                                       const ProfileLoadOptions& options) {
  Profile p;
  p.root = files.root();
  LoadState s(files, p);
  s.check_roles = false;
  const std::string rel = std::string(part) + ".yaml", file = files.Display(rel);
  auto text = files.Read(rel);
  if (!text) {
    s.Error(SourceLoc{file, 1, 1}, "", "部品がありません。", "no such shared part");
    return s.errors.Sorted();
  }
  auto root = profile_internal::ParseFile(file, *text, s.errors);
  if (root) {
    MapReader m(file, *root, "", s.errors);
    if (m.ok()) ReadPart(s, m, std::string(part.substr(part.rfind('/') + 1)));
  }
  Finish(s, options);
  return s.errors.Sorted();
}

Result<Profile> LoadProfile(const ProfileFiles& files, std::string_view name, const ProfileLoadOptions& options) {
  if (!files.Read(std::string(name) + "/profile.yaml")) return UnknownProfile(name);
  Profile p;
  auto errors = ValidateProfile(files, name, options, &p);
  if (!errors.empty()) return ProfileErrorsToStatus(errors);
  return p;
}

Result<Profile> LoadRolesFile(std::string_view yaml, std::string_view file) {
  static const ProfileFiles kNoFiles = ProfileFiles::FromMap({}, "");
  Profile p;
  LoadState s(kNoFiles, p);
  auto root = profile_internal::ParseFile(std::string(file), std::string(yaml), s.errors);
  if (root) {
    MapReader m(std::string(file), *root, "", s.errors);
    if (m.ok()) ReadRoles(s, m, true);
  }
  profile_internal::CheckReferences(s);
  if (p.legal_basis.empty()) p.legal_basis = p.document.legal_basis;
  RETURN_IF_ERROR(ProfileErrorsToStatus(s.errors.Sorted()));
  return p;
}

std::vector<ProfileError> CheckProfileCommands(const Profile& profile, const std::vector<std::string>& known) {
  std::vector<ProfileError> out;
  for (const CommandRef& c : profile.command_refs)
    if (std::find(known.begin(), known.end(), c.command) == known.end())
      out.push_back(ProfileError{c.at, c.path, "コマンド \"" + c.command + "\" はこの mamori にありません。",
                                 "no command \"" + c.command + "\" in this build of mamori"});
  return out;
}

Result<std::shared_ptr<const Profile>> EmbeddedProfile(std::string_view name) {
  static std::mutex mu;
  static std::map<std::string, Result<std::shared_ptr<const Profile>>, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  auto loaded = LoadProfile(ProfileFiles::Embedded(), name);
  Result<std::shared_ptr<const Profile>> r =
      loaded.ok() ? Result<std::shared_ptr<const Profile>>(std::make_shared<const Profile>(std::move(loaded).value()))
                  : Result<std::shared_ptr<const Profile>>(loaded.status());
  cache.emplace(std::string(name), r);
  return r;
}

Status CheckProfilesTogether(const std::vector<std::shared_ptr<const Profile>>& profiles) {
  std::vector<ProfileError> errors;
  for (size_t i = 0; i < profiles.size(); ++i)
    for (size_t j = 0; j < i; ++j) {
      if (profiles[i]->name == profiles[j]->name) continue;
      for (size_t k = 0; k < profiles[i]->roles.size(); ++k) {
        const RoleDef& r = profiles[i]->roles[k];
        const RoleDef* other = profiles[j]->FindRole(r.code);
        if (!other) continue;
        const std::string where = other->where.file + ":" + std::to_string(other->where.line);
        errors.push_back(ProfileError{r.where, "roles[" + std::to_string(k) + "]",
                                      "ロール \"" + r.code + "\" は " + where + " でも定義されています。",
                                      "role \"" + r.code + "\" is also defined in " + where});
      }
    }
  return ProfileErrorsToStatus(errors);
}

Result<std::vector<std::shared_ptr<const Profile>>> LoadProfiles(const std::vector<std::string>& names,
                                                                 const ProfileLoadOptions& options) {
  std::vector<std::shared_ptr<const Profile>> out;
  std::vector<ProfileError> errors;
  for (const auto& name : names) {
    std::shared_ptr<const Profile> p;
    if (options.files) {
      ASSIGN_OR_RETURN(Profile loaded, LoadProfile(*options.files, name, ProfileLoadOptions{}));
      p = std::make_shared<const Profile>(std::move(loaded));
    } else {
      ASSIGN_OR_RETURN(p, EmbeddedProfile(name));
    }
    if (options.known_commands)
      for (auto& e : CheckProfileCommands(*p, *options.known_commands)) errors.push_back(std::move(e));
    out.push_back(std::move(p));
  }
  RETURN_IF_ERROR(ProfileErrorsToStatus(errors));
  RETURN_IF_ERROR(CheckProfilesTogether(out));
  return out;
}

}  // namespace mamori
