// The defense-contractor demo organization (profile defense-contractor, document 001): a company with a
// defense business department, its handlers and their rosters, protected media, and a month of use.
// What it shows: the handler roster confirmed by MOD (version 1), a new handler added since (version 2,
// submitted, not yet confirmed: 清水 cannot open any protected item until it is), and on the compliance
// dashboard a system user whose consent was withdrawn and who missed the yearly training (阿部); the entry
// roster of the protected information room (森 and 林 permitted, 清水 awaiting the administrator's consent).

#include "app/demo_script.h"
#include "base/time.h"

namespace mamori {
namespace {

class ContractorDemo : public demo::Script {
 public:
  using Script::Script;

  Status Build() {
    RETURN_IF_ERROR(AddUnits({
        {"ROOT", "department", "DEF", "防衛事業部", "Defense Business Department", "事業部長"},
        {"DEF", "department", "DEF-1", "防衛事業部 第1設計課", "Design Section 1", "課長"},
        {"DEF", "handling_facility", "DEF-LAB", "第1設計課 保護情報取扱室", "Protected Information Room", "室長"},
        {"ROOT", "department", "IS", "情報システム部", "Information Systems Department", "部長"},
        {"ROOT", "department", "SOUMU", "総務部", "General Affairs Department", "部長"},
    }));
    RETURN_IF_ERROR(AddPeople({
        {"ogawa", "小川", "誠一", "ROOT", "代表取締役社長（経営者等）", {}},
        {"kimura", "木村", "玲子", "DEF", "防衛事業部長（総括者）", {}},
        {"hayashi", "林", "修", "DEF-1", "第1設計課長（管理者）", {}},
        {"mori", "森", "彩", "DEF-1", "設計担当（取扱者・媒体使用者）", {}},
        {"shimizu", "清水", "大樹", "DEF-1", "設計担当（新任の取扱者・防衛省確認待ち）", {}},
        {"ikeda", "池田", "恵", "IS", "情報システム部 主任（保護システム管理者）", {}},
        {"abe", "阿部", "健太", "IS", "情報システム部 係員（保護システム利用者）", {}},
        {"ueda", "上田", "真理", "SOUMU", "総務部 係員（取扱者ではない）", {}},
    }));
    RETURN_IF_ERROR(Designate(sys_, "ogawa", "executive", "ROOT", "経営者等"));
    RETURN_IF_ERROR(Agreements());
    RETURN_IF_ERROR(Designations());
    RETURN_IF_ERROR(FirstRoster());
    RETURN_IF_ERROR(Facilities());
    RETURN_IF_ERROR(Items());
    RETURN_IF_ERROR(PlanDuties(56));
    RETURN_IF_ERROR(History());
    return Present();
  }

 private:
  Status Particulars(const char* who, const char* birth, const char* position) {
    return Do(Who("ogawa"), "person.set_particulars",
              Json{{"person_id", Who(who).person_id}, {"birth_date", birth}, {"nationality", "日本"}, {"position", position}});
  }
  Status Agreement(const char* who, const char* kind, const char* document) {
    const Json points = Json::array({"(ア)", "(イ)", "(ウ)"});
    return Do(Who("ogawa"), "agreement.record",
              Json{{"person_id", Who(who).person_id}, {"kind", kind}, {"points", points},
                   {"signed_on", LocalDate(clock_.Now(), app_.org().tz)}, {"document", document}});
  }

  Status Agreements() {
    RETURN_IF_ERROR(Particulars("kimura", "1971-06-14", "事業部長"));
    RETURN_IF_ERROR(Particulars("hayashi", "1978-11-02", "課長"));
    RETURN_IF_ERROR(Particulars("mori", "1990-03-27", "主任"));
    RETURN_IF_ERROR(Particulars("ikeda", "1985-08-19", "主任"));
    RETURN_IF_ERROR(Particulars("abe", "1998-01-30", "係員"));
    for (const char* who : {"kimura", "hayashi", "mori", "ikeda", "abe"})
      RETURN_IF_ERROR(Agreement(who, "confidentiality", "守秘義務誓約書（人事部 施錠書庫 第3段）"));
    for (const char* who : {"mori", "ikeda", "abe"})
      RETURN_IF_ERROR(Agreement(who, "system_use_consent", "保護システム利用同意書（情報システム部 保管）"));
    return Status::Ok();
  }

