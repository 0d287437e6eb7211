// Readers of each section of a profile (docs/profiles.md): keys, types and closed sets are checked here;
// references between sections are collected and checked once every file is read (checks.cc). The
// classification sections are in classification.cc, rules in rules.cc.

#include <algorithm>
#include <regex>

#include "profile/load_state.h"

namespace mamori::profile_internal {
namespace {

const std::vector<std::string> kFormKinds = {"register", "form", "record"};
const std::vector<std::string> kEvery = {"fiscal_year", "year", "half_year", "quarter",
                                         "month",       "week", "workday",   "once"};
const std::vector<std::string> kPer = {"org", "unit", "system", "person", "facility"};
const std::vector<std::string> kEvidence = {"document", "record"};
const std::vector<std::string> kTriggers = {"person.created",
                                            "person.transferred",
                                            "person.left",
                                            "designation.created",
                                            "designation.changed",
                                            "designation.revoked",
                                            "account.created",
                                            "account.disabled",
                                            "item.registered",
                                            "item.returned",
                                            "item.received",
                                            "item.destroyed",
                                            "item.disposed",
                                            "item.lost",
                                            "reconciliation.discrepancy",
                                            "system.introduced",
                                            "system.changed",
                                            "system.retired",
                                            "incident.opened",
                                            "incident.closed",
                                            "audit.finding",
                                            "contract.started",
                                            "contract.ended",
                                            "policy.revised",
                                            "key.lost",
                                            "facility.changed"};
const std::vector<std::string> kCoverage = {"enforced", "recorded", "not_yet"};

// The capability list of ../shared/requirements.md §10: the first CAP number of each area A–Q.
constexpr int kAreaStart[] = {1, 17, 30, 39, 54, 67, 71, 77, 88, 109, 114, 120, 144, 156, 171, 174, 184, 186};

// "CAP-061" for "CAP-061" or "E-8"; "" if neither names a capability.
std::string NormalizeCap(const std::string& v) {
  static const std::regex kCap("CAP-([0-9]{3})"), kArea("([A-Q])-([0-9]{1,2})");
  std::smatch m;
  int n = 0;
  if (std::regex_match(v, m, kCap)) {
    n = std::stoi(m[1]);
  } else if (std::regex_match(v, m, kArea)) {
    const int area = m[1].str()[0] - 'A';
    n = kAreaStart[area] + std::stoi(m[2]) - 1;
    if (std::stoi(m[2]) < 1 || n >= kAreaStart[area + 1]) return "";
  }
  if (n < 1 || n > 185) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "CAP-%03d", n);
  return buf;
}

bool ValidMonthDay(const std::string& v) {
  static const std::regex kMd("([0-9]{2})-([0-9]{2})");
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  std::smatch m;
  if (!std::regex_match(v, m, kMd)) return false;
  const int month = std::stoi(m[1]), day = std::stoi(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= kDays[month - 1];
}

void ReadDocument(LoadState& s, MapReader& parent, Need need, DocumentDef* out) {
  YAML::Node node = parent.Raw("document");
  if (!node.IsDefined() || node.IsNull()) {
    if (need == kRequired) parent.Str("document");  // reports the missing key
    return;
  }
  MapReader m(parent.file(), node, parent.Path("document"), s.errors);
  DocumentDef d;
  d.code = m.Str("code");
  d.title_ja = m.Str("title_ja");
  d.title_en = m.Str("title_en");
  d.legal_basis = m.Str("legal_basis", kOptional);
  if (out) *out = d;
}

// profile.yaml `setup`: how `mamori init` sets the organization up (docs/profiles.md).
void ReadSetup(LoadState& s, MapReader& parent) {
  YAML::Node node = parent.Raw("setup");
  if (!node.IsDefined() || node.IsNull()) return;
  MapReader m(parent.file(), node, "setup", s.errors);
  if (!m.ok()) return;
  SetupDef d;
  d.clause = m.Str("clause");
  s.CiteValue(d.clause, m.At("clause"), m.Path("clause"), "setup", "organization");
  d.administrator_role = m.Str("administrator_role");
  d.root_unit_kind = m.Str("root_unit_kind");
  d.root_head_title_ja = m.Str("root_head_title_ja");
  const SourceLoc role_at = m.At("administrator_role"), kind_at = m.At("root_unit_kind");
  if (!d.administrator_role.empty())
    s.role_refs.push_back(Ref{d.administrator_role, "setup.administrator_role", role_at});
  // Once roles.yaml is read: the administrator creates units, people and accounts (org.admin) and is
  // designated by the system at the root, so the role needs no designator or pool.
  s.deferred.push_back([&s, d, role_at, kind_at] {
    const Profile& p = s.profile;
    if (!d.root_unit_kind.empty() && !p.FindUnitKind(d.root_unit_kind))
      s.Error(kind_at, "setup.root_unit_kind", "組織の種別 \"" + d.root_unit_kind + "\" は unit_kinds にありません。",
              "unknown unit kind \"" + d.root_unit_kind + "\" (not in unit_kinds)");
    const RoleDef* r = p.FindRole(d.administrator_role);
    if (!r || !s.check_roles) return;
    const bool admin = std::find(r->permissions.begin(), r->permissions.end(), "org.admin") != r->permissions.end();
    if (r->implicit_member || !r->eligible_pool.empty() || !admin)
      s.Error(role_at, "setup.administrator_role",
              "管理者の役割 \"" + r->code + "\" は org.admin の権限を与え、所属による役割でなく、eligible_pool の"
              "ないものでなければなりません。",
              "the administrator's role \"" + r->code + "\" must grant org.admin, be designated (not implicit_member) "
              "and have no eligible_pool");
  });
  s.profile.setup = std::move(d);
}

}  // namespace

void LoadState::CiteValue(const std::string& clause, const SourceLoc& at, const std::string& path,
                          const std::string& kind, const std::string& code) {
  if (clause.empty()) return;
  profile.citations.push_back(Citation{clause, kind, code, at});
  clause_refs.push_back(Ref{clause, path, at});
}

std::string LoadState::Code(MapReader& m, const std::string& section) {
  const std::string code = m.Str("code");
  if (code.empty()) return code;
  if (!codes[section].insert(code).second)
    m.Error("code", section + " のコード \"" + code + "\" が重複しています。",
            "duplicate code \"" + code + "\" in " + section);
  return code;
}

void LoadState::RoleRefs(const std::vector<Item>& items) {
  for (const Item& i : items) role_refs.push_back(Ref{i.value, i.path, i.at});
}

void LoadState::RoleRef(MapReader& m, const std::string& key, Need need) {
  const std::string v = m.Str(key, need);
  if (!v.empty()) role_refs.push_back(Ref{v, m.Path(key), m.At(key)});
}

// ---- profile.yaml ----------------------------------------------------------------------------

void ReadProfileYaml(LoadState& s, MapReader& m) {
  Profile& p = s.profile;
  const std::string name = m.Str("profile");
  if (!name.empty() && name != p.name)
    m.Error("profile", "profile \"" + name + "\" はフォルダ名 \"" + p.name + "\" と同じでなければなりません。",
            "profile \"" + name + "\" must equal the folder name \"" + p.name + "\"");
  p.version = static_cast<int>(m.Int("version", kRequired, 1, 1000000).value_or(0));
  ReadDocument(s, m, kRequired, &p.document);
  for (const Item& inc : m.StrList("includes")) {
    p.includes.push_back(inc.value);
    const std::string rel = inc.value + ".yaml";
    const size_t slash = inc.value.find('/');
    std::optional<std::string> text;
    if (inc.value.find("..") == std::string::npos && slash != std::string::npos && slash > 0) text = s.files.Read(rel);
    if (!text || s.files.Read(inc.value.substr(0, slash) + "/profile.yaml")) {
      s.Error(inc.at, inc.path, "取り込む部品 " + s.Display(rel) + " がありません。",
              "no shared part " + s.Display(rel) + " to include");
      continue;
    }
    const std::string file = s.Display(rel);
    auto root = ParseFile(file, *text, s.errors);
    if (!root) continue;
    MapReader part(file, *root, "", s.errors);
    if (part.ok()) ReadPart(s, part, inc.value.substr(inc.value.rfind('/') + 1));
  }
  m.ForEachMap("unit_kinds", kOptional, [&](MapReader& k, size_t) {
    UnitKind u;
    u.code = s.Code(k, "unit_kinds");
    u.name_ja = k.Str("name_ja");
    u.name_en = k.Str("name_en");
    u.clause = k.Str("clause", kOptional);
    s.CiteValue(u.clause, k.At("clause"), k.Path("clause"), "unit_kind", u.code);
    p.unit_kinds.push_back(std::move(u));
  });
  ReadSetup(s, m);
  if (m.Has("fiscal_year_start")) {
    const std::string fy = m.Str("fiscal_year_start");
    if (ValidMonthDay(fy))
      p.fiscal_year_start = fy;
    else
      m.Error("fiscal_year_start", "\"MM-DD\" 形式の日付でなければなりません（例: \"04-01\"）。",
              "expected a date \"MM-DD\" (e.g. \"04-01\")");
  } else {
    m.Str("fiscal_year_start", kOptional);
  }
}

// ---- roles.yaml ------------------------------------------------------------------------------

namespace {

// A list of role pairs at separation.KEY; nullopt if the key is absent.
std::optional<std::vector<std::pair<std::string, std::string>>> ReadPairs(LoadState& s, MapReader& m,
                                                                          const std::string& key) {
  YAML::Node pairs = m.Raw(key);
  if (!pairs.IsDefined() || pairs.IsNull()) return std::nullopt;
  std::vector<std::pair<std::string, std::string>> out;
  if (!pairs.IsSequence()) {
    m.Error(key, "ロールの組のリストでなければなりません。", "expected a list of role pairs");
    return out;
  }
  for (size_t i = 0; i < pairs.size(); ++i) {
    const std::string path = "separation." + key + "[" + std::to_string(i) + "]";
    std::vector<Item> pair = ScalarList(m.file(), pairs[i], path, s.errors);
    if (pair.size() != 2) {
      s.Error(s.errors.Loc(m.file(), pairs[i]), path, "ロールコード二つの組でなければなりません。",
              "expected a pair of two role codes");
      continue;
    }
    s.RoleRefs(pair);
    out.emplace_back(pair[0].value, pair[1].value);
  }
  return out;
}

// Every pair of the profile's designated roles that `incompatible` does not name.
std::vector<std::pair<std::string, std::string>> Complement(
    const std::vector<RoleDef>& roles, const std::vector<std::pair<std::string, std::string>>& incompatible) {
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < roles.size(); ++i)
    for (size_t j = i + 1; j < roles.size(); ++j) {
      const std::string &a = roles[i].code, &b = roles[j].code;
      if (roles[i].implicit_member || roles[j].implicit_member) continue;
      const bool listed = std::any_of(incompatible.begin(), incompatible.end(), [&](const auto& x) {
        return (x.first == a && x.second == b) || (x.first == b && x.second == a);
      });
      if (!listed) out.emplace_back(a, b);
    }
  return out;
}

void ReadSeparation(LoadState& s, MapReader& parent) {
  YAML::Node node = parent.Raw("separation");
  if (!node.IsDefined() || node.IsNull()) return;
  MapReader m(parent.file(), node, "separation", s.errors);
  SeparationDef& sep = s.profile.separation;
  const bool has_pairs = m.Has("compatible") || m.Has("incompatible");
  sep.clause = m.Str("clause", has_pairs ? kRequired : kOptional);
  s.CiteValue(sep.clause, m.At("clause"), m.Path("clause"), "separation", "compatible");
  if (m.Has("compatible") && m.Has("incompatible"))
    m.Error("incompatible", "compatible と incompatible の一方だけを書いてください。",
            "give either compatible or incompatible, not both");
  auto compatible = ReadPairs(s, m, "compatible");
  auto incompatible = ReadPairs(s, m, "incompatible");
  if (compatible) {
    sep.has_compatible = true;
    sep.compatible = std::move(*compatible);
  } else if (incompatible) {
    sep.has_compatible = true;
    sep.incompatible = std::move(*incompatible);
    sep.compatible = Complement(s.profile.roles, sep.incompatible);
  }
  m.ForEachMap("four_eyes", kOptional, [&](MapReader& f, size_t) {
    FourEyesRule r;
    r.first = f.Str("first");
    r.second = f.Str("second");
    for (const char* key : {"first", "second"})
      if (f.Has(key))
        s.role_or_permission_refs.push_back(Ref{key[0] == 'f' ? r.first : r.second, f.Path(key), f.At(key)});
    r.clause = f.Str("clause");
    s.CiteValue(r.clause, f.At("clause"), f.Path("clause"), "separation", r.first + " / " + r.second);
    if (!r.first.empty() && r.first == r.second)
      f.Error("second", "first と second は別の行為でなければなりません。", "first and second must differ");
    sep.four_eyes.push_back(std::move(r));
  });
}

}  // namespace

