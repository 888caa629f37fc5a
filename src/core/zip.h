// A minimal ZIP writer: STORE only (no compression), for handing several exported files to a
// browser as one download. Entries keep the given order; names are UTF-8 (general purpose
// flag bit 11) with '/' separators; every timestamp is 1980-01-01 00:00 so the same files give
// the same bytes. Sizes must fit ZIP32 (each file and the whole archive under 4 GiB, fewer than
// 65,535 entries); larger inputs throw std::length_error.
// Does not do: compression, ZIP64, reading archives, directories as entries.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace postil {

struct ZipEntry {
    std::string name;  // relative path, '/' separated
    std::string bytes;
};

std::string make_zip(const std::vector<ZipEntry>& entries);
uint32_t crc32(std::string_view bytes, uint32_t crc = 0); // the ZIP/PNG CRC-32

} // namespace postil
