// docs/openapi.yaml against the route table (api.cc): the same (method, path) set in both
// directions, security on every authenticated route, the common Error schema on a 4xx of every
// operation, request schemas whose `required` names exist, and command routes that name their
// command. No server: the file is read from the binary (EmbeddedFiles) or the source tree.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "testing/test_support.h"
#include "api/api.h"
#include "base/embedded.h"

namespace mamori {
namespace {

using Json = nlohmann::json;

constexpr const char* kOpenApiKey = "docs/openapi.yaml";
const char* const kMethods[] = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

using mamori::testing::YamlToJson;

std::string SourceCopy() {
  // __FILE__ is src/api/openapi_test.cc under the source root.
  const std::filesystem::path root = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
  std::ifstream in(root / kOpenApiKey);
  if (!in) return "";
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool Unsafe(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

class OpenApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto it = EmbeddedFiles().find(kOpenApiKey);
    embedded_ = it != EmbeddedFiles().end();
    text_ = embedded_ ? std::string(it->second) : SourceCopy();
    try {
      doc_ = YamlToJson(YAML::Load(text_));
    } catch (const YAML::Exception& e) {
      parse_error_ = e.what();
      doc_ = nullptr;
    }
  }

  void SetUp() override {
    ASSERT_FALSE(text_.empty()) << kOpenApiKey << " is neither embedded in the binary nor readable in the source tree";
    ASSERT_TRUE(parse_error_.empty()) << "YAML error: " << parse_error_;
    ASSERT_TRUE(doc_.is_object());
    ASSERT_TRUE(doc_.contains("paths") && doc_["paths"].is_object());
  }

  // Every (METHOD, path) -> operation object.
  static std::map<std::pair<std::string, std::string>, Json> Operations() {
    std::map<std::pair<std::string, std::string>, Json> ops;
    for (const auto& [path, item] : doc_["paths"].items())
      for (const char* m : kMethods)
        if (item.contains(m)) ops[{Upper(m), path}] = item[m];
    return ops;
  }

  // Follows a local "$ref" ("#/components/…"); returns null when it does not resolve.
  static Json Resolve(const Json& node) {
    Json cur = node;
    for (int depth = 0; depth < 10 && cur.is_object() && cur.contains("$ref"); ++depth) {
      const std::string ref = cur["$ref"].get<std::string>();
      if (ref.rfind("#/", 0) != 0) return nullptr;
      try {
        cur = doc_.at(Json::json_pointer(ref.substr(1)));
      } catch (const Json::exception&) {
        return nullptr;
      }
    }
    return cur;
  }

  static const RouteInfo* FindRoute(const std::string& method, const std::string& path) {
    for (const RouteInfo& r : ApiRoutes())
      if (r.method == method && r.pattern == path) return &r;
    return nullptr;
  }

  static inline bool embedded_ = false;
  static inline std::string text_, parse_error_;
  static inline Json doc_;
};

TEST_F(OpenApiTest, IsEmbeddedAndIdenticalToTheSourceFile) {
  EXPECT_TRUE(embedded_) << kOpenApiKey << " is not compiled into the binary (re-run cmake so the glob finds it)";
  const std::string source = SourceCopy();
  if (embedded_ && !source.empty()) {
    EXPECT_EQ(text_, source) << "the embedded copy is stale: rebuild";
  }
}

TEST_F(OpenApiTest, Header) {
  EXPECT_EQ(doc_.value("openapi", ""), "3.0.3");
  ASSERT_TRUE(doc_.contains("info"));
  EXPECT_EQ(doc_["info"].value("title", ""), "mamori API");
  EXPECT_EQ(doc_["info"].value("version", ""), "1");
  ASSERT_TRUE(doc_.contains("components") && doc_["components"].contains("schemas"));
  EXPECT_TRUE(doc_["components"]["schemas"].contains("Error"));
}

TEST_F(OpenApiTest, SameRoutesAsTheRouteTable) {
  std::set<std::pair<std::string, std::string>> table, file;
  for (const RouteInfo& r : ApiRoutes())
    EXPECT_TRUE(table.insert({r.method, r.pattern}).second) << "duplicate route " << r.method << " " << r.pattern;
  for (const auto& [key, op] : Operations()) file.insert(key);
  for (const auto& k : table)
    EXPECT_TRUE(file.count(k)) << "route missing from docs/openapi.yaml: " << k.first << " " << k.second;
  for (const auto& k : file)
    EXPECT_TRUE(table.count(k)) << "docs/openapi.yaml documents a route the server lacks: " << k.first << " "
                                << k.second;
  EXPECT_EQ(table.size(), file.size());
}

TEST_F(OpenApiTest, OperationIdsAreUnique) {
  std::set<std::string> ids;
  for (const auto& [key, op] : Operations()) {
    ASSERT_TRUE(op.contains("operationId")) << key.first << " " << key.second;
    EXPECT_TRUE(ids.insert(op["operationId"].get<std::string>()).second)
        << "duplicate operationId " << op["operationId"];
    EXPECT_FALSE(op.value("summary", "").empty()) << key.first << " " << key.second << " has no summary";
  }
}

TEST_F(OpenApiTest, AuthenticatedRoutesDeclareSecurity) {
  const Json schemes = doc_["components"].value("securitySchemes", Json::object());
  ASSERT_TRUE(schemes.contains("cookieAuth"));
  ASSERT_TRUE(schemes.contains("bearerAuth"));
  EXPECT_EQ(schemes["cookieAuth"].value("in", ""), "cookie");
  EXPECT_EQ(schemes["cookieAuth"].value("name", ""), kSessionCookie);
  EXPECT_EQ(schemes["bearerAuth"].value("scheme", ""), "bearer");
  // The CSRF header is a scheme of its own so that unsafe routes can require it with the cookie.
  std::string csrf_scheme;
  for (const auto& [name, s] : schemes.items())
    if (s.value("in", "") == "header" && s.value("name", "") == "X-CSRF-Token") csrf_scheme = name;
  ASSERT_FALSE(csrf_scheme.empty()) << "no security scheme for the X-CSRF-Token header";

  for (const auto& [key, op] : Operations()) {
    const RouteInfo* route = FindRoute(key.first, key.second);
    if (!route) continue;  // reported by SameRoutesAsTheRouteTable
    const std::string where = key.first + " " + key.second;
    const Json security = op.contains("security") ? op["security"] : doc_.value("security", Json::array());
    ASSERT_TRUE(security.is_array()) << where;
    if (route->public_route) {
      EXPECT_TRUE(op.contains("security") && security.empty()) << where << " is public: it should say `security: []`";
      continue;
    }
    EXPECT_FALSE(security.empty()) << where << " needs authentication but declares no security";
    bool cookie = false, bearer = false;
    for (const Json& req : security) {
      ASSERT_TRUE(req.is_object()) << where;
      EXPECT_FALSE(req.empty()) << where << ": an empty requirement would make the route anonymous";
      for (const auto& [name, scopes] : req.items())
        EXPECT_TRUE(schemes.contains(name)) << where << ": unknown scheme " << name;
      if (req.contains("cookieAuth")) {
        cookie = true;
        if (Unsafe(key.first)) {
          EXPECT_TRUE(req.contains(csrf_scheme))
              << where << ": cookie authentication of an unsafe method needs the CSRF header";
        }
      }
      bearer |= req.contains("bearerAuth");
    }
    EXPECT_TRUE(cookie) << where << " should accept the session cookie";
    EXPECT_TRUE(bearer) << where << " should accept a bearer token";
  }
}

TEST_F(OpenApiTest, EveryOperationHasA4xxWithTheErrorSchema) {
  for (const auto& [key, op] : Operations()) {
    const std::string where = key.first + " " + key.second;
    ASSERT_TRUE(op.contains("responses") && op["responses"].is_object()) << where;
    bool has_error_4xx = false;
    std::set<std::string> codes;
    for (const auto& [code, raw] : op["responses"].items()) {
      codes.insert(code);
      const Json resp = Resolve(raw);
      ASSERT_FALSE(resp.is_null()) << where << " " << code << ": unresolved $ref";
      if (code.size() != 3 || code[0] != '4') continue;
      const Json schema = resp.contains("content") && resp["content"].contains("application/json")
                              ? resp["content"]["application/json"].value("schema", Json::object())
                              : Json::object();
      const bool uses_error = schema.value("$ref", "") == "#/components/schemas/Error";
      EXPECT_TRUE(uses_error) << where << " " << code << " does not use the Error schema";
      has_error_4xx |= uses_error;
    }
    EXPECT_TRUE(has_error_4xx) << where << " has no 4xx response with the Error schema";
    bool has_2xx = false;
    for (const std::string& c : codes) has_2xx |= c.size() == 3 && c[0] == '2';
    EXPECT_TRUE(has_2xx) << where << " documents no success response";
    const RouteInfo* route = FindRoute(key.first, key.second);
    if (route && !route->public_route) {
      EXPECT_TRUE(codes.count("401")) << where << " should document 401";
    }
    if (route && !route->public_route && Unsafe(key.first)) {
      EXPECT_TRUE(codes.count("403")) << where << " should document 403 (authz.denied, auth.csrf)";
    }
  }
  // The Error schema itself: the body every error answers.
  const Json err = Resolve(Json{{"$ref", "#/components/schemas/Error"}});
  ASSERT_TRUE(err.contains("properties") && err["properties"].contains("error"));
  const Json inner = Resolve(err["properties"]["error"]);
  const std::set<std::string> want = {"kind", "rule", "clause", "message_ja", "message_en"};
  std::set<std::string> required;
  for (const Json& r : inner.value("required", Json::array())) required.insert(r.get<std::string>());
  EXPECT_EQ(required, want);
  EXPECT_TRUE(inner["properties"].contains("field"));
}

// `required` ⊆ `properties` for a schema and every schema inside it.
void CheckRequiredExist(const Json& schema, const std::string& where, const std::function<Json(const Json&)>& resolve,
                        int depth = 0) {
  if (depth > 12 || !schema.is_object()) return;
  const Json s = resolve(schema);
  ASSERT_FALSE(s.is_null()) << where << ": unresolved $ref " << schema.dump();
  if (s.contains("required")) {
    const Json props = s.value("properties", Json::object());
    for (const Json& r : s["required"])
      EXPECT_TRUE(props.contains(r.get<std::string>()))
          << where << ": required field " << r << " is not among the properties";
  }
  if (s.contains("properties"))
    for (const auto& [name, p] : s["properties"].items()) CheckRequiredExist(p, where + "." + name, resolve, depth + 1);
  if (s.contains("items")) CheckRequiredExist(s["items"], where + "[]", resolve, depth + 1);
}

TEST_F(OpenApiTest, RequestBodiesRequireOnlyDeclaredFields) {
  auto resolve = [](const Json& j) { return Resolve(j); };
  int bodies = 0;
  for (const auto& [key, op] : Operations()) {
    const std::string where = key.first + " " + key.second;
    if (!op.contains("requestBody")) {
      const RouteInfo* route = FindRoute(key.first, key.second);
      // Every command route but those whose input is only the path takes a JSON body.
      if (route && !route->command.empty() && key.first == "POST")
        ADD_FAILURE() << where << " runs " << route->command << " but documents no requestBody";
      continue;
    }
    const Json body = Resolve(op["requestBody"]);
    const RouteInfo* route = FindRoute(key.first, key.second);
    if (route && route->max_body > 0) {
      // A route taking a file (its own body limit, e.g. the CSV import) takes the file's bytes, not JSON.
      ASSERT_TRUE(body.contains("content") && !body["content"].contains("application/json")) << where;
      for (const auto& [type, media] : body["content"].items())
        EXPECT_EQ(Resolve(media.value("schema", Json::object())).value("format", ""), "binary")
            << where << " " << type << ": a file body is a binary string";
      continue;
    }
    ASSERT_TRUE(body.contains("content") && body["content"].contains("application/json")) << where;
    const Json schema = body["content"]["application/json"].value("schema", Json::object());
    const Json s = Resolve(schema);
    ASSERT_FALSE(s.is_null()) << where;
    EXPECT_EQ(s.value("type", ""), "object") << where << ": a request body is a JSON object";
    CheckRequiredExist(schema, where, resolve);
    ++bodies;
  }
  EXPECT_GT(bodies, 20);
  // The same holds for every named schema.
  for (const auto& [name, schema] : doc_["components"]["schemas"].items()) CheckRequiredExist(schema, name, resolve);
}

TEST_F(OpenApiTest, PathParametersAreDeclared) {
  for (const auto& [key, op] : Operations()) {
    const std::string& path = key.second;
    std::set<std::string> in_path, declared;
    for (size_t b = path.find('{'); b != std::string::npos; b = path.find('{', b + 1))
      in_path.insert(path.substr(b + 1, path.find('}', b) - b - 1));
    Json params = op.value("parameters", Json::array());
    const Json item = doc_["paths"][path];
    for (const Json& p : item.value("parameters", Json::array())) params.push_back(p);
    for (const Json& raw : params) {
      const Json p = Resolve(raw);
      ASSERT_FALSE(p.is_null()) << path << ": unresolved parameter " << raw.dump();
      if (p.value("in", "") != "path") continue;
      declared.insert(p.value("name", ""));
      EXPECT_EQ(p.value("required", ""), "true")
          << path << ": path parameter " << p.value("name", "") << " must be required";
    }
    EXPECT_EQ(in_path, declared) << key.first << " " << path;
  }
}

TEST_F(OpenApiTest, CommandRoutesNameTheirCommand) {
  int commands = 0;
  for (const RouteInfo& r : ApiRoutes()) {
    if (r.command.empty()) continue;
    auto ops = Operations();
    auto it = ops.find({r.method, r.pattern});
    if (it == ops.end()) continue;  // reported by SameRoutesAsTheRouteTable
    const Json& op = it->second;
    const std::string summary = op.value("summary", ""), id = op.value("operationId", "");
    std::string id_form = r.command;
    std::replace(id_form.begin(), id_form.end(), '.', '_');
    EXPECT_TRUE(summary.find(r.command) != std::string::npos || id.find(r.command) != std::string::npos ||
                id == id_form)
        << r.method << " " << r.pattern << " runs " << r.command << " but neither its summary (" << summary
        << ") nor its operationId (" << id << ") says so";
    ++commands;
  }
  EXPECT_GT(commands, 20);
}

TEST_F(OpenApiTest, EveryRefResolves) {
  std::function<void(const Json&, const std::string&)> walk = [&](const Json& j, const std::string& at) {
    if (j.is_object()) {
      if (j.contains("$ref")) {
        EXPECT_FALSE(Resolve(j).is_null()) << at << ": unresolved " << j["$ref"];
      }
      for (const auto& [k, v] : j.items()) walk(v, at + "/" + k);
    } else if (j.is_array()) {
      for (size_t i = 0; i < j.size(); ++i) walk(j[i], at + "/" + std::to_string(i));
    }
  };
  walk(doc_, "");
}

}  // namespace
}  // namespace mamori
