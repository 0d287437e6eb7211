#include "engine/engine.h"

#include <malloc.h>
#include <spdlog/spdlog.h>

#include "base/time.h"

namespace mamori {

Json RedactInput(const Json& input) {
  static const char* kSecret[] = {"password", "new_password", "current_password", "token", "totp", "totp_secret", "password_hash", "session_hash", "keep_session_hash", "token_hash", "csrf_token",
                                  "secret"};
  if (!input.is_object()) return input;
  Json out = input;
  for (const char* k : kSecret)
    if (out.contains(k)) out[k] = "[redacted]";
  return out;
}

Engine::Engine(Store& store, const Clock& clock, EngineOptions options)
    : store_(store), clock_(clock), options_(std::move(options)) {}

Engine::~Engine() { Stop(); }

void Engine::Register(CommandDef def) { commands_[def.name] = std::move(def); }
void Engine::AddCommandHook(CommandHook hook) { hooks_.push_back(std::move(hook)); }
void Engine::AddCommitObserver(CommitObserver observer) { observers_.push_back(std::move(observer)); }

std::vector<std::string> Engine::CommandNames() const {
  std::vector<std::string> out;
  for (const auto& [name, def] : commands_) out.push_back(name);
  return out;
}

Status Engine::Start() {
  ASSIGN_OR_RETURN(writer_, store_.Connect(false));
  RETURN_IF_ERROR(CheckMigrations(*writer_));
  ASSIGN_OR_RETURN(std::vector<std::string> taken, TakenProfiles(*writer_));
  const std::vector<std::string> commands = CommandNames();
  ProfileLoadOptions po;
  po.known_commands = &commands;
  po.files = options_.profile_files;
  ASSIGN_OR_RETURN(profiles_, LoadProfiles(taken, po));
  catalog_ = Catalog::FromProfiles(profiles_);
  ASSIGN_OR_RETURN(key_, SigningKey::LoadOrCreate(options_.key_file));
  public_key_ = key_.PublicKeyHex();
  RETURN_IF_ERROR(trail_.Load(*writer_));
  last_head_size_ = trail_.size();
  writer_thread_ = std::thread([this] { WriterLoop(); });
  return Status::Ok();
}

void Engine::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ || !writer_thread_.joinable()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  writer_thread_.join();
}

Result<Json> Engine::Execute(const Actor& actor, const std::string& command, const Json& input) {
  if (!commands_.count(command))
    return Status::Error(ErrorKind::kNotFound, "command.unknown", "", "不明なコマンドです: " + command,
                         "Unknown command: " + command);
  auto p = std::make_unique<Pending>();
  p->actor = actor;
  p->command = command;
  p->input = input;
  auto fut = p->promise.get_future();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_)
      return Status::Error(ErrorKind::kInternal, "engine.stopping", "", "サーバは停止中です。", "The server is stopping.");
    queue_.push_back(std::move(p));
  }
  cv_.notify_one();
  return fut.get();
}

void Engine::RecordView(const Actor& actor, const std::string& entity, Json detail) {
  Json v = {{"actor", actor.Label()}, {"entity", entity}, {"ts", FormatUtc(clock_.Now())}, {"detail", std::move(detail)}};
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    views_.push_back(std::move(v));
  }
  cv_.notify_one();
}

Result<TreeHead> Engine::PublishHeadNow() {
  std::future<Result<TreeHead>> fut;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return Status::Internal("engine stopping");
    head_waiters_.emplace_back();
    fut = head_waiters_.back().get_future();
    force_head_ = true;
  }
  cv_.notify_one();
  return fut.get();
}

void Engine::WriterLoop() {
  for (;;) {
    std::vector<std::unique_ptr<Pending>> batch;
    std::vector<std::promise<Result<TreeHead>>> waiters;
    Json views = Json::array();
    bool force = false, stop = false;
    {
      std::unique_lock<std::mutex> lock(mu_);
      const bool woke = cv_.wait_for(lock, std::chrono::microseconds(options_.head_interval), [&] {
        return stopping_ || force_head_ || !queue_.empty() || !views_.empty();
      });
      if (!woke && !trimmed_) {  // idle: give freed heap back to the OS
        ::malloc_trim(0);
        trimmed_ = true;
      }
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      views.swap(views_);
      force = force_head_ || (stopping_ && queue_.empty());
      force_head_ = false;
      waiters.swap(head_waiters_);
      stop = stopping_ && queue_.empty();
    }
    const Micros now = clock_.Now();
    const Micros mono = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now().time_since_epoch()).count();
    std::optional<TreeHead> published;
    if (!batch.empty() || !views.empty()) {
      RunBatch(batch, std::move(views));
      trimmed_ = false;
    }
    Status st = MaybePublishHead(now, mono, force, published);
    for (auto& w : waiters) {
      if (!st.ok())
        w.set_value(st);
      else if (published)
        w.set_value(*published);
      else
        w.set_value(trail_.SignHead(key_, now));
    }
    if (stop) return;
  }
}

