// Where profile files come from: the binary (embedded at build time), a directory, or memory.

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "base/embedded.h"
#include "profile/profile.h"

namespace mamori {
namespace {

bool IsYaml(const std::string& name) {
  auto ends = [&](const char* ext) {
    const std::string e(ext);
    return name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
  };
  return ends(".yaml") || ends(".yml");
}

}  // namespace

const ProfileFiles& ProfileFiles::Embedded() {
  static const ProfileFiles files = [] {
    std::map<std::string, std::string> m;
    const std::string prefix = "profiles/";
    for (const auto& [path, content] : EmbeddedFiles())
      if (path.rfind(prefix, 0) == 0) m.emplace(path.substr(prefix.size()), std::string(content));
    return FromMap(std::move(m), prefix);
  }();
  return files;
}

ProfileFiles ProfileFiles::Directory(const std::string& root) {
  ProfileFiles f;
  f.dir_ = root.empty() ? "." : root;
  f.root_ = f.dir_.back() == '/' ? f.dir_ : f.dir_ + "/";
  return f;
}

ProfileFiles ProfileFiles::FromMap(std::map<std::string, std::string> files, std::string root) {
  ProfileFiles f;
  f.root_ = std::move(root);
  f.memory_ = std::make_shared<const std::map<std::string, std::string>>(std::move(files));
  return f;
}

std::optional<std::string> ProfileFiles::Read(const std::string& rel) const {
  if (memory_) {
    auto it = memory_->find(rel);
    if (it == memory_->end()) return std::nullopt;
    return it->second;
  }
  const std::filesystem::path path = std::filesystem::path(dir_) / rel;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> ProfileFiles::List(const std::string& folder) const {
  std::set<std::string> out;
  if (memory_) {
    const std::string prefix = folder + "/";
    for (const auto& [path, content] : *memory_)
      if (path.rfind(prefix, 0) == 0 && path.find('/', prefix.size()) == std::string::npos)
        out.insert(path.substr(prefix.size()));
  } else {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(dir_) / folder, ec))
      if (e.is_regular_file() && IsYaml(e.path().filename().string())) out.insert(e.path().filename().string());
  }
  return {out.begin(), out.end()};
}

namespace {

// Top-level folders of the files, sorted.
std::set<std::string> Folders(const std::shared_ptr<const std::map<std::string, std::string>>& memory,
                              const std::string& dir) {
  std::set<std::string> out;
  if (memory) {
    for (const auto& [path, content] : *memory) {
      const size_t slash = path.find('/');
      if (slash != std::string::npos) out.insert(path.substr(0, slash));
    }
    return out;
  }
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_directory()) out.insert(e.path().filename().string());
  return out;
}

}  // namespace

std::vector<std::string> ProfileFiles::Profiles() const {
  std::vector<std::string> out;
  for (const auto& folder : Folders(memory_, dir_))
    if (Read(folder + "/profile.yaml")) out.push_back(folder);
  return out;
}

std::vector<std::string> ProfileFiles::Parts() const {
  std::vector<std::string> out;
  for (const auto& folder : Folders(memory_, dir_)) {
    if (Read(folder + "/profile.yaml")) continue;
    for (const auto& file : List(folder)) {
      const size_t dot = file.rfind('.');
      if (file.substr(dot) == ".yaml") out.push_back(folder + "/" + file.substr(0, dot));
    }
  }
  return out;
}

}  // namespace mamori
