// Tests for src/core/text.h: UTF-8 validation (every class of bad sequence, with its byte
// offset), BOM/CRLF/CR normalisation, line/column of errors, and the code point <-> byte <->
// UTF-16 index checked at every position of the corpus articles and of synthetic texts, against
// offsets computed here by a plain linear decode.
#include "core/diagnostic.h"
#include "core/text.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace postil;

namespace {

// [SECTION] helpers

std::string read_file(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    REQUIRE(in.good());
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::filesystem::path> corpus_files()
{
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(POSTIL_SHARED_DIR) / "corpus" /
                                                             "fr-ai-geopolitics"))
        if (e.path().extension() == ".txt")
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::string utf8_of(char32_t cp)
{
    std::string s;
    append_utf8(s, cp);
    return s;
}

std::string bytes(std::initializer_list<int> b)
{
    std::string s;
    for (int x : b)
        s += static_cast<char>(x);
    return s;
}

// Reference validator written from the Unicode standard's table of well-formed byte sequences
// (Table 3-7): offset of the first ill-formed sequence's first byte, or -1.
long reference_first_error(const std::string& s)
{
    struct Row {
        int lo, hi;          // lead byte range
        int len;
        int b2lo, b2hi;      // second byte range
    };
    static const Row rows[] = {
        {0xC2, 0xDF, 2, 0x80, 0xBF}, {0xE0, 0xE0, 3, 0xA0, 0xBF}, {0xE1, 0xEC, 3, 0x80, 0xBF},
        {0xED, 0xED, 3, 0x80, 0x9F}, {0xEE, 0xEF, 3, 0x80, 0xBF}, {0xF0, 0xF0, 4, 0x90, 0xBF},
        {0xF1, 0xF3, 4, 0x80, 0xBF}, {0xF4, 0xF4, 4, 0x80, 0x8F},
    };
    size_t i = 0;
    while (i < s.size()) {
        const int c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        const Row* row = nullptr;
        for (const Row& r : rows)
            if (c >= r.lo && c <= r.hi)
                row = &r;
        if (!row || i + row->len > s.size())
            return static_cast<long>(i);
        for (int k = 1; k < row->len; ++k) {
            const int b = static_cast<unsigned char>(s[i + k]);
            const int lo = k == 1 ? row->b2lo : 0x80, hi = k == 1 ? row->b2hi : 0xBF;
            if (b < lo || b > hi)
                return static_cast<long>(i);
        }
        i += row->len;
    }
    return -1;
}

// What every index function must return, from one linear decode.
struct Reference {
    std::vector<char32_t> cps;
    std::vector<size_t> byte;  // byte offset of code point k; size() + 1 entries
    std::vector<size_t> u16;   // UTF-16 offset of code point k; size() + 1 entries
};

Reference reference_of(const std::string& s)
{
    Reference r;
    size_t i = 0, u = 0;
    while (i < s.size()) {
        r.byte.push_back(i);
        r.u16.push_back(u);
        const auto c = static_cast<unsigned char>(s[i]);
        const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < len; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        r.cps.push_back(cp);
        i += len;
        u += cp >= 0x10000 ? 2 : 1;
    }
    r.byte.push_back(i);
    r.u16.push_back(u);
    return r;
}

// Every conversion at every position, both ways, plus at() and one-code-point slices.
void check_index_everywhere(const Text& t)
{
    const Reference r = reference_of(t.utf8());
    const size_t n = r.cps.size();
    REQUIRE(t.size() == n);
    REQUIRE(t.utf16_size() == r.u16[n]);
    CHECK(t.is_ascii() == (t.utf8().size() == n));
    size_t bad = 0;
    for (size_t k = 0; k <= n; ++k) {
        bad += t.byte_of(k) != r.byte[k];
        bad += t.cp_of_byte(r.byte[k]) != k;
        bad += t.utf16_of(k) != r.u16[k];
        bad += t.cp_of_utf16(r.u16[k]) != k;
        if (k < n) {
            bad += t.at(k) != r.cps[k];
            bad += t.slice(k, k + 1) != std::string_view(t.utf8()).substr(r.byte[k], r.byte[k + 1] - r.byte[k]);
            if (r.cps[k] >= 0x10000) // the low surrogate's unit maps to the same code point
                bad += t.cp_of_utf16(r.u16[k] + 1) != k;
        }
        if (bad) {
            FAIL_CHECK("index mismatch at code point " << k << " of " << n);
            return;
        }
    }
    // Past the end clamps to the end.
    CHECK(t.byte_of(n + 5) == t.utf8().size());
    CHECK(t.cp_of_byte(t.utf8().size() + 5) == n);
    CHECK(t.utf16_of(n + 5) == t.utf16_size());
    CHECK(t.cp_of_utf16(t.utf16_size() + 5) == n);
}

std::string expect_invalid(const std::string& s, size_t offset, const char* word)
{
    auto err = find_invalid_utf8(s);
    REQUIRE(err.has_value());
    CHECK(err->byte_offset == offset);
    CHECK_MESSAGE(err->message.find(word) != std::string::npos, err->message);
    return err->message;
}

} // namespace