Status Engine::MaybePublishHead(Micros now, Micros mono, bool force, std::optional<TreeHead>& published) {
  if (trail_.size() == last_head_size_ && !force) return Status::Ok();
  // The interval is measured on the steady clock: a simulated clock must not multiply heads.
  if (!force && mono - last_head_at_ < options_.head_interval) return Status::Ok();
  if (trail_.size() == last_head_size_ && trail_.size() == 0) return Status::Ok();
  TreeHead head = trail_.SignHead(key_, now);
  // The head covers only committed events: published after the batch's commit.
  RETURN_IF_ERROR(PublishHead(*writer_, head, options_.heads_file));
  last_head_at_ = mono;
  last_head_size_ = head.size;
  published = head;
  return Status::Ok();
}

Status Engine::AppendViews(Json views, Micros now) {
  if (views.empty()) return Status::Ok();
  Json payload = {{"effects", Json::array()}, {"input", Json{{"views", std::move(views)}}}};
  return trail_.Append(*writer_, now, "system:access-log", "view", "views", payload.dump()).status();
}

Result<Json> Engine::RunOne(Pending& p, Micros now, std::vector<CommittedCommand>& committed) {
  const CommandDef& def = commands_.at(p.command);
  Tx tx(*writer_, now, p.actor, catalog_, options_.profile_files);
  Status st = def.run(tx, p.input);
  if (st.ok() && !tx.authorized())
    st = Status::Error(ErrorKind::kForbidden, "authz.default_deny", "", "許可されていない操作です。",
                       "Denied by default: the command did not establish an authorization.");
  if (!st.ok()) return st;
  if (!hooks_.empty()) {
    const Json own = tx.effects();  // the command's own writes, before any hook adds to them
    for (const CommandHook& hook : hooks_) RETURN_IF_ERROR(hook(tx, p.command, p.input, own));
  }
  Json payload = {{"authz", tx.authz_note()}, {"effects", tx.TakeEffects()}, {"input", RedactInput(p.input)}};
  ASSIGN_OR_RETURN(TrailEvent ev, trail_.Append(*writer_, now, p.actor.Label(), p.command, tx.entity(), payload.dump()));
  if (!observers_.empty()) committed.push_back(CommittedCommand{ev.seq, p.command, payload["effects"]});
  Json out = std::move(tx.output());
  out["trail_seq"] = ev.seq;
  out["event_hash"] = ev.hash;
  return out;
}

void Engine::RunBatch(std::vector<std::unique_ptr<Pending>>& batch, Json views) {
  std::vector<std::optional<Result<Json>>> results(batch.size());
  std::vector<CommittedCommand> committed;
  Status st = writer_->Begin();
  // Another process (the CLI beside a running server, or a second server on PostgreSQL) may have
  // appended since our last batch; we hold the write lock now, so resynchronize if so.
  if (st.ok()) st = SyncTrailHead();
  for (size_t i = 0; st.ok() && i < batch.size(); ++i) {
    const TrailWriter::Mark mark = trail_.GetMark();
    st = writer_->Savepoint("cmd");
    if (!st.ok()) break;
    const size_t committed_mark = committed.size();
    Result<Json> r = RunOne(*batch[i], clock_.Now(), committed);
    if (r.ok()) {
      st = writer_->Release("cmd");
    } else {
      committed.resize(committed_mark);
      trail_.Reset(mark);
      st = writer_->RollbackTo("cmd");
      if (st.ok()) st = writer_->Release("cmd");
    }
    results[i] = std::move(r);
  }
  if (st.ok()) st = AppendViews(std::move(views), clock_.Now());
  if (st.ok()) st = trail_.SaveState(*writer_);
  if (st.ok()) st = writer_->Commit();
  if (!st.ok()) {
    spdlog::error("batch of {} commands failed: {}", batch.size(), st.en());
    (void)writer_->Rollback();
    Status reload = trail_.Load(*writer_);
    if (!reload.ok()) spdlog::critical("cannot reload the trail head: {}", reload.en());
    for (auto& p : batch) p->promise.set_value(Status::Internal("the batch could not be committed"));
    return;
  }
  if (!committed.empty())
    for (const CommitObserver& observer : observers_) observer(committed);
  for (size_t i = 0; i < batch.size(); ++i) batch[i]->promise.set_value(std::move(*results[i]));
}

Status Engine::SyncTrailHead() {
  ASSIGN_OR_RETURN(Rows last, writer_->Query("SELECT seq, hash FROM trail_events ORDER BY seq DESC LIMIT 1"));
  const int64_t seq = last.empty() ? 0 : last.rows[0].Int(0);
  const std::string hash = last.empty() ? ZeroHashHex() : last.rows[0].Str(1);
  if (seq == trail_.size() && hash == trail_.head_hash()) return Status::Ok();
  return trail_.Load(*writer_);
}

Engine::Lease::Lease(Engine& e) : engine(e) {
  {
    std::lock_guard<std::mutex> lock(e.pool_mu_);
    if (!e.pool_.empty()) {
      conn = std::move(e.pool_.back());
      e.pool_.pop_back();
      return;
    }
  }
  auto c = e.store_.Connect(true);
  if (c.ok()) conn = std::move(c).value();
}

Engine::Lease::~Lease() {
  if (!conn) return;
  std::lock_guard<std::mutex> lock(engine.pool_mu_);
  // Keep a few idle readers; a burst's extra connections (and their page caches) are closed.
  if (engine.pool_.size() < kMaxIdleReaders) engine.pool_.push_back(std::move(conn));
}

}  // namespace mamori