void ReadRoles(LoadState& s, MapReader& m, bool standalone) {
  Profile& p = s.profile;
  const std::string name = m.Str("profile", standalone ? kRequired : kOptional);
  if (standalone) {
    p.name = name;
  } else if (!name.empty() && name != p.name) {
    m.Error("profile", "profile \"" + name + "\" はフォルダ名 \"" + p.name + "\" と同じでなければなりません。",
            "profile \"" + name + "\" must equal the folder name \"" + p.name + "\"");
  }
  const auto version = m.Int("version", kOptional, 1, 1000000);
  if (version && !standalone && p.version && *version != p.version)
    m.Error("version", "version は profile.yaml の " + std::to_string(p.version) + " と同じでなければなりません。",
            "version must equal profile.yaml's " + std::to_string(p.version));
  p.legal_basis = m.Str("legal_basis", kOptional);
  m.ForEachMap("permissions", kOptional, [&](MapReader& r, size_t) {
    PermissionDef d;
    d.code = s.Code(r, "permissions");
    d.clause = r.Str("clause");
    s.CiteValue(d.clause, r.At("clause"), r.Path("clause"), "permission", d.code);
    d.name_ja = r.Str("name_ja");
    d.name_en = r.Str("name_en");
    p.permissions.push_back(std::move(d));
  });
  m.ForEachMap("roles", kRequired, [&](MapReader& r, size_t) {
    RoleDef d;
    d.where = r.Here();
    d.code = s.Code(r, "roles");
    d.name_ja = r.Str("name_ja");
    d.name_en = r.Str("name_en");
    d.clause = r.Str("clause");
    s.CiteValue(d.clause, r.At("clause"), r.Path("clause"), "role", d.code);
    const auto designators = r.StrList("designated_by");
    s.RoleRefs(designators);
    for (const Item& i : designators) d.designated_by.push_back(i.value);
    for (const Item& i : r.StrList("permissions")) {
      d.permissions.push_back(i.value);
      s.permission_refs.push_back(Ref{i.value, i.path, i.at});
    }
    d.eligible_pool = r.Str("eligible_pool", kOptional);
    if (!d.eligible_pool.empty())
      s.role_refs.push_back(Ref{d.eligible_pool, r.Path("eligible_pool"), r.At("eligible_pool")});
    d.certificate = r.Bool("certificate");
    d.certificate_label = r.Str("certificate_label", d.certificate ? kRequired : kOptional);
    d.implicit_member = r.Bool("implicit_member");
    d.org_wide = r.Bool("org_wide");
    d.minimum_necessary = r.Bool("minimum_necessary");
    p.roles.push_back(std::move(d));
  });
  ReadSeparation(s, m);
}

