#include "cli/cli.h"

int main(int argc, char** argv) { return mamori::RunCli(argc, argv); }
