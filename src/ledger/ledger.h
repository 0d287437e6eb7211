#pragma once
// The portable-media and special-purpose-device ledger of 000 第3 and 第4 (別紙様式 可搬記憶媒体管理簿 /
// 目的特化型機器管理簿): one state machine for registration, use and return with the erasure check,
// take-out and lending with approval, copying at the destination, handover (交付), destruction with
// a designated witness, disposal of devices, and stock reconciliation.
//
// Item states (items.state):
//   in_storage ──checkout──▶ in_use ──return──▶ awaiting_check ──check──▶ in_storage
//   in_storage ──request_movement──▶ movement_requested ──approve──▶ out ──return──▶ awaiting_check
//                                                        └─reject──▶ in_storage
//   in_storage ──request_handover──▶ handover_requested ──approve──▶ handover_approved
//                                                        ──complete_handover──▶ handed_over (final)
//   in_storage ──record_destruction──▶ destruction_pending ──witness──▶ destroyed (final)
//   in_storage ──dispose (devices)──▶ disposed (final)

#include <string>
#include <string_view>

#include "engine/engine.h"

namespace mamori {

// Registers the ledger commands (item.*, reconcile.*) with the engine.
void RegisterLedgerCommands(Engine& engine);

// Japanese and English names of a state, for messages and exports.
std::string StateNameJa(std::string_view state);
std::string StateNameEn(std::string_view state);
bool IsFinalState(std::string_view state);

// The destruction methods of 000 第4 7(2), as printed: 焼却, 粉碎, 細断, 溶解, 破壊.
const std::vector<std::pair<std::string, std::string>>& DestructionMethods();  // code → 日本語

}  // namespace mamori
