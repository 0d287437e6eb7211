#pragma once
// Serves the web application (the Vite build in web/dist) from the API's own port.
//
// The files are read once, when the server starts, into memory: only what existed then is
// served, nothing on disk is opened per request, and no request path ever reaches the file
// system. GET /assets/<name> answers the built file (content-hashed names, cached for a year);
// any other GET outside /api/ answers index.html (no-cache), so client-side routes such as
// /items/M-CY-001 can be reloaded and bookmarked; /api/… paths that match no route stay JSON
// 404s. Responses carry the server's default security headers, whose Content-Security-Policy
// allows scripts and styles from this origin only (no inline script).

#include <filesystem>
#include <map>
#include <string>

#include "api/router.h"
#include "base/status.h"

namespace mamori {

class StaticFiles {
 public:
  // Loads every regular file under `root` (relative paths with '/' as separator). An absent
  // root or one without index.html gives a StaticFiles that answers a short bilingual page
  // saying the web application is not built (the API still works).
  static Result<StaticFiles> Load(const std::filesystem::path& root);

  // The handler for Router::SetFallback.
  HttpResponse Serve(const HttpRequest& request) const;

  bool has_app() const { return files_.count("index.html") > 0; }
  size_t file_count() const { return files_.size(); }

 private:
  std::map<std::string, std::string> files_;  // relative path → contents
};

// The content type for a file name by its extension ("application/octet-stream" if unknown).
std::string ContentTypeFor(const std::string& name);

}  // namespace mamori
