// A month of one 課室's (CYBER, サイバー整備課) portable media and devices, played through the API
// by the people of the demo (000 第3, 第4), then every refused request with its clause, each
// checked to have written nothing.

#include <functional>
#include <set>

#include "server_harness.h"

namespace mamori::test {
namespace {

class MediaMonthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(s_.MakeDemo());
    ASSERT_TRUE(s_.Start());
    for (const char* u : {"suzuki", "takahashi", "tanaka", "watanabe", "ito", "nakamura", "yoshida", "kato"}) {
      users_[u] = s_.Login(u);
      ASSERT_NE(users_[u], nullptr) << u;
    }
    cyber_ = UnitId(U("nakamura"), "CYBER");
    for (const char* u : {"tanaka", "ito", "watanabe", "yoshida"}) ids_[u] = PersonId(U("nakamura"), u);
  }

  void TearDown() override {
    if (!s_.running()) return;
    EXPECT_EQ(s_.Stop(), 0) << s_.Log();
    CommandResult v = s_.Verify();
    EXPECT_EQ(v.exit_code, 0) << v.All();
    EXPECT_NE(v.out.find("OK:"), std::string::npos) << v.All();
  }

  HttpClient& U(const std::string& name) { return *users_.at(name); }
  static std::string Item(const std::string& no) { return "/api/v1/items/" + no; }

  // A write that must succeed; the step is remembered for the trail check.
  Json Do(const std::string& user, const std::string& path, const Json& body, const std::string& command,
          const std::string& state = "") {
    Reply r = U(user).Post(path, body);
    EXPECT_TRUE(IsOk(r)) << user << " POST " << path << " " << body.dump();
    Json j = r.Json();
    if (!j.is_object() || !j.contains("trail_seq")) {
      ADD_FAILURE() << "no trail_seq in " << r.body;
      return Json::object();
    }
    if (!state.empty()) {
      EXPECT_EQ(j.value("state", ""), state) << path;
    }
    const std::string entity =
        j.contains("control_no") ? "item:" + j["control_no"].get<std::string>()
                                 : "reconciliation:" + std::to_string(j.value("reconciliation_id", int64_t{0}));
    steps_.push_back({j["trail_seq"].get<int64_t>(), command, entity});
    return j;
  }

  // One day's use: check-out, return, and the return check by the assistant (000 第4 3).
  void UseDay(const std::string& user, const std::string& no, const std::string& purpose, const std::string& place = "") {
    Json in{{"purpose", purpose}};
    if (!place.empty()) in["place"] = place;
    Do(user, Item(no) + "/checkout", in, "item.checkout", "in_use");
    Do(user, Item(no) + "/return", Json::object(), "item.return", "awaiting_check");
    Do("takahashi", Item(no) + "/check", Json{{"result", "no_data"}}, "item.check", "in_storage");
  }

  Json Detail(const std::string& no) {
    Reply r = U("nakamura").Get(Item(no));
    EXPECT_EQ(r.status, 200) << "GET " << Item(no) << " " << r.body;  // was 500: Query rows lost their column names
    return r.Json();
  }

  Json Approvals(const std::string& user) {
    Json j = U(user).Get("/api/v1/approvals").Json();
    return j.is_object() && j.contains("approvals") ? j["approvals"] : Json::array();
  }
  static bool Lists(const Json& list, const std::string& key, const Json& value) {
    for (const Json& a : list)
      if (a.contains(key) && a[key] == value) return true;
    return false;
  }

