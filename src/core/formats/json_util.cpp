#include "json_util.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <locale>
#include <sstream>

#if defined(__SSE2__) && !defined(POSTIL_NO_SIMD)
#include <emmintrin.h> // baseline on x86-64; other targets (wasm) use the 8-byte SWAR path
#endif

namespace postil {

// [SECTION] byte scanning

namespace {

inline uint64_t load64(const char* p)
{
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHighs = 0x8080808080808080ull;

inline uint64_t has_zero_byte(uint64_t x) { return (x - kOnes) & ~x & kHighs; }
// Some byte of v is '"', '\\' or < 0x20 (exact as an "any" test, byte order does not matter).
inline bool needs_escape8(uint64_t v)
{
    return (has_zero_byte(v ^ (kOnes * '"')) | has_zero_byte(v ^ (kOnes * '\\')) | ((v - kOnes * 0x20) & ~v & kHighs)) != 0;
}

// Length of the valid UTF-8 sequence at p (lead byte >= 0x80), or 0 with a reason.
size_t utf8_sequence(const unsigned char* p, const unsigned char* end, const char*& why)
{
    unsigned char c = p[0];
    size_t len;
    char32_t cp;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else if (c >= 0x80 && c <= 0xBF) { why = "invalid UTF-8: unexpected continuation byte"; return 0; }
    else { why = "invalid UTF-8: byte cannot start a sequence (overlong or out of range)"; return 0; }
    if (static_cast<size_t>(end - p) < len) { why = "invalid UTF-8: sequence truncated"; return 0; }
    for (size_t k = 1; k < len; ++k) {
        if ((p[k] & 0xC0) != 0x80) { why = "invalid UTF-8: expected a continuation byte"; return 0; }
        cp = (cp << 6) | (p[k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) { why = "invalid UTF-8: overlong encoding"; return 0; }
    if (cp >= 0xD800 && cp <= 0xDFFF) { why = "invalid UTF-8: encoded surrogate"; return 0; }
    if (cp > 0x10FFFF) { why = "invalid UTF-8: code point above U+10FFFF"; return 0; }
    return len;
}

inline bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "U+00E9", "U+1F534": at least 4 hex digits.
std::string hex4(unsigned v)
{
    static const char* d = "0123456789ABCDEF";
    std::string s = "U+";
    int top = v > 0xFFFFF ? 20 : v > 0xFFFF ? 16 : 12;
    for (int sh = top; sh >= 0; sh -= 4)
        s += d[(v >> sh) & 0xF];
    return s;
}

} // namespace

// [SECTION] parser

struct JsonDoc::Parser {
    JsonDoc& d;
    const char* begin;
    const char* p;
    const char* end;
    JsonSyntaxError& err;
    int depth = 0;
    static constexpr int kMaxDepth = 512; // deeper input is refused rather than overflowing the stack

    bool fail(const char* at, const std::string& msg)
    {
        err.byte = static_cast<size_t>(at - begin);
        err.message = msg;
        return false;
    }
    // What sits at `at`, for "found ..." in messages.
    std::string found(const char* at) const
    {
        if (at >= end)
            return d.end_name;
        auto c = static_cast<unsigned char>(*at);
        if (c < 0x20 || c == 0x7F)
            return hex4(c);
        if (c < 0x80)
            return std::string("'") + static_cast<char>(c) + "'";
        const char* why = nullptr;
        size_t n = utf8_sequence(reinterpret_cast<const unsigned char*>(at), reinterpret_cast<const unsigned char*>(end), why);
        return n ? "'" + std::string(at, n) + "'" : std::string("a byte that is not UTF-8");
    }
    void ws()
    {
        while (p < end && is_ws(*p))
            ++p;
    }
    uint32_t add(JsonType t, const char* at)
    {
        Node n;
        n.type = t;
        n.pos = static_cast<uint32_t>(at - begin);
        d.nodes_.push_back(n);
        return static_cast<uint32_t>(d.nodes_.size() - 1);
    }

    bool value(uint32_t& out)
    {
        ws();
        if (p >= end)
            return fail(p, "expected a value, found " + found(p));
        switch (*p) {
        case '{': return object(out);
        case '[': return array(out);
        case '"': {
            out = add(JsonType::String, p);
            const char* s;
            uint32_t n;
            if (!string(s, n))
                return false;
            d.nodes_[out].str = s;
            d.nodes_[out].str_len = n;
            return true;
        }
        case 't': return literal(out, "true", JsonType::True);
        case 'f': return literal(out, "false", JsonType::False);
        case 'n': return literal(out, "null", JsonType::Null);
        default:
            if (*p == '-' || is_digit(*p))
                return number(out);
            return fail(p, "expected a value (object, array, string, number, true, false or null), found " + found(p));
        }
    }

    bool literal(uint32_t& out, const char* word, JsonType t)
    {
        size_t n = std::strlen(word);
        if (static_cast<size_t>(end - p) < n || std::memcmp(p, word, n) != 0)
            return fail(p, std::string("expected '") + word + "', found " + found(p));
        out = add(t, p);
        p += n;
        return true;
    }

    bool number(uint32_t& out)
    {
        const char* s = p;
        if (*p == '-')
            ++p;
        if (p >= end || !is_digit(*p))
            return fail(p, "expected a digit in a number, found " + found(p));
        if (*p == '0')
            ++p;
        else
            while (p < end && is_digit(*p))
                ++p;
        if (p < end && *p == '.') {
            ++p;
            if (p >= end || !is_digit(*p))
                return fail(p, "expected a digit after the decimal point, found " + found(p));
            while (p < end && is_digit(*p))
                ++p;
        }
        if (p < end && (*p == 'e' || *p == 'E')) {
            ++p;
            if (p < end && (*p == '+' || *p == '-'))
                ++p;
            if (p >= end || !is_digit(*p))
                return fail(p, "expected a digit in the exponent, found " + found(p));
            while (p < end && is_digit(*p))
                ++p;
        }
        out = add(JsonType::Number, s);
        d.nodes_[out].str = s;
        d.nodes_[out].str_len = static_cast<uint32_t>(p - s);
        return true;
    }

    bool hex(const char* at, unsigned& v)
    {
        if (end - at < 4)
            return fail(at, "expected 4 hex digits after \\u, found " + found(end));
        v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = at[k];
            unsigned h;
            if (c >= '0' && c <= '9') h = static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') h = static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') h = static_cast<unsigned>(c - 'A' + 10);
            else return fail(at + k, "expected a hex digit after \\u, found " + found(at + k));
            v = (v << 4) | h;
        }
        return true;
    }

    // p at the opening quote. Strings without escapes point into the input; others are
    // unescaped into a block of the document's arena as long as the raw string (unescaping
    // never makes a string longer), so views already handed out never move.
    // The scan stops only at '"', '\\' and control characters, 16 or 8 bytes at a time; UTF-8
    // is validated afterwards, and only for strings that hold a byte >= 0x80.
    bool string(const char*& out, uint32_t& len)
    {
        const char* open = p;
        const char* s = ++p;
        char* w = nullptr;   // write position when unescaping (null until the first escape)
        char* w0 = nullptr;
        const char* run = s; // start of the bytes not yet copied (when unescaping)
        uint64_t high = 0;   // OR of the bytes seen: bit 7 set if any is non-ASCII
        for (;;) {
#if defined(__SSE2__) && !defined(POSTIL_NO_SIMD)
            {
                const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'), ctrl = _mm_set1_epi8(0x1F);
                __m128i hi = _mm_setzero_si128();
                while (end - p >= 16) {
                    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
                    // x == '"' | x == '\\' | x <= 0x1F (unsigned: min(x, 0x1F) == x)
                    __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
                                                _mm_cmpeq_epi8(_mm_min_epu8(x, ctrl), x));
                    if (_mm_movemask_epi8(stop))
                        break;
                    hi = _mm_or_si128(hi, x);
                    p += 16;
                }
                if (_mm_movemask_epi8(hi))
                    high |= 0x80;
            }
#endif
            while (end - p >= 8) {
                uint64_t v = load64(p);
                if (needs_escape8(v))
                    break;
                high |= v;
                p += 8;
            }
            if (p >= end)
                return fail(p, "unterminated string (opened at byte " + std::to_string(open - begin) + "), found " + found(p));
            auto c = static_cast<unsigned char>(*p);
            if (c == '"')
                break;
            if (c == '\\') {
                if (!w) {
                    size_t raw = raw_length(s);
                    if (!raw)
                        return fail(end, "unterminated string (opened at byte " + std::to_string(open - begin) + "), found " + found(end));
                    w0 = w = d.arena(raw);
                }
                std::memcpy(w, run, static_cast<size_t>(p - run));
                w += p - run;
                if (!escape(w))
                    return false;
                run = p;
                continue;
            }
            if (c < 0x20)
                return fail(p, "control character " + hex4(c) + " inside a string (write it as an escape such as \\n)");
            high |= c;
            ++p;
        }
        // Escapes are ASCII and decode to valid UTF-8: checking the raw bytes is enough.
        if (high & kHighs) {
            const char* why = nullptr;
            if (const char* bad = invalid_utf8(s, p, why))
                return fail(bad, why);
        }
        if (!w) {
            out = s;
            len = static_cast<uint32_t>(p - s);
        } else {
            std::memcpy(w, run, static_cast<size_t>(p - run));
            w += p - run;
            out = w0;
            len = static_cast<uint32_t>(w - w0);
        }
        ++p;
        return true;
    }

