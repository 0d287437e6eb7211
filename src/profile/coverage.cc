#include "profile/coverage.h"

#include <algorithm>

namespace mamori {
namespace {

using Json = nlohmann::json;

// Citation kinds in the order the report shows them, with their plural keys.
const std::vector<std::pair<std::string, std::string>>& Kinds() {
  static const std::vector<std::pair<std::string, std::string>> kKinds = {{"role", "roles"},
                                                                          {"permission", "permissions"},
                                                                          {"separation", "separation"},
                                                                          {"unit_kind", "unit_kinds"},
                                                                          {"setup", "setup"},
                                                                          {"scheme", "schemes"},
                                                                          {"handling", "handling"},
                                                                          {"matrix", "matrices"},
                                                                          {"form", "forms"},
                                                                          {"obligation", "obligations"},
                                                                          {"trigger", "triggers"},
                                                                          {"rule", "rules"},
                                                                          {"chain", "chains"},
                                                                          {"agreement", "agreements"},
                                                                          {"roster", "rosters"},
                                                                          {"training", "training"},
                                                                          {"command", "commands"}};
  return kKinds;
}

Json CitedBy(const Profile& p, const std::string& ref) {
  Json out = Json::object();
  for (const auto& [kind, key] : Kinds()) {
    std::vector<std::string> codes;
    for (const Citation& c : p.citations)
      if (c.clause == ref && c.kind == kind && std::find(codes.begin(), codes.end(), c.code) == codes.end())
        codes.push_back(c.code);
    if (!codes.empty()) out[key] = codes;
  }
  return out;
}

std::string CitedByText(const Json& cited) {
  std::string out;
  for (const auto& [kind, key] : Kinds()) {
    if (!cited.contains(key)) continue;
    std::string codes;
    for (const auto& c : cited[key]) codes += (codes.empty() ? "" : ", ") + ("`" + c.get<std::string>() + "`");
    out += (out.empty() ? "" : "; ") + key + ": " + codes;
  }
  return out.empty() ? "—" : out;
}

// Markdown table cells: no pipes or line breaks.
std::string Cell(std::string s) {
  for (size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

const char* CoverageLabel(const std::string& c) {
  if (c == "enforced") return "enforced";
  if (c == "recorded") return "recorded only";
  return "not yet";
}

}  // namespace

Json CoverageJson(const Profile& p) {
  Json clauses = Json::array();
  int enforced = 0, recorded = 0, not_yet = 0;
  for (const ClauseDef& c : p.clauses) {
    (c.coverage == "enforced" ? enforced : c.coverage == "recorded" ? recorded : not_yet)++;
    clauses.push_back(Json{{"ref", c.ref},
                           {"title_ja", c.title_ja},
                           {"title_en", c.title_en},
                           {"coverage", c.coverage},
                           {"caps", c.caps},
                           {"note_ja", c.note_ja},
                           {"note_en", c.note_en},
                           {"source", c.source},
                           {"cited_by", CitedBy(p, c.ref)}});
  }
  Json others = Json::array();
  for (const auto& ref : p.foreign_clauses) others.push_back(Json{{"ref", ref}, {"cited_by", CitedBy(p, ref)}});
  return Json{{"profile", p.name},
              {"version", p.version},
              {"document", Json{{"code", p.document.code},
                                {"title_ja", p.document.title_ja},
                                {"title_en", p.document.title_en},
                                {"legal_basis", p.document.legal_basis}}},
              {"summary", Json{{"enforced", enforced},
                               {"recorded", recorded},
                               {"not_yet", not_yet},
                               {"total", enforced + recorded + not_yet}}},
              {"clauses", clauses},
              {"other_documents", others}};
}

std::string CoverageMarkdown(const Profile& p) {
  const Json j = CoverageJson(p);
  std::string out;
  out += "# Coverage of " + p.document.code + " " + p.document.title_ja + "\n\n";
  out += "Profile `" + p.name + "` version " + std::to_string(p.version) + " — " + p.document.title_en + ".\n";
  out += "Generated by `mamori profile coverage " + p.name + " --format md` (scripts/coverage.sh); do not edit.\n\n";
  const Json& s = j["summary"];
  out += "| coverage | clauses |\n|---|---|\n";
  out += "| enforced | " + s["enforced"].dump() + " |\n";
  out += "| recorded only | " + s["recorded"].dump() + " |\n";
  out += "| not yet | " + s["not_yet"].dump() + " |\n";
  out += "| total | " + s["total"].dump() + " |\n\n";
  out +=
      "*enforced*: a command refuses what the clause forbids, or a rule reports it. *recorded only*: mamori "
      "keeps the record the clause asks for but cannot judge it. *not yet*: not covered.\n\n";
  out += "| clause | title | coverage | CAP | cited by |\n|---|---|---|---|---|\n";
  for (const auto& c : j["clauses"]) {
    std::string caps;
    for (const auto& cap : c["caps"]) caps += (caps.empty() ? "" : ", ") + cap.get<std::string>();
    std::string title = c["title_ja"].get<std::string>() + "<br>" + c["title_en"].get<std::string>();
    if (!c["note_en"].get<std::string>().empty())
      title += "<br>*" + c["note_ja"].get<std::string>() + " " + c["note_en"].get<std::string>() + "*";
    out += "| " + Cell(c["ref"]) + " | " + Cell(title) + " | " + CoverageLabel(c["coverage"]) + " | " +
           (caps.empty() ? "—" : caps) + " | " + Cell(CitedByText(c["cited_by"])) + " |\n";
  }
  if (!j["other_documents"].empty()) {
    out += "\n## Clauses of other documents cited\n\n| clause | cited by |\n|---|---|\n";
    for (const auto& c : j["other_documents"])
      out += "| " + Cell(c["ref"]) + " | " + Cell(CitedByText(c["cited_by"])) + " |\n";
  }
  return out;
}

}  // namespace mamori