  // A request that must be refused as described and must write nothing: the trail keeps its
  // size and the item (as GET /api/v1/items/{no} shows it, ledger rows included) is unchanged.
  void Refused(const std::string& label, const std::string& no, const std::function<Reply()>& request, int status,
               const std::string& kind, const std::string& rule, const std::string& clause,
               std::optional<std::string> field = std::nullopt) {
    SCOPED_TRACE(label);
    HttpClient& a = U("nakamura");
    Reply before = a.Get(Item(no));  // records a view: committed by the barrier below
    // A real reply (GET /api/v1/items/{no} once answered 500 for every item: see Detail).
    EXPECT_TRUE(before.status == 200 || before.status == 404) << before.status << " " << before.body;
    ASSERT_TRUE(TrailBarrier(a));
    const int64_t size = TrailSize(a);
    ASSERT_GT(size, 0);
    Reply r = request();
    EXPECT_TRUE(IsApiError(r, status, kind, rule, clause, field));
    ASSERT_TRUE(TrailBarrier(a));
    EXPECT_EQ(TrailSize(a), size) << "a refused request was written to the trail";
    Reply after = a.Get(Item(no));
    EXPECT_EQ(after.status, before.status);
    EXPECT_EQ(after.Json(), before.Json()) << "the item changed";
  }
  void Refused(const std::string& label, const std::string& user, const std::string& no, const std::string& op,
               const Json& body, int status, const std::string& kind, const std::string& rule,
               const std::string& clause, std::optional<std::string> field = std::nullopt) {
    const std::string path = op.empty() ? "/api/v1/items" : Item(no) + "/" + op;
    Refused(label, no, [&] { return U(user).Post(path, body); }, status, kind, rule, clause, std::move(field));
  }

  Json TakeOut(const std::string& purpose = "説明資料の持参") {
    return Json{{"movement", "take_out"}, {"purpose", purpose}, {"period_from", IsoFromNow(std::chrono::minutes(30))},
                {"period_until", IsoFromNow(std::chrono::hours(6))}, {"destination", "防衛装備庁 会議室"},
                {"movement_purpose", "装備庁との打合せ"}, {"data_minimized", true}};
  }
  Json Destruction(int64_t witness, const std::string& method = "shred") {
    return Json{{"method", method}, {"destroy_at", IsoFromNow(std::chrono::minutes(10))},
                {"witness_person_id", witness}};
  }

  struct Step {
    int64_t seq;
    std::string command, entity;
  };
  Server s_;
  std::map<std::string, std::unique_ptr<HttpClient>> users_;
  std::map<std::string, int64_t> ids_;
  int64_t cyber_ = 0;
  std::vector<Step> steps_;
};