  Status Designations() {
    const Actor& ogawa = Who("ogawa");
    RETURN_IF_ERROR(Designate(ogawa, "kimura", "handler", "DEF", "防衛事業部の契約業務全般"));
    RETURN_IF_ERROR(Designate(ogawa, "hayashi", "handler", "DEF-1", "第1設計課の設計業務"));
    RETURN_IF_ERROR(Designate(ogawa, "mori", "handler", "DEF-1", "装備品Xの設計図書の作成"));
    RETURN_IF_ERROR(Designate(ogawa, "ikeda", "handler", "IS", "保護システムの運用管理"));
    RETURN_IF_ERROR(Designate(ogawa, "abe", "handler", "IS", "保護システムの運用補助"));
    RETURN_IF_ERROR(Designate(ogawa, "kimura", "general_manager", "DEF"));
    RETURN_IF_ERROR(Designate(ogawa, "hayashi", "manager", "DEF-1"));
    RETURN_IF_ERROR(Designate(ogawa, "mori", "protected_system_user", "DEF-1", "設計用保護システムの利用"));
    RETURN_IF_ERROR(Designate(ogawa, "ikeda", "protected_system_user", "IS", "保護システムの運用"));
    RETURN_IF_ERROR(Designate(ogawa, "abe", "protected_system_user", "IS", "保護システムの運用補助"));
    RETURN_IF_ERROR(Designate(ogawa, "ikeda", "protected_system_admin", "IS"));
    RETURN_IF_ERROR(Designate(Who("hayashi"), "mori", "media_user", "DEF-1", "設計データの受渡し"));
    return Designate(Who("hayashi"), "mori", "carrier", "DEF-1", "防衛装備庁への図書の持参");
  }

  // The handler roster, confirmed by MOD a few days after it was sent; the system-user roster.
  Status FirstRoster() {
    const Actor& hayashi = Who("hayashi");
    RETURN_IF_ERROR(Do(hayashi, "roster.prepare", Json{{"roster", "handler"}, {"reason", "契約締結に伴う作成"}}));
    RETURN_IF_ERROR(Do(hayashi, "roster.submit", Json{{"roster", "handler"}, {"version", 1}}));
    clock_.Advance(3 * kDay);
    RETURN_IF_ERROR(Do(hayashi, "roster.confirm",
                       Json{{"roster", "handler"}, {"version", 1},
                            {"confirmed_on", LocalDate(clock_.Now(), app_.org().tz)},
                            {"reference", "防衛装備庁 調達管理課 確認通知 第R8-0412号"}}));
    return Do(Who("ikeda"), "roster.prepare", Json{{"roster", "system_user"}, {"reason", "保護システムの運用開始"}});
  }

  // The entry roster of the protected information room (001 第8 2(1)ウ, エ): 林 is the 管理責任者 (drawn from
  // the managers, so designated where he is one), 森 escorts visitors, and 池田 consents to the permits.
  Status Facilities() {
    RETURN_IF_ERROR(Designate(Who("kimura"), "hayashi", "physical_security_manager", "DEF-1", "防衛事業部の物理的セキュリティ"));
    RETURN_IF_ERROR(Designate(Who("hayashi"), "mori", "escort", "DEF-1", "保護情報取扱室への来訪者の同行"));
    for (const char* who : {"mori", "hayashi"}) {
      auto permit = Run(Who("hayashi"), "entry.request",
                        Json{{"facility_unit_id", Unit("DEF-LAB")}, {"person_id", Who(who).person_id},
                             {"purpose", "装備品Xの設計図書の作成・保管"}});
      if (!permit.ok()) return permit.status();
      RETURN_IF_ERROR(Do(Who("ikeda"), "entry.consent", Json{{"permit_id", (*permit)["permit_id"]}}));
    }
    return Status::Ok();
  }

  Status Items() {
    const char* kTypes[] = {"USBメモリ（暗号化）", "USBメモリ（暗号化）", "外付けHDD（暗号化）", "DVD-R"};
    for (int i = 1; i <= 10; ++i) {
      char no[16];
      std::snprintf(no, sizeof no, "P-D1-%03d", i);
      RETURN_IF_ERROR(Do(Who("hayashi"), "item.register",
                         Json{{"control_no", no}, {"kind", "medium"}, {"type", kTypes[i % 4]},
                              {"storage", "第1設計課 保護情報取扱室 施錠保管庫"}, {"unit_id", Unit("DEF-1")},
                              {"serial", "ENC-" + std::to_string(7300 + i * 11)}}));
    }
    return Status::Ok();
  }