// ---- clauses.yaml ----------------------------------------------------------------------------

void ReadClauses(LoadState& s, MapReader& m, Need need) {
  m.ForEachMap("clauses", need, [&](MapReader& c, size_t) {
    ClauseDef d;
    d.ref = c.Str("ref");
    if (!d.ref.empty() && !s.clause_entries.emplace(d.ref, Ref{d.ref, c.Path("ref"), c.At("ref")}).second)
      c.Error("ref", "条項 \"" + d.ref + "\" が重複しています。", "clause \"" + d.ref + "\" is listed twice");
    d.title_ja = c.Str("title_ja");
    d.title_en = c.Str("title_en");
    d.coverage = c.OneOf("coverage", kCoverage);
    for (const Item& cap : c.StrList("caps")) {
      const std::string id = NormalizeCap(cap.value);
      if (id.empty())
        s.Error(cap.at, cap.path, "\"" + cap.value + "\" は機能番号ではありません（CAP-001〜CAP-185）。",
                "\"" + cap.value + "\" is not a capability id (CAP-001 … CAP-185, or the area form E-8)");
      else
        d.caps.push_back(id);
    }
    for (const Item& cmd : c.StrList("commands")) {
      d.commands.push_back(cmd.value);
      s.profile.command_refs.push_back(CommandRef{cmd.value, cmd.path, cmd.at});
      s.profile.citations.push_back(Citation{d.ref, "command", cmd.value, cmd.at});
    }
    d.note_ja = c.Str("note_ja", kOptional);
    d.note_en = c.Str("note_en", kOptional);
    d.source = c.file();
    s.profile.clauses.push_back(std::move(d));
  });
}

