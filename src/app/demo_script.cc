#include "app/demo_script.h"

#include <cstdio>
#include <sstream>

#include "base/time.h"
#include "crypto/crypto.h"
#include "obligation/periods.h"

namespace mamori::demo {

std::string Script::Credentials() const {
  std::ostringstream out;
  out << "デモ組織のサインイン / demo sign-in (password for every account: " << kDemoPassword << ")\n";
  for (const auto& p : people_)
    out << "  " << p.username << std::string(12 - std::string(p.username).size(), ' ') << p.family << " " << p.given
        << " — " << p.title << "\n";
  return out.str();
}

Result<Json> Script::Run(const Actor& a, const char* cmd, Json in) {
  clock_.Advance(7 * kMinute);
  return e_.Execute(a, cmd, std::move(in));
}

const Actor& Script::Who(const char* username) const {
  for (const auto& p : people_)
    if (std::string(p.username) == username) return p.actor;
  return sys_;
}

Status Script::AddUnits(const std::vector<UnitSpec>& units) {
  units_["ROOT"] = 1;
  for (const UnitSpec& u : units) {
    ASSIGN_OR_RETURN(Json r, Run(sys_, "unit.create", Json{{"parent_id", Unit(u.parent)}, {"kind", u.kind},
                                                            {"code", u.code}, {"name_ja", u.ja}, {"name_en", u.en},
                                                            {"head_title", u.head}}));
    units_[u.code] = r["unit_id"].get<int64_t>();
  }
  return Status::Ok();
}

Status Script::AddPeople(std::vector<Person> people) {
  people_ = std::move(people);
  const std::string hash = HashPassword(kDemoPassword).value();
  for (auto& p : people_) {
    ASSIGN_OR_RETURN(Json person, Run(sys_, "person.create", Json{{"family_name", p.family}, {"given_name", p.given},
                                                                   {"unit_id", Unit(p.unit)}, {"title", p.title},
                                                                   {"email", std::string(p.username) + "@demo.mamori.example"}}));
    ASSIGN_OR_RETURN(Json acc, Run(sys_, "account.create", Json{{"person_id", person["person_id"]},
                                                                 {"username", p.username}, {"password_hash", hash}}));
    p.actor.account_id = acc["account_id"].get<int64_t>();
    p.actor.person_id = person["person_id"].get<int64_t>();
    p.actor.username = p.username;
  }
  return Status::Ok();
}

Status Script::Designate(const Actor& by, const char* who, const char* role, const char* unit, const char* note) {
  return Do(by, "designation.create",
            Json{{"person_id", Who(who).person_id}, {"role", role}, {"unit_id", Unit(unit)}, {"note", note}});
}

Status Script::PlanDuties(int days_back) {
  const LocalDay from = DayOf(start_ - days_back * kDay, app_.org().tz);
  return Do(sys_, "obligation.schedule", Json{{"from", FormatDay(from)}});
}

std::string WriteCredentials(const std::string& var, std::string creds) {
  creds += "  admin       管理 者 — mamori の初期管理者（システム管理）\n";
  FILE* f = std::fopen((var + "/demo-credentials.txt").c_str(), "w");
  if (f) {
    std::fputs(creds.c_str(), f);
    std::fclose(f);
  }
  return creds;
}

Micros DemoStart() {
  SystemClock real;
  const Micros start_day = (real.Now() - 35 * kDay) / kDay * kDay;
  const int64_t dow = ((start_day / kDay) + 4) % 7;
  return start_day - ((dow + 6) % 7) * kDay;  // 00:00 UTC = 09:00 JST
}

}  // namespace mamori::demo