TEST_F(MediaMonthTest, AMonthOfOneSection) {
  // Four weeks of daily use of two USB memories and a camera, each returned and checked the
  // same day by the assistant (000 第3 3, 第4 3).
  const char* kUsers[] = {"tanaka", "watanabe", "ito"};
  const char* kPurposes[] = {"会議資料の作成", "訓練資料の編集", "ログの保全", "報告書の作成", "調達仕様書の準備"};
  std::string last_purpose;
  for (int day = 0; day < 20; ++day) {
    const std::string no = day % 2 ? "M-CY-002" : "M-CY-001";
    UseDay(kUsers[day % 3], no, kPurposes[day % 5]);
    if (no == "M-CY-001") last_purpose = kPurposes[day % 5];
    if (day % 5 == 0) UseDay(kUsers[(day + 1) % 3], "D-CY-001", "記録撮影", "第3会議室");
  }
  Json m1 = Detail("M-CY-001");
  if (m1.contains("entries") && !m1["entries"].empty()) {
    const Json& last = m1["entries"].back();
    EXPECT_EQ(last["purpose"], last_purpose);
    EXPECT_EQ(last["check_result"], "no_data");
    EXPECT_FALSE(last["returned_at"].is_null());
  }

  // A take-out requested by staff, approved by the unit IA officer, returned and erased (000 第4 4).
  Do("tanaka", Item("M-CY-004") + "/movement", TakeOut(), "item.request_movement", "movement_requested");
  Json inbox = Approvals("suzuki");
  EXPECT_TRUE(Lists(inbox, "control_no", "M-CY-004")) << inbox.dump();
  EXPECT_TRUE(Lists(inbox, "control_no", "M-CY-007")) << "the demo's pending take-out";
  EXPECT_TRUE(Approvals("tanaka").empty()) << "staff have no approvals inbox";
  Do("suzuki", Item("M-CY-004") + "/approval",
     Json{{"decision", "approve"}, {"confirmed_data", true}, {"instructed_no_copy", true}, {"note", "説明資料のみ"}},
     "item.approve", "out");
  EXPECT_FALSE(Lists(Approvals("suzuki"), "control_no", "M-CY-004"));
  Do("tanaka", Item("M-CY-004") + "/return", Json::object(), "item.return", "awaiting_check");
  Do("takahashi", Item("M-CY-004") + "/check", Json{{"result", "erased"}}, "item.check", "in_storage");

  // A loan: the borrower recorded afterwards (000 第4 4(3)) and a copy at the destination (5).
  Json lend{{"movement", "lend"}, {"purpose", "共同訓練資料の提供"}, {"period_from", IsoFromNow(std::chrono::hours(1))},
            {"period_until", IsoFromNow(std::chrono::hours(72))}, {"destination", "統合幕僚監部 指揮通信システム部"},
            {"movement_purpose", "共同訓練の準備"}, {"data_minimized", true}};
  Do("watanabe", Item("M-CY-005") + "/movement", lend, "item.request_movement", "movement_requested");
  Do("suzuki", Item("M-CY-005") + "/approval", Json{{"decision", "approve"}, {"confirmed_data", true}}, "item.approve",
     "out");
  Do("watanabe", Item("M-CY-005") + "/borrower", Json{{"borrower", "統合幕僚監部 二等陸佐 森 和也"}},
     "item.record_borrower", "out");
  Json copy = Do("watanabe", Item("M-CY-005") + "/copies",
                 Json{{"content", "訓練シナリオ（第2版）"}, {"counterparty", "統合幕僚監部 指揮通信システム部"},
                      {"purpose", "訓練参加者への配布"}},
                 "item.request_copy", "out");
  const int64_t copy_id = copy.value("copy_id", int64_t{0});
  EXPECT_TRUE(Lists(Approvals("suzuki"), "copy_id", copy_id));
  Json decided = Do("suzuki", "/api/v1/copies/" + std::to_string(copy_id) + "/approval",
                    Json{{"decision", "approve"}, {"confirmed_no_other_copy", true}}, "item.approve_copy");
  EXPECT_EQ(decided.value("approval", ""), "approved");
  EXPECT_FALSE(Lists(Approvals("suzuki"), "copy_id", copy_id));
  Do("watanabe", Item("M-CY-005") + "/return", Json::object(), "item.return", "awaiting_check");
  Do("takahashi", Item("M-CY-005") + "/check", Json{{"result", "erased"}}, "item.check", "in_storage");

  // A handover (交付): requested, approved, completed (000 第4 6).
  Do("tanaka", Item("M-CY-006") + "/handover",
     Json{{"purpose", "調達資料の提供"}, {"handover_at", IsoFromNow(std::chrono::hours(1))},
          {"recipient", "防衛装備庁 調達事業部"}, {"handover_purpose", "契約手続の資料"}, {"executor", "田中 美咲"},
          {"data_minimized", true}},
     "item.request_handover", "handover_requested");
  EXPECT_TRUE(Lists(Approvals("suzuki"), "control_no", "M-CY-006"));
  Do("suzuki", Item("M-CY-006") + "/approval", Json{{"decision", "approve"}, {"confirmed_data", true}}, "item.approve",
     "handover_approved");
  Do("tanaka", Item("M-CY-006") + "/handover/complete", Json{{"recipient", "防衛装備庁 調達事業部 山田 一郎"}},
     "item.complete_handover", "handed_over");

  // A medium received from outside, registered as new (000 第4 6(4)), then used.
  Do("takahashi", "/api/v1/items/receive",
     Json{{"control_no", "M-CY-101"}, {"type", "USBメモリ"}, {"storage", "サイバー整備課 施錠保管庫A"},
          {"unit_id", cyber_}, {"received_from", "統合幕僚監部 指揮通信システム部"}},
     "item.receive", "in_storage");
  Json received = Detail("M-CY-101");
  if (received.contains("item")) {
    EXPECT_EQ(received["item"]["origin"], "received");
    EXPECT_EQ(received["item"]["received_from"], "統合幕僚監部 指揮通信システム部");
  }
  UseDay("tanaka", "M-CY-101", "受領データの確認");

  // A destruction recorded by staff and signed by the designated witness (000 第4 7).
  Do("tanaka", Item("M-CY-008") + "/destruction", Destruction(ids_["ito"]), "item.record_destruction",
     "destruction_pending");
  Do("ito", Item("M-CY-008") + "/destruction/witness", Json::object(), "item.witness_destruction", "destroyed");

  // An item not returned by the end of the working day.
  Do("watanabe", Item("M-CY-010") + "/checkout", Json{{"purpose", "報告書の作成"}}, "item.checkout", "in_use");

  // Reconciliation (000 第4 1(3)): M-CY-012 is not in the storage; found and resolved.
  Json all = U("suzuki").Get("/api/v1/items?kind=medium&per_page=500&unit_id=" + std::to_string(cyber_)).Json();
  static const std::set<std::string> kInStorage = {"in_storage", "awaiting_check", "movement_requested",
                                                   "handover_requested", "handover_approved", "destruction_pending"};
  Json counted = Json::array();
  for (const Json& it : all["items"])
    if (kInStorage.count(it["state"].get<std::string>()) && it["control_no"] != "M-CY-012")
      counted.push_back(it["control_no"]);
  Json rec = Do("suzuki", "/api/v1/reconciliations",
                Json{{"unit_id", cyber_}, {"kind", "medium"}, {"counted", counted}, {"note", "月例の照合"}},
                "reconcile.submit");
  EXPECT_EQ(rec.value("discrepancies", -1), 1) << rec.dump();
  EXPECT_EQ(rec.value("state", ""), "open");
  const int64_t rec_id = rec.value("reconciliation_id", int64_t{0});
  Reply rd = U("suzuki").Get("/api/v1/reconciliations/" + std::to_string(rec_id));
  EXPECT_EQ(rd.status, 200) << rd.body;  // was 500: Query rows lost their column names
  int64_t discrepancy = 0;
  for (const Json& ev : TrailEvents(U("nakamura"), "reconciliation:" + std::to_string(rec_id)))
    for (const Json& eff : ev["payload"]["effects"])
      if (eff["t"] == "discrepancies") {
        EXPECT_EQ(eff["row"]["control_no"], "M-CY-012");
        EXPECT_EQ(eff["row"]["kind"], "missing");
        discrepancy = eff["id"].get<int64_t>();
      }
  ASSERT_NE(discrepancy, 0);
  Json resolved = Do("suzuki", "/api/v1/discrepancies/" + std::to_string(discrepancy) + "/resolution",
                     Json{{"resolution", "保管庫Bに誤って収納されていたものを発見し、保管庫Aに戻した。"}},
                     "reconcile.resolve");
  EXPECT_EQ(resolved.value("state", ""), "closed");
  EXPECT_EQ(resolved.value("open_discrepancies", -1), 0);

  // The overdue list: the demo's M-CY-003 is two days late; M-CY-010 is late at today's 18:15.
  Json late = U("suzuki").Get("/api/v1/reports/overdue").Json();
  EXPECT_TRUE(Lists(late["items"], "control_no", "M-CY-003")) << late.dump();
  Json tonight = U("suzuki").Get("/api/v1/reports/overdue?date=" + NextWorkdayEndDate()).Json();
  EXPECT_TRUE(Lists(tonight["items"], "control_no", "M-CY-010")) << tonight.dump();
  EXPECT_TRUE(Lists(tonight["items"], "user_name", "渡辺 直子"));
  EXPECT_FALSE(Lists(tonight["items"], "control_no", "M-CY-001")) << "returned the same day";

  // Exports of the 別紙様式.
  Reply csv = U("tanaka").Get(Item("M-CY-004") + "/ledger?format=csv&dates=wareki");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.Header("content-type").find("text/csv"), std::string::npos);
  for (const char* s : {"可搬記憶媒体管理簿", "媒体番号：M-CY-004", "使用開始日時", "使用者名", "使用目的", "返却日時",
                        "持出し・貸出し・交付の別", "持出し・貸出し期間（交付日時）", "令和", "田中 美咲", "持出し",
                        "防衛装備庁 会議室"})
    EXPECT_NE(csv.body.find(s), std::string::npos) << s << "\n" << csv.body;
  Reply loan = U("watanabe").Get(Item("M-CY-005") + "/ledger?format=csv&dates=wareki");
  for (const char* s : {"貸出し", "森 和也", "訓練シナリオ（第2版）", "訓練参加者への配布"})
    EXPECT_NE(loan.body.find(s), std::string::npos) << s << "\n" << loan.body;
  Reply gone = U("tanaka").Get(Item("M-CY-008") + "/ledger?format=csv&dates=wareki");
  for (const char* s : {"破棄（交付）日時", "田中 美咲", "伊藤 大輔", "令和"})
    EXPECT_NE(gone.body.find(s), std::string::npos) << s << "\n" << gone.body;
  Reply dev = U("tanaka").Get(Item("D-CY-001") + "/ledger?format=csv&dates=seireki");
  for (const char* s : {"目的特化型機器管理簿", "機器番号：D-CY-001", "設置場所（使用場所）", "第3会議室"})
    EXPECT_NE(dev.body.find(s), std::string::npos) << s << "\n" << dev.body;
  EXPECT_EQ(dev.body.find("令和"), std::string::npos);
  Reply xlsx = U("tanaka").Get(Item("M-CY-004") + "/ledger?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_NE(xlsx.Header("content-type").find("spreadsheetml"), std::string::npos);

  // Every step is in the trail under its entity, for those who may read it.
  ASSERT_TRUE(TrailBarrier(U("nakamura")));
  std::map<std::string, Json> by_entity;
  for (const Step& st : steps_) {
    if (!by_entity.count(st.entity)) by_entity[st.entity] = TrailEvents(U("nakamura"), st.entity);
    bool found = false;
    for (const Json& ev : by_entity[st.entity])
      found |= ev["seq"] == st.seq && ev["command"] == st.command && ev["entity"] == st.entity;
    EXPECT_TRUE(found) << st.command << " " << st.entity << " at " << st.seq;
  }
  EXPECT_GT(steps_.size(), 80u);
  for (const char* reader : {"sato", "yamamoto"}) {
    auto c = s_.Login(reader);
    ASSERT_NE(c, nullptr);
    Json ev = TrailEvents(*c, "item:M-CY-008");
    EXPECT_TRUE(Lists(ev, "command", "item.witness_destruction")) << reader;
  }
  EXPECT_TRUE(IsApiError(U("tanaka").Get("/api/v1/trail"), 403, "forbidden", "authz.denied", "000 第2 2(3)"));
}