// ---- forms.yaml ------------------------------------------------------------------------------

void ReadForms(LoadState& s, MapReader& m) {
  m.ForEachMap("forms", kOptional, [&](MapReader& f, size_t) {
    FormDef d;
    d.code = s.Code(f, "forms");
    d.clause = f.Str("clause");
    s.CiteValue(d.clause, f.At("clause"), f.Path("clause"), "form", d.code);
    d.kind = f.OneOf("kind", kFormKinds);
    d.name_ja = f.Str("name_ja");
    d.name_en = f.Str("name_en");
    std::set<std::string> keys;
    f.ForEachMap("columns", kRequired, [&](MapReader& c, size_t) {
      FormColumn col;
      col.key = c.Str("key");
      if (!col.key.empty() && !keys.insert(col.key).second)
        c.Error("key", "列 \"" + col.key + "\" が重複しています。", "duplicate column \"" + col.key + "\"");
      col.name_ja = c.Str("name_ja");
      col.name_en = c.Str("name_en");
      col.clause = c.Str("clause", kOptional);
      s.CiteValue(col.clause, c.At("clause"), c.Path("clause"), "form", d.code + "." + col.key);
      d.columns.push_back(std::move(col));
    });
    if (d.columns.empty() && f.Has("columns"))
      f.Error("columns", "列を一つ以上挙げてください。", "list at least one column");
    s.profile.forms.push_back(std::move(d));
  });
}

