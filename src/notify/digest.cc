// Reminder digests: who gets one now and what it lists (CollectDigests), and the message (RenderDigest).

#include "notify/digest.h"

#include <algorithm>
#include <map>
#include <set>

#include "crypto/crypto.h"
#include "identity/catalog.h"
#include "obligation/owners.h"
#include "obligation/queries.h"

namespace mamori {

int64_t Digest::due_soon() const {
  return std::count_if(lines.begin(), lines.end(), [](const DigestLine& l) { return !l.overdue; });
}
int64_t Digest::overdue() const {
  return std::count_if(lines.begin(), lines.end(), [](const DigestLine& l) { return l.overdue; });
}
std::vector<int64_t> Digest::occurrence_ids() const {
  std::vector<int64_t> ids;
  for (const DigestLine& l : lines) ids.push_back(l.occurrence_id);
  return ids;
}

namespace {

// ---- collecting ---------------------------------------------------------------------------------

constexpr const char* kSentToday =
    "SELECT DISTINCT person_id FROM reminders WHERE status = 'sent' AND sent_at >= ? AND sent_at < ?";
constexpr const char* kRecipients =
    "SELECT id, family_name, given_name, email FROM persons WHERE active = 1 AND email <> ''";
constexpr int kPage = 500;

// Days since the epoch of the local calendar day of t.
int64_t LocalDay(Micros t, const TimeZone& tz) {
  const Micros local = t + int64_t{tz.offset_minutes} * kMinute;
  return local / kDay - (local % kDay < 0 ? 1 : 0);
}

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

struct Recipient {
  std::string name, email;
};

Result<std::map<int64_t, Recipient>> Recipients(Conn& conn) {
  std::map<int64_t, Recipient> out;
  ASSIGN_OR_RETURN(Rows rows, conn.Query(kRecipients));
  for (const Row& r : rows.rows) {
    const std::string email = Trim(r.Str(3));
    if (!email.empty()) out[r.Int(0)] = Recipient{r.Str(1) + " " + r.Str(2), email};
  }
  return out;
}

Result<std::set<int64_t>> SentToday(Conn& conn, const TimeZone& tz, Micros now) {
  const Micros day_start = LocalDay(now, tz) * kDay - int64_t{tz.offset_minutes} * kMinute;
  ASSIGN_OR_RETURN(Rows rows, conn.Query(kSentToday, {FormatUtc(day_start), FormatUtc(day_start + kDay)}));
  std::set<int64_t> out;
  for (const Row& r : rows.rows) out.insert(r.Int(0));
  return out;
}

// Every open duty due soon or overdue at `now`, with its owners (the calendar's own listing).
Result<std::vector<Duty>> DueDuties(Conn& conn, const DigestContext& ctx, Micros now) {
  std::vector<Duty> out;
  const DutyContext dctx{ctx.catalog, ctx.profiles};
  for (const char* status : {"overdue", "due_soon"}) {
    DutyFilter f;
    f.status = status;
    f.visible_units = std::nullopt;
    f.manage_units = std::nullopt;
    f.limit = kPage;
    do {
      ASSIGN_OR_RETURN(DutyPage page, ListDuties(conn, dctx, f, now));
      for (Duty& d : page.duties) out.push_back(std::move(d));
      f.after = page.next_after;
    } while (f.after != 0);
  }
  return out;
}

DigestLine LineOf(const Duty& d, const TimeZone& tz, Micros now) {
  DigestLine l;
  l.occurrence_id = d.occ.id;
  l.obligation = d.occ.obligation;
  l.name_ja = d.name_ja;
  l.name_en = d.name_en.empty() ? d.name_ja : d.name_en;
  l.clause = d.occ.clause;
  l.period = d.occ.period;
  l.subject = d.occ.subject;
  l.unit_ja = d.unit_name_ja;
  l.unit_en = d.unit_name_en.empty() ? d.unit_name_ja : d.unit_name_en;
  const Result<Micros> due = ParseTimestamp(d.occ.due_at);
  l.due_at = due.ok() ? *due : 0;
  l.overdue = now > l.due_at;
  const int64_t today = LocalDay(now, tz), due_day = LocalDay(l.due_at, tz);
  l.days = l.overdue ? today - due_day : due_day - today;
  return l;
}

// The persons who own an escalated duty only through the role it was escalated to.
std::set<int64_t> EscalatedOnly(const Duty& d, const OwnerIndex& owners) {
  std::set<int64_t> out;
  if (d.occ.escalation_level <= 0 || d.occ.escalated_to.empty()) return out;
  Occurrence before = d.occ;
  before.escalation_level = 0;
  before.escalated_to.clear();
  const std::vector<int64_t> first = owners.Owners(before);
  for (const PersonRef& p : d.owners)
    if (!std::binary_search(first.begin(), first.end(), p.person_id)) out.insert(p.person_id);
  return out;
}

void MarkEscalated(const DigestContext& ctx, const Occurrence& o, DigestLine& line) {
  const RoleDef* def = ctx.catalog ? ctx.catalog->FindRole(o.escalated_to) : nullptr;
  line.escalation_level = static_cast<int>(o.escalation_level);
  line.escalated_role_ja = def ? def->name_ja : o.escalated_to;
  line.escalated_role_en = def ? def->name_en : o.escalated_to;
}

bool LineBefore(const DigestLine& a, const DigestLine& b) {
  if (a.overdue != b.overdue) return a.overdue;
  if (a.due_at != b.due_at) return a.due_at < b.due_at;
  return a.occurrence_id < b.occurrence_id;
}

}  // namespace

Result<std::vector<Digest>> CollectDigests(Conn& conn, const DigestContext& ctx, Micros now) {
  ASSIGN_OR_RETURN(const std::set<int64_t> sent, SentToday(conn, ctx.tz, now));
  ASSIGN_OR_RETURN(const auto recipients, Recipients(conn));
  ASSIGN_OR_RETURN(const std::vector<Duty> duties, DueDuties(conn, ctx, now));
  ASSIGN_OR_RETURN(const OwnerIndex owners, OwnerIndex::Load(conn, *ctx.catalog, FormatUtc(now)));
  std::map<int64_t, Digest> by_person;
  for (const Duty& duty : duties) {
    const DigestLine base = LineOf(duty, ctx.tz, now);
    const std::set<int64_t> escalated = EscalatedOnly(duty, owners);
    for (const PersonRef& owner : duty.owners) {
      auto who = recipients.find(owner.person_id);
      if (who == recipients.end() || sent.count(owner.person_id)) continue;
      Digest& d = by_person[owner.person_id];
      d.person_id = owner.person_id;
      d.name = who->second.name;
      d.email = who->second.email;
      d.lines.push_back(base);
      if (escalated.count(owner.person_id)) MarkEscalated(ctx, duty.occ, d.lines.back());
    }
  }
  std::vector<Digest> out;
  for (auto& [id, d] : by_person) {
    std::sort(d.lines.begin(), d.lines.end(), LineBefore);
    out.push_back(std::move(d));
  }
  return out;
}

// ---- rendering ----------------------------------------------------------------------------------

namespace {

std::string N(int64_t n) { return std::to_string(n); }

std::string SubjectOf(const Digest& d) {
  const int64_t soon = d.due_soon(), late = d.overdue();
  std::string ja, en;
  if (soon > 0 && late > 0) {
    ja = "期限の近い義務 " + N(soon) + " 件・期限超過 " + N(late) + " 件";
    en = N(soon) + " due soon, " + N(late) + " overdue";
  } else if (late > 0) {
    ja = "期限超過の義務 " + N(late) + " 件";
    en = N(late) + " overdue";
  } else {
    ja = "期限の近い義務 " + N(soon) + " 件";
    en = N(soon) + " due soon";
  }
  return "【mamori】" + ja + " / " + en;
}

std::string PeriodJa(const std::string& p) {
  if (p == "once") return "一回限り";
  if (p.rfind("event:", 0) == 0) return "記録 #" + p.substr(6) + " を契機とするもの";
  return p;
}
std::string PeriodEn(const std::string& p) {
  if (p.rfind("event:", 0) == 0) return "raised by trail event #" + p.substr(6);
  return p;
}

std::string Link(const DigestMailOptions& o, const DigestLine& l) {
  std::string base = o.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/duties?id=" + N(l.occurrence_id);
}

// The due date (with the time when a duty is due before the end of its day, e.g. a workday duty at
// the end of the working day) in 和暦 or 西暦.
std::string DueDate(const DigestLine& l, const TimeZone& tz, DateStyle style) {
  const CivilTime c = ToCivil(l.due_at, tz);
  const bool end_of_day = c.hour == 23 && c.minute == 59;
  return FormatDisplay(l.due_at, tz, style, !end_of_day);
}

std::string DueJa(const DigestLine& l, const TimeZone& tz) {
  std::string s = "期限: " + DueDate(l, tz, DateStyle::kWareki) + "（" + DueDate(l, tz, DateStyle::kSeireki) + "）　";
  if (l.overdue) return s + (l.days > 0 ? N(l.days) + " 日超過" : "本日期限切れ");
  return s + (l.days > 0 ? "あと " + N(l.days) + " 日" : "本日が期限");
}

std::string DueEn(const DigestLine& l, const TimeZone& tz) {
  std::string s = "Due: " + DueDate(l, tz, DateStyle::kSeireki) + " (" + DueDate(l, tz, DateStyle::kWareki) + "), ";
  const std::string days = N(l.days) + (l.days == 1 ? " day" : " days");
  if (l.overdue) return s + (l.days > 0 ? days + " overdue" : "overdue since today");
  return s + (l.days > 0 ? days + " left" : "due today");
}

std::string LineJa(size_t n, const DigestLine& l, const DigestMailOptions& o) {
  std::string s = N(static_cast<int64_t>(n)) + ". " + l.name_ja + "（" + l.clause + "）\n";
  s += "   組織: " + l.unit_ja + "　期間: " + PeriodJa(l.period) + (l.subject.empty() ? "" : "　対象: " + l.subject) +
       "\n";
  s += "   " + DueJa(l, o.tz) + "\n";
  if (l.escalation_level > 0)
    s += "   ※ 期限を過ぎたため、" + l.escalated_role_ja + "であるあなたに上げられています（" + N(l.escalation_level) +
         " 段階）。\n";
  return s + "   " + Link(o, l) + "\n";
}

std::string LineEn(size_t n, const DigestLine& l, const DigestMailOptions& o) {
  std::string s = N(static_cast<int64_t>(n)) + ". " + l.name_en + " (" + l.clause + ")\n";
  s += "   Unit: " + l.unit_en + "   Period: " + PeriodEn(l.period) +
       (l.subject.empty() ? "" : "   About: " + l.subject) + "\n";
  s += "   " + DueEn(l, o.tz) + "\n";
  if (l.escalation_level > 0)
    s += "   Note: escalated to you as " + l.escalated_role_en + " because it is overdue (level " +
         N(l.escalation_level) + ").\n";
  return s + "   " + Link(o, l) + "\n";
}

// The lines of one group (overdue or due soon), numbered in the digest's order.
std::string Group(const Digest& d, bool overdue, bool ja, const DigestMailOptions& o) {
  std::string s;
  size_t n = 0;
  for (const DigestLine& l : d.lines) {
    ++n;
    if (l.overdue == overdue) s += (ja ? LineJa(n, l, o) : LineEn(n, l, o)) + "\n";
  }
  return s;
}

std::string BodyJa(const Digest& d, const DigestMailOptions& o, Micros now) {
  std::string s = d.name + " 様\n\nmamori（情報保証管理）からのお知らせです。" +
                  FormatDisplay(now, o.tz, DateStyle::kWareki, false) + "（" +
                  FormatDisplay(now, o.tz, DateStyle::kSeireki, false) + "）現在、あなたが担当する義務のうち、";
  if (d.overdue() > 0) s += "期限を過ぎたものが " + N(d.overdue()) + " 件";
  if (d.overdue() > 0 && d.due_soon() > 0) s += "、";
  if (d.due_soon() > 0) s += "期限の近いものが " + N(d.due_soon()) + " 件";
  s += "あります。\n\n";
  if (d.overdue() > 0) s += "■ 期限超過 " + N(d.overdue()) + " 件\n" + Group(d, true, true, o);
  if (d.due_soon() > 0) s += "■ 期限の近い義務 " + N(d.due_soon()) + " 件\n" + Group(d, false, true, o);
  return s;
}

std::string BodyEn(const Digest& d, const DigestMailOptions& o, Micros now) {
  std::string s = "Dear " + d.name + ",\n\nThis is mamori (information assurance management). As of " +
                  LocalDate(now, o.tz) + ", of the duties you own ";
  if (d.overdue() > 0) s += N(d.overdue()) + (d.overdue() == 1 ? " is" : " are") + " overdue";
  if (d.overdue() > 0 && d.due_soon() > 0) s += " and ";
  if (d.due_soon() > 0) s += N(d.due_soon()) + (d.due_soon() == 1 ? " is" : " are") + " due soon";
  s += ".\n\n";
  if (d.overdue() > 0) s += "■ Overdue: " + N(d.overdue()) + "\n" + Group(d, true, false, o);
  if (d.due_soon() > 0) s += "■ Due soon: " + N(d.due_soon()) + "\n" + Group(d, false, false, o);
  return s;
}

}  // namespace

MailMessage RenderDigest(const Digest& d, const DigestMailOptions& o, Micros now, const std::string& reminder_id) {
  MailMessage m;
  m.from = o.from;
  m.to = {{d.email, d.name}};
  m.subject = SubjectOf(d);
  m.body = BodyJa(d, o, now) + "----------------------------------------------------------------\n\n" +
           BodyEn(d, o, now) + "--\nこのメールは mamori が自動で送信しています。返信は読まれません。\n" +
           "This message was sent automatically by mamori; replies are not read.\n";
  m.extra_headers = {{"Auto-Submitted", "auto-generated"}, {"X-Mamori-Reminder-ID", reminder_id}};
  return m;
}

std::string NewReminderId(const MailAddress& from) {
  const size_t at = from.address.find('@');
  const std::string domain = at == std::string::npos ? "localhost" : from.address.substr(at + 1);
  return "<" + RandomHex(16) + ".reminder@" + domain + ">";
}

}  // namespace mamori
