#include "text.h"

#include "diagnostic.h"

#include <algorithm>

namespace postil {

// [SECTION] UTF-8 primitives

std::optional<Utf8Error> find_invalid_utf8(std::string_view s)
{
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    size_t i = 0;
    auto fail = [&](const char* what) { return Utf8Error{i, what}; };
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len;
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c >= 0xE0 && c <= 0xEF) len = 3;
        else if (c >= 0xF0 && c <= 0xF4) len = 4;
        else if (c >= 0x80 && c <= 0xBF) return fail("invalid UTF-8: unexpected continuation byte");
        else return fail("invalid UTF-8: byte cannot start a sequence (overlong or out of range)");
        // The second byte's range tells overlongs, surrogates and > U+10FFFF apart (RFC 3629
        // table), so each sequence is judged on the bytes present, like other decoders do: a
        // bad byte right after a lead is reported as such even at the end of the input.
        unsigned char lo = 0x80, hi = 0xBF;
        const char* range_error = nullptr;
        if (c == 0xE0) { lo = 0xA0; range_error = "invalid UTF-8: overlong encoding"; }
        else if (c == 0xED) { hi = 0x9F; range_error = "invalid UTF-8: encoded surrogate"; }
        else if (c == 0xF0) { lo = 0x90; range_error = "invalid UTF-8: overlong encoding"; }
        else if (c == 0xF4) { hi = 0x8F; range_error = "invalid UTF-8: code point above U+10FFFF"; }
        for (size_t k = 1; k < len; ++k) {
            if (i + k >= n)
                return fail("invalid UTF-8: sequence truncated at end of input");
            unsigned char b = p[i + k];
            if ((b & 0xC0) != 0x80)
                return fail("invalid UTF-8: expected a continuation byte");
            if (k == 1 && (b < lo || b > hi))
                return fail(range_error);
        }
        i += len;
    }
    return std::nullopt;
}

std::string normalize_newlines(std::string_view s)
{
    if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF")
        s.remove_prefix(3);
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '\r') {
            out += '\n';
            if (i + 1 < s.size() && s[i + 1] == '\n')
                ++i;
        } else {
            out += c;
        }
    }
    return out;
}

