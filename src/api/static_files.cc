#include "api/static_files.h"

#include <fstream>
#include <sstream>

namespace mamori {
namespace {

constexpr char kNotBuilt[] =
    "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>mamori</title></head><body>"
    "<h1>mamori</h1><p>Webアプリケーションがビルドされていません。<code>make run</code> で起動してください"
    "（API は <code>/api/v1</code> で利用できます）。</p>"
    "<p lang=\"en\">The web application is not built. Start the server with <code>make run</code> "
    "(the API is available under <code>/api/v1</code>).</p></body></html>";

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

HttpResponse FileResponse(const std::string& name, const std::string& body, const char* cache) {
  HttpResponse r;
  r.content_type = ContentTypeFor(name);
  r.body = body;
  r.headers.emplace_back("Cache-Control", cache);
  return r;
}

}  // namespace

std::string ContentTypeFor(const std::string& name) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},    {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},              {".png", "image/png"},
      {".ico", "image/x-icon"},               {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& [ext, type] : kTypes)
    if (EndsWith(name, ext)) return type;
  return "application/octet-stream";
}

Result<StaticFiles> StaticFiles::Load(const std::filesystem::path& root) {
  StaticFiles out;
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) return out;
  for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    if (!in.good() && !in.eof())
      return Status::Internal("cannot read web file " + it->path().string());
    out.files_[std::filesystem::relative(it->path(), root).generic_string()] = body.str();
  }
  if (ec) return Status::Internal("cannot list web directory " + root.string() + ": " + ec.message());
  return out;
}

HttpResponse StaticFiles::Serve(const HttpRequest& request) const {
  const std::string& path = request.path;
  if (path == "/api" || path.rfind("/api/", 0) == 0) {
    return ErrorResponse(Status::Error(ErrorKind::kNotFound, "http.not_found", "", "指定されたURLは存在しません。",
                                       "No such URL."));
  }
  if (!has_app()) {
    HttpResponse r;
    r.content_type = "text/html; charset=utf-8";
    r.body = kNotBuilt;
    return r;
  }
  // Only exact names that were loaded are served; the decoded path is a map key, never a file path.
  const std::string name = PercentDecode(path.substr(1), false);
  if (name != "index.html") {
    auto it = files_.find(name);
    if (it != files_.end()) {
      const bool hashed = name.rfind("assets/", 0) == 0;
      return FileResponse(name, it->second, hashed ? "public, max-age=31536000, immutable" : "no-cache");
    }
    // A missing asset is a 404, not the app: a stale page must not get HTML for its script.
    if (name.rfind("assets/", 0) == 0 || ContentTypeFor(name) != "application/octet-stream") {
      return ErrorResponse(Status::Error(ErrorKind::kNotFound, "http.not_found", "", "指定されたURLは存在しません。",
                                         "No such URL."));
    }
  }
  return FileResponse("index.html", files_.at("index.html"), "no-cache");
}

}  // namespace mamori
