#pragma once
// The engine runs every command on one writer thread, batching commands that arrive together
// into one transaction (group commit): each command runs in its own savepoint, so a rejected
// command is rolled back alone and writes nothing; the batch commits once with synchronous=FULL,
// and only then are the callers answered. Reads use a pool of read-only connections (WAL).

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "crypto/crypto.h"
#include "engine/tx.h"
#include "identity/catalog.h"
#include "store/store.h"
#include "trail/trail.h"

namespace mamori {

using CommandFn = std::function<Status(Tx&, const Json& input)>;

struct CommandDef {
  std::string name;        // "media.checkout"
  std::string summary_en;  // one line, for --help and docs
  CommandFn run;
};

// A command that committed: its trail event and the rows it wrote (the event's effects, each
// {"t": table, "id": id, "row": {...}}).
struct CommittedCommand {
  int64_t seq = 0;
  std::string command;
  Json effects;
};

// Runs inside a command's transaction after the command itself succeeded (and was authorized), before
// its trail event is appended: its writes (Tx::Put) become part of the same event and are rolled back
// with it. `effects` are the command's own writes. Used by modules that react to commands in the same
// transaction (obligations completed by a command, duties raised by triggers). An error rejects the
// command.
using CommandHook = std::function<Status(Tx& tx, const std::string& command, const Json& input, const Json& effects)>;
// Called on the writer thread after a batch committed, with its commands in order (views excluded).
// Must be quick (hand the work to another thread): the next batch waits for it.
using CommitObserver = std::function<void(const std::vector<CommittedCommand>& batch)>;

struct EngineOptions {
  std::string key_file;     // Ed25519 trail key, outside the database
  std::string heads_file;   // signed tree heads, appended as JSON lines
  size_t max_batch = 512;
  Micros head_interval = 1 * kSecond;  // sign a tree head at most this often while writing
  const ProfileFiles* profile_files = nullptr;  // where profiles come from; nullptr = embedded in the binary
};

class Engine {
 public:
  Engine(Store& store, const Clock& clock, EngineOptions options);
  ~Engine();
  Engine(const Engine&) = delete;

  // REQUIRES: before Start. Command names are unique.
  void Register(CommandDef def);
  // REQUIRES: before Start. Hooks run in the order added.
  void AddCommandHook(CommandHook hook);
  // REQUIRES: before Start.
  void AddCommitObserver(CommitObserver observer);
  // Checks migrations, loads the organization's profiles (every one taken; their role catalog, and the
  // commands they name must be registered), the trail head, and starts the writer thread.
  Status Start();
  // Drains the queue, signs a final tree head and stops the writer. Idempotent.
  void Stop();

  // Runs a command through the command path and returns its output once it is durable.
  // Thread-safe; blocks the caller until the batch holding the command commits.
  Result<Json> Execute(const Actor& actor, const std::string& command, const Json& input);
  // Records that `actor` viewed `entity` (001 第6 2(2)イ: logs stand in for viewing records).
  // Not awaited: the views queued while a batch runs go into the next transaction as ONE trail
  // event ("view", entity "views"), after that batch's commands, so reads never delay writes.
  void RecordView(const Actor& actor, const std::string& entity, Json detail);
  // Signs and publishes a tree head for the current trail size now; returns it.
  Result<TreeHead> PublishHeadNow();

  // Runs `fn` on a read-only connection from the pool. Thread-safe.
  template <typename F>
  auto Read(F&& fn) -> decltype(fn(std::declval<Conn&>())) {
    Lease lease(*this);
    if (!lease.conn) {
      using R = decltype(fn(std::declval<Conn&>()));
      return R(Status::Internal("no read connection"));
    }
    return fn(*lease.conn);
  }

  const Catalog& catalog() const { return catalog_; }
  // The profiles the organization has taken, in the order taken. Set by Start.
  const std::vector<std::shared_ptr<const Profile>>& profiles() const { return profiles_; }
  const Clock& clock() const { return clock_; }
  // Only inside a CommandHook (on the writer thread): the trail seq the running command's event will
  // get, so that a hook can cite it (e.g. evidence "trail:<seq>").
  int64_t HookEventSeq() const { return trail_.size() + 1; }
  std::vector<std::string> CommandNames() const;
  const std::string& public_key() const { return public_key_; }

 private:
  struct Pending {
    Actor actor;
    std::string command;
    Json input;
    std::promise<Result<Json>> promise;
  };
  struct Lease {
    explicit Lease(Engine& e);
    ~Lease();
    Engine& engine;
    std::unique_ptr<Conn> conn;
  };

  void WriterLoop();
  void RunBatch(std::vector<std::unique_ptr<Pending>>& batch, Json views);
  Result<Json> RunOne(Pending& p, Micros now, std::vector<CommittedCommand>& committed);
  Status AppendViews(Json views, Micros now);
  Status SyncTrailHead();
  Status MaybePublishHead(Micros now, Micros mono, bool force, std::optional<TreeHead>& published);

  Store& store_;
  const Clock& clock_;
  EngineOptions options_;
  std::map<std::string, CommandDef> commands_;
  std::vector<CommandHook> hooks_;
  std::vector<CommitObserver> observers_;
  Catalog catalog_;
  std::vector<std::shared_ptr<const Profile>> profiles_;
  SigningKey key_;
  std::string public_key_;

  std::unique_ptr<Conn> writer_;
  TrailWriter trail_;
  Micros last_head_at_ = 0;  // steady-clock time of the last head
  int64_t last_head_size_ = -1;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Pending>> queue_;
  Json views_ = Json::array();  // queued view records, each {actor, entity, ts, detail}
  bool trimmed_ = true;         // heap returned to the OS since the last batch
  bool stopping_ = false;
  bool force_head_ = false;
  std::vector<std::promise<Result<TreeHead>>> head_waiters_;
  std::thread writer_thread_;

  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Conn>> pool_;  // idle read connections, at most kMaxIdleReaders
  static constexpr size_t kMaxIdleReaders = 8;
};

// Removes secrets (password, token, totp …) from a command input before it goes in the trail.
Json RedactInput(const Json& input);

}  // namespace mamori
