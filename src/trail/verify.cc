#include "trail/verify.h"

#include <algorithm>
#include <unordered_map>

#include "engine/tx.h"

namespace mamori {
namespace {

struct RowState {
  Hash digest;
  int64_t seq;
};

class Verifier {
 public:
  Verifier(Conn& conn, const VerifyOptions& o) : conn_(conn), o_(o) {}

  Result<VerifyReport> Run() {
    RETURN_IF_ERROR(LoadHeads());
    ASSIGN_OR_RETURN(Rows count, conn_.Query("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM trail_events"));
    total_ = count.rows[0].Int(0);
    RETURN_IF_ERROR(ScanTrail());
    if (r_.ok) CheckHeadsReached();
    if (r_.ok) RETURN_IF_ERROR(CheckRows());
    r_.root = ToHex(frontier_.Root());
    return r_;
  }

 private:
  void Fail(int64_t seq, std::string ja, std::string en) {
    if (!r_.ok) return;
    r_.ok = false;
    r_.first_bad_seq = seq;
    r_.problem_ja = std::move(ja);
    r_.problem_en = std::move(en);
  }

  Status LoadHeads() {
    heads_ = o_.heads;
    ASSIGN_OR_RETURN(Rows rows, conn_.Query("SELECT size, root, ts, public_key, signature FROM tree_heads"));
    for (const Row& r : rows.rows) heads_.push_back({r.Int(0), r.Str(1), r.Str(2), r.Str(3), r.Str(4)});
    std::sort(heads_.begin(), heads_.end(), [](const TreeHead& a, const TreeHead& b) { return a.size < b.size; });
    for (const TreeHead& h : heads_) {
      if (!h.VerifySignature() || (!o_.public_key.empty() && h.public_key != o_.public_key)) {
        Fail(h.size, "ツリーヘッド（件数 " + std::to_string(h.size) + "）の署名が正しくありません。",
             "The tree head of size " + std::to_string(h.size) + " has a bad signature or a foreign key.");
        return Status::Ok();
      }
    }
    return Status::Ok();
  }

  void CheckHeadAt(int64_t size) {
    while (next_head_ < heads_.size() && heads_[next_head_].size <= size) {
      const TreeHead& h = heads_[next_head_++];
      if (h.size < size) continue;  // already passed (duplicate sizes)
      ++r_.heads_checked;
      if (ToHex(frontier_.Root()) != h.root)
        Fail(h.size, "署名済みツリーヘッド（件数 " + std::to_string(h.size) + "）と証跡が一致しません。",
             "The trail does not match the signed tree head of size " + std::to_string(h.size) + ".");
    }
  }

  Status ScanTrail() {
    std::string head = ZeroHashHex();
    int64_t expect = 1;
    CheckHeadAt(0);
    Status st = conn_.ForEach(
        "SELECT seq, ts, actor, command, entity, payload, prev_hash, hash FROM trail_events ORDER BY seq", {},
        [&](const Row& row) {
          TrailEvent e{row.Int(0), row.Str(1), row.Str(2), row.Str(3), row.Str(4), row.Str(5), row.Str(6), row.Str(7)};
          if (!CheckEvent(e, expect, head)) return false;
          ++expect;
          return true;
        });
    return st;
  }

  bool CheckEvent(const TrailEvent& e, int64_t expect, std::string& head) {
    if (e.seq != expect) {
      Fail(expect, "証跡の第" + std::to_string(expect) + "件が削除されています。",
           "Trail event " + std::to_string(expect) + " has been deleted.");
      return false;
    }
    const std::string leaf = LeafData(e);
    r_.bytes += static_cast<int64_t>(leaf.size());
    const Hash leaf_hash = LeafHash(leaf);
    const std::string computed = ToHex(ChainHash(head, leaf_hash));
    if (e.prev_hash != head || e.hash != computed) {
      Fail(e.seq, "証跡の第" + std::to_string(e.seq) + "件が改ざん・並べ替えされています（ハッシュ不一致）。",
           "Trail event " + std::to_string(e.seq) + " was edited or reordered (hash mismatch).");
      return false;
    }
    head = e.hash;
    frontier_.Append(leaf_hash);
    ++r_.events;
    CheckHeadAt(e.seq);
    if (!r_.ok) return false;
    RecordEffects(e);
    if (o_.progress && (e.seq % 20000 == 0 || e.seq == total_)) o_.progress(e.seq, total_);
    return r_.ok;
  }

  // Effects are read with a scanner over the canonical payload rather than a JSON parser: the
  // payload is `{"authz":…,"effects":[{"id":…,"row":{…},"t":"…"},…],"input":…}` with sorted keys,
  // and a row's digest is over its exact text, which equals RowToJson(row).dump() on the table side.
  void RecordEffects(const TrailEvent& e) {
    if (ScanEffects(e)) return;
    auto j = Json::parse(e.payload, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      Fail(e.seq, "証跡の第" + std::to_string(e.seq) + "件の内容が読めません。",
           "Trail event " + std::to_string(e.seq) + " has an unreadable payload.");
      return;
    }
    auto it = j.find("effects");
    if (it == j.end()) return;
    for (const auto& eff : *it)
      state_[eff["t"].get<std::string>() + ":" + eff["id"].dump()] = RowState{Sha256(eff["row"].dump()), e.seq};
  }

