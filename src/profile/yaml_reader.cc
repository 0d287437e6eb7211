#include "profile/yaml_reader.h"

#include <algorithm>
#include <tuple>

namespace mamori::profile_internal {
namespace {

std::string Join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

const char* KindEn(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "text";
    default:
      return "nothing";
  }
}

const char* KindJa(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return "マッピング";
    case YAML::NodeType::Sequence:
      return "リスト";
    case YAML::NodeType::Scalar:
      return "文字列";
    default:
      return "空";
  }
}

}  // namespace

void Errors::Add(const SourceLoc& at, std::string path, std::string ja, std::string en) {
  list_.push_back(ProfileError{at, std::move(path), std::move(ja), std::move(en)});
}

std::vector<ProfileError> Errors::Sorted() const {
  std::vector<ProfileError> out = list_;
  std::stable_sort(out.begin(), out.end(), [](const ProfileError& a, const ProfileError& b) {
    return std::tie(a.at.file, a.at.line, a.at.col) < std::tie(b.at.file, b.at.line, b.at.col);
  });
  return out;
}

void Errors::AddFile(const std::string& file, const std::string& text) {
  Text& t = texts_[file];
  t.text = text;
  t.line_starts = {0};
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') t.line_starts.push_back(i + 1);
}

SourceLoc Errors::Loc(const std::string& file, const YAML::Node& node) const {
  if (!node.IsDefined()) return SourceLoc{file, 1, 1};
  return Mark(file, node.Mark());
}

SourceLoc Errors::Mark(const std::string& file, const YAML::Mark& m) const {
  if (m.line < 0 || m.column < 0) return SourceLoc{file, 1, 1};
  int col = m.column + 1;
  auto it = texts_.find(file);
  if (it != texts_.end() && static_cast<size_t>(m.line) < it->second.line_starts.size()) {
    const std::string& text = it->second.text;
    const size_t start = it->second.line_starts[m.line];
    col = 1;
    for (size_t i = start; i < start + m.column && i < text.size(); ++i)
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;  // not a UTF-8 continuation byte
  }
  return SourceLoc{file, m.line + 1, col};
}

std::optional<YAML::Node> ParseFile(const std::string& file, const std::string& text, Errors& errors) {
  errors.AddFile(file, text);
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    errors.Add(errors.Mark(file, e.mark), "", "YAML の構文が正しくありません: " + e.msg, "YAML syntax error: " + e.msg);
    return std::nullopt;
  }
}

MapReader::MapReader(const std::string& file, const YAML::Node& node, std::string path, Errors& errors)
    : file_(file), node_(node), path_(std::move(path)), errors_(errors) {
  if (!node.IsMap()) {
    errors_.Add(errors_.Loc(file_, node_), path_,
                std::string("マッピング（キー: 値）でなければなりません（") + KindJa(node) + "）。",
                std::string("expected a mapping (key: value), found ") + KindEn(node));
    return;
  }
  ok_ = true;
  for (const auto& kv : node) {
    std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "?";
    if (Find(key)) {
      errors_.Add(errors_.Loc(file_, kv.first), Path(key), "キー \"" + key + "\" が重複しています。",
                  "duplicate key \"" + key + "\"");
      continue;
    }
    entries_.push_back(Entry{key, kv.first, kv.second});
  }
}

MapReader::~MapReader() {
  for (const auto& e : entries_) {
    if (e.used) continue;
    errors_.Add(errors_.Loc(file_, e.key_node), Path(e.key),
                "不明なキー \"" + e.key + "\" です（使えるキー: " + Join(asked_) + "）。",
                "unknown key \"" + e.key + "\" (allowed: " + Join(asked_) + ")");
  }
}

MapReader::Entry* MapReader::Find(const std::string& key) {
  for (auto& e : entries_)
    if (e.key == key) return &e;
  return nullptr;
}

const MapReader::Entry* MapReader::Find(const std::string& key) const {
  for (const auto& e : entries_)
    if (e.key == key) return &e;
  return nullptr;
}

bool MapReader::Has(const std::string& key) const {
  const Entry* e = Find(key);
  return e && !e->value.IsNull();
}

SourceLoc MapReader::At(const std::string& key) const {
  const Entry* e = Find(key);
  return e ? errors_.Loc(file_, e->value.IsNull() ? e->key_node : e->value) : errors_.Loc(file_, node_);
}

void MapReader::Error(const std::string& key, std::string ja, std::string en) {
  errors_.Add(At(key), Path(key), std::move(ja), std::move(en));
}