char32_t decode_utf8(std::string_view s, size_t& i)
{
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (size_t k = 1; k < len && i + k < s.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    return cp;
}

void append_utf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

size_t count_code_points(std::string_view s)
{
    size_t n = 0;
    for (char c : s)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

size_t count_utf16_units(std::string_view s)
{
    size_t n = 0;
    for (char c : s) {
        auto b = static_cast<unsigned char>(c);
        n += (b & 0xC0) != 0x80;
        n += b >= 0xF0; // 4-byte sequences are surrogate pairs
    }
    return n;
}

// [SECTION] Text

Text Text::from_bytes(std::string_view raw, const std::string& source)
{
    if (auto err = find_invalid_utf8(raw)) {
        Diagnostic d;
        d.file = source;
        d.message = err->message + " at byte offset " + std::to_string(err->byte_offset);
        // Line/column of the bad byte help people find it in an editor. Lines end at LF, CRLF
        // or a lone CR (what normalize_newlines() turns into LF); a leading BOM is no column.
        const size_t off = err->byte_offset;
        size_t line_start = 0;
        d.line = 1;
        for (size_t k = 0; k < off; ++k) {
            if (raw[k] == '\n' || (raw[k] == '\r' && (k + 1 >= raw.size() || raw[k + 1] != '\n'))) {
                ++d.line;
                line_start = k + 1;
            }
        }
        if (line_start == 0 && raw.substr(0, 3) == "\xEF\xBB\xBF")
            line_start = 3;
        d.column = 1 + static_cast<int>(count_code_points(raw.substr(line_start, off - line_start)));
        throw InputError{{d}};
    }
    return from_normalized(normalize_newlines(raw));
}

Text Text::from_normalized(std::string utf8)
{
    Text t;
    t.bytes_ = std::move(utf8);
    t.build_index();
    return t;
}

void Text::build_index()
{
    byte_at_.clear();
    u16_at_.clear();
    const auto* p = reinterpret_cast<const unsigned char*>(bytes_.data());
    const size_t n = bytes_.size();
    size_t cp = 0, u16 = 0;
    byte_at_.reserve(n / kStride + 2);
    u16_at_.reserve(n / kStride + 2);
    for (size_t i = 0; i < n; ++i) {
        unsigned char b = p[i];
        if ((b & 0xC0) == 0x80)
            continue;
        if (cp % kStride == 0) {
            byte_at_.push_back(static_cast<uint32_t>(i));
            u16_at_.push_back(static_cast<uint32_t>(u16));
        }
        ++cp;
        u16 += b >= 0xF0 ? 2 : 1;
    }
    if (cp % kStride == 0) {
        byte_at_.push_back(static_cast<uint32_t>(n));
        u16_at_.push_back(static_cast<uint32_t>(u16));
    }
    code_points_ = cp;
    utf16_units_ = u16;
}

size_t Text::byte_of(size_t cp) const
{
    if (cp >= code_points_)
        return bytes_.size();
    if (is_ascii())
        return cp;
    size_t i = byte_at_[cp / kStride];
    for (size_t k = cp % kStride; k > 0; --k) {
        ++i;
        while (i < bytes_.size() && (static_cast<unsigned char>(bytes_[i]) & 0xC0) == 0x80)
            ++i;
    }
    return i;
}

size_t Text::cp_of_byte(size_t byte) const
{
    if (byte >= bytes_.size())
        return code_points_;
    if (is_ascii())
        return byte;
    // Last sample at or before `byte`.
    auto it = std::upper_bound(byte_at_.begin(), byte_at_.end(), static_cast<uint32_t>(byte));
    size_t k = static_cast<size_t>(it - byte_at_.begin()) - 1;
    size_t cp = k * kStride;
    size_t i = byte_at_[k];
    while (i < byte) {
        ++i;
        while (i < bytes_.size() && (static_cast<unsigned char>(bytes_[i]) & 0xC0) == 0x80)
            ++i;
        ++cp;
    }
    return cp;
}

size_t Text::utf16_of(size_t cp) const
{
    if (cp >= code_points_)
        return utf16_units_;
    if (utf16_units_ == code_points_)
        return cp;
    size_t i = byte_at_[cp / kStride];
    size_t u = u16_at_[cp / kStride];
    for (size_t k = cp % kStride; k > 0; --k) {
        u += static_cast<unsigned char>(bytes_[i]) >= 0xF0 ? 2 : 1;
        ++i;
        while (i < bytes_.size() && (static_cast<unsigned char>(bytes_[i]) & 0xC0) == 0x80)
            ++i;
    }
    return u;
}

size_t Text::cp_of_utf16(size_t unit) const
{
    if (unit >= utf16_units_)
        return code_points_;
    if (utf16_units_ == code_points_)
        return unit;
    auto it = std::upper_bound(u16_at_.begin(), u16_at_.end(), static_cast<uint32_t>(unit));
    size_t k = static_cast<size_t>(it - u16_at_.begin()) - 1;
    size_t cp = k * kStride;
    size_t i = byte_at_[k];
    size_t u = u16_at_[k];
    while (true) {
        size_t w = static_cast<unsigned char>(bytes_[i]) >= 0xF0 ? 2 : 1;
        if (u + w > unit)
            return cp;
        u += w;
        ++cp;
        ++i;
        while (i < bytes_.size() && (static_cast<unsigned char>(bytes_[i]) & 0xC0) == 0x80)
            ++i;
    }
}

char32_t Text::at(size_t cp) const
{
    if (cp >= code_points_)
        return 0; // past the end: decoding there would read out of bounds
    size_t i = byte_of(cp);
    return decode_utf8(bytes_, i);
}

std::string_view Text::slice(size_t start, size_t end) const
{
    end = std::min(end, code_points_);
    start = std::min(start, end);
    size_t b0 = byte_of(start);
    size_t b1 = byte_of(end);
    return std::string_view(bytes_).substr(b0, b1 - b0);
}

} // namespace postil
