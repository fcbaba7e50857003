// Catch2 v2 wraps long test names to the console width and, for some names, loops forever
// printing '-' when it reports a failure (seen in CI: ctest died of bad_alloc collecting the
// output). A wide console means our names never need wrapping.
#define CATCH_CONFIG_CONSOLE_WIDTH 300
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
