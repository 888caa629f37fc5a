// Writes RGBA8 pixels as a PNG file: zlib "stored" (uncompressed) deflate blocks, so no
// compression library is needed. For screenshots in tests; files are large, that is fine.
// Does not do: compression, reading, other pixel formats.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace postil::platform {

// `rgba` holds height rows of width*4 bytes, top row first. False if the file cannot be written.
bool write_png(const std::string& path, int width, int height, const std::vector<uint8_t>& rgba);

} // namespace postil::platform