// ---- obligations.yaml ------------------------------------------------------------------------

void ReadObligations(LoadState& s, MapReader& m) {
  m.ForEachMap("obligations", kOptional, [&](MapReader& o, size_t) {
    ObligationDef d;
    d.code = s.Code(o, "obligations");
    d.clause = o.Str("clause");
    s.CiteValue(d.clause, o.At("clause"), o.Path("clause"), "obligation", d.code);
    d.name_ja = o.Str("name_ja");
    d.name_en = o.Str("name_en");
    d.every = o.OneOf("every", kEvery);
    d.per = o.OneOf("per", kPer);
    d.owner = o.Str("owner");
    s.RoleRef(o, "owner", kOptional);
    d.escalate_to = o.Str("escalate_to", kOptional);
    s.RoleRef(o, "escalate_to", kOptional);
    d.remind_before_days = static_cast<int>(o.Int("remind_before_days", kOptional, 0, 366).value_or(0));
    d.evidence = o.OneOf("evidence", kEvidence, kOptional, "record");
    for (const Item& c : o.StrList("completed_by")) {
      d.completed_by.push_back(c.value);
      s.profile.command_refs.push_back(CommandRef{c.value, c.path, c.at});
    }
    s.profile.obligations.push_back(std::move(d));
  });
}