TEST_F(MediaMonthTest, RefusedUseWritesNothing) {
  Refused("checkout of an item in use", "watanabe", "M-CY-003", "checkout", Json{{"purpose", "会議資料の作成"}}, 409,
          "conflict", "ledger.state", "000 第4 3(1)");
  Refused("checkout without purpose", "tanaka", "M-CY-013", "checkout", Json::object(), 400, "invalid_argument",
          "input.required", "000 第4 3(1)", "purpose");
  Refused("checkout with a blank purpose", "tanaka", "M-CY-013", "checkout", Json{{"purpose", "   "}}, 400,
          "invalid_argument", "input.required", "000 第4 3(1)", "purpose");
  Refused("device without place", "tanaka", "D-CY-002", "checkout", Json{{"purpose", "記録撮影"}}, 400,
          "invalid_argument", "input.required", "000 第3 3(1)", "place");
  Refused("check of an item not returned", "takahashi", "M-CY-003", "check", Json{{"result", "no_data"}}, 409,
          "conflict", "ledger.state", "000 第4 3(2)");
  // Items of units one may not view answer like missing numbers, so numbers cannot be probed.
  Refused("HOREI staff using a CYBER item", "yoshida", "M-CY-013", "checkout", Json{{"purpose", "法令案の審査"}}, 404,
          "not_found", "items.not_found", "000 第4 2(2)", "control_no");
  Refused("handover of a device", "tanaka", "D-CY-003", "handover",
          Json{{"purpose", "提供"}, {"handover_at", IsoFromNow(std::chrono::hours(1))}, {"recipient", "装備庁"},
               {"handover_purpose", "提供"}, {"executor", "田中 美咲"}, {"data_minimized", true}},
          422, "rule_violation", "ledger.kind", "000 第4 6(1)");
  Json dup{{"control_no", "M-CY-001"}, {"kind", "medium"}, {"type", "USBメモリ"},
           {"storage", "サイバー整備課 施錠保管庫A"}, {"unit_id", cyber_}};
  Refused("duplicate medium number", "takahashi", "M-CY-001", "", dup, 422, "rule_violation",
          "ledger.media_number_unique", "000 第4 2(2)", "control_no");
  dup["control_no"] = "D-CY-001";
  dup["kind"] = "device";
  Refused("duplicate device number", "takahashi", "D-CY-001", "", dup, 422, "rule_violation",
          "ledger.device_number_unique", "000 第3 2(2)", "control_no");
  dup["control_no"] = "M-CY-201";
  dup["kind"] = "medium";
  Refused("registration by staff", "tanaka", "M-CY-201", "", dup, 403, "forbidden", "authz.denied", "000 第4 2(1)");

  auto bare = s_.Login("tanaka");
  ASSERT_NE(bare, nullptr);
  bare->SetHeader("X-CSRF-Token", "");
  Refused("no CSRF header", "M-CY-013",
          [&] { return bare->Post(Item("M-CY-013") + "/checkout", Json{{"purpose", "会議資料の作成"}}); }, 403,
          "forbidden", "auth.csrf", "000 第2 2(2)");
  bare->SetHeader("X-CSRF-Token", std::string(64, '0'));
  Refused("wrong CSRF token", "M-CY-013",
          [&] { return bare->Post(Item("M-CY-013") + "/checkout", Json{{"purpose", "会議資料の作成"}}); }, 403,
          "forbidden", "auth.csrf", "000 第2 2(2)");
  auto anonymous = s_.Client();
  Refused("no session", "M-CY-013",
          [&] { return anonymous->Post(Item("M-CY-013") + "/checkout", Json{{"purpose", "会議資料の作成"}}); }, 401,
          "unauthenticated", "auth.required", "000 第2 2(2)");
  EXPECT_TRUE(IsApiError(anonymous->Get(Item("M-CY-013")), 401, "unauthenticated", "auth.required", "000 第2 2(2)"));
}

