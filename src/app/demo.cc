// The demo organization: a few units of the MOD internal bureaus (including a 別表 quasi-room
// group), people with their designations, media and devices, a month of ledger history played
// through the real command path on a simulated clock that ends at the present, and the obligation
// calendar of the last three months (some duties done, some overdue and escalated).

#include <cstdio>
#include <filesystem>
#include <sstream>

#include "app/app.h"
#include "app/demo_script.h"
#include "base/time.h"
#include "crypto/crypto.h"
#include "obligation/periods.h"

namespace mamori {

const char* const kDemoPassword = "mamori-demo-2026";

namespace {

class DemoBuilder : public demo::Script {
 public:
  using Script::Script;

  Status Build() {
    RETURN_IF_ERROR(Units());
    RETURN_IF_ERROR(People());
    RETURN_IF_ERROR(Designations());
    RETURN_IF_ERROR(Items());
    RETURN_IF_ERROR(PlanDuties(56));
    RETURN_IF_ERROR(History());
    return Calendar();
  }

 private:
  Status Units() {
    return AddUnits({
        {"ROOT", "bureau", "SEIBI", "整備計画局", "Defense Buildup Planning Bureau", "局長"},
        {"SEIBI", "division", "CYBER", "整備計画局サイバー整備課", "Cyber Maintenance Division", "課長"},
        {"CYBER", "section", "CYBER-JIAN", "サイバー整備課事案対処班", "Incident Response Team", "班長"},
        {"SEIBI", "division", "JOHOTSU", "整備計画局情報通信課", "Information and Communications Division", "課長"},
        {"ROOT", "bureau", "KANBO", "大臣官房", "Minister's Secretariat", "官房長"},
        {"KANBO", "division", "BUNSHO", "大臣官房文書課", "Documents Division", "課長"},
        {"BUNSHO", "quasi_room", "HOREI", "法令審査官グループ", "Legal Review Group (別表)", "法令審査官"},
        {"KANBO", "quasi_room", "LIBRARY", "防衛省図書館", "MOD Library (別表)", "図書館長"},
    });
  }

  Status People() {
    return AddPeople({
        {"sato", "佐藤", "一郎", "SEIBI", "情報保証責任者（整備計画局長）", {}},
        {"suzuki", "鈴木", "花子", "CYBER", "サイバー整備課長（部隊等情報保証責任者）", {}},
        {"takahashi", "高橋", "健", "CYBER", "課長補佐（部隊等情報保証責任者補助者）", {}},
        {"tanaka", "田中", "美咲", "CYBER", "係員", {}},
        {"ito", "伊藤", "大輔", "CYBER", "係長（破棄立会者）", {}},
        {"watanabe", "渡辺", "直子", "CYBER", "係員", {}},
        {"nakamura", "中村", "由美", "SEIBI", "情報保証監査責任者", {}},
        {"kobayashi", "小林", "拓也", "CYBER-JIAN", "事案対処責任者", {}},
        {"kato", "加藤", "誠", "HOREI", "法令審査官（部隊等情報保証責任者）", {}},
        {"yoshida", "吉田", "さくら", "HOREI", "審査専門官", {}},
        {"yamamoto", "山本", "翔", "JOHOTSU", "システム管理担当者", {}},
        {"matsumoto", "松本", "亮", "JOHOTSU", "係長（システム担当者）", {}},
        {"inoue", "井上", "恵", "JOHOTSU", "係員", {}},
    });
  }

  Status Designations() {
    RETURN_IF_ERROR(Designate(sys_, "sato", "ia_officer", "ROOT"));
    const Actor& sato = Who("sato");
    RETURN_IF_ERROR(Designate(sato, "suzuki", "unit_ia_officer", "CYBER"));
    RETURN_IF_ERROR(Designate(sato, "kato", "unit_ia_officer", "HOREI"));
    RETURN_IF_ERROR(Designate(sato, "nakamura", "ia_audit_officer", "ROOT"));
    RETURN_IF_ERROR(Designate(sato, "kobayashi", "incident_officer", "ROOT"));
    RETURN_IF_ERROR(Designate(sato, "yamamoto", "system_ia_officer", "JOHOTSU"));
    RETURN_IF_ERROR(Designate(Who("yamamoto"), "yamamoto", "system_admin_staff", "JOHOTSU", "mamori の運用管理"));
    RETURN_IF_ERROR(Designate(Who("suzuki"), "takahashi", "unit_ia_assistant", "CYBER"));
    RETURN_IF_ERROR(Designate(Who("suzuki"), "ito", "destruction_witness", "CYBER"));
    RETURN_IF_ERROR(Designate(Who("kato"), "yoshida", "destruction_witness", "HOREI"));
    return SystemUsers();
  }