// [SECTION] validation

TEST_CASE("valid UTF-8 is accepted, including every boundary code point")
{
    CHECK_FALSE(find_invalid_utf8(""));
    CHECK_FALSE(find_invalid_utf8("plain ASCII\n\t\x7F"));
    CHECK_FALSE(find_invalid_utf8(std::string("nul\0inside", 10)));
    for (char32_t cp : {0x7F, 0x80, 0x7FF, 0x800, 0xFFF, 0x1000, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000,
                        0x3FFFF, 0x40000, 0xFFFFF, 0x100000, 0x10FFFF}) {
        CAPTURE(cp);
        CHECK_FALSE(find_invalid_utf8("a" + utf8_of(cp) + "b"));
    }
    for (const auto& f : corpus_files())
        CHECK_FALSE(find_invalid_utf8(read_file(f)));
}

TEST_CASE("each class of invalid UTF-8 is reported at the first byte of the bad sequence")
{
    // Lone continuation bytes.
    expect_invalid(bytes({0x80}), 0, "continuation");
    expect_invalid("ab" + bytes({0xBF}) + "c", 2, "continuation");
    expect_invalid("\xC3\xA9" + bytes({0x80}), 2, "continuation"); // one too many after é
    // Bytes that never start a sequence: C0 C1 (would be overlong), F5..FF.
    for (int b : {0xC0, 0xC1, 0xF5, 0xF8, 0xFC, 0xFE, 0xFF}) {
        CAPTURE(b);
        expect_invalid("x" + bytes({b, 0x80, 0x80, 0x80}), 1, "cannot start");
    }
    // Overlong 3- and 4-byte forms.
    expect_invalid(bytes({0xE0, 0x80, 0x80}), 0, "overlong");
    expect_invalid(bytes({0xE0, 0x9F, 0xBF}), 0, "overlong");
    expect_invalid(bytes({0xF0, 0x80, 0x80, 0x80}), 0, "overlong");
    expect_invalid(bytes({0xF0, 0x8F, 0xBF, 0xBF}), 0, "overlong");
    // Surrogates U+D800..DFFF encoded directly.
    expect_invalid("ok " + bytes({0xED, 0xA0, 0x80}), 3, "surrogate");
    expect_invalid(bytes({0xED, 0xBF, 0xBF}), 0, "surrogate");
    // Above U+10FFFF.
    expect_invalid(bytes({0xF4, 0x90, 0x80, 0x80}), 0, "10FFFF");
    expect_invalid(bytes({0xF4, 0xBF, 0xBF, 0xBF}), 0, "10FFFF");
    // Truncated at the end of the input.
    expect_invalid("caf" + bytes({0xC3}), 3, "truncated");
    expect_invalid("x" + bytes({0xE2, 0x82}), 1, "truncated");
    expect_invalid(bytes({0xF0, 0x9F, 0x98}), 0, "truncated");
    // A non-continuation byte inside a sequence (also when the input ends right after it).
    expect_invalid(bytes({0xC3, 0x41}), 0, "continuation");
    expect_invalid(bytes({0xE2, 0x28, 0xA1}), 0, "continuation");
    expect_invalid(bytes({0xE2, 0x28}), 0, "continuation");
    expect_invalid(bytes({0xE2, 0x82, 0x28}), 0, "continuation");
    expect_invalid(bytes({0xF0, 0x9F, 0x28, 0x98}), 0, "continuation");
    // Latin-1 text read as UTF-8 (the common real-world case): "été" in ISO-8859-1.
    expect_invalid("l'" + bytes({0xE9, 0x74, 0xE9}), 2, "continuation");
    // Offsets count bytes, not code points: é (2) € (3) 😀 (4) then a stray byte.
    expect_invalid("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80" + bytes({0xFF}), 9, "cannot start");
}