TEST_F(MediaMonthTest, RefusedMovementsWriteNothing) {
  Json t = TakeOut();
  t.erase("data_minimized");
  Refused("take-out without data_minimized", "tanaka", "M-CY-013", "movement", t, 400, "invalid_argument",
          "input.required", "000 第4 4(1)", "data_minimized");
  t["data_minimized"] = false;
  Refused("take-out with data_minimized false", "tanaka", "M-CY-013", "movement", t, 422, "rule_violation",
          "confirm.data_minimized", "000 第4 4(1)", "data_minimized");
  t = TakeOut();
  t["period_until"] = IsoFromNow(std::chrono::minutes(10));
  Refused("period end before start", "tanaka", "M-CY-013", "movement", t, 422, "rule_violation",
          "ledger.period_order", "000 第4 4(1)", "period_until");
  t["period_until"] = t["period_from"];
  Refused("period end equal to start", "tanaka", "M-CY-013", "movement", t, 422, "rule_violation",
          "ledger.period_order", "000 第4 4(1)", "period_until");
  t = TakeOut();
  t.erase("destination");
  Refused("take-out without destination", "tanaka", "M-CY-013", "movement", t, 400, "invalid_argument",
          "input.required", "000 第4 4(1)", "destination");
  Refused("approval of an item not requested", "suzuki", "M-CY-013", "approval",
          Json{{"decision", "approve"}, {"confirmed_data", true}, {"instructed_no_copy", true}}, 409, "conflict",
          "ledger.state", "000 第4 4(2)");

  Do("tanaka", Item("M-CY-014") + "/movement", TakeOut(), "item.request_movement", "movement_requested");
  const Json ok{{"decision", "approve"}, {"confirmed_data", true}, {"instructed_no_copy", true}};
  for (const char* who : {"tanaka", "watanabe", "takahashi"})
    Refused(std::string("approval by ") + who, who, "M-CY-014", "approval", ok, 403, "forbidden", "authz.denied",
            "000 第4 4(2)");
  // Another unit's IA officer cannot even see the item.
  Refused("approval by kato", "kato", "M-CY-014", "approval", ok, 404, "not_found", "items.not_found", "000 第4 2(2)",
          "control_no");
  Json a = ok;
  a.erase("confirmed_data");
  Refused("approval without confirmed_data", "suzuki", "M-CY-014", "approval", a, 400, "invalid_argument",
          "input.required", "000 第4 4(2)", "confirmed_data");
  a["confirmed_data"] = false;
  Refused("approval with confirmed_data false", "suzuki", "M-CY-014", "approval", a, 422, "rule_violation",
          "confirm.confirmed_data", "000 第4 4(2)", "confirmed_data");
  a = ok;
  a.erase("instructed_no_copy");
  Refused("take-out approval without instructed_no_copy", "suzuki", "M-CY-014", "approval", a, 400,
          "invalid_argument", "input.required", "000 第4 4(2)", "instructed_no_copy");
  Refused("approval without a decision", "suzuki", "M-CY-014", "approval", Json{{"confirmed_data", true}}, 400,
          "invalid_argument", "input.required", "000 第4 4(2)", "decision");
  Refused("checkout of an item awaiting approval", "watanabe", "M-CY-014", "checkout", Json{{"purpose", "資料作成"}},
          409, "conflict", "ledger.state", "000 第4 3(1)");
  Do("suzuki", Item("M-CY-014") + "/approval", Json{{"decision", "reject"}, {"note", "持出しの必要なし"}},
     "item.approve", "in_storage");
  EXPECT_FALSE(Lists(Approvals("suzuki"), "control_no", "M-CY-014"));
}

