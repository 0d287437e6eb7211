// Registration of the calendar's commands and of its command hook.

#include "obligation/obligation.h"

namespace mamori {

Status ObligationSchedule(Tx& tx, const Json& j, const Profiles& profiles);
Status ObligationComplete(Tx& tx, const Json& j, const Profiles& profiles);
Status ObligationEscalate(Tx& tx, const Json& j, const Profiles& profiles);
Status ObligationHook(Engine& engine, Tx& tx, const std::string& command, const Json& input, const Json& effects);

void RegisterObligationCommands(Engine& e) {
  // The engine's profiles are loaded by Start, after registration: read them when a command runs.
  auto with_profiles = [&e](Status (*fn)(Tx&, const Json&, const Profiles&)) {
    return [&e, fn](Tx& tx, const Json& j) { return fn(tx, j, e.profiles()); };
  };
  e.Register({"obligation.schedule",
              "Create the occurrences of recurring duties for the current period (and back to `from`)",
              with_profiles(ObligationSchedule)});
  e.Register({"obligation.complete", "Complete a duty of the obligation calendar with its evidence",
              with_profiles(ObligationComplete)});
  e.Register({"obligation.escalate", "Escalate overdue duties one step up their reporting chain",
              with_profiles(ObligationEscalate)});
  e.AddCommandHook([&e](Tx& tx, const std::string& command, const Json& input, const Json& effects) {
    return ObligationHook(e, tx, command, input, effects);
  });
}

}  // namespace mamori