    // Bytes from s to the closing quote (escapes skipped), or 0 if the input ends first.
    size_t raw_length(const char* s) const
    {
        // The first quote not preceded by an odd number of backslashes (memchr is fast).
        for (const char* q = s; q < end; ++q) {
            q = static_cast<const char*>(std::memchr(q, '"', static_cast<size_t>(end - q)));
            if (!q)
                return 0;
            size_t backslashes = 0;
            for (const char* b = q; b > s && b[-1] == '\\'; --b)
                ++backslashes;
            if (backslashes % 2 == 0)
                return static_cast<size_t>(q - s);
        }
        return 0;
    }

    // First byte of [s, e) that is not valid UTF-8, or null. Common 2- and 3-byte sequences
    // (é, ’, «) are checked inline; the rest goes through the full check.
    static const char* invalid_utf8(const char* s, const char* e, const char*& why)
    {
        const auto* q = reinterpret_cast<const unsigned char*>(s);
        const auto* qe = reinterpret_cast<const unsigned char*>(e);
        while (q < qe) {
#if defined(__SSE2__) && !defined(POSTIL_NO_SIMD)
            if (qe - q >= 16 && _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(q))) == 0) {
                q += 16;
                continue;
            }
#endif
            if (qe - q >= 8 && (load64(reinterpret_cast<const char*>(q)) & kHighs) == 0) {
                q += 8;
                continue;
            }
            unsigned char c = *q;
            if (c < 0x80) {
                ++q;
                continue;
            }
            if (c >= 0xC2 && c <= 0xDF && qe - q >= 2 && (q[1] & 0xC0) == 0x80) {
                q += 2;
                continue;
            }
            // E1..EC and EE..EF take any continuation bytes (E0 and ED restrict the second).
            if (((c >= 0xE1 && c <= 0xEC) || c >= 0xEE) && c <= 0xEF && qe - q >= 3 && (q[1] & 0xC0) == 0x80 && (q[2] & 0xC0) == 0x80) {
                q += 3;
                continue;
            }
            size_t n = utf8_sequence(q, qe, why);
            if (!n)
                return reinterpret_cast<const char*>(q);
            q += n;
        }
        return nullptr;
    }

    // p at a backslash: writes the unescaped character at w (and moves w past it).
    bool escape(char*& w)
    {
        const char* at = p;
        if (end - p < 2)
            return fail(p + 1, "expected an escape character after '\\', found " + found(p + 1));
        char e = p[1];
        p += 2;
        switch (e) {
        case '"': *w++ = '"'; return true;
        case '\\': *w++ = '\\'; return true;
        case '/': *w++ = '/'; return true;
        case 'b': *w++ = '\b'; return true;
        case 'f': *w++ = '\f'; return true;
        case 'n': *w++ = '\n'; return true;
        case 'r': *w++ = '\r'; return true;
        case 't': *w++ = '\t'; return true;
        case 'u': {
            unsigned v;
            if (!hex(p, v))
                return false;
            p += 4;
            char32_t cp = v;
            if (v >= 0xD800 && v <= 0xDBFF) {
                unsigned lo = 0;
                if (end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
                    if (!hex(p + 2, lo))
                        return false;
                }
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return fail(at, "lone surrogate \\u" + hex4(v).substr(2) + " (no low surrogate follows): a JSON string must hold Unicode text");
                p += 6;
                cp = 0x10000 + ((static_cast<char32_t>(v) - 0xD800) << 10) + (lo - 0xDC00);
            } else if (v >= 0xDC00 && v <= 0xDFFF) {
                return fail(at, "lone low surrogate \\u" + hex4(v).substr(2) + ": a JSON string must hold Unicode text");
            }
            // At most 4 bytes for an escape of 6 (or 12): never longer than the raw text.
            if (cp < 0x80) {
                *w++ = static_cast<char>(cp);
            } else if (cp < 0x800) {
                *w++ = static_cast<char>(0xC0 | (cp >> 6));
                *w++ = static_cast<char>(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                *w++ = static_cast<char>(0xE0 | (cp >> 12));
                *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                *w++ = static_cast<char>(0x80 | (cp & 0x3F));
            } else {
                *w++ = static_cast<char>(0xF0 | (cp >> 18));
                *w++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
                *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                *w++ = static_cast<char>(0x80 | (cp & 0x3F));
            }
            return true;
        }
        default:
            return fail(at + 1, "invalid escape '\\" + std::string(1, e) + "' (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
    }

    bool enter(const char* at)
    {
        if (++depth > kMaxDepth)
            return fail(at, "values nested deeper than " + std::to_string(kMaxDepth) + " levels");
        return true;
    }

    bool object(uint32_t& out)
    {
        out = add(JsonType::Object, p);
        if (!enter(p))
            return false;
        ++p;
        ws();
        if (p < end && *p == '}') {
            ++p;
            --depth;
            return true;
        }
        uint32_t last = 0, count = 0;
        for (;;) {
            ws();
            if (p >= end || *p != '"') {
                if (p < end && *p == '}' && count > 0)
                    return fail(p, "trailing comma before '}' (expected another member)");
                return fail(p, "expected '\"' to start a member name, found " + found(p));
            }
            const char* k;
            uint32_t klen;
            if (!string(k, klen))
                return false;
            ws();
            if (p >= end || *p != ':')
                return fail(p, "expected ':' after member name \"" + std::string(k, std::min<uint32_t>(klen, 40)) + "\", found " + found(p));
            ++p;
            uint32_t child;
            if (!value(child))
                return false;
            d.nodes_[child].key = k;
            d.nodes_[child].key_len = klen;
            if (last)
                d.nodes_[last].next = child;
            else
                d.nodes_[out].first = child;
            last = child;
            ++count;
            ws();
            if (p < end && *p == ',') {
                ++p;
                continue;
            }
            if (p < end && *p == '}') {
                ++p;
                break;
            }
            return fail(p, "expected ',' or '}' after an object member, found " + found(p));
        }
        d.nodes_[out].count = count;
        --depth;
        return true;
    }

    bool array(uint32_t& out)
    {
        out = add(JsonType::Array, p);
        if (!enter(p))
            return false;
        ++p;
        ws();
        if (p < end && *p == ']') {
            ++p;
            --depth;
            return true;
        }
        uint32_t last = 0, count = 0;
        for (;;) {
            ws();
            if (p < end && *p == ']' && count > 0)
                return fail(p, "trailing comma before ']' (expected another element)");
            uint32_t child;
            if (!value(child))
                return false;
            if (last)
                d.nodes_[last].next = child;
            else
                d.nodes_[out].first = child;
            last = child;
            ++count;
            ws();
            if (p < end && *p == ',') {
                ++p;
                continue;
            }
            if (p < end && *p == ']') {
                ++p;
                break;
            }
            return fail(p, "expected ',' or ']' after an array element, found " + found(p));
        }
        d.nodes_[out].count = count;
        --depth;
        return true;
    }
};

bool JsonDoc::parse_prefix(std::string_view text, size_t& consumed, JsonSyntaxError& err)
{
    nodes_.clear();
    // Keep the first arena block for the next record; drop the rest.
    if (blocks_.size() > 1)
        blocks_.resize(1);
    block_used_ = 0;
    if (text.size() > 0xFFFFFFF0u)
        return err.byte = 0, err.message = "input larger than 4 GiB", false;
    Parser P{*this, text.data(), text.data(), text.data() + text.size(), err};
    uint32_t root;
    if (!P.value(root)) {
        nodes_.clear();
        return false;
    }
    consumed = static_cast<size_t>(P.p - P.begin);
    return true;
}

bool JsonDoc::parse(std::string_view text, JsonSyntaxError& err)
{
    size_t used = 0;
    if (!parse_prefix(text, used, err))
        return false;
    while (used < text.size() && is_ws(text[used]))
        ++used;
    if (used < text.size()) {
        Parser P{*this, text.data(), text.data() + used, text.data() + text.size(), err};
        nodes_.clear();
        return P.fail(P.p, std::string("expected ") + end_name + " after the JSON value, found " + P.found(P.p));
    }
    return true;
}

char* JsonDoc::arena(size_t n)
{
    if (blocks_.empty() || block_used_ + n > blocks_.back().size) {
        // 64 KiB blocks shared by short strings; a long one gets a block of its own.
        size_t size = std::max<size_t>(n, 64 * 1024);
        blocks_.push_back(Block{std::unique_ptr<char[]>(new char[size]), size});
        block_used_ = 0;
    }
    char* r = blocks_.back().data.get() + block_used_;
    block_used_ += n;
    return r;
}

// [SECTION] values

JsonType JsonValue::type() const { return doc_ ? doc_->nodes_[i_].type : JsonType::Null; }

std::string_view JsonValue::str() const
{
    if (!doc_)
        return {};
    const auto& n = doc_->nodes_[i_];
    return n.str ? std::string_view(n.str, n.str_len) : std::string_view();
}

std::string_view JsonValue::key() const
{
    if (!doc_)
        return {};
    const auto& n = doc_->nodes_[i_];
    return n.key ? std::string_view(n.key, n.key_len) : std::string_view();
}

size_t JsonValue::size() const { return doc_ ? doc_->nodes_[i_].count : 0; }
size_t JsonValue::pos() const { return doc_ ? doc_->nodes_[i_].pos : 0; }

JsonValue JsonValue::get(std::string_view k) const
{
    if (!is_object())
        return {};
    for (uint32_t c = doc_->nodes_[i_].first; c; c = doc_->nodes_[c].next) {
        const auto& n = doc_->nodes_[c];
        if (n.key_len == k.size() && std::memcmp(n.key, k.data(), k.size()) == 0)
            return JsonValue(doc_, c);
    }
    return {};
}

JsonValue::iterator JsonValue::begin() const
{
    if (!is_array() && !is_object())
        return end();
    return iterator(doc_, doc_->nodes_[i_].first);
}

JsonValue::iterator& JsonValue::iterator::operator++()
{
    i_ = doc_->nodes_[i_].next;
    return *this;
}

bool JsonValue::get_uint(uint64_t& out) const
{
    if (!is_number())
        return false;
    std::string_view s = str();
    if (s.empty() || s.size() > 20)
        return false;
    uint64_t v = 0;
    for (char c : s) {
        if (!is_digit(c))
            return false;
        uint64_t d = static_cast<uint64_t>(c - '0');
        if (v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    out = v;
    return true;
}

bool JsonValue::get_int(int64_t& out) const
{
    if (!is_number())
        return false;
    std::string_view s = str();
    bool neg = !s.empty() && s[0] == '-';
    if (neg)
        s.remove_prefix(1);
    if (s.empty() || s.size() > 19)
        return false;
    uint64_t v = 0;
    for (char c : s) {
        if (!is_digit(c))
            return false;
        v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    if (v > static_cast<uint64_t>(INT64_MAX))
        return false;
    out = neg ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
    return true;
}

bool JsonValue::get_double(double& out) const
{
    if (!is_number())
        return false;
    int64_t i;
    if (get_int(i)) {
        out = static_cast<double>(i);
        return true;
    }
    // The classic locale: a front end that set a French locale must not turn "0.5" into 0.
    std::istringstream in{std::string(str())};
    in.imbue(std::locale::classic());
    double v = 0;
    in >> v;
    if (in.fail())
        return false;
    out = v;
    return true;
}

const char* JsonValue::type_name() const
{
    if (!doc_)
        return "nothing";
    switch (type()) {
    case JsonType::Null: return "null";
    case JsonType::False:
    case JsonType::True: return "a boolean";
    case JsonType::Number: return "a number";
    case JsonType::String: return "a string";
    case JsonType::Array: return "an array";
    case JsonType::Object: return "an object";
    }
    return "a value";
}

std::string JsonValue::dump() const
{
    std::string out;
    switch (type()) {
    case JsonType::Null: return "null";
    case JsonType::False: return "false";
    case JsonType::True: return "true";
    case JsonType::Number: return std::string(str());
    case JsonType::String: json_append_string(out, str()); return out;
    case JsonType::Array:
    case JsonType::Object: {
        bool obj = type() == JsonType::Object;
        out += obj ? '{' : '[';
        bool first = true;
        for (JsonValue c : *this) {
            if (!first)
                out += ',';
            first = false;
            if (obj)
                json_append_key(out, c.key());
            out += c.dump();
        }
        out += obj ? '}' : ']';
        return out;
    }
    }
    return out;
}

// [SECTION] sources and records

void JsonSource::index() const
{
    if (!line_starts_.empty())
        return;
    const std::string& b = file_->bytes;
    line_starts_.push_back(0);
    for (size_t i = b.find('\n'); i != std::string::npos; i = b.find('\n', i + 1))
        line_starts_.push_back(i + 1);
}

int JsonSource::line_of(size_t pos) const
{
    index();
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), pos);
    return static_cast<int>(it - line_starts_.begin());
}

Diagnostic JsonSource::diag(size_t pos, const std::string& json_path, const std::string& message) const
{
    Diagnostic d;
    d.file = file_->name;
    d.json_path = json_path;
    d.message = message;
    const std::string& b = file_->bytes;
    pos = std::min(pos, b.size());
    d.line = line_of(pos);
    size_t start = line_starts_[static_cast<size_t>(d.line - 1)];
    // Columns count code points from the line start; in a one-line file of 100 MB with many
    // bad records that would be quadratic, so continue from the last position asked for.
    size_t from = start, col = 0;
    if (last_line_ == d.line && last_pos_ <= pos) {
        from = last_pos_;
        col = last_col_;
    }
    col += count_code_points(std::string_view(b).substr(from, pos - from));
    last_line_ = d.line;
    last_pos_ = pos;
    last_col_ = col;
    d.column = 1 + static_cast<int>(col);
    return d;
}

namespace {
bool blank(std::string_view s)
{
    for (char c : s)
        if (!is_ws(c))
            return false;
    return true;
}
std::string_view trim(std::string_view s)
{
    while (!s.empty() && is_ws(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_ws(s.back()))
        s.remove_suffix(1);
    return s;
}
} // namespace

JsonLayout read_json_records(const JsonSource& src, bool split_arrays, const std::function<void(const JsonRecord&)>& on_record,
                             const std::function<void(Diagnostic)>& on_syntax_error)
{
    JsonLayout layout;
    std::string_view all = src.file().bytes;
    if (all.size() >= 2 && ((all[0] == '\xFF' && all[1] == '\xFE') || (all[0] == '\xFE' && all[1] == '\xFF'))) {
        on_syntax_error(src.diag(0, "", "the file is UTF-16 encoded (it starts with a UTF-16 byte order mark): save it as UTF-8"));
        return layout;
    }
    size_t start = all.size() >= 3 && all.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    size_t first = start;
    while (first < all.size() && is_ws(all[first]))
        ++first;
    if (first == all.size())
        return layout;
    JsonDoc doc;
    JsonSyntaxError err;
    JsonRecord rec;

    if (split_arrays && all[first] == '[') {
        // One element at a time: the tree of one task, never of the whole file (a 100 MB
        // Label Studio export would otherwise need ~500 bytes of nodes per region).
        layout.array = true;
        doc.end_name = "end of input";
        size_t pos = first + 1, i = 0;
        auto skip_ws = [&] {
            while (pos < all.size() && is_ws(all[pos]))
                ++pos;
        };
        auto found = [&]() -> std::string {
            return pos >= all.size() ? std::string("end of input") : "'" + std::string(1, all[pos]) + "'";
        };
        skip_ws();
        if (pos < all.size() && all[pos] == ']') {
            ++pos;
        } else {
            for (;;) {
                size_t used = 0;
                if (!doc.parse_prefix(all.substr(pos), used, err)) {
                    on_syntax_error(src.diag(pos + err.byte, "/" + std::to_string(i), "invalid JSON: " + err.message +
                                                                                          " (the rest of the file was not read)"));
                    return layout;
                }
                rec.value = doc.root();
                rec.base = pos;
                rec.index = i;
                rec.line = src.line_of(pos + rec.value.pos());
                rec.path = "/" + std::to_string(i);
                on_record(rec);
                ++i;
                pos += used;
                skip_ws();
                if (pos < all.size() && all[pos] == ',') {
                    ++pos;
                    skip_ws();
                    if (pos < all.size() && all[pos] == ']') {
                        on_syntax_error(src.diag(pos, "", "invalid JSON: trailing comma before ']' (expected another element)"));
                        return layout;
                    }
                    continue;
                }
                if (pos < all.size() && all[pos] == ']') {
                    ++pos;
                    break;
                }
                on_syntax_error(src.diag(pos, "", "invalid JSON: expected ',' or ']' after an array element, found " + found()));
                return layout;
            }
        }
        skip_ws();
        if (pos < all.size())
            on_syntax_error(src.diag(pos, "", "invalid JSON: expected end of input after the array, found " + found()));
        return layout;
    }

    size_t pos = start;
    int line = 1;
    size_t index = 0;
    rec.path.clear();
    while (pos < all.size()) {
        size_t nl = all.find('\n', pos);
        size_t line_end = nl == std::string_view::npos ? all.size() : nl;
        size_t next = nl == std::string_view::npos ? all.size() : nl + 1;
        std::string_view ln = all.substr(pos, line_end - pos);
        if (blank(ln)) {
            pos = next;
            ++line;
            continue;
        }
        doc.end_name = "end of line";
        if (doc.parse(ln, err)) {
            rec.value = doc.root();
            rec.base = pos;
            rec.line = line;
            rec.index = index++;
            on_record(rec);
            pos = next;
            ++line;
            continue;
        }
        // A value still open at the end of its line may go on over the next lines
        // (pretty-printed JSON, e.g. doccano's relation example): read it as one record.
        if (err.byte >= ln.size()) {
            JsonSyntaxError err2;
            size_t used = 0;
            doc.end_name = "end of input";
            if (doc.parse_prefix(all.substr(pos), used, err2)) {
                size_t after = pos + used;
                size_t nl2 = all.find('\n', after);
                size_t end2 = nl2 == std::string_view::npos ? all.size() : nl2;
                int lines = static_cast<int>(std::count(all.begin() + static_cast<std::ptrdiff_t>(pos), all.begin() + static_cast<std::ptrdiff_t>(end2), '\n'));
                if (blank(all.substr(after, end2 - after))) {
                    rec.value = doc.root();
                    rec.base = pos;
                    rec.line = line;
                    rec.index = index++;
                    on_record(rec);
                    ++layout.multi_line;
                } else {
                    on_syntax_error(src.diag(after, "", "invalid JSON: expected the end of the line after the JSON value (one record per line), found '" +
                                                            std::string(trim(all.substr(after, std::min<size_t>(end2 - after, 20)))) + "'"));
                }
                pos = end2 == all.size() ? all.size() : end2 + 1;
                line += lines + 1;
                continue;
            }
            std::string_view t = trim(ln);
            if (t == "{" || t == "[") {
                // Clearly pretty-printed: the real error is further down; the next record's
                // start cannot be found, so reading stops here.
                on_syntax_error(src.diag(pos + err2.byte, "", "invalid JSON: " + err2.message + " (in the record starting on line " +
                                                              std::to_string(line) + "; the rest of the file was not read)"));
                return layout;
            }
        }
        on_syntax_error(src.diag(pos + err.byte, "", "invalid JSON: " + err.message));
        pos = next;
        ++line;
    }
    return layout;
}

// [SECTION] paths and record readers

std::string JPath::str() const
{
    std::vector<const JPath*> chain;
    for (const JPath* p = this; p && p->parent; p = p->parent)
        chain.push_back(p);
    std::string out;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        out += '/';
        if ((*it)->is_index) {
            out += std::to_string((*it)->index);
            continue;
        }
        for (char c : (*it)->key) {
            if (c == '~') out += "~0";
            else if (c == '/') out += "~1";
            else out += c;
        }
    }
    return out;
}

void RecordReader::error(JsonValue at, const JPath& path, const std::string& message)
{
    errors.push_back(src_.diag(rec_.file_pos(at), rec_.path + path.str(), message));
}

void RecordReader::error(JsonValue obj, const JPath& obj_path, std::string_view key, const std::string& message)
{
    JsonValue v = obj.get(key);
    error(v ? v : obj, obj_path.member(key), message);
}

bool RecordReader::str(JsonValue obj, JsonValue v, const JPath& p, std::string_view key, std::string_view& out, bool required)
{
    if (!v || (v.is_null() && !required)) {
        if (required)
            error(obj, p.member(key), "missing \"" + std::string(key) + "\" (expected a string)");
        return false;
    }
    if (!v.is_string()) {
        error(v, p.member(key), std::string("expected a string, found ") + v.type_name());
        return false;
    }
    out = v.str();
    return true;
}

bool RecordReader::uint(JsonValue obj, JsonValue v, const JPath& p, std::string_view key, uint64_t& out, bool required)
{
    if (!v || (v.is_null() && !required)) {
        if (required)
            error(obj, p.member(key), "missing \"" + std::string(key) + "\" (expected a non-negative integer)");
        return false;
    }
    if (!v.get_uint(out)) {
        error(v, p.member(key), std::string("expected a non-negative integer, found ") +
                                    (v.is_number() ? "the number " + std::string(v.str()) : std::string(v.type_name())));
        return false;
    }
    if (out > 0xFFFFFFFFull) {
        error(v, p.member(key), "offset " + std::string(v.str()) + " is too large (Postil texts hold at most 4 Gi code points)");
        return false;
    }
    return true;
}

bool RecordReader::id(JsonValue obj, JsonValue v, const JPath& p, std::string_view key, std::string& out, bool required)
{
    if (!v || (v.is_null() && !required)) {
        if (required)
            error(obj, p.member(key), "missing \"" + std::string(key) + "\" (expected a string or an integer id)");
        return false;
    }
    int64_t n;
    if (v.is_string()) {
        out.assign(v.str());
        if (out.empty()) {
            error(v, p.member(key), "empty id");
            return false;
        }
        return true;
    }
    if (v.get_int(n)) {
        out = std::to_string(n);
        return true;
    }
    error(v, p.member(key), std::string("expected a string or an integer id, found ") + v.type_name());
    return false;
}

JsonValue RecordReader::array(JsonValue obj, const JPath& p, std::string_view key, bool required)
{
    JsonValue v = obj.get(key);
    if (!v || (v.is_null() && !required)) {
        if (required)
            error(obj, p.member(key), "missing \"" + std::string(key) + "\" (expected an array)");
        return {};
    }
    if (!v.is_array()) {
        error(v, p.member(key), std::string("expected an array, found ") + v.type_name());
        return {};
    }
    return v;
}

JsonValue RecordReader::object(JsonValue obj, const JPath& p, std::string_view key, bool required)
{
    JsonValue v = obj.get(key);
    if (!v || (v.is_null() && !required)) {
        if (required)
            error(obj, p.member(key), "missing \"" + std::string(key) + "\" (expected an object)");
        return {};
    }
    if (!v.is_object()) {
        error(v, p.member(key), std::string("expected an object, found ") + v.type_name());
        return {};
    }
    return v;
}

std::map<std::string, std::string> RecordReader::string_map(JsonValue obj, const JPath& p, std::string_view key)
{
    std::map<std::string, std::string> out;
    JsonValue v = object(obj, p, key);
    for (JsonValue m : v)
        out[std::string(m.key())] = m.is_string() ? std::string(m.str()) : m.dump();
    return out;
}

// [SECTION] import bookkeeping

void BadRecords::add(Diagnostics d)
{
    count_ += d.size();
    if (opts_.skip_bad) {
        for (auto& x : d)
            report_.skipped.push_back(std::move(x));
        return;
    }
    for (auto& x : d)
        if (kept_.size() < 200)
            kept_.push_back(std::move(x));
}

void BadRecords::finish()
{
    if (opts_.skip_bad || count_ == 0)
        return;
    Diagnostics out = kept_;
    if (count_ > kept_.size()) {
        Diagnostic more;
        more.file = kept_.empty() ? std::string() : kept_.back().file;
        more.message = "... and " + std::to_string(count_ - kept_.size()) + " more problems (nothing was imported; --skip-bad imports the good records)";
        out.push_back(more);
    }
    throw InputError{out};
}

void NoteCounter::add(const std::string& reason, size_t n)
{
    for (auto& it : items_)
        if (it.first == reason) {
            it.second += n;
            return;
        }
    items_.emplace_back(reason, n);
}

void NoteCounter::flush(ImportReport& r, const std::string& prefix)
{
    for (const auto& it : items_)
        r.notes.push_back(prefix + std::to_string(it.second) + " " + it.first);
    items_.clear();
}

// [SECTION] mention blocks

void MentionBlocks::begin_document(Project& p, std::vector<Mention>& doc_mentions)
{
    if (!std::is_sorted(doc_mentions.begin(), doc_mentions.end(), mention_less))
        std::sort(doc_mentions.begin(), doc_mentions.end(), mention_less);
    start_.push_back(p.mentions.size());
}

void MentionBlocks::reserve_once(Project& p, size_t done, size_t total)
{
    // Reserved but unused capacity is never touched: it costs address space, not memory.
    if (reserved_ || done < (1u << 20) || p.mentions.empty())
        return;
    reserved_ = true;
    double per_byte = static_cast<double>(p.mentions.size()) / static_cast<double>(done);
    p.mentions.reserve(static_cast<size_t>(per_byte * static_cast<double>(total) * 1.25) + 16);
}

void MentionBlocks::finish(Project& p)
{
    auto& ms = p.mentions;
    if (std::is_sorted(ms.begin(), ms.end(), mention_less)) {
        start_.clear();
        return;
    }
    // Blocks are sorted; only the documents' order differs (file order "doc-9, doc-10" vs
    // id order "doc-10, doc-9"). Move whole blocks, in place along the permutation's cycles:
    // a copy would cost as much memory again.
    size_t blocks = start_.size();
    auto block_end = [&](size_t b) { return b + 1 < blocks ? start_[b + 1] : ms.size(); };
    std::vector<uint32_t> order; // non-empty blocks; a document's id is unique in an import
    for (size_t b = 0; b < blocks; ++b)
        if (start_[b] < block_end(b))
            order.push_back(static_cast<uint32_t>(b));
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return ms[start_[a]].doc_id < ms[start_[b]].doc_id; });
    std::vector<uint32_t> from(ms.size()); // where the mention that ends at position j is now
    size_t pos = 0;
    for (uint32_t b : order)
        for (size_t i = start_[b]; i < block_end(b); ++i)
            from[pos++] = static_cast<uint32_t>(i);
    // One move per mention along each cycle (a swap is three).
    for (size_t i = 0; i < ms.size(); ++i) {
        if (from[i] == i)
            continue;
        Mention held = std::move(ms[i]);
        size_t j = i;
        while (from[j] != i) {
            const size_t k = from[j];
            ms[j] = std::move(ms[k]);
            from[j] = static_cast<uint32_t>(j);
            j = k;
        }
        ms[j] = std::move(held);
        from[j] = static_cast<uint32_t>(j);
    }
    start_.clear();
    if (!std::is_sorted(ms.begin(), ms.end(), mention_less)) // a block not preceded by begin_document
        std::sort(ms.begin(), ms.end(), mention_less);
}

// [SECTION] text and offsets

const char* offset_unit_name(OffsetUnit u) { return u == OffsetUnit::Utf16 ? "utf16" : "codepoint"; }

bool parse_offset_unit(std::string_view s, OffsetUnit& out)
{
    if (s == "codepoint" || s == "codepoints" || s == "char" || s == "code_point") {
        out = OffsetUnit::CodePoint;
        return true;
    }
    if (s == "utf16" || s == "utf-16" || s == "UTF-16" || s == "utf16_code_unit") {
        out = OffsetUnit::Utf16;
        return true;
    }
    return false;
}

ImportedText ImportedText::from(std::string_view utf8)
{
    ImportedText t;
    if (utf8.find('\r') == std::string_view::npos) {
        t.text = std::make_shared<const Text>(Text::from_normalized(std::string(utf8)));
        t.original = t.text;
        return t;
    }
    t.original = std::make_shared<const Text>(Text::from_normalized(std::string(utf8)));
    std::string out;
    out.reserve(utf8.size());
    uint32_t cp = 0;
    for (size_t i = 0; i < utf8.size(); ++i) {
        char c = utf8[i];
        if (c == '\r') {
            if (i + 1 < utf8.size() && utf8[i + 1] == '\n')
                t.dropped.push_back(cp);
            else
                out += '\n';
        } else {
            out += c;
        }
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++cp;
    }
    t.text = std::make_shared<const Text>(Text::from_normalized(std::move(out)));
    return t;
}

uint32_t ImportedText::map(uint32_t cp) const
{
    if (dropped.empty())
        return cp;
    auto n = std::lower_bound(dropped.begin(), dropped.end(), cp) - dropped.begin();
    return cp - static_cast<uint32_t>(n);
}

bool span_to_codepoints(const ImportedText& t, OffsetUnit unit, uint64_t start, uint64_t end, uint32_t& cs, uint32_t& ce, std::string& why)
{
    const Text& o = *t.original;
    bool u16 = unit == OffsetUnit::Utf16;
    size_t n = u16 ? o.utf16_size() : o.size();
    const char* unit_name = u16 ? "UTF-16 code units" : "code points";
    if (start > end) {
        why = "start offset " + std::to_string(start) + " is after end offset " + std::to_string(end);
        return false;
    }
    if (start == end) {
        why = "empty span [" + std::to_string(start) + ", " + std::to_string(end) + ")";
        return false;
    }
    if (end > n) {
        why = "end offset " + std::to_string(end) + " is past the end of the text (" + std::to_string(n) + " " + unit_name + ")";
        return false;
    }
    size_t s = static_cast<size_t>(start), e = static_cast<size_t>(end);
    if (u16) {
        size_t a = o.cp_of_utf16(s), b = o.cp_of_utf16(e);
        auto inside = [&](size_t off, size_t cp, const char* which) {
            if (o.utf16_of(cp) == off)
                return false;
            why = std::string(which) + " offset " + std::to_string(off) + " (UTF-16) falls inside the surrogate pair of " + hex4(static_cast<unsigned>(o.at(cp))) +
                  "; offsets must not split a character";
            return true;
        };
        if (inside(s, a, "start") || inside(e, b, "end"))
            return false;
        s = a;
        e = b;
    }
    cs = t.map(static_cast<uint32_t>(s));
    ce = t.map(static_cast<uint32_t>(e));
    if (cs >= ce) {
        why = "span covers only a carriage return (dropped: Postil texts use LF line ends)";
        return false;
    }
    return true;
}

// [SECTION] small shared lookups

const Polarity* match_polarity(const Schema& s, std::string_view label)
{
    for (const auto& p : s.polarities)
        if (p.id == label)
            return &p;
    auto ieq = [](std::string_view a, std::string_view b) {
        if (a.size() != b.size())
            return false;
        for (size_t i = 0; i < a.size(); ++i) {
            char x = a[i], y = b[i];
            if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
            if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
            if (x != y)
                return false;
        }
        return true;
    };
    for (const auto& p : s.polarities)
        if (ieq(p.id, label) || ieq(p.name, label))
            return &p;
    return nullptr;
}

bool ensure_polarity(Schema& s, const std::string& id)
{
    if (id.empty() || s.polarity(id))
        return false;
    Polarity p;
    p.id = id;
    p.name = id;
    p.color = 0x7F7F7F;
    s.polarities.push_back(p);
    return true;
}

std::string file_stem(const std::string& path)
{
    size_t slash = path.find_last_of("/\\");
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    size_t dot = base.find('.');
    if (dot != std::string::npos && dot > 0)
        base = base.substr(0, dot);
    return base.empty() || base == "-" ? std::string("doc") : base;
}

bool rename_if_taken(std::string& id, const std::unordered_set<std::string>& taken)
{
    if (!taken.count(id))
        return false;
    std::string base = id;
    for (int n = 2; taken.count(id); ++n)
        id = base + "-" + std::to_string(n);
    return true;
}

const Project& sorted_for_export(const Project& p, Project& storage)
{
    if (std::is_sorted(p.mentions.begin(), p.mentions.end(), mention_less))
        return p;
    storage = p;
    storage.keep_sorted();
    return storage;
}

std::string quote_for_message(std::string_view s)
{
    std::string out = "\"";
    size_t i = 0, n = 0;
    while (i < s.size() && n < 40) {
        size_t at = i;
        char32_t c = decode_utf8(s, i);
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '\r') out += "\\r";
        else out.append(s.substr(at, i - at));
        ++n;
    }
    if (i < s.size())
        out += "…";
    return out + "\"";
}

