// `mamori profile list|validate|coverage` and `mamori init --profile`, through the real binary; and the
// coverage reports in docs/coverage/ are what the binary generates (scripts/coverage.sh).

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "server_harness.h"

namespace mamori::test {
namespace {

void Write(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(ProfileCliTest, ListsTheEmbeddedProfiles) {
  CommandResult help = RunMamori({"--help"});
  EXPECT_NE(help.out.find("  profile "), std::string::npos) << help.All();
  CommandResult r = RunMamori({"profile", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.All();
  EXPECT_NE(r.out.find("mod-internal"), std::string::npos) << r.All();
  EXPECT_NE(r.out.find("v1   000 防衛省本省の内部部局情報保証実施規程"), std::string::npos) << r.All();
}

TEST(ProfileCliTest, ValidatePrintsEveryErrorWithFileLineAndColumn) {
  CommandResult ok = RunMamori({"profile", "validate", "mod-internal"});
  EXPECT_EQ(ok.exit_code, 0) << ok.All();
  EXPECT_NE(ok.out.find("mod-internal: OK"), std::string::npos) << ok.All();

  TempDir dir;
  const std::string folder = dir.Sub("profiles/broken");
  Write(folder + "/profile.yaml",
        "profile: broken\nversion: 1\ndocument: {code: B, title_ja: 壊れた, title_en: Broken}\n");
  Write(folder + "/roles.yaml",
        "roles:\n  - {code: a, name_ja: 甲, name_en: A, clause: \"B 1\", designated_by: [zz]}\n");
  Write(folder + "/clauses.yaml", "clauses:\n  - {ref: \"B 1\", title_ja: 一, title_en: One, coverage: maybe}\n");
  CommandResult bad = RunMamori({"profile", "validate", "--dir", folder});
  EXPECT_EQ(bad.exit_code, 1) << bad.All();
  EXPECT_NE(bad.out.find(folder + "/roles.yaml:2:70: roles[0].designated_by[0]: unknown role \"zz\""),
            std::string::npos)
      << bad.All();
  EXPECT_NE(bad.out.find(folder + "/clauses.yaml:2:56: clauses[0].coverage: unknown coverage \"maybe\""),
            std::string::npos)
      << bad.All();
  EXPECT_NE(bad.out.find("ロール \"zz\" はありません"), std::string::npos) << bad.All();
  EXPECT_NE(bad.out.find("2 error(s)"), std::string::npos) << bad.All();
  // A profiles root: every folder in it.
  CommandResult root = RunMamori({"profile", "validate", "--dir", dir.Sub("profiles")});
  EXPECT_EQ(root.exit_code, 1) << root.All();
  EXPECT_NE(root.out.find("roles[0].designated_by[0]"), std::string::npos) << root.All();
  CommandResult unknown = RunMamori({"profile", "validate", "no-such-profile"});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.All();
}

TEST(ProfileCliTest, CoverageAsJsonAndMarkdown) {
  CommandResult r = RunMamori({"profile", "coverage", "mod-internal", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.All();
  const Json j = Json::parse(r.out);
  EXPECT_EQ(j["profile"], "mod-internal");
  EXPECT_EQ(j["document"]["code"], "000");
  bool found = false;
  for (const auto& c : j["clauses"]) {
    if (c["ref"] != "000 第4 7(1)") continue;
    found = true;
    EXPECT_EQ(c["coverage"], "enforced");
    EXPECT_EQ(c["cited_by"]["roles"], Json::array({"destruction_witness"}));
    EXPECT_EQ(c["cited_by"]["permissions"], Json::array({"ledger.destroy"}));
    EXPECT_EQ(c["cited_by"]["commands"], Json::array({"item.record_destruction", "item.witness_destruction"}));
  }
  EXPECT_TRUE(found) << r.out;
  TempDir dir;
  CommandResult md = RunMamori({"profile", "coverage", "mod-internal", "--out", dir.Sub("c.md")});
  ASSERT_EQ(md.exit_code, 0) << md.All();
  EXPECT_EQ(Read(dir.Sub("c.md")).rfind("# Coverage of 000 ", 0), 0u);
}

// docs/coverage/NAME.md must be what `mamori profile coverage NAME` prints: run scripts/coverage.sh
// after changing a profile.
TEST(ProfileCliTest, CoverageReportsInDocsAreCurrent) {
  CommandResult list = RunMamori({"profile", "list"});
  ASSERT_EQ(list.exit_code, 0);
  std::istringstream lines(list.out);
  std::string line;
  int checked = 0;
  while (std::getline(lines, line)) {
    const std::string name = line.substr(0, line.find(' '));
    if (name.empty() || line.find("(shared part)") != std::string::npos) continue;
    CommandResult r = RunMamori({"profile", "coverage", name});
    if (r.exit_code != 0) {
      ADD_FAILURE() << name << " does not load:\n" << r.All();
      continue;
    }
    EXPECT_EQ(Read(std::string(MAMORI_SOURCE_DIR) + "/docs/coverage/" + name + ".md"), r.out)
        << "docs/coverage/" << name << ".md is out of date: run scripts/coverage.sh";
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

// Every clause a C++ source cites in a string (a Field, a refusal) is listed by a shipped profile.
TEST(ProfileCliTest, EveryClauseTheCodeCitesIsListed) {
  std::set<std::string> listed;
  for (const char* name : {"mod-internal", "defense-contractor", "municipality"}) {
    CommandResult r = RunMamori({"profile", "coverage", name, "--format", "json"});
    if (r.exit_code != 0) continue;  // reported by CoverageReportsInDocsAreCurrent
    const Json report = Json::parse(r.out);
    for (const auto& c : report["clauses"]) listed.insert(c["ref"].get<std::string>());
  }
  ASSERT_FALSE(listed.empty());
  const std::regex kCited("\"((000|001|003|004)[ -][^\"]*)\"");
  int cited = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(MAMORI_SOURCE_DIR) + "/src")) {
    const std::string path = e.path().string();
    if (!e.is_regular_file() || path.find("_test.cc") != std::string::npos) continue;
    if (path.size() < 3 || (path.substr(path.size() - 3) != ".cc" && path.substr(path.size() - 2) != ".h")) continue;
    const std::string text = Read(path);
    for (std::sregex_iterator it(text.begin(), text.end(), kCited), end; it != end; ++it) {
      ++cited;
      EXPECT_TRUE(listed.count((*it)[1])) << path << " cites " << (*it)[1] << ", which no profile's clauses.yaml lists";
    }
  }
  EXPECT_GT(cited, 100);
}

TEST(ProfileCliTest, InitTakesTheProfilesGiven) {
  TempDir dir;
  CommandResult r = RunMamori(
      {"init", "--var", dir.Sub("var"), "--profile", "mod-internal", "--admin-password", "admin-password-0001"});
  ASSERT_EQ(r.exit_code, 0) << r.All();
  EXPECT_NE(r.out.find("(profile mod-internal)"), std::string::npos) << r.All();
  CommandResult twice = RunMamori({"init", "--var", dir.Sub("var2"), "--profile", "mod-internal", "--profile",
                                   "mod-internal", "--admin-password", "admin-password-0001"});
  EXPECT_EQ(twice.exit_code, 1) << twice.All();
  EXPECT_NE(twice.err.find("org.profile_taken"), std::string::npos) << twice.All();
  CommandResult unknown = RunMamori(
      {"init", "--var", dir.Sub("var3"), "--profile", "no-such-profile", "--admin-password", "admin-password-0001"});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.All();
  EXPECT_NE(unknown.err.find("profile.unknown"), std::string::npos) << unknown.All();
}

}  // namespace
}  // namespace mamori::test
