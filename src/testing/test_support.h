#pragma once
// Support shared by the unit and black-box tests (header-only; nothing here is linked into mamori).

#include <stdlib.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/app.h"

namespace mamori::testing {

// A directory under /tmp, removed with everything in it when the object goes.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix) {
    std::string tmpl = "/tmp/" + prefix + "-XXXXXX";
    if (mkdtemp(tmpl.data())) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  bool ok() const { return !path_.empty(); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// An organization on the mod-internal profile in `var`, with the administrator "admin".
inline Result<std::unique_ptr<App>> InitTestOrg(const std::string& var, const Clock* clock,
                                                const std::string& admin_password = "admin-password-0001") {
  return App::Init(var, OrgSettings{"テスト内部部局", "mod-internal", TimeZone{}, "18:15"}, "admin", admin_password,
                   clock);
}

// YAML as JSON: scalars become strings ("true", "12"); maps and sequences keep their shape.
inline nlohmann::json YamlToJson(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& kv : n) out[kv.first.as<std::string>()] = YamlToJson(kv.second);
      return out;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& v : n) out.push_back(YamlToJson(v));
      return out;
    }
    case YAML::NodeType::Scalar:
      return n.as<std::string>();
    default:
      return nullptr;
  }
}

}  // namespace mamori::testing
