// escalation-copilot: the one binary. All behaviour lives in ec_app; this only forwards argv.
#include "plugin/app/cli.h"

int main(int argc, char** argv) { return ec::app::run_cli(argc, argv); }
