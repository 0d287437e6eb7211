// obligation.complete: the owner closes an occurrence with its evidence.

#include "engine/input.h"
#include "obligation/obligation.h"
#include "obligation/owners.h"

namespace mamori {
namespace {

const Field kOccurrence{"occurrence_id", "", "義務", "duty"};
const Field kEvidenceKind{"evidence_kind", "", "証跡の種類（record/document）", "evidence kind (record or document)"};
const Field kEvidenceRef{"evidence_ref", "", "証跡（記録または文書番号）", "evidence (a record or a document number)"};
const Field kNote{"note", "", "備考", "note"};

// A refusal citing the occurrence's clause.
Status Refuse(const Occurrence& o, ErrorKind kind, const char* rule, const std::string& ja, const std::string& en,
              const char* field = "") {
  return Status::Error(kind, rule, o.clause, ja, en, field);
}

Result<bool> IsIdOf(Conn& conn, const std::string& table, const std::string& id) {
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos) return false;
  ASSIGN_OR_RETURN(Rows r, conn.Query("SELECT 1 FROM " + table + " WHERE id = ?", {std::stoll(id)}));
  return !r.empty();
}

// May the actor complete `o`? The owner, whoever it was escalated to, or obligation.manage in its unit.
Status AuthorizeCompletion(Tx& tx, const Occurrence& o) {
  if (tx.actor().system) return tx.AuthorizeSystem();
  ASSIGN_OR_RETURN(OwnerIndex ix, OwnerIndex::Load(tx.conn(), tx.catalog(), tx.now_text()));
  if (ix.IsOwner(tx.actor().person_id, o)) {
    tx.AuthorizedBy("owner of obligation " + o.obligation);
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(bool manage, tx.Can("obligation.manage", o.unit_id));
  if (manage) return tx.Authorize("obligation.manage", o.unit_id);
  const RoleDef* role = tx.catalog().FindRole(o.owner_role);
  const std::string ja = role ? role->name_ja : o.owner_role, en = role ? role->name_en : o.owner_role;
  return Refuse(o, ErrorKind::kForbidden, "obligation.not_owner",
                "この義務を完了できるのは、担当の" + ja + "（又はエスカレーション先）か、義務の管理権限を持つ者です。",
                "Only the " + en +
                    " who owns this duty (or the role it was escalated to), or a holder of the "
                    "obligation management permission, may complete it.");
}

Status CheckEvidence(Tx& tx, const Occurrence& o, const ObligationDef* def, const std::string& kind,
                     const std::string& ref) {
  if (ref.empty())
    return Refuse(o, ErrorKind::kInvalidArgument, "obligation.evidence_missing",
                  "完了には証跡（記録の参照または文書番号）が必要です。",
                  "Completing a duty needs its evidence (a record reference or a document number).", "evidence_ref");
  if (kind != "record" && kind != "document")
    return Refuse(o, ErrorKind::kInvalidArgument, "obligation.evidence_kind", "証跡の種類は record か document です。",
                  "The evidence kind is record or document.", "evidence_kind");
  if (def && def->evidence == "record" && kind != "record")
    return Refuse(o, ErrorKind::kRuleViolation, "obligation.evidence_record_required",
                  "この義務の証跡は mamori の記録（trail:、items/、reconciliations/ など）でなければなりません。",
                  "This duty's evidence must be a record of mamori (trail:, items/, reconciliations/, …), not a "
                  "document.",
                  "evidence_kind");
  if (kind == "record") {
    ASSIGN_OR_RETURN(bool found, EvidenceResolves(tx.conn(), ref));
    if (!found)
      return Refuse(o, ErrorKind::kRuleViolation, "obligation.evidence_unresolved",
                    "証跡の記録が見つかりません: " + ref +
                        "（trail:番号、items/媒体番号、reconciliations/番号、designations/番号、persons/番号）",
                    "No such record: " + ref +
                        " (trail:<seq>, items/<control no>, reconciliations/<id>, designations/<id>, persons/<id>)",
                    "evidence_ref");
  }
  return Status::Ok();
}

}  // namespace

Result<bool> EvidenceResolves(Conn& conn, const std::string& ref) {
  if (ref.rfind("trail:", 0) == 0) {
    const std::string seq = ref.substr(6);
    if (seq.empty() || seq.size() > 18 || seq.find_first_not_of("0123456789") != std::string::npos) return false;
    ASSIGN_OR_RETURN(Rows r, conn.Query("SELECT 1 FROM trail_events WHERE seq = ?", {std::stoll(seq)}));
    return !r.empty();
  }
  if (ref.rfind("items/", 0) == 0) {
    ASSIGN_OR_RETURN(Rows r, conn.Query("SELECT 1 FROM items WHERE control_no = ?", {ref.substr(6)}));
    return !r.empty();
  }
  for (const char* table : {"reconciliations", "designations", "persons"}) {
    const std::string prefix = std::string(table) + "/";
    if (ref.rfind(prefix, 0) == 0) return IsIdOf(conn, table, ref.substr(prefix.size()));
  }
  return false;
}

Status ObligationComplete(Tx& tx, const Json& j, const Profiles& profiles) {
  Input in(j);
  ASSIGN_OR_RETURN(int64_t id, in.Int(kOccurrence));
  ASSIGN_OR_RETURN(std::vector<Occurrence> found, LoadOccurrences(tx.conn(), "id = ?", {id}));
  if (found.empty())
    return Status::Error(ErrorKind::kNotFound, "obligation_occurrences.not_found", "", "指定された義務がありません。",
                         "No such duty.", "occurrence_id");
  Occurrence o = found[0];
  RETURN_IF_ERROR(AuthorizeCompletion(tx, o));
  if (o.state != "open")
    return Refuse(o, ErrorKind::kConflict, "obligation.not_open",
                  o.state == "done" ? "この義務は既に完了しています。" : "この義務は取り消されています。",
                  o.state == "done" ? "This duty is already done." : "This duty was cancelled.");
  const ObligationDef* def = FindObligation(profiles, o.profile, o.obligation);
  ASSIGN_OR_RETURN(std::string ref, in.OptText(kEvidenceRef));
  ASSIGN_OR_RETURN(std::string kind, in.OptText(kEvidenceKind));
  if (kind.empty()) kind = def ? def->evidence : "document";
  RETURN_IF_ERROR(CheckEvidence(tx, o, def, kind, ref));
  ASSIGN_OR_RETURN(std::string note, in.OptText(kNote));
  o.state = "done";
  o.done_at = tx.now_text();
  o.done_by_person_id = tx.actor().person_id;
  o.evidence_kind = kind;
  o.evidence_ref = ref;
  o.evidence_note = note;
  RETURN_IF_ERROR(tx.Put("obligation_occurrences", ToRecord(o)));
  tx.SetEntity("obligation:" + std::to_string(o.id));
  tx.output() = Json{{"occurrence_id", o.id}, {"state", o.state}};
  return Status::Ok();
}

}  // namespace mamori