TEST_F(MediaMonthTest, RefusedDestructionsWriteNothing) {
  Refused("witness is the executor", "tanaka", "M-CY-016", "destruction", Destruction(ids_["tanaka"]), 422,
          "rule_violation", "ledger.witness_differs", "000 第4 7(1)", "witness_person_id");
  Json d = Destruction(ids_["ito"]);
  d["executor_person_id"] = ids_["ito"];
  Refused("witness is the named executor", "tanaka", "M-CY-016", "destruction", d, 422, "rule_violation",
          "ledger.witness_differs", "000 第4 7(1)", "witness_person_id");
  Refused("witness not designated", "tanaka", "M-CY-016", "destruction", Destruction(ids_["watanabe"]), 422,
          "rule_violation", "ledger.witness_designated", "000 第4 7(1)", "witness_person_id");
  Refused("witness designated for another unit", "tanaka", "M-CY-016", "destruction", Destruction(ids_["yoshida"]),
          422, "rule_violation", "ledger.witness_designated", "000 第4 7(1)", "witness_person_id");
  Refused("method 'throw away'", "tanaka", "M-CY-016", "destruction", Destruction(ids_["ito"], "throw away"), 422,
          "rule_violation", "ledger.destruction_method", "000 第4 7(2)", "method");
  Refused("destruction of a device", "tanaka", "D-CY-004", "destruction", Destruction(ids_["ito"]), 422,
          "rule_violation", "ledger.kind", "000 第4 7(1)");
  Refused("destruction by another unit", "yoshida", "M-CY-016", "destruction", Destruction(ids_["ito"]), 404,
          "not_found", "items.not_found", "000 第4 2(2)", "control_no");
  Refused("approval by the assistant", "takahashi", "M-CY-007", "approval",
          Json{{"decision", "approve"}, {"confirmed_data", true}, {"instructed_no_copy", true}}, 403, "forbidden",
          "authz.denied", "000 第4 4(2)");
  // M-CY-019 awaits its witness (ito) since the demo; tanaka recorded it.
  Refused("signed by another member", "watanabe", "M-CY-019", "destruction/witness", Json::object(), 403,
          "forbidden", "ledger.witness_self", "000 第4 7(1)");
  Refused("signed by the unit IA officer", "suzuki", "M-CY-019", "destruction/witness", Json::object(), 403,
          "forbidden", "ledger.witness_self", "000 第4 7(1)");
  Refused("signed by the executor", "tanaka", "M-CY-019", "destruction/witness", Json::object(), 422,
          "rule_violation", "ledger.witness_differs", "000 第4 7(1)");
  Refused("witness of an item not pending", "ito", "M-CY-016", "destruction/witness", Json::object(), 409, "conflict",
          "ledger.state", "000 第4 7(1)");
  Do("ito", Item("M-CY-019") + "/destruction/witness", Json::object(), "item.witness_destruction", "destroyed");
  Refused("second signature", "ito", "M-CY-019", "destruction/witness", Json::object(), 409, "conflict",
          "ledger.state", "000 第4 7(1)");
  Refused("use of a destroyed medium", "tanaka", "M-CY-019", "checkout", Json{{"purpose", "再利用"}}, 409, "conflict",
          "ledger.state", "000 第4 3(1)");
}

}  // namespace
}  // namespace mamori::test