  // 情報通信課's system users (000 第1(4)(5)), among them a maintenance contractor briefed by the 情報
  // システム情報保証責任者 and supervised by an employee (第2 2(6)), and the record its システム担当者 keeps of
  // them (第2 2(7)), which also completes the duty the designations raised.
  Status SystemUsers() {
    const Actor& yamamoto = Who("yamamoto");
    RETURN_IF_ERROR(Designate(yamamoto, "matsumoto", "system_liaison", "JOHOTSU"));
    RETURN_IF_ERROR(Designate(yamamoto, "matsumoto", "system_user", "JOHOTSU"));
    RETURN_IF_ERROR(Designate(yamamoto, "inoue", "system_user", "JOHOTSU"));
    ASSIGN_OR_RETURN(Json okada, Run(sys_, "person.create",
                                     Json{{"family_name", "岡田"}, {"given_name", "修"}, {"unit_id", Unit("JOHOTSU")},
                                          {"title", "保守技術者（株式会社みらい情報システム）"}, {"kind", "contractor"}}));
    RETURN_IF_ERROR(Do(yamamoto, "agreement.record",
                       Json{{"kind", "non_employee_briefing"}, {"person_id", okada["person_id"]},
                            {"points", Json::array({"①", "②", "③"})}, {"signed_on", LocalDate(clock_.Now(), app_.org().tz)},
                            {"document", "情報通信課 保守作業員への説明書 第3号（システム利用の範囲と注意事項）"},
                            {"supervisor_person_id", Who("inoue").person_id}}));
    RETURN_IF_ERROR(Do(yamamoto, "designation.create",
                       Json{{"person_id", okada["person_id"]}, {"role", "system_user"}, {"unit_id", Unit("JOHOTSU")},
                            {"note", "業務システムの保守作業"}}));
    return Do(Who("matsumoto"), "roster.prepare",
              Json{{"roster", "section_user"}, {"unit_id", Unit("JOHOTSU")}, {"reason", "システム利用者の指定"}});
  }

  Status Items() {
    const char* kMediaTypes[] = {"USBメモリ", "USBメモリ", "SDカード", "DVD-R", "外付けHDD"};
    const char* kVendors[] = {"BUFFALO", "I-O DATA", "SanDisk", "Verbatim", "ELECOM"};
    for (int i = 1; i <= 20; ++i) {
      char no[16];
      std::snprintf(no, sizeof no, "M-CY-%03d", i);
      RETURN_IF_ERROR(Do(Who("takahashi"), "item.register",
                         Json{{"control_no", no}, {"kind", "medium"}, {"type", kMediaTypes[i % 5]},
                              {"storage", "サイバー整備課 施錠保管庫A"}, {"unit_id", Unit("CYBER")},
                              {"vendor", kVendors[i % 5]}, {"serial", "SN" + std::to_string(4810 + i * 37)}}));
    }
    const char* kDevTypes[] = {"デジタルカメラ", "ICレコーダー", "プロジェクタ", "タブレット端末", "デジタルカメラ"};
    for (int i = 1; i <= 5; ++i) {
      char no[16];
      std::snprintf(no, sizeof no, "D-CY-%03d", i);
      RETURN_IF_ERROR(Do(Who("takahashi"), "item.register",
                         Json{{"control_no", no}, {"kind", "device"}, {"type", kDevTypes[i - 1]},
                              {"storage", "サイバー整備課 施錠保管庫B"}, {"unit_id", Unit("CYBER")}}));
    }
    for (int i = 1; i <= 8; ++i) {
      char no[16];
      std::snprintf(no, sizeof no, "M-HR-%03d", i);
      RETURN_IF_ERROR(Do(Who("kato"), "item.register",
                         Json{{"control_no", no}, {"kind", "medium"}, {"type", i % 2 ? "USBメモリ" : "DVD-R"},
                              {"storage", "法令審査官室 保管庫"}, {"unit_id", Unit("HOREI")}}));
    }
    RETURN_IF_ERROR(Do(Who("kato"), "item.register",
                       Json{{"control_no", "D-HR-001"}, {"kind", "device"}, {"type", "ICレコーダー"},
                            {"storage", "法令審査官室 保管庫"}, {"unit_id", Unit("HOREI")}}));
    return Status::Ok();
  }

