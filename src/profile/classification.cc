// classification.yaml: classification schemes (each dimension with its own scale, handling rules per class
// and action) and the matrices that cross two dimensions into a third.

#include <algorithm>

#include "profile/load_state.h"

namespace mamori::profile_internal {
namespace {

const std::vector<std::string> kActions = {"email",    "take_out",     "provide_outside", "copy",
                                           "disposal", "storage",      "store_on_pc",     "shared_folder",
                                           "backup",   "social_media", "telework"};
const std::vector<std::string> kHandlingRules = {"allowed", "forbidden", "approval"};
const std::vector<std::string> kAppliesTo = {"item", "asset", "information", "document", "system", "facility"};

// Each level or dimension code once within its list.
bool UniqueIn(std::set<std::string>& seen, MapReader& m, const std::string& code) {
  if (code.empty()) return true;
  if (seen.insert(code).second) return true;
  m.Error("code", "コード \"" + code + "\" が重複しています。", "duplicate code \"" + code + "\"");
  return false;
}

void ReadWhen(LoadState& s, MapReader& h, const ClassificationScheme& scheme, HandlingRule& rule) {
  YAML::Node when = h.Raw("when");
  if (!when.IsDefined() || when.IsNull()) return;
  if (!when.IsMap()) {
    h.Error("when", "次元: 区分 のマッピングでなければなりません。", "expected a mapping dimension: level");
    return;
  }
  for (const auto& kv : when) {
    const std::string dim = kv.first.IsScalar() ? kv.first.Scalar() : "";
    const std::string level = kv.second.IsScalar() ? kv.second.Scalar() : "";
    const std::string path = h.Path("when") + "." + dim;
    const ClassDimension* d = scheme.FindDimension(dim);
    if (!d) {
      s.Error(s.errors.Loc(h.file(), kv.first), path, "分類 " + scheme.code + " に次元 \"" + dim + "\" はありません。",
              "scheme " + scheme.code + " has no dimension \"" + dim + "\"");
    } else if (d->LevelIndex(level) < 0) {
      s.Error(s.errors.Loc(h.file(), kv.second), path, "次元 " + dim + " に区分 \"" + level + "\" はありません。",
              "dimension " + dim + " has no level \"" + level + "\"");
    } else {
      rule.when[dim] = level;
    }
  }
}

void ReadHandling(LoadState& s, MapReader& h, ClassificationScheme& scheme) {
  HandlingRule r;
  r.action = h.OneOf("action", kActions);
  ReadWhen(s, h, scheme, r);
  r.rule = h.OneOf("rule", kHandlingRules);
  const auto approvers = h.StrList("approvers", r.rule == "approval" ? kRequired : kOptional);
  if (!approvers.empty() && r.rule != "approval" && !r.rule.empty())
    h.Error("approvers", "approvers は rule: approval のときだけ書けます。", "approvers are only for rule: approval");
  if (approvers.empty() && r.rule == "approval" && h.Has("approvers"))
    h.Error("approvers", "承認者を一人以上挙げてください。", "name at least one approver");
  s.RoleRefs(approvers);
  for (const Item& a : approvers) r.approvers.push_back(a.value);
  r.clause = h.Str("clause");
  s.CiteValue(r.clause, h.At("clause"), h.Path("clause"), "handling", scheme.code + " " + r.action);
  r.note_ja = h.Str("note_ja", kOptional);
  r.note_en = h.Str("note_en", kOptional);
  scheme.handling.push_back(std::move(r));
}

}  // namespace

void ReadSchemes(LoadState& s, MapReader& m) {
  m.ForEachMap("schemes", kOptional, [&](MapReader& c, size_t) {
    ClassificationScheme scheme;
    scheme.code = s.Code(c, "schemes");
    scheme.clause = c.Str("clause");
    s.CiteValue(scheme.clause, c.At("clause"), c.Path("clause"), "scheme", scheme.code);
    scheme.name_ja = c.Str("name_ja");
    scheme.name_en = c.Str("name_en");
    for (const Item& a : c.StrList("applies_to", kRequired)) {
      if (std::find(kAppliesTo.begin(), kAppliesTo.end(), a.value) == kAppliesTo.end())
        s.Error(
            a.at, a.path, "applies_to の値 \"" + a.value + "\" は使えません。",
            "unknown applies_to \"" + a.value + "\" (one of: item, asset, information, document, system, facility)");
      else
        scheme.applies_to.push_back(a.value);
    }
    std::set<std::string> dims;
    c.ForEachMap("dimensions", kRequired, [&](MapReader& d, size_t) {
      ClassDimension dim;
      dim.code = d.Str("code");
      UniqueIn(dims, d, dim.code);
      dim.name_ja = d.Str("name_ja");
      dim.name_en = d.Str("name_en");
      std::set<std::string> levels;
      d.ForEachMap("levels", kRequired, [&](MapReader& l, size_t) {
        ClassLevel level{l.Str("code"), l.Str("name_ja"), l.Str("name_en")};
        UniqueIn(levels, l, level.code);
        dim.levels.push_back(std::move(level));
      });
      if (dim.levels.empty()) d.Error("levels", "区分を一つ以上挙げてください。", "list at least one level");
      scheme.dimensions.push_back(std::move(dim));
    });
    if (scheme.dimensions.empty() && c.Has("dimensions"))
      c.Error("dimensions", "次元を一つ以上挙げてください。", "list at least one dimension");
    c.ForEachMap("handling", kOptional, [&](MapReader& h, size_t) { ReadHandling(s, h, scheme); });
    s.profile.schemes.push_back(std::move(scheme));
  });
}

void ReadMatrices(LoadState& s, MapReader& m) {
  m.ForEachMap("matrices", kOptional, [&](MapReader& c, size_t) {
    ClassMatrix x;
    x.code = s.Code(c, "matrices");
    x.clause = c.Str("clause");
    s.CiteValue(x.clause, c.At("clause"), c.Path("clause"), "matrix", x.code);
    x.name_ja = c.Str("name_ja");
    x.name_en = c.Str("name_en");
    x.scheme = c.Str("scheme");
    x.rows = c.Str("rows");
    x.columns = c.Str("columns");
    x.yields = c.Str("yields");
    const std::string file = c.file();
    std::map<std::string, std::pair<SourceLoc, std::string>> at;
    for (const char* key : {"scheme", "rows", "columns", "yields", "cells"}) at[key] = {c.At(key), c.Path(key)};
    std::vector<std::vector<Item>> cells;
    YAML::Node rows = c.Raw("cells");
    if (!rows.IsDefined() || rows.IsNull()) {
      c.Str("cells");  // missing
    } else if (!rows.IsSequence()) {
      c.Error("cells", "行のリストでなければなりません。", "expected a list of rows");
    } else {
      for (size_t i = 0; i < rows.size(); ++i)
        cells.push_back(ScalarList(file, rows[i], c.Path("cells") + "[" + std::to_string(i) + "]", s.errors));
    }
    for (const auto& row : cells) {
      x.cells.emplace_back();
      for (const Item& cell : row) x.cells.back().push_back(cell.value);
    }
    s.profile.matrices.push_back(x);
    // The scheme may come from an included part: check once everything is read.
    s.deferred.push_back([&s, x, at, cells] {
      const ClassificationScheme* scheme = nullptr;
      for (const auto& sc : s.profile.schemes)
        if (sc.code == x.scheme) scheme = &sc;
      if (!scheme) {
        if (!x.scheme.empty())
          s.Error(at.at("scheme").first, at.at("scheme").second, "分類 \"" + x.scheme + "\" はありません。",
                  "no classification scheme \"" + x.scheme + "\"");
        return;
      }
      const ClassDimension* dims[3] = {nullptr, nullptr, nullptr};
      const char* keys[3] = {"rows", "columns", "yields"};
      const std::string* names[3] = {&x.rows, &x.columns, &x.yields};
      for (int i = 0; i < 3; ++i) {
        dims[i] = scheme->FindDimension(*names[i]);
        if (!dims[i] && !names[i]->empty())
          s.Error(at.at(keys[i]).first, at.at(keys[i]).second,
                  "分類 " + x.scheme + " に次元 \"" + *names[i] + "\" はありません。",
                  "scheme " + x.scheme + " has no dimension \"" + *names[i] + "\"");
      }
      if (!dims[0] || !dims[1] || !dims[2]) return;
      if (cells.size() != dims[0]->levels.size())
        s.Error(at.at("cells").first, at.at("cells").second,
                "行は " + x.rows + " の区分の数（" + std::to_string(dims[0]->levels.size()) + "）だけ必要です。",
                "expected one row per level of " + x.rows + " (" + std::to_string(dims[0]->levels.size()) + ")");
      for (size_t r = 0; r < cells.size(); ++r) {
        if (cells[r].size() != dims[1]->levels.size())
          s.Error(at.at("cells").first, at.at("cells").second + "[" + std::to_string(r) + "]",
                  "列は " + x.columns + " の区分の数（" + std::to_string(dims[1]->levels.size()) + "）だけ必要です。",
                  "expected one cell per level of " + x.columns + " (" + std::to_string(dims[1]->levels.size()) + ")");
        for (const Item& cell : cells[r])
          if (dims[2]->LevelIndex(cell.value) < 0)
            s.Error(cell.at, cell.path, "次元 " + x.yields + " に区分 \"" + cell.value + "\" はありません。",
                    "dimension " + x.yields + " has no level \"" + cell.value + "\"");
      }
    });
  });
}

}  // namespace mamori::profile_internal
