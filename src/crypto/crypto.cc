#include "crypto/crypto.h"

#include <argon2.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

namespace mamori {
namespace {

const EVP_MD* Sha256Md() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

struct CtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

// One digest context per thread, reused: fetching and allocating per hash costs more than hashing.
EVP_MD_CTX* ThreadCtx() {
  thread_local std::unique_ptr<EVP_MD_CTX, CtxDeleter> ctx(EVP_MD_CTX_new());
  return ctx.get();
}

}  // namespace

Hash Sha256(std::string_view a, std::string_view b, std::string_view c) {
  EVP_MD_CTX* ctx = ThreadCtx();
  Hash out{};
  unsigned int len = 0;
  if (EVP_DigestInit_ex(ctx, Sha256Md(), nullptr) != 1 || EVP_DigestUpdate(ctx, a.data(), a.size()) != 1 ||
      EVP_DigestUpdate(ctx, b.data(), b.size()) != 1 || EVP_DigestUpdate(ctx, c.data(), c.size()) != 1 ||
      EVP_DigestFinal_ex(ctx, out.data(), &len) != 1)
    std::abort();
  return out;
}

Hash Sha256Bytes(const uint8_t* data, size_t len) {
  return Sha256(std::string_view(reinterpret_cast<const char*>(data), len));
}

std::string ToHex(const uint8_t* data, size_t len) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out(len * 2, '0');
  for (size_t i = 0; i < len; ++i) {
    out[2 * i] = kDigits[data[i] >> 4];
    out[2 * i + 1] = kDigits[data[i] & 15];
  }
  return out;
}

namespace {
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
bool FromHex(std::string_view hex, std::vector<uint8_t>& out) {
  if (hex.size() % 2) return false;
  out.resize(hex.size() / 2);
  for (size_t i = 0; i < out.size(); ++i) {
    const int hi = HexValue(hex[2 * i]), lo = HexValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return true;
}
}  // namespace

bool HashFromHex(std::string_view hex, Hash& out) {
  std::vector<uint8_t> bytes;
  if (hex.size() != 64 || !FromHex(hex, bytes)) return false;
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return true;
}

std::string HashBytes(const Hash& h) { return std::string(reinterpret_cast<const char*>(h.data()), h.size()); }

std::string RandomHex(size_t n_bytes) {
  std::vector<uint8_t> buf(n_bytes);
  if (RAND_bytes(buf.data(), static_cast<int>(n_bytes)) != 1) std::abort();
  return ToHex(buf.data(), buf.size());
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

SigningKey::SigningKey(SigningKey&& o) noexcept : pkey_(o.pkey_) { o.pkey_ = nullptr; }
SigningKey& SigningKey::operator=(SigningKey&& o) noexcept {
  std::swap(pkey_, o.pkey_);
  return *this;
}
SigningKey::~SigningKey() { EVP_PKEY_free(static_cast<EVP_PKEY*>(pkey_)); }

Result<SigningKey> SigningKey::LoadOrCreate(const std::string& path) {
  SigningKey key;
  if (FILE* f = std::fopen(path.c_str(), "r")) {
    key.pkey_ = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    if (!key.pkey_ || EVP_PKEY_get_id(static_cast<EVP_PKEY*>(key.pkey_)) != EVP_PKEY_ED25519)
      return Status::Internal("cannot read the Ed25519 trail key " + path);
    return key;
  }
  key.pkey_ = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (!key.pkey_) return Status::Internal("cannot generate an Ed25519 key");
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return Status::Internal("cannot create the trail key file " + path);
  FILE* f = ::fdopen(fd, "w");
  const bool ok = PEM_write_PrivateKey(f, static_cast<EVP_PKEY*>(key.pkey_), nullptr, nullptr, 0, nullptr, nullptr);
  ::fsync(fd);
  std::fclose(f);
  if (!ok) return Status::Internal("cannot write the trail key file " + path);
  return key;
}

std::string SigningKey::Sign(std::string_view message) const {
  std::unique_ptr<EVP_MD_CTX, CtxDeleter> ctx(EVP_MD_CTX_new());
  size_t len = 64;
  unsigned char sig[64];
  if (EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, static_cast<EVP_PKEY*>(pkey_)) != 1 ||
      EVP_DigestSign(ctx.get(), sig, &len, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size()) != 1)
    std::abort();
  return ToHex(sig, len);
}

std::string SigningKey::PublicKeyHex() const {
  unsigned char pub[32];
  size_t len = sizeof pub;
  if (EVP_PKEY_get_raw_public_key(static_cast<EVP_PKEY*>(pkey_), pub, &len) != 1) std::abort();
  return ToHex(pub, len);
}

bool VerifyEd25519(std::string_view public_key_hex, std::string_view message, std::string_view signature_hex) {
  std::vector<uint8_t> pub, sig;
  if (!FromHex(public_key_hex, pub) || pub.size() != 32 || !FromHex(signature_hex, sig) || sig.size() != 64)
    return false;
  EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, pub.data(), pub.size());
  if (!pkey) return false;
  std::unique_ptr<EVP_MD_CTX, CtxDeleter> ctx(EVP_MD_CTX_new());
  const bool ok = EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey) == 1 &&
                  EVP_DigestVerify(ctx.get(), sig.data(), sig.size(),
                                   reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  EVP_PKEY_free(pkey);
  return ok;
}

Result<std::string> HashPassword(std::string_view password, const Argon2Params& p) {
  std::vector<uint8_t> salt(16);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) std::abort();
  const size_t enc_len = argon2_encodedlen(p.t_cost, p.m_cost_kib, p.parallelism, salt.size(), 32, Argon2_id);
  std::string encoded(enc_len, '\0');
  const int rc = argon2id_hash_encoded(p.t_cost, p.m_cost_kib, p.parallelism, password.data(), password.size(),
                                       salt.data(), salt.size(), 32, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) return Status::Internal(std::string("argon2id: ") + argon2_error_message(rc));
  encoded.resize(std::char_traits<char>::length(encoded.c_str()));
  return encoded;
}

bool VerifyPassword(std::string_view encoded, std::string_view password) {
  const std::string enc(encoded);
  return argon2id_verify(enc.c_str(), password.data(), password.size()) == ARGON2_OK;
}

}  // namespace mamori
