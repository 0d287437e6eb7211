#pragma once
// The coverage report of a profile (`mamori profile coverage NAME`, docs/coverage/NAME.md): each clause of
// its document with how mamori covers it (enforced / recorded / not yet), the capability ids, and what
// in the profile or the code cites it.

#include <string>

#include <nlohmann/json.hpp>

#include "profile/profile.h"

namespace mamori {

// {profile, version, document, summary: {enforced, recorded, not_yet, total},
//  clauses: [{ref, title_ja, title_en, coverage, caps, note_ja, note_en, source,
//             cited_by: {roles: [...], permissions: [...], ..., commands: [...]}}],
//  other_documents: [{ref, cited_by: {...}}]}   (clauses of other documents the profile cites)
nlohmann::json CoverageJson(const Profile& profile);

// The same as a Markdown document; byte-for-byte the same for the same profile.
std::string CoverageMarkdown(const Profile& profile);

}  // namespace mamori
