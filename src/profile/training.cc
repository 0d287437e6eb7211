// Reader of training.yaml (docs/profiles.md): the training programs of a profile, their required content
// items, audience and period. Checks keys, closed sets, clause citations and role references, and that
// every obligation completed by `training.record` has a program of the same code (the command completes
// the duty whose code is the session's program).

#include <algorithm>
#include <set>

#include "profile/load_state.h"

namespace mamori::profile_internal {
namespace {

const std::vector<std::string> kTrainingEvery = {"fiscal_year", "once"};
constexpr const char* kRecordCommand = "training.record";

void ReadContents(LoadState& s, MapReader& p, TrainingProgramDef& d) {
  std::set<std::string> keys;
  p.ForEachMap("contents", kOptional, [&](MapReader& c, size_t) {
    TrainingContentDef item;
    item.key = c.Str("key");
    if (!item.key.empty() && !keys.insert(item.key).second)
      c.Error("key", "内容 \"" + item.key + "\" が重複しています。", "duplicate content key \"" + item.key + "\"");
    item.text_ja = c.Str("text_ja");
    item.text_en = c.Str("text_en");
    item.clause = c.Str("clause", kOptional);
    s.CiteValue(item.clause, c.At("clause"), c.Path("clause"), "training", d.code + "." + item.key);
    d.contents.push_back(std::move(item));
  });
}

// Once every file is read: an obligation completed by training.record needs a program of its code.
void CheckCompletedDuties(LoadState& s, const SourceLoc& at) {
  const Profile& p = s.profile;
  for (const ObligationDef& o : p.obligations) {
    if (std::find(o.completed_by.begin(), o.completed_by.end(), kRecordCommand) == o.completed_by.end()) continue;
    const bool found = std::any_of(p.training_programs.begin(), p.training_programs.end(),
                                   [&](const TrainingProgramDef& t) { return t.code == o.code; });
    if (!found)
      s.Error(at, "programs",
              "義務 \"" + o.code + "\" は training.record で完了しますが、同じコードの教育プログラムがありません。",
              "obligation \"" + o.code + "\" is completed by training.record but no program has its code");
  }
}

}  // namespace

void ReadTraining(LoadState& s, MapReader& m) {
  const SourceLoc file_at = m.Here();
  m.ForEachMap("programs", kRequired, [&](MapReader& p, size_t) {
    TrainingProgramDef d;
    d.code = s.Code(p, "programs");
    d.clause = p.Str("clause");
    s.CiteValue(d.clause, p.At("clause"), p.Path("clause"), "training", d.code);
    d.name_ja = p.Str("name_ja");
    d.name_en = p.Str("name_en");
    d.record_clause = p.Str("record_clause");
    s.CiteValue(d.record_clause, p.At("record_clause"), p.Path("record_clause"), "training", d.code + ".record");
    d.every = p.OneOf("every", kTrainingEvery);
    const auto audience = p.StrList("audience");
    s.RoleRefs(audience);
    for (const Item& r : audience) d.audience.push_back(r.value);
    for (const Item& o : p.StrList("also_completes")) {
      d.also_completes.push_back(o.value);
      s.obligation_refs.push_back(Ref{o.value, o.path, o.at});
    }
    ReadContents(s, p, d);
    s.profile.training_programs.push_back(std::move(d));
  });
  s.deferred.push_back([&s, file_at] { CheckCompletedDuties(s, file_at); });
}

}  // namespace mamori::profile_internal
