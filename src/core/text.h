// Text: a document's UTF-8 text with an index for code point <-> byte <-> UTF-16 conversion.
// Offsets in every Postil API are code points, [start, end). The index samples every 64th code
// point, so a conversion costs at most one short scan, never a scan from the start.
// Does not do: tokenisation (tokenizer.h), search, layout.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace postil {

// First invalid UTF-8 sequence, or nullopt. Rejects overlongs, surrogates, > U+10FFFF.
struct Utf8Error {
    size_t byte_offset = 0;
    std::string message;
};
std::optional<Utf8Error> find_invalid_utf8(std::string_view bytes);

// Drops a leading BOM, turns CRLF and lone CR into LF. Input must be valid UTF-8.
std::string normalize_newlines(std::string_view utf8);

// Decode one code point at byte i of valid UTF-8; advances i.
char32_t decode_utf8(std::string_view s, size_t& i);
void append_utf8(std::string& out, char32_t cp);
// Number of code points in valid UTF-8.
size_t count_code_points(std::string_view utf8);
// UTF-16 units for code point cp (1 or 2).
inline size_t utf16_units(char32_t cp) { return cp >= 0x10000 ? 2 : 1; }
// UTF-8 -> UTF-16 length of valid UTF-8 text.
size_t count_utf16_units(std::string_view utf8);

class Text {
public:
    Text() = default;
    // Validates and normalises (BOM, CRLF). Throws InputError naming the byte offset of the
    // first bad sequence (with `source` as file name).
    static Text from_bytes(std::string_view raw, const std::string& source = {});
    // For text already known valid and normalised (e.g. loaded from a project file).
    static Text from_normalized(std::string utf8);

    const std::string& utf8() const { return bytes_; }
    size_t size() const { return code_points_; }          // in code points
    size_t utf16_size() const { return utf16_units_; }
    bool empty() const { return code_points_ == 0; }
    bool is_ascii() const { return code_points_ == bytes_.size(); }

    size_t byte_of(size_t cp) const;        // cp in [0, size()]
    size_t cp_of_byte(size_t byte) const;   // byte must be at a code point boundary (or end)
    size_t utf16_of(size_t cp) const;       // cp in [0, size()]
    size_t cp_of_utf16(size_t unit) const;  // a unit inside a surrogate pair maps to its code point
    char32_t at(size_t cp) const;
    std::string_view slice(size_t start, size_t end) const; // code point range -> UTF-8 bytes

private:
    void build_index();
    std::string bytes_;
    size_t code_points_ = 0;
    size_t utf16_units_ = 0;
    static constexpr size_t kStride = 64;
    // For every kStride-th code point k*kStride: its byte offset and UTF-16 offset.
    std::vector<uint32_t> byte_at_;
    std::vector<uint32_t> u16_at_;
};

using TextPtr = std::shared_ptr<const Text>;

} // namespace postil
