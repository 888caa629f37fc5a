// STORE-only ZIP writer. See zip.h. Layout (APPNOTE 6.3): per entry a local file header and
// the bytes; then the central directory (one header per entry) and the end record.
#include "zip.h"

#include <array>
#include <stdexcept>

namespace postil {

namespace {

const std::array<uint32_t, 256>& crc_table()
{
    static const std::array<uint32_t, 256> table = [] {
        std::array<uint32_t, 256> t{};
        for (uint32_t n = 0; n < 256; ++n) {
            uint32_t c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    return table;
}

void put16(std::string& out, uint32_t v)
{
    out += static_cast<char>(v & 0xff);
    out += static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string& out, uint32_t v)
{
    put16(out, v & 0xffff);
    put16(out, v >> 16);
}

constexpr uint32_t kDosTime = 0;                      // 00:00:00
constexpr uint32_t kDosDate = (0 << 9) | (1 << 5) | 1; // 1980-01-01
constexpr uint32_t kUtf8Flag = 1u << 11;

} // namespace

uint32_t crc32(std::string_view bytes, uint32_t crc)
{
    const auto& t = crc_table();
    crc = ~crc;
    for (unsigned char b : bytes)
        crc = t[(crc ^ b) & 0xff] ^ (crc >> 8);
    return ~crc;
}

std::string make_zip(const std::vector<ZipEntry>& entries)
{
    if (entries.size() >= 0xffff)
        throw std::length_error("zip: too many entries for ZIP32");
    std::string out, central;
    for (const ZipEntry& e : entries) {
        if (e.bytes.size() >= 0xffffffffu || e.name.size() >= 0xffff || out.size() >= 0xffffffffu)
            throw std::length_error("zip: entry too large for ZIP32: " + e.name);
        const uint32_t crc = crc32(e.bytes);
        const uint32_t size = static_cast<uint32_t>(e.bytes.size());
        const uint32_t offset = static_cast<uint32_t>(out.size());
        // local file header
        put32(out, 0x04034b50);
        put16(out, 10);        // version needed: 1.0 (stored)
        put16(out, kUtf8Flag);
        put16(out, 0);         // method: stored
        put16(out, kDosTime);
        put16(out, kDosDate);
        put32(out, crc);
        put32(out, size);      // compressed
        put32(out, size);      // uncompressed
        put16(out, static_cast<uint32_t>(e.name.size()));
        put16(out, 0);         // extra length
        out += e.name;
        out += e.bytes;
        // central directory header
        put32(central, 0x02014b50);
        put16(central, (3 << 8) | 20); // made by: Unix, spec 2.0
        put16(central, 10);
        put16(central, kUtf8Flag);
        put16(central, 0);
        put16(central, kDosTime);
        put16(central, kDosDate);
        put32(central, crc);
        put32(central, size);
        put32(central, size);
        put16(central, static_cast<uint32_t>(e.name.size()));
        put16(central, 0);     // extra
        put16(central, 0);     // comment
        put16(central, 0);     // disk
        put16(central, 0);     // internal attributes
        put32(central, 0100644u << 16); // external: regular file, rw-r--r--
        put32(central, offset);
        central += e.name;
    }
    if (out.size() + central.size() >= 0xffffffffu)
        throw std::length_error("zip: archive too large for ZIP32");
    const uint32_t central_offset = static_cast<uint32_t>(out.size());
    out += central;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<uint32_t>(entries.size()));
    put16(out, static_cast<uint32_t>(entries.size()));
    put32(out, static_cast<uint32_t>(central.size()));
    put32(out, central_offset);
    put16(out, 0); // comment length
    return out;
}

} // namespace postil
