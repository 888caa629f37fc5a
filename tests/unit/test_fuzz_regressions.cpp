// Replays every input that once crashed an importer (tests/fuzz/regressions/<format>/*), then
// runs a small deterministic mutation fuzz over each format's golden files, so the ordinary
// test run (g++, no libFuzzer) still throws malformed bytes at every parser.
#include "../fuzz/fuzz_input.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace postil;
namespace fs = std::filesystem;

static std::string slurp(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

static void feed(const Format& f, const std::string& bytes)
{
    auto files = fuzz::files_for(f, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    fuzz::import_both_ways(f, files);
}

TEST_CASE("fixed crashers stay fixed")
{
    fs::path root = fs::path(POSTIL_SOURCE_DIR) / "tests" / "fuzz" / "regressions";
    size_t replayed = 0;
    for (const Format* f : all_formats()) {
        if (!f->import_files)
            continue;
        fs::path dir = root / f->name;
        if (!fs::exists(dir))
            continue;
        for (const auto& e : fs::directory_iterator(dir)) {
            INFO(e.path().string());
            CHECK_NOTHROW(feed(*f, slurp(e.path())));
            ++replayed;
        }
    }
    MESSAGE("replayed " << replayed << " regression inputs");
}

// splitmix64: the same sequence on every platform.
static uint64_t next_random(uint64_t& s)
{
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

TEST_CASE("mutated golden files never crash an importer")
{
    fs::path golden = fs::path(POSTIL_SOURCE_DIR) / "tests" / "golden";
    if (!fs::exists(golden))
        return;
    size_t inputs = 0;
    uint64_t seed = 42;
    for (const auto& e : fs::recursive_directory_iterator(golden)) {
        if (!e.is_regular_file())
            continue;
        std::string original = slurp(e.path());
        for (const Format* f : all_formats()) {
            if (!f->import_files || !f->detect)
                continue;
            if (f->detect({e.path().filename().string(), original}) < 30)
                continue;
            for (int round = 0; round < 200; ++round) {
                std::string m = original;
                int edits = 1 + static_cast<int>(next_random(seed) % 8);
                for (int k = 0; k < edits && !m.empty(); ++k) {
                    size_t at = next_random(seed) % m.size();
                    switch (next_random(seed) % 4) {
                    case 0: m[at] = static_cast<char>(next_random(seed)); break;  // flip a byte
                    case 1: m.erase(at, 1 + next_random(seed) % 16); break;       // cut
                    case 2: m.insert(at, m.substr(next_random(seed) % m.size(), 1 + next_random(seed) % 32)); break; // splice
                    case 3: m.resize(at); break;                                 // truncate
                    }
                }
                INFO(f->name << " <- mutation of " << e.path().string() << " round " << round);
                CHECK_NOTHROW(feed(*f, m));
                ++inputs;
            }
        }
    }
    MESSAGE("fed " << inputs << " mutated inputs");
}
