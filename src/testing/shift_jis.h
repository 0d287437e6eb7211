#pragma once
// Test files in Shift_JIS (CP932, what Excel on Japanese Windows writes as CSV), made from UTF-8 with
// glibc's iconv. Tests only.

#include <gtest/gtest.h>
#include <iconv.h>

#include <string>

namespace mamori::testing {

// `utf8` in CP932; fails the calling test if a character has no CP932 form.
inline std::string ToShiftJis(const std::string& utf8) {
  iconv_t cd = iconv_open("CP932", "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1)) << "iconv has no CP932";
  std::string out(utf8.size() * 2 + 8, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size(), out_left = out.size();
  char* o = out.data();
  const size_t r = iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  EXPECT_NE(r, static_cast<size_t>(-1)) << "not representable in Shift_JIS: " << utf8;
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace mamori::testing
