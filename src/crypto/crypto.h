#pragma once
// Hashing, randomness, Ed25519 signatures and Argon2id password hashes, over OpenSSL 3 and libargon2.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace mamori {

using Hash = std::array<uint8_t, 32>;

// SHA-256 of the concatenation of up to three byte strings. Thread-safe.
Hash Sha256(std::string_view a, std::string_view b = {}, std::string_view c = {});
// SHA-256 of bytes given as raw memory (for Merkle nodes: 0x01 ‖ left ‖ right).
Hash Sha256Bytes(const uint8_t* data, size_t len);

std::string ToHex(const uint8_t* data, size_t len);
inline std::string ToHex(const Hash& h) { return ToHex(h.data(), h.size()); }
// Parses 64 hex digits; false on anything else.
bool HashFromHex(std::string_view hex, Hash& out);
std::string HashBytes(const Hash& h);  // the 32 raw bytes as a string

// Cryptographically secure random bytes, hex-encoded (2*n characters). Aborts if the CSPRNG fails.
std::string RandomHex(size_t n_bytes);

// Constant-time equality of two strings of equal length (false if lengths differ).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// An Ed25519 key pair kept in a PEM file outside the database.
class SigningKey {
 public:
  SigningKey() = default;
  SigningKey(SigningKey&&) noexcept;
  SigningKey& operator=(SigningKey&&) noexcept;
  SigningKey(const SigningKey&) = delete;
  ~SigningKey();

  // Loads the private key from `path`, creating it (mode 0600) if absent.
  static Result<SigningKey> LoadOrCreate(const std::string& path);
  // Signature over `message`, hex-encoded.
  std::string Sign(std::string_view message) const;
  // Raw 32-byte public key, hex-encoded.
  std::string PublicKeyHex() const;

 private:
  void* pkey_ = nullptr;  // EVP_PKEY*
};

// Verifies an Ed25519 signature (hex) of `message` by a public key (hex of the raw 32 bytes).
bool VerifyEd25519(std::string_view public_key_hex, std::string_view message, std::string_view signature_hex);

// Argon2id in PHC string form; defaults are OWASP's (m=19 MiB, t=2, p=1).
struct Argon2Params {
  uint32_t t_cost = 2;
  uint32_t m_cost_kib = 19 * 1024;
  uint32_t parallelism = 1;
};
Result<std::string> HashPassword(std::string_view password, const Argon2Params& params = {});
bool VerifyPassword(std::string_view encoded, std::string_view password);

}  // namespace mamori
