#include "api/import_handlers.h"

#include "app/app.h"
#include "engine/input.h"
#include "people/import.h"

namespace mamori {
namespace {

// {dry_run, created, updated, unchanged, rows?}: the counts of a plan's actions.
Json Summary(const std::vector<ImportRow>& plan) {
  Json s{{"created", 0}, {"updated", 0}, {"unchanged", 0}};
  for (const ImportRow& r : plan) {
    const char* key = r.action == "create" ? "created" : r.action == "update" ? "updated" : "unchanged";
    s[key] = s[key].get<int>() + 1;
  }
  return s;
}

Result<bool> DryRun(const HttpRequest& req) {
  const std::string v = req.Query("dry_run", "0");
  if (v == "1" || v == "true") return true;
  if (v == "0" || v == "false") return false;
  return Malformed(Field{"dry_run", "", "ドライラン", "dry_run"}, "1 または 0", "1 or 0");
}

HttpResponse Import(App& app, HttpRequest& req, const Actor& a) {
  Engine& engine = app.engine();
  auto dry_run = DryRun(req);
  if (!dry_run.ok()) return ErrorResponse(dry_run.status());
  // Deny before reading the file.
  Status may = engine.Read([&](Conn& c) {
    Tx tx(c, app.clock().Now(), a, engine.catalog());
    return AuthorizeImporter(tx);
  });
  if (!may.ok()) return ErrorResponse(may);
  if (req.body.empty())
    return ErrorResponse(Missing(Field{"csv", "", "CSV ファイル（リクエスト本文）", "CSV file (the request body)"}));
  auto text = DecodeCsvBytes(req.body, req.Query("encoding", "auto"));
  if (!text.ok()) return ErrorResponse(text.status());
  if (*dry_run) {
    auto plan = engine.Read([&](Conn& c) {
      Tx tx(c, app.clock().Now(), a, engine.catalog());
      return PlanPersonImportAs(tx, *text);
    });
    if (!plan.ok()) return ErrorResponse(plan.status());
    Json out = Summary(*plan);
    out["dry_run"] = true;
    out["rows"] = PlanJson(*plan);
    return JsonResponse(200, out);
  }
  Json in{{"csv", *text}};
  if (const std::string name = req.Query("filename"); !name.empty()) in["source"] = name;
  auto r = engine.Execute(a, "person.import", in);
  if (!r.ok()) return ErrorResponse(r.status());
  Json out = *r;
  out["dry_run"] = false;
  return JsonResponse(200, out);
}

}  // namespace

AuthedHandler ImportHandler(App& app, const std::string& key) {
  if (key != "POST /api/v1/persons/import") return {};
  return [&app](HttpRequest& req, const Actor& a) { return Import(app, req, a); };
}

}  // namespace mamori
