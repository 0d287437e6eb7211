// The named parameters of rule queries (compliance.h, RuleParams).

#include <algorithm>

#include "compliance/compliance.h"

namespace mamori {
namespace {

Status BadParam(const std::string& what, std::string_view value) {
  return Status::Error(ErrorKind::kInvalidArgument, "compliance.params", "",
                       what + " の形式が正しくありません: " + std::string(value),
                       "malformed " + what + ": " + std::string(value));
}

// Two digits at s[pos], or -1.
int TwoDigits(std::string_view s, size_t pos) {
  if (pos + 2 > s.size() || s[pos] < '0' || s[pos] > '9' || s[pos + 1] < '0' || s[pos + 1] > '9') return -1;
  return (s[pos] - '0') * 10 + (s[pos + 1] - '0');
}

bool Leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && Leap(y) ? 29 : kDays[m - 1];
}

// 00:00 local on y-m-d (the day clamped to the month's length), as UTC micros.
Micros LocalMidnight(int y, int m, int d, const TimeZone& tz) {
  return FromCivil(CivilTime{y, m, std::min(d, DaysIn(y, m)), 0, 0, 0}, tz);
}

}  // namespace

Value RuleParams::Get(std::string_view name) const {
  if (name == "now") return now_text;
  if (name == "workday_cutoff") return workday_cutoff;
  if (name == "today") return today;
  if (name == "fiscal_year_start") return fiscal_year_start;
  if (name == "fiscal_year_end") return fiscal_year_end;
  return Value();
}

Result<RuleParams> MakeRuleParams(Micros now, const TimeZone& tz, std::string_view workday_end,
                                  std::string_view fiscal_year_start) {
  const int hh = TwoDigits(workday_end, 0), mi = TwoDigits(workday_end, 3);
  if (workday_end.size() != 5 || workday_end[2] != ':' || hh < 0 || hh > 23 || mi < 0 || mi > 59)
    return BadParam("workday_end (HH:MM)", workday_end);
  const int fm = TwoDigits(fiscal_year_start, 0), fd = TwoDigits(fiscal_year_start, 3);
  if (fiscal_year_start.size() != 5 || fiscal_year_start[2] != '-' || fm < 1 || fm > 12 || fd < 1 ||
      fd > DaysIn(2024, fm))
    return BadParam("fiscal_year_start (MM-DD)", fiscal_year_start);

  RuleParams p;
  p.now = now;
  p.tz = tz;
  p.workday_end = std::string(workday_end);
  p.fiscal_year_mmdd = std::string(fiscal_year_start);
  p.now_text = FormatUtc(now);

  const CivilTime local = ToCivil(now, tz);
  const Micros today = LocalMidnight(local.year, local.month, local.day, tz);
  p.today = FormatUtc(today);
  const Micros end_today = FromCivil(CivilTime{local.year, local.month, local.day, hh, mi, 0}, tz);
  p.workday_cutoff = FormatUtc(now >= end_today ? end_today : end_today - kDay);

  // The fiscal year holding `now` starts in this calendar year unless its start day is still to come.
  int fy = local.year;
  if (now < LocalMidnight(fy, fm, fd, tz)) --fy;
  p.fiscal_year_start = FormatUtc(LocalMidnight(fy, fm, fd, tz));
  p.fiscal_year_end = FormatUtc(LocalMidnight(fy + 1, fm, fd, tz));
  return p;
}

Result<RuleParams> ComputeRuleParams(Conn& conn, const Profile& profile, Micros now) {
  ASSIGN_OR_RETURN(Rows org, conn.Query("SELECT timezone, workday_end FROM org WHERE id = 1"));
  if (org.empty())
    return Status::Error(ErrorKind::kNotFound, "org.missing", "", "組織が初期化されていません（mamori init）。",
                         "The organization is not set up (run mamori init).");
  ASSIGN_OR_RETURN(TimeZone tz, TimeZone::FromName(org.rows[0].Str(0)));
  return MakeRuleParams(now, tz, org.rows[0].Str(1), profile.fiscal_year_start);
}

}  // namespace mamori
