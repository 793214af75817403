// Leak-sanitizer builds (XUNKAO_SANITIZE): libx265 keeps a few allocations past
// x265_encoder_close (inside x265 itself, not in our handles). Without this the leak check
// fails the whole test run after the HEVC generator tests. Unused in normal builds.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() { return "leak:libx265.so\n"; }
