// The tokenizer's shortcuts change nothing: on random strings mixing ASCII and non-ASCII
// (Latin-1 letters, apostrophes, guillemets, emoji, CJK, line and paragraph separators ...)
//  - tokenize_utf8 (the scanner with its ASCII shortcut) gives the tokens of
//    tokenize_utf8_reference (the general path alone);
//  - tokenize_and_split (one pass: the scanner marks where a sentence may end, the splitter
//    visits only those tokens) gives the tokens, byte offsets and sentences of tokenize() then
//    sentences() (which visits every token), with either SentenceOptions, and each sentence's
//    first token index.
// Does not do: the rules themselves (test_tokenizer.cpp), the pinned output
// (test_tokenizer_golden.cpp).
#include "core/tokenizer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace postil;
namespace fs = std::filesystem;

namespace {

// std::mt19937_64's sequence is fixed by the standard: the same strings on every platform.
struct Rng {
    std::mt19937_64 engine{0x9E3779B97F4A7C15ull};
    size_t below(size_t n) { return static_cast<size_t>(engine() % n); }
};

// Pieces the rules look at; glued at random, with single random characters in between.
const char* const kPieces[] = {
    "l’", "l'", "qu’", "jusqu’", "aujourd’hui", "’", "'", "ʼ", "‘", "É", "é", "è", "à", "ç", "ô", "ÿ", "×", "÷", "e\u0301",
    " ", "  ", "\u00A0", "\u202F", "\n", "\n\n", "\r\n", "\u2028", "\u2029", "\u0085", "\x0B", "\x0C", "\t", ".", "..",
    "...", ",", ";", ":", "…", "!", "?", "?!", "« ", " »", "«", "»", "\"", "(", ")", "[", "]", "{", "}", "-", "--",
    "\u2010", "\u2011", "–", "—", "_", "@", "#", "*", "M.", "Mme", "cf.", "J.", "p.", "No.", "a", "Z", "x", "le",
    "sécurité", "États-Unis", "Dupont", "2024", "5,38", "3.5", "1", "12h30", "%", "€", "$", "+", "=", "jean", "fr",
    "jean.dupont@mail.fr", "a@b.c", "https://", "http://x.fr/a)", "www.", "www.x.fr", "ftp://f.org/p", "hello",
    "world", "👨", "\u200D", "💻", "🏽", "\uFE0F", "\u20E3", "1\uFE0F\u20E3", "🇫", "🇷", "❤", "©", "北", "京", "。",
    "！", "？", "タ", "Ж", "ж", "Ω", "ا", "؟", "।", "\u00AD", "\u200B", "\u200E", "\uFEFF", "\u2060", "𝐀", "𠀀", "ß",
    "ǅ", "Σ", "abcdefgh", "abcdefghijklmnop", "0123456789", "éééééééé", "aéaéaéaé",
};

// One random code point: mostly ASCII (every byte but NUL), else Latin-1, General Punctuation,
// or anywhere in the BMP or beyond (no surrogates).
std::string random_char(Rng& r)
{
    uint32_t c;
    switch (r.below(6)) {
    case 0:
    case 1:
    case 2: c = 1 + static_cast<uint32_t>(r.below(127)); break;
    case 3: c = 0x80 + static_cast<uint32_t>(r.below(0x180)); break;
    case 4: c = 0x2000 + static_cast<uint32_t>(r.below(0x70)); break;
    default:
        do
            c = 0x80 + static_cast<uint32_t>(r.below(0x10FF80));
        while (c >= 0xD800 && c <= 0xDFFF);
    }
    std::string s;
    append_utf8(s, c);
    return s;
}

std::string random_string(Rng& r)
{
    std::string s;
    const size_t n = 1 + r.below(30);
    const size_t n_pieces = sizeof kPieces / sizeof kPieces[0];
    for (size_t k = 0; k < n; ++k)
        s += r.below(4) == 0 ? random_char(r) : std::string(kPieces[r.below(n_pieces)]);
    return s;
}

// Compares the one-pass and two-pass results for `text`; false (after a failed CHECK) if any differ.
bool same_both_ways(const Text& text, TokenizedText& tt)
{
    std::vector<Token> tokens;
    std::vector<uint32_t> bytes;
    tokenize(text, tokens, bytes);
    bool ok = true;
    for (bool line_breaks : {true, false}) {
        SentenceOptions opt;
        opt.line_break_ends_sentence = line_breaks;
        std::vector<Span> want;
        sentences(text, tokens, bytes, opt, want);
        tokenize_and_split(text, opt, tt);
        ok = ok && tt.tokens == tokens && tt.token_bytes == bytes && tt.sentences == want &&
             tt.sentence_firsts.size() == want.size();
        for (size_t k = 0; ok && k < want.size(); ++k)
            ok = tt.sentence_firsts[k] < tokens.size() && tokens[tt.sentence_firsts[k]].start == want[k].start;
    }
    return ok;
}

} // namespace

TEST_CASE("the scanner's ASCII shortcut gives the general path's tokens on random strings")
{
    Rng r;
    size_t bad = 0, tokens = 0;
    for (int i = 0; i < 200000; ++i) {
        const std::string s = random_string(r);
        const std::vector<Token> fast = tokenize_utf8(s);
        tokens += fast.size();
        if (fast != tokenize_utf8_reference(s) && ++bad <= 5)
            FAIL_CHECK("tokens differ for \"" << s << "\"");
    }
    CHECK(bad == 0);
    CHECK(tokens > 1000000);
}

TEST_CASE("tokenize_and_split equals tokenize then sentences, on random strings and the corpus")
{
    Rng r;
    r.engine.seed(0x2545F4914F6CDD1Dull);
    TokenizedText tt; // reused, as an export does
    size_t bad = 0, sentences_seen = 0;
    for (int i = 0; i < 100000; ++i) {
        const std::string s = random_string(r);
        const Text text = Text::from_bytes(s);
        if (!same_both_ways(text, tt) && ++bad <= 5)
            FAIL_CHECK("tokens or sentences differ for \"" << s << "\"");
        sentences_seen += tt.sentences.size();
    }
    CHECK(bad == 0);
    CHECK(sentences_seen > 100000);

    size_t files = 0;
    for (const auto& e : fs::directory_iterator(fs::path(POSTIL_SHARED_DIR) / "corpus" / "fr-ai-geopolitics")) {
        if (e.path().extension() != ".txt")
            continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const Text text = Text::from_bytes(ss.str(), e.path().string());
        CAPTURE(e.path().string());
        CHECK(tokenize_utf8(text.utf8()) == tokenize_utf8_reference(text.utf8()));
        CHECK(same_both_ways(text, tt));
        ++files;
    }
    CHECK(files >= 5);
}
