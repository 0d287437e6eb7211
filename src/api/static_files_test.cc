#include "api/static_files.h"

#include <gtest/gtest.h>

#include <fstream>

#include "testing/test_support.h"

namespace mamori {
namespace {
using mamori::testing::TempDir;

void Write(const std::filesystem::path& p, const std::string& body) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << body;
}

HttpRequest Get(const std::string& path) {
  HttpRequest r;
  r.method = "GET";
  r.path = path;
  r.target = path;
  return r;
}

std::string Header(const HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Write(std::filesystem::path(dir_.path()) / "index.html", "<html>app</html>");
    Write(std::filesystem::path(dir_.path()) / "assets" / "index-abc.js", "console.log(1)");
    Write(std::filesystem::path(dir_.path()) / "assets" / "index-abc.css", "body{}");
    auto f = StaticFiles::Load(dir_.path());
    ASSERT_TRUE(f.ok());
    files_ = *f;
  }
  TempDir dir_{"mamori-static"};
  StaticFiles files_;
};

TEST_F(StaticFilesTest, ServesBuiltAssetsWithLongCache) {
  HttpResponse r = files_.Serve(Get("/assets/index-abc.js"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "console.log(1)");
  EXPECT_EQ(r.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Header(r, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(files_.Serve(Get("/assets/index-abc.css")).content_type, "text/css; charset=utf-8");
}

TEST_F(StaticFilesTest, ClientRoutesGetTheAppUncached) {
  for (const char* path : {"/", "/items", "/items/M-CY-001", "/admin/units", "/index.html"}) {
    HttpResponse r = files_.Serve(Get(path));
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body, "<html>app</html>") << path;
    EXPECT_EQ(Header(r, "Cache-Control"), "no-cache") << path;
  }
}

TEST_F(StaticFilesTest, MissingFilesAndApiPathsAre404Json) {
  for (const char* path : {"/assets/gone.js", "/favicon.ico", "/api/v1/nope", "/api"}) {
    HttpResponse r = files_.Serve(Get(path));
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_NE(r.body.find("http.not_found"), std::string::npos) << path;
  }
}

TEST_F(StaticFilesTest, NeverReadsOutsideTheLoadedSet) {
  Write(std::filesystem::path(dir_.path()).parent_path() / "secret.txt", "secret");
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt"}) {
    HttpResponse r = files_.Serve(Get(path));
    EXPECT_EQ(r.body.find("secret"), std::string::npos) << path;
  }
}

TEST(StaticFilesNotBuilt, AnswersABilingualHint) {
  TempDir empty("mamori-static");
  auto f = StaticFiles::Load(std::filesystem::path(empty.path()) / "absent");
  ASSERT_TRUE(f.ok());
  EXPECT_FALSE(f->has_app());
  HttpResponse r = f->Serve(Get("/"));
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("ビルドされていません"), std::string::npos);
  EXPECT_NE(r.body.find("not built"), std::string::npos);
}

TEST(RouterFallback, OnlyForGetRequestsThatMatchNoRoute) {
  Router router;
  router.Add("POST", "/api/v1/things", [](HttpRequest&) { return JsonResponse(201, {}); });
  router.SetFallback([](HttpRequest&) { return JsonResponse(299, {}); });
  HttpRequest get = Get("/items");
  EXPECT_EQ(router.Dispatch(get).status, 299);
  HttpRequest post = Get("/items");
  post.method = "POST";
  EXPECT_EQ(router.Dispatch(post).status, 404);
  HttpRequest known = Get("/api/v1/things");
  EXPECT_EQ(router.Dispatch(known).status, 405);  // the path exists for another method
}

}  // namespace
}  // namespace mamori
