// Sub-commands that talk to a running server over its API (libcurl): `mamori api` and `mamori item`.
// The token comes from --token or $MAMORI_TOKEN (create one with `mamori user token NAME`).

#include <curl/curl.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "api/http.h"
#include "cli/subcommands.h"
#include "engine/tx.h"

namespace mamori {
namespace {

size_t Collect(char* p, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(p, size * n);
  return size * n;
}

int Call(const std::string& url, const std::string& token, const std::string& method, const std::string& path,
         const std::string& body) {
  CURL* curl = curl_easy_init();
  std::string reply;
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, "Accept: application/json");
  const std::string auth = "Authorization: Bearer " + token;
  if (!token.empty()) headers = curl_slist_append(headers, auth.c_str());
  const std::string full = url + path;
  curl_easy_setopt(curl, CURLOPT_URL, full.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  if (!body.empty()) curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply);
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    std::fprintf(stderr, "mamori: cannot reach %s: %s\n", url.c_str(), curl_easy_strerror(rc));
    return 1;
  }
  auto j = Json::parse(reply, nullptr, false);
  std::printf("%s\n", j.is_discarded() ? reply.c_str() : j.dump(2).c_str());
  return status >= 200 && status < 300 ? 0 : 1;
}

struct ClientOpts {
  std::string url = "http://127.0.0.1:8080";
  std::string token;
};

void AddClientOptions(CLI::App& cli, ClientOpts& o) {
  if (const char* t = std::getenv("MAMORI_TOKEN")) o.token = t;
  if (const char* u = std::getenv("MAMORI_URL")) o.url = u;
  cli.add_option("--url", o.url, "server URL ($MAMORI_URL)")->capture_default_str();
  cli.add_option("--token", o.token, "API token ($MAMORI_TOKEN)");
}

// "key=value" → JSON; true/false and integers become JSON booleans and numbers.
Json Fields(const std::vector<std::string>& kv) {
  Json j = Json::object();
  for (const auto& s : kv) {
    const auto eq = s.find('=');
    if (eq == std::string::npos) continue;
    const std::string k = s.substr(0, eq), v = s.substr(eq + 1);
    char* end = nullptr;
    const long long n = std::strtoll(v.c_str(), &end, 10);
    if (v == "true" || v == "false")
      j[k] = v == "true";
    else if (!v.empty() && end && *end == '\0')
      j[k] = n;
    else
      j[k] = v;
  }
  return j;
}

}  // namespace

int CmdApi(int argc, char** argv) {
  CLI::App cli("Call the server's API: mamori api GET /api/v1/items", "mamori api");
  ClientOpts o;
  std::string method, path, body;
  AddClientOptions(cli, o);
  cli.add_option("method", method, "GET, POST, …")->required();
  cli.add_option("path", path, "e.g. /api/v1/items")->required();
  cli.add_option("body", body, "JSON body");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  return Call(o.url, o.token, method, path, body);
}

int CmdItem(int argc, char** argv) {
  CLI::App cli("Ledger operations through the server", "mamori item");
  ClientOpts o;
  std::string op, control_no;
  std::vector<std::string> kv;
  AddClientOptions(cli, o);
  cli.add_option("op", op,
                 "show, checkout, return, check, movement, approve, borrower, copies, handover, handover-complete, "
                 "destruction, witness, dispose")
      ->required();
  cli.add_option("control_no", control_no, "媒体番号・機器番号")->required();
  cli.add_option("fields", kv, "key=value fields of the operation (e.g. purpose=会議資料)");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  const std::string base = "/api/v1/items/" + PercentEncode(control_no);
  if (op == "show") return Call(o.url, o.token, "GET", base, "");
  static const std::map<std::string, std::string> kPaths = {
      {"checkout", "checkout"}, {"return", "return"}, {"check", "check"}, {"movement", "movement"},
      {"approve", "approval"}, {"borrower", "borrower"}, {"copies", "copies"}, {"handover", "handover"},
      {"handover-complete", "handover/complete"}, {"destruction", "destruction"},
      {"witness", "destruction/witness"}, {"dispose", "disposal"}};
  auto it = kPaths.find(op);
  if (it == kPaths.end()) {
    std::fprintf(stderr, "mamori: unknown item operation '%s'\n", op.c_str());
    return 2;
  }
  return Call(o.url, o.token, "POST", base + "/" + it->second, Fields(kv).dump());
}

}  // namespace mamori
