#pragma once
// Handlers of the `mamori` sub-commands. Each takes the arguments after `mamori` (argv[0] is the
// sub-command's name) and returns the process exit code: 0 ok, 1 failure (e.g. verify found
// tampering), 2 usage error.

namespace mamori {

struct Subcommand {
  const char* name;
  const char* help;
  int (*run)(int argc, char** argv);
};

int CmdInit(int argc, char** argv);
int CmdDemo(int argc, char** argv);
int CmdServe(int argc, char** argv);
int CmdUser(int argc, char** argv);
int CmdVerify(int argc, char** argv);
int CmdExport(int argc, char** argv);
int CmdTrail(int argc, char** argv);
int CmdApi(int argc, char** argv);
int CmdItem(int argc, char** argv);
int CmdProfile(int argc, char** argv);

}  // namespace mamori