  Status UseDay(const char* user, const char* no, const char* purpose, const char* place = "") {
    Json in{{"control_no", no}, {"purpose", purpose}};
    if (*place) in["place"] = place;
    RETURN_IF_ERROR(Do(Who(user), "item.checkout", in));
    clock_.Advance(3 * kHour);
    RETURN_IF_ERROR(Do(Who(user), "item.return", Json{{"control_no", no}}));
    return Do(Who("takahashi"), "item.check", Json{{"control_no", no}, {"result", "no_data"}});
  }

  Status History() {
    const char* kPurposes[] = {"会議資料の作成", "調達仕様書の受渡し準備", "訓練資料の編集", "ログの保全", "報告書の作成"};
    const char* kUsers[] = {"tanaka", "watanabe", "ito", "takahashi"};
    for (int day = 0; day < 28; ++day) {
      const Micros day_start = start_ + day * kDay;
      if (clock_.Now() < day_start) clock_.Set(day_start);
      const int64_t dow = ((day_start / kDay) + 4) % 7;  // 0 = Sunday
      if (dow == 0 || dow == 6) continue;
      char no[16];
      std::snprintf(no, sizeof no, "M-CY-%03d", 1 + day % 12);
      RETURN_IF_ERROR(UseDay(kUsers[day % 4], no, kPurposes[day % 5]));
      if (day % 3 == 0) {
        std::snprintf(no, sizeof no, "D-CY-%03d", 1 + day % 5);
        RETURN_IF_ERROR(UseDay(kUsers[(day + 1) % 4], no, "記録撮影", "第3会議室"));
      }
      if (day % 4 == 1) {
        std::snprintf(no, sizeof no, "M-HR-%03d", 1 + day % 8);
        RETURN_IF_ERROR(Do(Who("yoshida"), "item.checkout", Json{{"control_no", no}, {"purpose", "法令案の審査"}}));
        clock_.Advance(2 * kHour);
        RETURN_IF_ERROR(Do(Who("yoshida"), "item.return", Json{{"control_no", no}}));
        RETURN_IF_ERROR(Do(Who("kato"), "item.check", Json{{"control_no", no}, {"result", "erased"}}));
      }
      if (day == 8) RETURN_IF_ERROR(Lending());
      if (day == 15) RETURN_IF_ERROR(Destruction("M-CY-020"));
      if (day == 22) RETURN_IF_ERROR(Reconcile(false));
    }
    return Present();
  }

  Status Lending() {
    const Micros now = clock_.Now();
    RETURN_IF_ERROR(Do(Who("watanabe"), "item.request_movement",
                       Json{{"control_no", "M-CY-015"}, {"movement", "lend"}, {"purpose", "共同訓練資料の提供"},
                            {"period_from", FormatUtc(now + kHour)}, {"period_until", FormatUtc(now + 3 * kDay)},
                            {"destination", "統合幕僚監部 指揮通信システム部"}, {"movement_purpose", "共同訓練の準備"},
                            {"data_minimized", true}}));
    RETURN_IF_ERROR(Do(Who("suzuki"), "item.approve",
                       Json{{"control_no", "M-CY-015"}, {"decision", "approve"}, {"confirmed_data", true},
                            {"note", "訓練資料のみ保存されていることを確認"}}));
    RETURN_IF_ERROR(Do(Who("watanabe"), "item.record_borrower",
                       Json{{"control_no", "M-CY-015"}, {"borrower", "統合幕僚監部 二等陸佐 森 和也"}}));
    ASSIGN_OR_RETURN(Json copy, Run(Who("watanabe"), "item.request_copy",
                                    Json{{"control_no", "M-CY-015"}, {"content", "訓練シナリオ（第2版）"},
                                         {"counterparty", "統合幕僚監部 指揮通信システム部"},
                                         {"purpose", "訓練参加者への配布"}}));
    RETURN_IF_ERROR(Do(Who("suzuki"), "item.approve_copy",
                       Json{{"copy_id", copy["copy_id"]}, {"decision", "approve"}, {"confirmed_no_other_copy", true}}));
    clock_.Advance(2 * kDay);
    RETURN_IF_ERROR(Do(Who("watanabe"), "item.return", Json{{"control_no", "M-CY-015"}}));
    return Do(Who("takahashi"), "item.check", Json{{"control_no", "M-CY-015"}, {"result", "erased"}});
  }

  Status Destruction(const char* no) {
    RETURN_IF_ERROR(Do(Who("tanaka"), "item.record_destruction",
                       Json{{"control_no", no}, {"method", "shred"}, {"destroy_at", FormatUtc(clock_.Now() + kHour)},
                            {"witness_person_id", Who("ito").person_id}}));
    clock_.Advance(kHour);
    return Do(Who("ito"), "item.witness_destruction", Json{{"control_no", no}});
  }