TEST_CASE("validator agrees with the Unicode table on every 1- and 2-byte input, and 3-/4-byte ones around every boundary")
{
    size_t mismatches = 0;
    auto check = [&](const std::string& s) {
        auto err = find_invalid_utf8(s);
        const long want = reference_first_error(s);
        const long got = err ? static_cast<long>(err->byte_offset) : -1;
        if (got != want && ++mismatches < 10)
            FAIL_CHECK("input bytes " << s.size() << " first " << int(static_cast<unsigned char>(s[0])) << ": got "
                                      << got << " want " << want);
    };
    for (int a = 0; a < 256; ++a) {
        check(bytes({a}));
        for (int b = 0; b < 256; ++b) {
            check(bytes({a, b}));
            if (a >= 0xC0) // after ASCII or a continuation byte a third byte adds nothing new
                for (int c : {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xFF})
                    check(bytes({a, b, c}));
        }
    }
    for (int a = 0xF0; a <= 0xF7; ++a)
        for (int b = 0; b < 256; ++b)
            for (int c : {0x00, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0})
                for (int d : {0x41, 0x80, 0x8F, 0x90, 0xBF, 0xC0})
                    check(bytes({a, b, c, d}));
    CHECK(mismatches == 0);
}

// [SECTION] normalisation

TEST_CASE("normalize_newlines drops a leading BOM and turns CRLF and lone CR into LF")
{
    CHECK(normalize_newlines("") == "");
    CHECK(normalize_newlines("\xEF\xBB\xBF") == "");
    CHECK(normalize_newlines("\xEF\xBB\xBFok") == "ok");
    CHECK(normalize_newlines("a\xEF\xBB\xBF" "b") == "a\xEF\xBB\xBF" "b"); // only a leading BOM goes
    CHECK(normalize_newlines("\xEF\xBB\xBF\xEF\xBB\xBFx") == "\xEF\xBB\xBFx");
    CHECK(normalize_newlines("a\r\nb") == "a\nb");
    CHECK(normalize_newlines("a\rb") == "a\nb");
    CHECK(normalize_newlines("a\r\r\nb") == "a\n\nb");
    CHECK(normalize_newlines("a\n\rb") == "a\n\nb");
    CHECK(normalize_newlines("\r") == "\n");
    CHECK(normalize_newlines("end\r\n") == "end\n");
    CHECK(normalize_newlines("\r\n\r\n") == "\n\n");
    CHECK(normalize_newlines("É\r\n€\r😀") == "É\n€\n😀");
}

TEST_CASE("Text::from_bytes normalises, and counts code points after normalising")
{
    Text t = Text::from_bytes("\xEF\xBB\xBFl\xE2\x80\x99IA\r\nok\rfin");
    CHECK(t.utf8() == "l\xE2\x80\x99IA\nok\nfin");
    CHECK(t.size() == 11);
    CHECK(t.utf16_size() == 11);
    CHECK_FALSE(t.is_ascii());
    CHECK(t.at(1) == 0x2019);
    CHECK(t.slice(0, 4) == "l\xE2\x80\x99IA");

    Text e = Text::from_bytes("");
    CHECK(e.empty());
    CHECK(e.size() == 0);
    CHECK(e.byte_of(0) == 0);
    CHECK(e.cp_of_byte(0) == 0);
    CHECK(e.utf16_of(0) == 0);
    CHECK(e.cp_of_utf16(0) == 0);
    CHECK(e.slice(0, 10).empty());

    Text a = Text::from_bytes("just ascii");
    CHECK(a.is_ascii());
    CHECK(a.size() == 10);
    CHECK(a.slice(5, 99) == "ascii");
}