  // End of the JSON value starting at p (an object, array, string or scalar); npos if malformed.
  static size_t SkipValue(std::string_view s, size_t p) {
    if (p >= s.size()) return std::string_view::npos;
    if (s[p] == '"') {
      for (++p; p < s.size(); ++p) {
        if (s[p] == '\\') ++p;
        else if (s[p] == '"') return p + 1;
      }
      return std::string_view::npos;
    }
    if (s[p] != '{' && s[p] != '[') {
      while (p < s.size() && s[p] != ',' && s[p] != '}' && s[p] != ']') ++p;
      return p;
    }
    int depth = 0;
    for (; p < s.size(); ++p) {
      const char c = s[p];
      if (c == '"') {
        p = SkipValue(s, p);
        if (p == std::string_view::npos) return p;
        --p;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) return p + 1;
      }
    }
    return std::string_view::npos;
  }

  static bool Expect(std::string_view s, size_t& p, std::string_view lit) {
    if (s.substr(p, lit.size()) != lit) return false;
    p += lit.size();
    return true;
  }

  bool ScanEffects(const TrailEvent& e) {
    const std::string_view s = e.payload;
    size_t p = s.find("\"effects\":[");
    if (p == std::string_view::npos) return false;
    p += 11;
    std::vector<std::pair<std::string, RowState>> found;
    while (p < s.size() && s[p] != ']') {
      if (!Expect(s, p, "{\"id\":")) return false;
      const size_t id_end = SkipValue(s, p);
      if (id_end == std::string_view::npos) return false;
      const std::string_view id = s.substr(p, id_end - p);
      p = id_end;
      if (!Expect(s, p, ",\"row\":")) return false;
      const size_t row_end = SkipValue(s, p);
      if (row_end == std::string_view::npos) return false;
      const Hash digest = Sha256(s.substr(p, row_end - p));
      p = row_end;
      if (!Expect(s, p, ",\"t\":\"")) return false;
      const size_t t_end = s.find('"', p);
      if (t_end == std::string_view::npos) return false;
      found.emplace_back(std::string(s.substr(p, t_end - p)) + ":" + std::string(id), RowState{digest, e.seq});
      p = t_end + 1;
      if (!Expect(s, p, "}")) return false;
      if (p < s.size() && s[p] == ',') ++p;
    }
    for (auto& [k, v] : found) state_[std::move(k)] = v;
    return p < s.size();
  }

  void CheckHeadsReached() {
    for (const TreeHead& h : heads_)
      if (h.size > r_.events) {
        Fail(r_.events + 1, "証跡が切り詰められています: 署名済みツリーヘッドは " + std::to_string(h.size) +
                                "件ですが、証跡は " + std::to_string(r_.events) + "件しかありません。",
             "The trail was truncated: a signed tree head covers " + std::to_string(h.size) + " events but only " +
                 std::to_string(r_.events) + " remain.");
        return;
      }
  }

  Status CheckRows() {
    int64_t worst = 0;
    std::string ja, en;
    auto note = [&](int64_t seq, std::string j, std::string e) {
      if (worst == 0 || seq < worst) worst = seq, ja = std::move(j), en = std::move(e);
    };
    for (const CoveredTable& t : CoveredTables()) {
      RETURN_IF_ERROR(conn_.ForEach("SELECT * FROM " + t.name, {}, [&](const Row& row) {
        ++r_.rows;
        const Json j = RowToJson(row, t);
        const std::string key = t.name + ":" + j["id"].dump();
        auto it = state_.find(key);
        if (it == state_.end()) {
          note(r_.events + 1, t.name + " の行 " + j["id"].dump() + " は証跡にありません（証跡を通さず追加）。",
               "Row " + j["id"].dump() + " of " + t.name + " is not in the trail (added behind its back).");
        } else {
          if (Sha256(j.dump()) != it->second.digest)
            note(it->second.seq, t.name + " の行 " + j["id"].dump() + " が第" + std::to_string(it->second.seq) +
                                     "件の記録後に書き換えられています。",
                 "Row " + j["id"].dump() + " of " + t.name + " was changed after trail event " +
                     std::to_string(it->second.seq) + " wrote it.");
          state_.erase(it);
        }
        return true;
      }));
    }
    for (const auto& [key, st] : state_)
      note(st.seq, key + " の行が削除されています（第" + std::to_string(st.seq) + "件で記録）。",
           "Row " + key + " was deleted (last written by trail event " + std::to_string(st.seq) + ").");
    if (worst) Fail(worst, ja, en);
    return Status::Ok();
  }

  Conn& conn_;
  const VerifyOptions& o_;
  VerifyReport r_;
  std::vector<TreeHead> heads_;
  size_t next_head_ = 0;
  int64_t total_ = 0;
  Frontier frontier_;
  std::unordered_map<std::string, RowState> state_;
};

}  // namespace

Result<VerifyReport> VerifyStore(Conn& conn, const VerifyOptions& options) { return Verifier(conn, options).Run(); }

}  // namespace mamori
