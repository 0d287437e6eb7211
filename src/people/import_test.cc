// CSV import of people: decoding (UTF-8, BOM, Shift_JIS), parsing with line/column errors, the plan
// (dry run) and person.import applying all rows or none.

#include "people/import.h"


#include "engine/engine.h"
#include "testing/org_fixture.h"
#include "testing/shift_jis.h"

namespace mamori {
namespace {

using testing::ToShiftJis;

void ExpectError(const Status& st, const std::string& rule, const std::string& where_ja, const std::string& where_en) {
  EXPECT_EQ(st.rule(), rule) << st.ToString();
  EXPECT_NE(st.ja().find(where_ja), std::string::npos) << st.ja();
  EXPECT_NE(st.en().find(where_en), std::string::npos) << st.en();
}

TEST(CsvDecode, Utf8WithAndWithoutBomAndShiftJis) {
  const std::string text = "氏,名\n佐藤,一郎\n";
  EXPECT_EQ(DecodeCsvBytes(text, "auto").value(), text);
  EXPECT_EQ(DecodeCsvBytes("\xEF\xBB\xBF" + text, "auto").value(), text);
  const std::string sjis = ToShiftJis(text);
  ASSERT_NE(sjis, text);
  EXPECT_EQ(DecodeCsvBytes(sjis, "auto").value(), text);
  EXPECT_EQ(DecodeCsvBytes(sjis, "shift_jis").value(), text);
  ExpectError(DecodeCsvBytes(sjis, "utf-8").status(), "import.encoding", "バイト目", "Byte");
  ExpectError(DecodeCsvBytes("a\x81\x20", "auto").status(), "import.encoding", "2バイト目", "Byte 2");
  EXPECT_EQ(DecodeCsvBytes(text, "latin-1").status().rule(), "import.encoding");
}

TEST(CsvParse, QuotedFieldsLineBreaksAndLineNumbers) {
  auto r = ParseCsv("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\n\"multi\nline\",z\nlast,row");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ((*r)[1].cells, (std::vector<std::string>{"x,1", "say \"hi\""}));
  EXPECT_EQ((*r)[1].line, 2);
  EXPECT_EQ((*r)[2].cells, (std::vector<std::string>{"multi\nline", "z"}));
  EXPECT_EQ((*r)[2].line, 4);  // the blank line 3 is skipped
  EXPECT_EQ((*r)[3].line, 6);
  ExpectError(ParseCsv("a,b\nx,\"open\n").status(), "import.csv_malformed", "2行目 3列目", "line 2, column 3");
  ExpectError(ParseCsv("a,b\nx,ab\"c\n").status(), "import.csv_malformed", "2行目 5列目", "line 2, column 5");
  ExpectError(ParseCsv("a,b\n\"x\"y,1\n").status(), "import.csv_malformed", "2行目 4列目", "line 2, column 4");
}

class ImportTest : public testing::OrgFixture {
 protected:
  ImportTest() : OrgFixture("mamori-import", ParseTimestamp("2026-06-01T00:00:00Z").value()) {}
  Result<std::unique_ptr<App>> InitApp(const std::string& var) override {
    OrgSettings org{"テスト株式会社", "defense-contractor", TimeZone{}, "18:00"};
    return App::Init(var, org, "admin", "Import-test-pass-2026", &clock_);
  }
  void BuildOrg() override {
    Run(sys_, "unit.create", Json{{"parent_id", 1}, {"kind", "department"}, {"code", "DEF"}, {"name_ja", "防衛事業部"},
                                 {"name_en", "Defense"}, {"head_title", "部長"}});
    Run(sys_, "person.create", Json{{"family_name", "森"}, {"given_name", "彩"}, {"unit_id", 1},
                                   {"email", "mori@example.jp"}});
  }
  Result<std::vector<ImportRow>> Plan(const std::string& csv) {
    ASSIGN_OR_RETURN(auto records, ParseCsv(csv));
    return engine().Read([&](Conn& c) { return PlanPersonImport(c, records); });
  }
  int64_t Count(const std::string& table) {
    return engine().Read([&](Conn& c) { return c.Query("SELECT COUNT(*) FROM " + table); }).value().rows[0].Int(0);
  }
};

TEST_F(ImportTest, PlanShowsCreatesAndUpdatesAndWritesNothing) {
  const int64_t persons = Count("persons"), events = Count("trail_events");
  auto plan = Plan("氏,名,所属コード,メール,生年月日,国籍,役職\n上野,陽介,DEF,ueno@example.jp,1994/05/20,日本,担当\n"
                   "森,彩,DEF,mori@example.jp,,,\n");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->size(), 2u);
  EXPECT_EQ((*plan)[0].action, "create");
  EXPECT_EQ((*plan)[0].fields["particulars"]["birth_date"], "1994-05-20");
  EXPECT_EQ((*plan)[1].action, "update");
  EXPECT_EQ((*plan)[1].changes, std::vector<std::string>{"unit"});
  EXPECT_EQ(Count("persons"), persons);
  EXPECT_EQ(Count("trail_events"), events);
}

TEST_F(ImportTest, PlanRefusesBadRowsNamingLineAndColumn) {
  ExpectError(Plan("氏,名,部署\n").status(), "import.column_unknown", "1行目 3列目", "line 1, column 3");
  ExpectError(Plan("氏,名\n").status(), "import.column_missing", "1行目", "line 1");
  ExpectError(Plan("氏,名,所属コード\n上野,,DEF\n").status(), "import.value_missing", "2行目 2列目", "line 2, column 2");
  ExpectError(Plan("氏,名,所属コード\n上野,陽介,XYZ\n").status(), "import.unit_unknown", "2行目 3列目", "line 2, column 3");
  ExpectError(Plan("氏,名,所属コード,区分\n上野,陽介,DEF,社長\n").status(), "import.kind_unknown", "2行目 4列目",
              "line 2, column 4");
  ExpectError(Plan("氏,名,所属コード,生年月日,国籍,役職\n上野,陽介,DEF,1994-02-30,日本,担当\n").status(),
              "import.date_invalid", "2行目 4列目", "line 2, column 4");
  ExpectError(Plan("氏,名,所属コード,生年月日,国籍,役職\n上野,陽介,DEF,1994-02-03,,担当\n").status(),
              "import.particulars_partial", "2行目 5列目", "line 2, column 5");
  ExpectError(Plan("氏,名,所属コード,メール\n上野,陽介,DEF,a@x.jp\n\n上野,陽,DEF,a@x.jp\n").status(),
              "import.email_duplicate", "4行目 4列目", "line 4, column 4");
}

TEST_F(ImportTest, CommandAppliesEveryRowOrNone) {
  const int64_t persons = Count("persons"), events = Count("trail_events");
  // Row 3 names a unit that does not exist: nothing of row 2 may be written either.
  auto bad = engine().Execute(sys_, "person.import", Json{{"source", "bad.csv"},
                                                          {"csv", "氏,名,所属コード\n上野,陽介,DEF\n清水,大樹,NOPE\n"}});
  ASSERT_FALSE(bad.ok());
  ExpectError(bad.status(), "import.unit_unknown", "3行目", "line 3");
  EXPECT_EQ(Count("persons"), persons);
  EXPECT_EQ(Count("trail_events"), events);

  auto ok = engine().Execute(sys_, "person.import",
                             Json{{"source", "hr.csv"},
                                  {"csv", "氏,名,所属コード,メール,生年月日,国籍,役職\n上野,陽介,DEF,ueno@example.jp,1994-05-20,日本,担当\n"
                                          "森,彩,DEF,mori@example.jp,,,\n"}});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ((*ok)["created"], 1);
  EXPECT_EQ((*ok)["updated"], 1);
  EXPECT_EQ(Count("persons"), persons + 1);
  EXPECT_EQ(Count("person_particulars"), 1);
  auto moved = engine().Read([&](Conn& c) {
    return c.Query("SELECT u.code FROM persons p JOIN org_units u ON u.id = p.unit_id WHERE p.email = 'mori@example.jp'");
  });
  EXPECT_EQ(moved.value().rows[0].Str(0), "DEF");

  // Someone without org.admin is refused, whatever the file.
  Actor nobody = Person(2, "mori");
  auto denied = engine().Execute(nobody, "person.import", Json{{"csv", "氏,名,所属コード\n池田,恵,DEF\n"}});
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.status().kind(), ErrorKind::kForbidden);
}

}  // namespace
}  // namespace mamori
