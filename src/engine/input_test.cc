// Typed command input (src/engine/input.h): every refusal names the field and the clause requiring it.

#include "engine/input.h"

#include <gtest/gtest.h>

#include "base/time.h"

namespace mamori {
namespace {

const Field kPurpose{"purpose", "000 第4 3(1)", "使用目的", "purpose of use"};
const Field kCount{"count", "000 第4 1(3)", "数", "count"};
const Field kAt{"at", "000 第4 7(1)", "破棄の日時", "destruction date and time"};
const Field kErased{"erasure_confirmed", "000 第3 6(1)", "データが抹消されていること", "that the data have been erased"};
const Field kDecision{"decision", "000 第4 4(2)", "許可・不許可", "decision"};

// Checks a refusal: kind, rule, clause and field, and both messages naming the field.
void ExpectError(const Status& s, ErrorKind kind, const std::string& rule, const Field& f) {
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(ErrorKindName(s.kind()), std::string(ErrorKindName(kind))) << s.ToString();
  EXPECT_EQ(s.rule(), rule) << s.ToString();
  EXPECT_EQ(s.clause(), f.clause) << s.ToString();
  EXPECT_EQ(s.field(), f.key) << s.ToString();
  EXPECT_NE(s.ja().find(f.name_ja), std::string::npos) << s.ja();
  EXPECT_NE(s.en().find(f.name_en), std::string::npos) << s.en();
}

TEST(InputTest, MissingTextIsRequiredWithItsClause) {
  const Json j = Json::object();
  Input in(j);
  auto r = in.Text(kPurpose);
  ExpectError(r.status(), ErrorKind::kInvalidArgument, "input.required", kPurpose);
  EXPECT_EQ(r.status().ja(), "使用目的を入力してください。");
  EXPECT_EQ(r.status().en(), "The purpose of use is required.");
  // null, "" and whitespace count as missing.
  for (const Json& v : {Json(nullptr), Json(""), Json("  \t\n ")}) {
    const Json k{{"purpose", v}};
    ExpectError(Input(k).Text(kPurpose).status(), ErrorKind::kInvalidArgument, "input.required", kPurpose);
  }
}

TEST(InputTest, TextIsTrimmedAndBounded) {
  const Json j{{"purpose", "  会議資料の作成 \n"}, {"long", std::string(2001, 'a')}, {"max", std::string(2000, 'b')},
               {"num", 5}};
  Input in(j);
  EXPECT_EQ(in.Text(kPurpose).value(), "会議資料の作成");
  const Field long_f{"long", "", "長い", "long"};
  ExpectError(in.Text(long_f).status(), ErrorKind::kInvalidArgument, "input.malformed", long_f);
  EXPECT_EQ(in.Text(Field{"max", "", "m", "m"}).value().size(), 2000u);
  const Field num_f{"num", "000 第4 3(1)", "使用目的", "purpose"};
  ExpectError(in.Text(num_f).status(), ErrorKind::kInvalidArgument, "input.malformed", num_f);
  ExpectError(in.OptText(num_f).status(), ErrorKind::kInvalidArgument, "input.malformed", num_f);
  EXPECT_EQ(in.OptText(Field{"absent", "", "a", "a"}).value(), "");
  const Json n{{"x", nullptr}};
  EXPECT_EQ(Input(n).OptText(Field{"x", "", "x", "x"}).value(), "");
}

TEST(InputTest, Integers) {
  const Json j{{"count", 42}, {"text", "17"}, {"neg", "-3"}, {"bad", "4x"}, {"frac", 1.5}, {"bool", true},
               {"empty", ""}};
  Input in(j);
  EXPECT_EQ(in.Int(kCount).value(), 42);
  EXPECT_EQ(in.Int(Field{"text", "", "t", "t"}).value(), 17);
  EXPECT_EQ(in.Int(Field{"neg", "", "t", "t"}).value(), -3);
  for (const char* key : {"bad", "frac", "bool", "empty"}) {
    SCOPED_TRACE(key);
    const Field f{key, "000 第4 1(3)", "数", "count"};
    ExpectError(in.Int(f).status(), ErrorKind::kInvalidArgument, "input.malformed", f);
  }
  const Field missing{"missing", "000 第4 1(3)", "数", "count"};
  ExpectError(in.Int(missing).status(), ErrorKind::kInvalidArgument, "input.required", missing);
  auto opt = in.OptInt(missing);
  ASSERT_TRUE(opt.ok());
  EXPECT_FALSE(opt->has_value());
  EXPECT_EQ(in.OptInt(kCount).value(), std::optional<int64_t>(42));
}

TEST(InputTest, TimesNeedAnOffset) {
  const Json j{{"at", "2026-11-22T10:30:00+09:00"}, {"naive", "2026-11-22T10:30:00"}, {"num", 1700000000},
               {"bad", "yesterday"}};
  Input in(j);
  EXPECT_EQ(FormatUtc(in.Time(kAt).value()), "2026-11-22T01:30:00.000Z");
  for (const char* key : {"naive", "num", "bad"}) {
    SCOPED_TRACE(key);
    const Field f{key, "000 第4 7(1)", "破棄の日時", "destruction date and time"};
    ExpectError(in.Time(f).status(), ErrorKind::kInvalidArgument, "input.malformed", f);
  }
  const Field missing{"missing", "000 第4 7(1)", "破棄の日時", "destruction date and time"};
  ExpectError(in.Time(missing).status(), ErrorKind::kInvalidArgument, "input.required", missing);
  EXPECT_FALSE(in.OptTime(missing).value().has_value());
  EXPECT_TRUE(in.OptTime(kAt).value().has_value());
}

TEST(InputTest, FlagsThatMustBeTrue) {
  const Json yes{{"erasure_confirmed", true}};
  const Json no{{"erasure_confirmed", false}};
  const Json text{{"erasure_confirmed", "true"}};
  const Json one{{"erasure_confirmed", 1}};
  EXPECT_TRUE(Input(yes).Flag(kErased, true).value());
  EXPECT_FALSE(Input(no).Flag(kErased, false).value());
  auto refused = Input(no).Flag(kErased, true);
  ExpectError(refused.status(), ErrorKind::kRuleViolation, "confirm.erasure_confirmed", kErased);
  EXPECT_EQ(refused.status().clause(), "000 第3 6(1)");
  ExpectError(Input(text).Flag(kErased, true).status(), ErrorKind::kInvalidArgument, "input.malformed", kErased);
  ExpectError(Input(one).Flag(kErased, false).status(), ErrorKind::kInvalidArgument, "input.malformed", kErased);
  ExpectError(Input(Json::object()).Flag(kErased, false).status(), ErrorKind::kInvalidArgument, "input.required",
              kErased);
}

TEST(InputTest, OneOfListsTheChoices) {
  const Json ok{{"decision", "reject"}};
  EXPECT_EQ(Input(ok).OneOf(kDecision, {"approve", "reject"}).value(), "reject");
  const Json bad{{"decision", "Approve"}};
  auto r = Input(bad).OneOf(kDecision, {"approve", "reject"});
  ExpectError(r.status(), ErrorKind::kInvalidArgument, "input.malformed", kDecision);
  EXPECT_NE(r.status().en().find("one of approve, reject"), std::string::npos) << r.status().en();
  EXPECT_NE(r.status().ja().find("approve, reject のいずれか"), std::string::npos) << r.status().ja();
  ExpectError(Input(Json::object()).OneOf(kDecision, {"approve"}).status(), ErrorKind::kInvalidArgument,
              "input.required", kDecision);
}

TEST(InputTest, HasAndNonObjects) {
  const Json j{{"a", 1}, {"n", nullptr}};
  Input in(j);
  EXPECT_TRUE(in.Has("a"));
  EXPECT_FALSE(in.Has("n"));
  EXPECT_FALSE(in.Has("z"));
  const Json arr = Json::array({1, 2});
  Input array_in(arr);
  EXPECT_FALSE(array_in.Has("a"));
  ExpectError(array_in.Text(kPurpose).status(), ErrorKind::kInvalidArgument, "input.required", kPurpose);
  ExpectError(Missing(kCount), ErrorKind::kInvalidArgument, "input.required", kCount);
  Status m = Malformed(kCount, "整数", "an integer");
  ExpectError(m, ErrorKind::kInvalidArgument, "input.malformed", kCount);
  EXPECT_NE(m.en().find("expected an integer"), std::string::npos) << m.en();
  EXPECT_NE(m.ToString().find("000 第4 1(3)"), std::string::npos) << m.ToString();
}

}  // namespace
}  // namespace mamori
