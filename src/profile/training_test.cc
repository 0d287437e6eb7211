// training.yaml (src/profile/training.cc): programs load with their contents and audience; unknown keys,
// unknown roles, uncited clauses, duplicate keys and a duty completed by training.record without a program
// of its code are errors naming the file and key path. The embedded profiles' programs load.

#include <gtest/gtest.h>

#include <algorithm>

#include "profile/profile.h"

namespace mamori {
namespace {

using Files = std::map<std::string, std::string>;

Files Base(const std::string& training, const std::string& obligations = "") {
  Files f = {
      {"test/profile.yaml", R"y(profile: test
version: 1
document: {code: "T", title_ja: テスト規程, title_en: Test rules}
)y"},
      {"test/roles.yaml", R"y(permissions:
  - {code: training.record, clause: "T 4", name_ja: 教育の記録, name_en: record training}
roles:
  - {code: boss, name_ja: 長, name_en: Boss, clause: "T 1", org_wide: true, permissions: [training.record]}
  - {code: handler, name_ja: 取扱者, name_en: Handler, clause: "T 1", designated_by: [boss]}
)y"},
      {"test/clauses.yaml", R"y(clauses:
  - {ref: "T 1", title_ja: 一, title_en: One, coverage: recorded}
  - {ref: "T 1(1)", title_ja: 一の一, title_en: One one, coverage: recorded}
  - {ref: "T 4", title_ja: 記録, title_en: Records, coverage: recorded}
)y"},
      {"test/training.yaml", training}};
  if (!obligations.empty()) f["test/obligations.yaml"] = obligations;
  return f;
}

const char* const kValid = R"y(programs:
  - code: yearly
    clause: "T 1"
    record_clause: "T 4"
    name_ja: 年次教育
    name_en: Yearly training
    every: fiscal_year
    audience: [handler]
    contents:
      - {key: basics, clause: "T 1(1)", text_ja: 基本, text_en: Basics}
      - {key: more, text_ja: 応用, text_en: More}
)y";

std::vector<ProfileError> Validate(const Files& f) {
  const std::vector<std::string> known = {"training.record"};
  ProfileLoadOptions o;
  o.known_commands = &known;
  o.check_sql = false;
  return ValidateProfile(ProfileFiles::FromMap(f), "test", o);
}

bool HasError(const std::vector<ProfileError>& errors, const std::string& path, const std::string& en_part) {
  return std::any_of(errors.begin(), errors.end(), [&](const ProfileError& e) {
    return e.at.file == "profiles/test/training.yaml" && e.path == path && e.en.find(en_part) != std::string::npos;
  });
}

std::string Dump(const std::vector<ProfileError>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.ToString() + "\n";
  return out;
}

TEST(TrainingProfile, ProgramsLoadWithContentsAndAudience) {
  Profile p;
  const auto errors = ValidateProfile(ProfileFiles::FromMap(Base(kValid)), "test", ProfileLoadOptions{nullptr, nullptr, false}, &p);
  ASSERT_TRUE(errors.empty()) << Dump(errors);
  ASSERT_EQ(p.training_programs.size(), 1u);
  const TrainingProgramDef& t = p.training_programs[0];
  EXPECT_EQ(t.code, "yearly");
  EXPECT_EQ(t.record_clause, "T 4");
  EXPECT_EQ(t.every, "fiscal_year");
  EXPECT_EQ(t.audience, std::vector<std::string>{"handler"});
  ASSERT_EQ(t.contents.size(), 2u);
  EXPECT_EQ(t.contents[0].clause, "T 1(1)");
  EXPECT_EQ(t.contents[1].key, "more");
}

TEST(TrainingProfile, ErrorsNameTheKeyPath) {
  std::string bad = kValid;
  bad.replace(bad.find("every: fiscal_year"), 18, "every: weekly\n    colour: blue");
  bad.replace(bad.find("[handler]"), 9, "[janitor]");
  bad.replace(bad.find("\"T 1(1)\""), 8, "\"T 9\"");
  bad += "      - {key: basics, text_ja: 重複, text_en: Duplicate}\n";
  const auto errors = Validate(Base(bad));
  EXPECT_TRUE(HasError(errors, "programs[0].every", "")) << Dump(errors);
  EXPECT_TRUE(HasError(errors, "programs[0].colour", "")) << Dump(errors);
  EXPECT_TRUE(HasError(errors, "programs[0].audience[0]", "janitor")) << Dump(errors);
  EXPECT_TRUE(HasError(errors, "programs[0].contents[0].clause", "T 9")) << Dump(errors);
  EXPECT_TRUE(HasError(errors, "programs[0].contents[2].key", "duplicate")) << Dump(errors);
}

TEST(TrainingProfile, DutyCompletedByTrainingRecordNeedsAProgramOfItsCode) {
  const std::string obligations = R"y(obligations:
  - {code: yearly, clause: "T 1", name_ja: 年次, name_en: Yearly, every: fiscal_year, per: unit, owner: boss,
     completed_by: [training.record]}
  - {code: other, clause: "T 1", name_ja: 他, name_en: Other, every: fiscal_year, per: unit, owner: boss,
     completed_by: [training.record]}
)y";
  const auto errors = Validate(Base(kValid, obligations));
  ASSERT_EQ(errors.size(), 1u) << Dump(errors);
  EXPECT_NE(errors[0].en.find("\"other\""), std::string::npos) << Dump(errors);
}

TEST(TrainingProfile, EmbeddedProfilesHaveTheirPrograms) {
  auto dc = EmbeddedProfile("defense-contractor");
  ASSERT_TRUE(dc.ok()) << dc.status().ToString();
  std::vector<std::string> codes;
  for (const auto& t : (*dc)->training_programs) codes.push_back(t.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"handler_training", "role_training", "triggered_training"}));
  EXPECT_EQ((*dc)->training_programs[0].contents.size(), 7u);
  EXPECT_EQ((*dc)->training_programs[0].contents[3].clause, "001 第7 1(4)");
  EXPECT_EQ((*dc)->training_programs[2].contents.size(), 7u);  // the training of 第7 1
  auto mod = EmbeddedProfile("mod-internal");
  ASSERT_TRUE(mod.ok()) << mod.status().ToString();
  ASSERT_EQ((*mod)->training_programs.size(), 2u);
  EXPECT_EQ((*mod)->training_programs[0].record_clause, "000 第5(3)");
  EXPECT_TRUE((*mod)->training_programs[0].audience.empty());
}

}  // namespace
}  // namespace mamori