std::string_view detect_window(const InputFile& in)
{
    std::string_view s = in.bytes;
    return s.substr(0, std::min<size_t>(s.size(), 64 * 1024));
}

// [SECTION] writer

void json_append_string(std::string& out, std::string_view s)
{
    out += '"';
    json_append_escaped(out, s);
    out += '"';
}

void json_append_escaped(std::string& out, std::string_view s)
{
    const char* p = s.data();
    const char* end = p + s.size();
    const char* run = p; // bytes not yet copied
    while (p < end) {
        // Most text needs no escape: skip it 16 or 8 bytes at a time, copy it in one append.
#if defined(__SSE2__) && !defined(POSTIL_NO_SIMD)
        if (end - p >= 16) {
            __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))),
                                        _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1F)), x));
            if (!_mm_movemask_epi8(stop)) {
                p += 16;
                continue;
            }
        }
#endif
        if (end - p >= 8 && !needs_escape8(load64(p))) {
            p += 8;
            continue;
        }
        auto c = static_cast<unsigned char>(*p);
        if (c != '"' && c != '\\' && c >= 0x20) {
            ++p;
            continue;
        }
        out.append(run, static_cast<size_t>(p - run));
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default: {
            static const char* hexd = "0123456789abcdef";
            out += "\\u00";
            out += hexd[c >> 4];
            out += hexd[c & 0xF];
        }
        }
        ++p;
        run = p;
    }
    out.append(run, static_cast<size_t>(end - run));
}

void json_append_string_map(std::string& out, const std::map<std::string, std::string>& m)
{
    out += '{';
    bool first = true;
    for (const auto& [k, v] : m) {
        if (!first)
            out += ',';
        first = false;
        json_append_key(out, k);
        json_append_string(out, v);
    }
    out += '}';
}

void json_append_uint(std::string& out, uint64_t v)
{
    char buf[20];
    int n = 0;
    do {
        buf[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        out += buf[--n];
}

void json_append_double(std::string& out, double v)
{
    if (!std::isfinite(v)) {
        out += "null";
        return;
    }
    if (v == 1.0) {
        out += "1.0";
        return;
    }
    // nlohmann prints the shortest text that reads back to the same double, whatever the locale.
    out += nlohmann::json(v).dump();
}

} // namespace postil
