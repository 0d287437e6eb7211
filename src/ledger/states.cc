#include <array>

#include "ledger/ledger.h"

namespace mamori {
namespace {
struct StateName {
  const char* code;
  const char* ja;
  const char* en;
  bool final;
};
constexpr std::array<StateName, 11> kStates = {{
    {"in_storage", "保管中", "in storage", false},
    {"in_use", "使用中", "in use", false},
    {"awaiting_check", "返却済（データ確認待ち）", "returned, awaiting the data check", false},
    {"movement_requested", "持出し・貸出し許可待ち", "awaiting take-out or loan approval", false},
    {"out", "持出し・貸出し中", "taken out or lent", false},
    {"handover_requested", "交付許可待ち", "awaiting handover approval", false},
    {"handover_approved", "交付許可済", "handover approved", false},
    {"handed_over", "交付済", "handed over", true},
    {"destruction_pending", "破棄立会待ち", "awaiting the destruction witness", false},
    {"destroyed", "破棄済", "destroyed", true},
    {"disposed", "廃棄等済", "disposed of", true},
}};
const StateName* Find(std::string_view s) {
  for (const auto& n : kStates)
    if (s == n.code) return &n;
  return nullptr;
}
}  // namespace

std::string StateNameJa(std::string_view s) { return Find(s) ? Find(s)->ja : std::string(s); }
std::string StateNameEn(std::string_view s) { return Find(s) ? Find(s)->en : std::string(s); }
bool IsFinalState(std::string_view s) { return Find(s) && Find(s)->final; }

const std::vector<std::pair<std::string, std::string>>& DestructionMethods() {
  static const std::vector<std::pair<std::string, std::string>> kMethods = {
      {"incinerate", "焼却"}, {"pulverize", "粉碎"}, {"shred", "細断"}, {"dissolve", "溶解"}, {"destroy", "破壊"}};
  return kMethods;
}

}  // namespace mamori