TEST_CASE("from_bytes errors name the byte offset, file, line and column")
{
    auto diag = [](const std::string& raw) {
        try {
            (void)Text::from_bytes(raw, "in.txt");
        } catch (const InputError& e) {
            REQUIRE(e.diagnostics.size() == 1);
            return e.diagnostics[0];
        }
        FAIL("no InputError thrown");
        return Diagnostic{};
    };
    Diagnostic d = diag("ab" + bytes({0xFF}));
    CHECK(d.file == "in.txt");
    CHECK(d.line == 1);
    CHECK(d.column == 3);
    CHECK(d.message.find("byte offset 2") != std::string::npos);

    // LF, CRLF and lone CR each end a line; columns count code points.
    d = diag("é\nÉté " + bytes({0xC3}));
    CHECK(d.line == 2);
    CHECK(d.column == 5);
    CHECK(d.message.find("byte offset 9") != std::string::npos);
    d = diag("one\r\ntwo\r\nthree " + bytes({0x80}));
    CHECK(d.line == 3);
    CHECK(d.column == 7);
    d = diag("one\rtwo\rthree " + bytes({0x80}));
    CHECK(d.line == 3);
    CHECK(d.column == 7);
    d = diag("a\r\rb" + bytes({0x80}));
    CHECK(d.line == 3);
    CHECK(d.column == 2);
    // The byte offset is in the raw input (BOM included) but the BOM is not a column.
    d = diag("\xEF\xBB\xBF" "ab" + bytes({0xED, 0xA0, 0x80}));
    CHECK(d.line == 1);
    CHECK(d.column == 3);
    CHECK(d.message.find("byte offset 5") != std::string::npos);
    CHECK(d.message.find("surrogate") != std::string::npos);
    // First byte of the input.
    d = diag(bytes({0xC0, 0xAF}));
    CHECK(d.line == 1);
    CHECK(d.column == 1);
    CHECK(d.message.find("byte offset 0") != std::string::npos);
}

// [SECTION] code point primitives

TEST_CASE("decode_utf8 / append_utf8 round trip and the counting helpers")
{
    std::vector<char32_t> cps = {0, 0x41, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x2019, 0xD7FF, 0xE000, 0xFFFF,
                                 0x10000, 0x1F929, 0x10FFFF};
    std::string s;
    for (char32_t c : cps)
        append_utf8(s, c);
    CHECK(s.size() == 1 + 1 + 1 + 2 + 2 + 2 + 3 + 3 + 3 + 3 + 3 + 4 + 4 + 4);
    CHECK_FALSE(find_invalid_utf8(s));
    size_t i = 0;
    for (char32_t c : cps) {
        CAPTURE(c);
        CHECK(decode_utf8(s, i) == c);
    }
    CHECK(i == s.size());
    CHECK(count_code_points(s) == cps.size());
    CHECK(count_utf16_units(s) == cps.size() + 3);
    CHECK(utf16_units(0xFFFF) == 1);
    CHECK(utf16_units(0x10000) == 2);
    CHECK(count_code_points("") == 0);
    CHECK(count_utf16_units("😀é") == 3);
}

// [SECTION] index: code point <-> byte <-> UTF-16

TEST_CASE("index round trips at every position of every corpus article")
{
    // Sizes as Python reports them: len(s), len(s.encode('utf-16-le')) // 2, len(s.encode()).
    struct Want {
        size_t cps, u16, bytes;
    };
    const Want want[] = {{3804, 3804, 3993}, {6165, 6166, 6519}, {5502, 5502, 5749}, {4188, 4188, 4406},
                         {6493, 6496, 6918}};
    auto files = corpus_files();
    REQUIRE(files.size() == 5);
    for (size_t f = 0; f < files.size(); ++f) {
        CAPTURE(files[f].filename().string());
        Text t = Text::from_bytes(read_file(files[f]), files[f].string());
        CHECK(t.size() == want[f].cps);
        CHECK(t.utf16_size() == want[f].u16);
        CHECK(t.utf8().size() == want[f].bytes);
        check_index_everywhere(t);
        // from_normalized on already normal text builds the same index.
        check_index_everywhere(Text::from_normalized(t.utf8()));
    }
}

