#include "api/handler_util.h"

#include <algorithm>

namespace mamori {

HttpResponse JsonReply(const Result<Json>& r) { return r.ok() ? JsonResponse(200, *r) : ErrorResponse(r.status()); }

UnitSet UnionUnits(const UnitSet& a, const UnitSet& b) {
  if (!a || !b) return std::nullopt;
  std::vector<int64_t> out = *a;
  out.insert(out.end(), b->begin(), b->end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

HttpResponse TableFormResponse(const TableForm& form, const std::string& format, const std::string& file_stem) {
  HttpResponse r;
  if (format == "xlsx") {
    auto bytes = RenderTableXlsx(form);
    if (!bytes.ok()) return ErrorResponse(bytes.status());
    r.body = std::move(bytes).value();
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  } else {
    r.body = RenderTableCsv(form);
    r.content_type = "text/csv; charset=utf-8";
  }
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file_stem + "." + format + "\"");
  return r;
}

}  // namespace mamori
