#include "trail/trail.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "base/time.h"

namespace mamori {

std::string ZeroHashHex() { return std::string(64, '0'); }

std::string LeafData(const TrailEvent& e) {
  // Keys in sorted order; payload is already canonical JSON.
  std::string out = "{\"actor\":";
  out += nlohmann::json(e.actor).dump();
  out += ",\"command\":";
  out += nlohmann::json(e.command).dump();
  out += ",\"entity\":";
  out += nlohmann::json(e.entity).dump();
  out += ",\"payload\":";
  out += e.payload;
  out += ",\"seq\":";
  out += std::to_string(e.seq);
  out += ",\"ts\":";
  out += nlohmann::json(e.ts).dump();
  out += "}";
  return out;
}

std::string TreeHead::Message() const {
  return "mamori-tree-head-v1\n" + std::to_string(size) + "\n" + root + "\n" + ts;
}

std::string TreeHead::ToJson() const {
  nlohmann::json j = {{"size", size}, {"root", root}, {"ts", ts}, {"public_key", public_key}, {"signature", signature}};
  return j.dump();
}

Result<TreeHead> TreeHead::FromJson(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  auto is_text = [&](const char* k) { return j.contains(k) && j[k].is_string(); };
  if (j.is_discarded() || !j.is_object() || !j.contains("size") || !j["size"].is_number_integer() || !is_text("root") ||
      !is_text("ts") || !is_text("public_key") || !is_text("signature"))
    return Status::Error(ErrorKind::kInvalidArgument, "trail.head_format", "", "ツリーヘッドの形式が正しくありません。",
                         "Malformed tree head JSON.");
  TreeHead h;
  h.size = j["size"].get<int64_t>();
  h.root = j["root"].get<std::string>();
  h.ts = j["ts"].get<std::string>();
  h.public_key = j["public_key"].get<std::string>();
  h.signature = j["signature"].get<std::string>();
  return h;
}

bool TreeHead::VerifySignature() const { return VerifyEd25519(public_key, Message(), signature); }

namespace {

}  // namespace

Hash ChainHash(const std::string& prev_hex, const Hash& leaf_hash) {
  Hash prev{};
  HashFromHex(prev_hex, prev);
  return Sha256(HashBytes(prev), HashBytes(leaf_hash));
}

namespace {

Status RebuildByScan(Conn& conn, int64_t& size, std::string& head, Frontier& frontier) {
  size = 0;
  head = ZeroHashHex();
  frontier = Frontier();
  return conn.ForEach("SELECT seq, hash, ts, actor, command, entity, payload FROM trail_events ORDER BY seq", {},
                      [&](const Row& r) {
                        TrailEvent e{r.Int(0), r.Str(2), r.Str(3), r.Str(4), r.Str(5), r.Str(6), "", ""};
                        frontier.Append(LeafHash(LeafData(e)));
                        head = r.Str(1);
                        size = r.Int(0);
                        return true;
                      });
}

}  // namespace

Status TrailWriter::Load(Conn& conn) {
  ASSIGN_OR_RETURN(Rows last, conn.Query("SELECT seq, hash FROM trail_events ORDER BY seq DESC LIMIT 1"));
  const int64_t max_seq = last.empty() ? 0 : last.rows[0].Int(0);
  ASSIGN_OR_RETURN(Rows st, conn.Query("SELECT size, head_hash, frontier FROM trail_state WHERE id = 1"));
  if (!st.empty() && st.rows[0].Int(0) == max_seq &&
      (max_seq == 0 || st.rows[0].Str(1) == last.rows[0].Str(1))) {
    auto f = Frontier::Parse(st.rows[0].Str(2));
    if (f.ok() && static_cast<int64_t>(f->size()) == max_seq) {
      size_ = max_seq;
      head_ = st.rows[0].Str(1);
      frontier_ = std::move(f).value();
      return Status::Ok();
    }
  }
  return RebuildByScan(conn, size_, head_, frontier_);
}

Result<TrailEvent> TrailWriter::Append(Conn& conn, Micros ts, const std::string& actor, const std::string& command,
                                       const std::string& entity, const std::string& payload) {
  TrailEvent e{size_ + 1, FormatUtc(ts), actor, command, entity, payload, head_, ""};
  const Hash leaf_hash = LeafHash(LeafData(e));
  e.hash = ToHex(ChainHash(head_, leaf_hash));
  RETURN_IF_ERROR(conn.Exec(
      "INSERT INTO trail_events(seq, ts, actor, command, entity, payload, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)",
      {e.seq, e.ts, e.actor, e.command, e.entity, e.payload, e.prev_hash, e.hash}));
  frontier_.Append(leaf_hash);
  size_ = e.seq;
  head_ = e.hash;
  return e;
}

Status TrailWriter::SaveState(Conn& conn) {
  return conn.Exec(
      "INSERT INTO trail_state(id, size, head_hash, frontier) VALUES (1, ?, ?, ?) "
      "ON CONFLICT(id) DO UPDATE SET size = excluded.size, head_hash = excluded.head_hash, "
      "frontier = excluded.frontier",
      {size_, head_, frontier_.Serialize()});
}

TreeHead TrailWriter::SignHead(const SigningKey& key, Micros now) const {
  TreeHead h;
  h.size = size_;
  h.root = ToHex(frontier_.Root());
  h.ts = FormatUtc(now);
  h.public_key = key.PublicKeyHex();
  h.signature = key.Sign(h.Message());
  return h;
}

Status PublishHead(Conn& conn, const TreeHead& head, const std::string& heads_file) {
  RETURN_IF_ERROR(conn.Exec(
      "INSERT INTO tree_heads(size, root, ts, public_key, signature) VALUES (?,?,?,?,?) "
      "ON CONFLICT(size) DO NOTHING",
      {head.size, head.root, head.ts, head.public_key, head.signature}));
  if (heads_file.empty()) return Status::Ok();
  const int fd = ::open(heads_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) return Status::Internal("cannot open heads file " + heads_file);
  const std::string line = head.ToJson() + "\n";
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  return ok ? Status::Ok() : Status::Internal("cannot write heads file " + heads_file);
}

Result<std::vector<TreeHead>> ReadHeadsFile(const std::string& path) {
  std::vector<TreeHead> heads;
  std::ifstream in(path);
  if (!in) return heads;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    auto h = TreeHead::FromJson(line);
    if (!h.ok())
      return Status::Error(ErrorKind::kInvalidArgument, "trail.head_format", "",
                           path + " の" + std::to_string(n) + "行目が読めません。",
                           path + ": line " + std::to_string(n) + " is not a tree head.");
    heads.push_back(std::move(h).value());
  }
  return heads;
}

Result<std::vector<Hash>> LoadLeafHashes(Conn& conn, int64_t size) {
  std::vector<Hash> leaves;
  leaves.reserve(static_cast<size_t>(size));
  RETURN_IF_ERROR(conn.ForEach(
      "SELECT seq, ts, actor, command, entity, payload FROM trail_events WHERE seq <= ? ORDER BY seq", {size},
      [&](const Row& r) {
        TrailEvent e{r.Int(0), r.Str(1), r.Str(2), r.Str(3), r.Str(4), r.Str(5), "", ""};
        leaves.push_back(LeafHash(LeafData(e)));
        return true;
      }));
  return leaves;
}

}  // namespace mamori
