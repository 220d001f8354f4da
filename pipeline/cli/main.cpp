#include "pipeline/cli/cli.hpp"

int main(int argc, char** argv) { return moscan::cli::run(argc, argv); }