TEST_CASE("known corpus offsets match Python's str indices")
{
    auto files = corpus_files();
    Text t3 = Text::from_bytes(read_file(files[3]));
    CHECK(t3.slice(194, 206) == "Dario Amodei");
    CHECK(t3.slice(446, 469) == "contrôles d’exportation");
    CHECK(t3.at(456) == U'd');
    CHECK(t3.at(457) == 0x2019);
    CHECK(t3.slice(4142, 4152) == "États-unis");
    Text t4 = Text::from_bytes(read_file(files[4]));
    CHECK(t4.at(6285) == 0x1F929); // 🤩
    CHECK(t4.slice(6302, 6304) == "👨💻");
    CHECK(t4.utf16_of(6285) == 6285);
    CHECK(t4.utf16_of(6286) == 6287);
    CHECK(t4.utf16_of(6304) == 6307);
    CHECK(t4.cp_of_utf16(6286) == 6285); // low surrogate of 🤩
    CHECK(t4.slice(6306, 6319) == "Enfilez-votre");
    Text t1 = Text::from_bytes(read_file(files[1]));
    CHECK(t1.slice(6162, 6164) == "翻译");
    CHECK(t1.slice(4003, 4013) == "«\xC2\xA0tokens\xC2\xA0»");
}

TEST_CASE("index round trips on long synthetic texts with emoji around every sampling boundary")
{
    // Sampling is every 64 code points: put 4-byte characters just before, on and after
    // multiples of 64, at both ends, and mix 1-, 2- and 3-byte characters in between.
    const char32_t kinds[] = {U'a', 0xE9, 0x2019, 0x1F600, U' ', 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF};
    for (size_t len : {1, 2, 63, 64, 65, 127, 128, 129, 191, 192, 193, 640, 1000, 4097}) {
        for (size_t emoji_at : {size_t(0), size_t(1), size_t(62), size_t(63), size_t(64), size_t(65), size_t(127),
                                size_t(128), len - 1}) {
            if (emoji_at >= len)
                continue;
            CAPTURE(len);
            CAPTURE(emoji_at);
            std::string s;
            for (size_t k = 0; k < len; ++k)
                append_utf8(s, k == emoji_at ? char32_t(0x1F929) : kinds[(k * 7 + len) % 10]);
            check_index_everywhere(Text::from_normalized(s));
        }
    }
    // Only emoji (every code point is a surrogate pair); only ASCII; BMP but not ASCII.
    for (char32_t fill : {char32_t(0x1F4BB), char32_t(U'x'), char32_t(0xE9), char32_t(0x7FFB)}) {
        CAPTURE(fill);
        std::string s;
        for (int k = 0; k < 300; ++k)
            append_utf8(s, fill);
        Text t = Text::from_normalized(s);
        check_index_everywhere(t);
        CHECK(t.is_ascii() == (fill == U'x'));
    }
    // Random mixes.
    std::mt19937 rng(12345);
    for (int round = 0; round < 30; ++round) {
        std::string s;
        const size_t len = rng() % 700;
        for (size_t k = 0; k < len; ++k) {
            char32_t cp;
            switch (rng() % 4) {
            case 0: cp = 0x20 + rng() % 0x5F; break;
            case 1: cp = 0x80 + rng() % (0x800 - 0x80); break;
            case 2: cp = 0x800 + rng() % (0xD800 - 0x800); break;
            default: cp = 0x10000 + rng() % 0x100000; break;
            }
            append_utf8(s, cp);
        }
        CAPTURE(round);
        check_index_everywhere(Text::from_bytes(s));
    }
}

TEST_CASE("slice clamps its range and cuts on code point boundaries")
{
    Text t = Text::from_bytes("l’État 🤩 翻译!");
    REQUIRE(t.size() == 12);
    CHECK(t.slice(0, 2) == "l’");
    CHECK(t.slice(2, 6) == "État");
    CHECK(t.slice(7, 8) == "🤩");
    CHECK(t.slice(9, 11) == "翻译");
    CHECK(t.slice(11, 12) == "!");
    CHECK(t.slice(0, 12) == t.utf8());
    CHECK(t.slice(0, 1000) == t.utf8());
    CHECK(t.slice(5, 5).empty());
    CHECK(t.slice(8, 3).empty()); // reversed: empty, not a crash
    CHECK(t.slice(50, 60).empty());
    CHECK(t.slice(12, 12).empty());
}

TEST_CASE("at() past the end returns 0 instead of reading out of bounds")
{
    Text t = Text::from_bytes("é🤩");
    CHECK(t.at(0) == 0xE9);
    CHECK(t.at(1) == 0x1F929);
    CHECK(t.at(2) == 0);
    CHECK(t.at(100) == 0);
    CHECK(Text().at(0) == 0);
}
