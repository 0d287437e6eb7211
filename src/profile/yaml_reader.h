#pragma once
// Reading profile YAML with validation (internal to src/profile/): every read names its key path, every
// problem becomes a ProfileError with file, line and column, and a mapping reports the keys nobody read
// (unknown keys) when it goes out of scope. Nothing throws; a value of the wrong type reads as empty.

#include <yaml-cpp/yaml.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "profile/profile.h"

namespace mamori::profile_internal {

// The errors of one load, shared by the readers of every file. Also knows the text of each file read, to
// give columns in characters (yaml-cpp counts bytes; a Japanese character is three).
class Errors {
 public:
  void Add(const SourceLoc& at, std::string path, std::string ja, std::string en);
  // Remembers a file's text for Loc.
  void AddFile(const std::string& file, const std::string& text);
  // Where `node` was written: 1-based line and column (in characters).
  SourceLoc Loc(const std::string& file, const YAML::Node& node) const;
  SourceLoc Mark(const std::string& file, const YAML::Mark& mark) const;
  const std::vector<ProfileError>& list() const { return list_; }
  std::vector<ProfileError> Sorted() const;
  bool empty() const { return list_.empty(); }

 private:
  std::vector<ProfileError> list_;
  struct Text {
    std::string text;
    std::vector<size_t> line_starts;
  };
  std::map<std::string, Text> texts_;
};

// A value read with where it was written.
struct Item {
  std::string value;
  SourceLoc at;
  std::string path;
};

// Parses one file; a syntax error is reported and gives nullopt.
std::optional<YAML::Node> ParseFile(const std::string& file, const std::string& text, Errors& errors);

enum Need { kRequired, kOptional };

// A mapping being read at `path`.
class MapReader {
 public:
  MapReader(const std::string& file, const YAML::Node& node, std::string path, Errors& errors);
  ~MapReader();  // reports unknown keys
  MapReader(const MapReader&) = delete;

  bool ok() const { return ok_; }
  bool Has(const std::string& key) const;
  const std::string& path() const { return path_; }
  const std::string& file() const { return file_; }
  Errors& errors() { return errors_; }
  // Where the value of `key` was written (the mapping itself if the key is absent).
  SourceLoc At(const std::string& key) const;
  SourceLoc Here() const { return errors_.Loc(file_, node_); }
  std::string Path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  void Error(const std::string& key, std::string ja, std::string en);

  // A text value; required keys must be present and non-empty.
  std::string Str(const std::string& key, Need need = kRequired);
  // A text value from a closed set.
  std::string OneOf(const std::string& key, const std::vector<std::string>& allowed, Need need = kRequired,
                    const std::string& fallback = "");
  bool Bool(const std::string& key);
  std::optional<int64_t> Int(const std::string& key, Need need, int64_t min, int64_t max);
  // A list of text values, each with its location.
  std::vector<Item> StrList(const std::string& key, Need need = kOptional);
  // A list of mappings: calls `fn` for each with a reader at "key[i]".
  void ForEachMap(const std::string& key, Need need, const std::function<void(MapReader&, size_t)>& fn);
  // The raw node of `key` (marks it read); a null node if absent.
  YAML::Node Raw(const std::string& key);

 private:
  struct Entry {
    std::string key;
    YAML::Node key_node, value;
    bool used = false;
  };
  Entry* Find(const std::string& key);
  const Entry* Find(const std::string& key) const;
  Entry* Take(const std::string& key, Need need);

  std::string file_;
  YAML::Node node_;
  std::string path_;
  Errors& errors_;
  bool ok_ = false;
  std::vector<Entry> entries_;
  std::vector<std::string> asked_;  // every key a reader asked for: the allowed keys
};

// Reads a scalar list node (used for nested lists such as compatible pairs and matrix cells).
std::vector<Item> ScalarList(const std::string& file, const YAML::Node& node, const std::string& path, Errors& errors);

}  // namespace mamori::profile_internal
