// xunkao: the command table. All logic lives in xunkao_core.
#include "src/cli/commands.h"

int main(int argc, char** argv) { return xk::RunCommandLine(argc, argv); }