MapReader::Entry* MapReader::Take(const std::string& key, Need need) {
  if (std::find(asked_.begin(), asked_.end(), key) == asked_.end()) asked_.push_back(key);
  if (!ok_) return nullptr;
  Entry* e = Find(key);
  if (e) e->used = true;
  if (e && e->value.IsNull()) e = nullptr;
  if (!e && need == kRequired)
    errors_.Add(At(key), Path(key), "必須のキー \"" + key + "\" がありません。",
                "missing required key \"" + key + "\"");
  return e;
}

std::string MapReader::Str(const std::string& key, Need need) {
  Entry* e = Take(key, need);
  if (!e) return "";
  if (!e->value.IsScalar()) {
    Error(key, std::string("文字列でなければなりません（") + KindJa(e->value) + "）。",
          std::string("expected text, found ") + KindEn(e->value));
    return "";
  }
  std::string v = e->value.Scalar();
  if (v.empty() && need == kRequired) Error(key, "空にできません。", "must not be empty");
  return v;
}

std::string MapReader::OneOf(const std::string& key, const std::vector<std::string>& allowed, Need need,
                             const std::string& fallback) {
  const bool present = Has(key);
  std::string v = Str(key, need);
  if (!present) return fallback;
  if (v.empty()) return v;
  if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
    Error(key, key + " の値 \"" + v + "\" は使えません（使える値: " + Join(allowed) + "）。",
          "unknown " + key + " \"" + v + "\" (one of: " + Join(allowed) + ")");
    return "";
  }
  return v;
}

bool MapReader::Bool(const std::string& key) {
  Entry* e = Take(key, kOptional);
  if (!e) return false;
  if (e->value.IsScalar()) {
    const std::string& v = e->value.Scalar();
    if (v == "true") return true;
    if (v == "false") return false;
  }
  Error(key, "true か false でなければなりません。", "expected true or false");
  return false;
}

std::optional<int64_t> MapReader::Int(const std::string& key, Need need, int64_t min, int64_t max) {
  Entry* e = Take(key, need);
  if (!e) return std::nullopt;
  const std::string range = std::to_string(min) + "–" + std::to_string(max);
  if (e->value.IsScalar()) {
    const std::string& v = e->value.Scalar();
    size_t used = 0;
    int64_t n = 0;
    bool parsed = !v.empty() && (isdigit(static_cast<unsigned char>(v[0])) || v[0] == '-');
    if (parsed) {
      try {
        n = std::stoll(v, &used);
      } catch (const std::exception&) {
        parsed = false;
      }
    }
    if (parsed && used == v.size() && n >= min && n <= max) return n;
  }
  Error(key, range + " の整数でなければなりません。", "expected a whole number " + range);
  return std::nullopt;
}

std::vector<Item> ScalarList(const std::string& file, const YAML::Node& node, const std::string& path, Errors& errors) {
  std::vector<Item> out;
  if (!node.IsSequence()) {
    errors.Add(errors.Loc(file, node), path, std::string("リストでなければなりません（") + KindJa(node) + "）。",
               std::string("expected a list, found ") + KindEn(node));
    return out;
  }
  for (size_t i = 0; i < node.size(); ++i) {
    const YAML::Node& v = node[i];
    const std::string p = path + "[" + std::to_string(i) + "]";
    if (!v.IsScalar() || v.Scalar().empty()) {
      errors.Add(errors.Loc(file, v), p, "空でない文字列でなければなりません。",
                 std::string("expected non-empty text, found ") + KindEn(v));
      continue;
    }
    out.push_back(Item{v.Scalar(), errors.Loc(file, v), p});
  }
  return out;
}

std::vector<Item> MapReader::StrList(const std::string& key, Need need) {
  Entry* e = Take(key, need);
  if (!e) return {};
  return ScalarList(file_, e->value, Path(key), errors_);
}

void MapReader::ForEachMap(const std::string& key, Need need, const std::function<void(MapReader&, size_t)>& fn) {
  Entry* e = Take(key, need);
  if (!e) return;
  if (!e->value.IsSequence()) {
    Error(key, std::string("リストでなければなりません（") + KindJa(e->value) + "）。",
          std::string("expected a list, found ") + KindEn(e->value));
    return;
  }
  for (size_t i = 0; i < e->value.size(); ++i) {
    MapReader item(file_, e->value[i], Path(key) + "[" + std::to_string(i) + "]", errors_);
    if (item.ok()) fn(item, i);
  }
}

YAML::Node MapReader::Raw(const std::string& key) {
  Entry* e = Take(key, kOptional);
  return e ? e->value : YAML::Node();
}

}  // namespace mamori::profile_internal