  Status Reconcile(bool with_gap) {
    std::vector<std::string> counted;
    auto rows = e_.Read([](Conn& c) {
      return c.Query("SELECT control_no FROM items WHERE custodian_unit_id = (SELECT id FROM org_units WHERE code = "
                     "'CYBER') AND kind = 'medium' AND state IN ('in_storage', 'awaiting_check')");
    });
    if (!rows.ok()) return rows.status();
    for (const Row& r : rows->rows)
      if (!with_gap || r.Str(0) != "M-CY-011") counted.push_back(r.Str(0));
    return Do(Who("suzuki"), "reconcile.submit",
              Json{{"unit_id", Unit("CYBER")}, {"kind", "medium"}, {"counted", counted}, {"note", "月例の照合"}});
  }

  // The obligation calendar starts about three months back (PlanDuties(56), before the month of history),
  // so that the month's reconciliations complete the counts of サイバー整備課 on their own while those of
  // the 法令審査官グループ, which never counts, stay open and fall overdue.

  // Completes the open duty `obligation` of mod-internal in unit `unit` with a document, if there is one.
  Status CompleteDuty(const char* user, const char* obligation, const char* unit, const char* document) {
    auto id = e_.Read([&](Conn& c) {
      return c.Query("SELECT id FROM obligation_occurrences WHERE profile = 'mod-internal' AND obligation = ? AND "
                     "unit_id = ? AND state = 'open' ORDER BY due_at, id LIMIT 1", {std::string(obligation), Unit(unit)});
    });
    if (!id.ok()) return id.status();
    if (id->empty()) return Status::Ok();  // the profile no longer has that duty here
    return Do(Who(user), "obligation.complete", Json{{"occurrence_id", id->rows[0].Int(0)}, {"evidence_kind", "document"},
                                                     {"evidence_ref", document}});
  }

  // A few duties done with their evidence, and one escalation of what is overdue.
  Status Calendar() {
    RETURN_IF_ERROR(CompleteDuty("suzuki", "annual_training", "CYBER", "令和8年度 情報保証教育 実施記録（サイバー整備課）"));
    RETURN_IF_ERROR(CompleteDuty("yamamoto", "emergency_plan_check", "ROOT", "緊急時対応計画 点検結果報告 第2号"));
    return Do(sys_, "obligation.escalate", Json::object());
  }

  // Leaves work waiting, so the first sign-in has something to do.
  Status Present() {
    clock_.Set(real_.Now() - 2 * kDay);
    RETURN_IF_ERROR(Do(Who("tanaka"), "item.checkout",
                       Json{{"control_no", "M-CY-003"}, {"purpose", "調達資料の整理（返却忘れ）"}}));
    clock_.Set(real_.Now() - 3 * kHour);
    RETURN_IF_ERROR(Do(sys_, "obligation.schedule", Json::object()));  // today's duties, before today's count
    RETURN_IF_ERROR(Reconcile(true));
    RETURN_IF_ERROR(Do(Who("tanaka"), "item.request_movement",
                       Json{{"control_no", "M-CY-007"}, {"movement", "take_out"}, {"purpose", "説明資料の持参"},
                            {"period_from", FormatUtc(clock_.Now() + 2 * kHour)},
                            {"period_until", FormatUtc(clock_.Now() + 8 * kHour)},
                            {"destination", "防衛装備庁 会議室"}, {"movement_purpose", "装備庁との打合せ"},
                            {"data_minimized", true}}));
    RETURN_IF_ERROR(Do(Who("watanabe"), "item.checkout", Json{{"control_no", "M-CY-009"}, {"purpose", "報告書の作成"}}));
    RETURN_IF_ERROR(Do(Who("tanaka"), "item.record_destruction",
                       Json{{"control_no", "M-CY-019"}, {"method", "pulverize"},
                            {"destroy_at", FormatUtc(clock_.Now() + kDay)}, {"witness_person_id", Who("ito").person_id}}));
    return Status::Ok();
  }

};

}  // namespace

Result<std::string> BuildDemo(const std::string& var) {
  FakeClock clock(demo::DemoStart());
  OrgSettings org{"防衛省本省 内部部局（デモ）", "mod-internal", TimeZone{}, "18:15"};
  ASSIGN_OR_RETURN(auto app, App::Init(var, org, "admin", kDemoPassword, &clock));
  DemoBuilder builder(*app, clock);
  RETURN_IF_ERROR(builder.Build());
  return demo::WriteCredentials(var, builder.Credentials());
}

}  // namespace mamori