void ReadTriggers(LoadState& s, MapReader& m) {
  m.ForEachMap("triggers", kOptional, [&](MapReader& t, size_t) {
    TriggerDef d;
    d.on = t.OneOf("on", kTriggers);
    d.clause = t.Str("clause");
    s.CiteValue(d.clause, t.At("clause"), t.Path("clause"), "trigger", d.on);
    const auto roles = t.StrList("roles");
    s.RoleRefs(roles);
    for (const Item& i : roles) d.roles.push_back(i.value);
    if (!d.roles.empty() && d.on.rfind("designation.", 0) != 0 && d.on.rfind("person.", 0) != 0)
      t.Error("roles", "roles は指定又は職員のイベント（designation.*, person.*）にだけ書けます。",
              "roles applies to designation.* and person.* events only");
    t.ForEachMap("raises", kRequired, [&](MapReader& r, size_t) {
      RaiseDef raise;
      raise.obligation = r.Str("obligation");
      if (!raise.obligation.empty())
        s.obligation_refs.push_back(Ref{raise.obligation, r.Path("obligation"), r.At("obligation")});
      raise.due_days = static_cast<int>(r.Int("due_days", kRequired, 0, 3650).value_or(0));
      raise.coalesce = r.Bool("coalesce");
      d.raises.push_back(std::move(raise));
    });
    if (d.raises.empty() && t.Has("raises"))
      t.Error("raises", "義務を一つ以上挙げてください。", "raise at least one obligation");
    s.profile.triggers.push_back(std::move(d));
  });
}

// ---- reporting.yaml --------------------------------------------------------------------------

void ReadChains(LoadState& s, MapReader& m) {
  m.ForEachMap("chains", kOptional, [&](MapReader& c, size_t) {
    ReportingChain d;
    d.code = s.Code(c, "chains");
    d.clause = c.Str("clause");
    s.CiteValue(d.clause, c.At("clause"), c.Path("clause"), "chain", d.code);
    d.name_ja = c.Str("name_ja", kOptional);
    d.name_en = c.Str("name_en", kOptional);
    const auto steps = c.StrList("steps", kRequired);
    if (steps.empty() && c.Has("steps")) c.Error("steps", "ロールを一つ以上挙げてください。", "list at least one role");
    s.RoleRefs(steps);
    for (const Item& i : steps) d.steps.push_back(i.value);
    s.profile.chains.push_back(std::move(d));
  });
}

// ---- shared parts ----------------------------------------------------------------------------

void ReadPart(LoadState& s, MapReader& m, const std::string& stem) {
  const std::string name = m.Str("part");
  if (!name.empty() && name != stem)
    m.Error("part", "part \"" + name + "\" はファイル名 \"" + stem + "\" と同じでなければなりません。",
            "part \"" + name + "\" must equal the file name \"" + stem + "\"");
  m.Int("version", kRequired, 1, 1000000);
  ReadDocument(s, m, kOptional, nullptr);
  ReadSchemes(s, m);
  ReadMatrices(s, m);
  ReadForms(s, m);
  ReadObligations(s, m);
  ReadTriggers(s, m);
  ReadRules(s, m);
  ReadChains(s, m);
  ReadClauses(s, m, kOptional);
}

}  // namespace mamori::profile_internal