  Status History() {
    const char* kPurposes[] = {"設計図書の作成", "試験データの保存", "装備庁提出資料の作成"};
    for (int day = 7; day < 28; ++day) {
      const Micros day_start = start_ + day * kDay;
      if (clock_.Now() < day_start) clock_.Set(day_start);
      const int64_t dow = ((day_start / kDay) + 4) % 7;  // 0 = Sunday
      if (dow == 0 || dow == 6) continue;
      if (day == 9) RETURN_IF_ERROR(Training());
      char no[16];
      std::snprintf(no, sizeof no, "P-D1-%03d", 1 + day % 6);
      RETURN_IF_ERROR(Do(Who("mori"), "item.checkout", Json{{"control_no", no}, {"purpose", kPurposes[day % 3]}}));
      clock_.Advance(4 * kHour);
      RETURN_IF_ERROR(Do(Who("mori"), "item.return", Json{{"control_no", no}}));
      RETURN_IF_ERROR(Do(Who("hayashi"), "item.check", Json{{"control_no", no}, {"result", "no_data"}}));
    }
    return Status::Ok();
  }

  // The yearly handler training (001 第7 1), given by the 管理者 and recorded by the 総括者; 阿部 was absent.
  Status Training() {
    const Json attendees = Json::array({Who("kimura").person_id, Who("hayashi").person_id, Who("mori").person_id,
                                        Who("ikeda").person_id});
    return Do(Who("kimura"), "training.record",
              Json{{"program", "handler_training"}, {"held_on", LocalDate(clock_.Now(), app_.org().tz)},
                   {"trainer", "林 修（第1設計課長）"}, {"method", "集合教育"}, {"unit_id", Unit("DEF")},
                   {"room_group", "第1設計課・情報システム部"}, {"content", "令和8年度 情報セキュリティ教育及び訓練（年次）"},
                   {"audience", "取扱者全員"}, {"attendees", attendees},
                   {"contents_covered", Json::array({"importance", "need_to_know", "policy", "prudent_conduct",
                                                     "incident_procedures", "other_incident_matters", "role_technical"})}});
  }

  // A new handler this week: agreement, particulars, designation, and roster version 2 sent to MOD and
  // not yet confirmed. abe withdrew his consent to the protected-system terms.
  Status Present() {
    clock_.Set(real_.Now() - 2 * kDay);
    RETURN_IF_ERROR(Particulars("shimizu", "1996-09-08", "担当"));
    RETURN_IF_ERROR(Agreement("shimizu", "confidentiality", "守秘義務誓約書（人事部 施錠書庫 第3段）"));
    RETURN_IF_ERROR(Designate(Who("ogawa"), "shimizu", "handler", "DEF-1", "装備品Xの試験計画の作成"));
    RETURN_IF_ERROR(Do(Who("hayashi"), "roster.prepare", Json{{"roster", "handler"}, {"reason", "取扱者の追加（清水）"}}));
    RETURN_IF_ERROR(Do(Who("hayashi"), "roster.submit", Json{{"roster", "handler"}, {"version", 2}}));
    RETURN_IF_ERROR(Do(Who("hayashi"), "entry.request",  // awaiting 池田's consent
                       Json{{"facility_unit_id", Unit("DEF-LAB")}, {"person_id", Who("shimizu").person_id},
                            {"purpose", "装備品Xの試験計画の作成"}}));
    auto consent = e_.Read([&](Conn& c) {
      return c.Query("SELECT id FROM agreements WHERE person_id = ? AND kind = 'system_use_consent'", {Who("abe").person_id});
    });
    if (!consent.ok()) return consent.status();
    RETURN_IF_ERROR(Do(Who("ikeda"), "agreement.withdraw", Json{{"agreement_id", consent->rows[0].Int(0)}}));
    clock_.Set(real_.Now() - 3 * kHour);
    RETURN_IF_ERROR(Do(sys_, "obligation.schedule", Json::object()));
    return Do(Who("mori"), "item.checkout", Json{{"control_no", "P-D1-007"}, {"purpose", "設計レビュー資料の準備"}});
  }
};

}  // namespace

Result<std::string> BuildContractorDemo(const std::string& var) {
  FakeClock clock(demo::DemoStart());
  OrgSettings org{"株式会社みなと防衛システムズ（デモ）", "defense-contractor", TimeZone{}, "18:00"};
  ASSIGN_OR_RETURN(auto app, App::Init(var, org, "admin", kDemoPassword, &clock));
  ContractorDemo builder(*app, clock);
  RETURN_IF_ERROR(builder.Build());
  return demo::WriteCredentials(var, builder.Credentials());
}

}  // namespace mamori
