#pragma once
// The trail: an append-only, hash-chained record of every command, with an RFC 6962 Merkle tree
// over the same events and Ed25519-signed tree heads (the key file lives outside the database).
//
// Event i's leaf is the canonical JSON {"actor","command","entity","payload","seq","ts"} (keys
// sorted, payload embedded as canonical JSON). Its RFC 6962 leaf hash is L_i = SHA-256(0x00 ‖ leaf_i)
// and the chain hash is hash_i = SHA-256(hash_{i-1} ‖ L_i), hash_0 = 32 zero bytes: every byte of an
// event is hashed once, and the chain and the Merkle tree cover the same leaves.

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "crypto/crypto.h"
#include "store/store.h"
#include "trail/merkle.h"

namespace mamori {

struct TrailEvent {
  int64_t seq = 0;
  std::string ts, actor, command, entity, payload;
  std::string prev_hash, hash;  // hex
};

// The exact bytes hashed for an event (see the file comment).
std::string LeafData(const TrailEvent& e);
std::string ZeroHashHex();
// hash_i from hash_{i-1} (hex) and the event's leaf hash.
Hash ChainHash(const std::string& prev_hex, const Hash& leaf_hash);

// A signed tree head: the Merkle root of the first `size` events.
struct TreeHead {
  int64_t size = 0;
  std::string root, ts, public_key, signature;  // hex / ISO time
  // The signed message: "mamori-tree-head-v1\n<size>\n<root>\n<ts>".
  std::string Message() const;
  std::string ToJson() const;
  static Result<TreeHead> FromJson(std::string_view json);
  bool VerifySignature() const;
};

// Appends events inside the caller's transaction. Used only by the engine's single writer thread.
class TrailWriter {
 public:
  // Loads the chain head and Merkle frontier (from trail_state, or by a scan if that is stale).
  Status Load(Conn& conn);
  // Inserts the next event. REQUIRES: inside a transaction on `conn`.
  Result<TrailEvent> Append(Conn& conn, Micros ts, const std::string& actor, const std::string& command,
                            const std::string& entity, const std::string& payload);
  // Undo of Append's in-memory effect, for a command rolled back to its savepoint.
  struct Mark {
    int64_t size;
    std::string head;
    Frontier frontier;
  };
  Mark GetMark() const { return {size_, head_, frontier_}; }
  void Reset(const Mark& m) {
    size_ = m.size;
    head_ = m.head;
    frontier_ = m.frontier;
  }
  // Writes trail_state. REQUIRES: inside the batch's transaction.
  Status SaveState(Conn& conn);
  // A tree head for the current size, signed with `key`.
  TreeHead SignHead(const SigningKey& key, Micros now) const;

  int64_t size() const { return size_; }
  const std::string& head_hash() const { return head_; }

 private:
  int64_t size_ = 0;
  std::string head_ = ZeroHashHex();
  Frontier frontier_;
};

// Stores a signed head in tree_heads and appends it to the heads file (one JSON per line, fsynced).
Status PublishHead(Conn& conn, const TreeHead& head, const std::string& heads_file);

// Reads all tree heads from a heads file (JSON lines). Missing file → empty list.
Result<std::vector<TreeHead>> ReadHeadsFile(const std::string& path);

// Leaf hashes of events [0, size) in order, for proofs.
Result<std::vector<Hash>> LoadLeafHashes(Conn& conn, int64_t size);

}  // namespace mamori
