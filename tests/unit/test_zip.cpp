// The STORE-only zip writer (core/zip.h): CRC-32 check values, byte layout, determinism, and
// independent readers: Debian's `unzip -t` and Python's zipfile (skipped when absent).
#include "core/zip.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using namespace postil;

namespace {

std::string sample_zip()
{
    std::string binary;
    for (int i = 0; i < 256; ++i)
        binary += static_cast<char>(i);
    return make_zip({
        {"README.md", "# Dataset\n"},
        {"train/data.jsonl", "{\"text\": \"Émile à Paris 🇫🇷\"}\n"},
        {"données/é.txt", "accents in the name\n"},
        {"empty.txt", ""},
        {"binary.bin", binary},
    });
}

std::filesystem::path write_temp(const std::string& bytes)
{
    auto p = std::filesystem::temp_directory_path() / ("postil-test-zip-" + std::to_string(std::rand()) + ".zip");
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
}

std::string run(const std::string& cmd, int& status)
{
    std::string out;
    FILE* f = popen(cmd.c_str(), "r");
    if (!f) {
        status = -1;
        return out;
    }
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
        out.append(buf, n);
    status = pclose(f);
    return out;
}

uint32_t le32(const std::string& s, size_t at)
{
    return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) |
           static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
           static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16 |
           static_cast<uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}

} // namespace

TEST_CASE("crc32 check values")
{
    CHECK(crc32("") == 0u);
    CHECK(crc32("123456789") == 0xCBF43926u); // the standard check value
    CHECK(crc32("The quick brown fox jumps over the lazy dog") == 0x414FA339u);
    // Incremental use gives the same result.
    CHECK(crc32("56789", crc32("1234")) == 0xCBF43926u);
}

TEST_CASE("zip layout and determinism")
{
    const std::string z = sample_zip();
    CHECK(le32(z, 0) == 0x04034b50u);
    // End of central directory: last 22 bytes (no comment), 5 entries.
    REQUIRE(z.size() > 22);
    const size_t eocd = z.size() - 22;
    CHECK(le32(z, eocd) == 0x06054b50u);
    CHECK(static_cast<unsigned char>(z[eocd + 10]) == 5);
    const uint32_t cd_size = le32(z, eocd + 12), cd_offset = le32(z, eocd + 16);
    CHECK(cd_offset + cd_size == eocd);
    CHECK(le32(z, cd_offset) == 0x02014b50u);
    CHECK(sample_zip() == z); // same input, same bytes
    // An empty archive is just the end record.
    CHECK(make_zip({}).size() == 22);
}

TEST_CASE("unzip -t accepts the archive")
{
    int status = 0;
    run("command -v unzip >/dev/null 2>&1", status);
    if (status != 0) {
        MESSAGE("unzip not installed: skipped");
        return;
    }
    auto path = write_temp(sample_zip());
    std::string out = run("unzip -t '" + path.string() + "' 2>&1", status);
    INFO(out);
    CHECK(status == 0);
    CHECK(out.find("No errors detected") != std::string::npos);
    std::filesystem::remove(path);
}

TEST_CASE("python zipfile reads back every entry")
{
    int status = 0;
    run("test -x /usr/bin/python3", status);
    if (status != 0) {
        MESSAGE("/usr/bin/python3 not installed: skipped");
        return;
    }
    auto path = write_temp(sample_zip());
    // testzip() checks every CRC; then names and a content hash per entry.
    const std::string script =
        "import sys, zipfile, hashlib\n"
        "z = zipfile.ZipFile(sys.argv[1])\n"
        "assert z.testzip() is None\n"
        "for i in z.infolist():\n"
        "    assert i.compress_type == zipfile.ZIP_STORED\n"
        "    print(i.filename, i.file_size, hashlib.sha256(z.read(i)).hexdigest()[:8])\n";
    auto py = std::filesystem::temp_directory_path() / "postil-test-zip.py";
    std::ofstream(py) << script;
    std::string out = run("/usr/bin/python3 '" + py.string() + "' '" + path.string() + "' 2>&1", status);
    INFO(out);
    CHECK(status == 0);
    CHECK(out.find("README.md 10 ") != std::string::npos);
    CHECK(out.find("données/é.txt 20 ") != std::string::npos); // UTF-8 name flag honoured
    CHECK(out.find("empty.txt 0 ") != std::string::npos);
    CHECK(out.find("binary.bin 256 40aff2e9") != std::string::npos);
    std::filesystem::remove(path);
    std::filesystem::remove(py);
}
