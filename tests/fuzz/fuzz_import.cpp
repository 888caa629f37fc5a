// libFuzzer target: one binary per importable format (POSTIL_FUZZ_FORMAT), built by
// tests/fuzz/CMakeLists.txt with clang's -fsanitize=fuzzer,address,undefined.
#include "fuzz_input.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const postil::Format* format = postil::find_format(POSTIL_FUZZ_FORMAT);
    if (!format || !format->import_files)
        std::abort();
    postil::fuzz::import_both_ways(*format, postil::fuzz::files_for(*format, data, size));
    return 0;
}
