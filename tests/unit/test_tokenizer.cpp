// Tests for src/core/tokenizer.h: French tokenisation rules on short strings and on the corpus
// articles (offsets checked against Python's str indices), invariants over the whole corpus,
// local tokenisation (tokens_in, word_at, snap_to_words) against the full tokenisation,
// sentences, the character classifier, and speed.
#include "core/tokenizer.h"

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

std::vector<Text> corpus()
{
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(POSTIL_SHARED_DIR) / "corpus" /
                                                             "fr-ai-geopolitics"))
        if (e.path().extension() == ".txt")
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<Text> out;
    for (const auto& f : files)
        out.push_back(Text::from_bytes(read_file(f), f.string()));
    return out;
}

std::string str(const Text& t, const Token& k) { return std::string(t.slice(k.start, k.end)); }
std::string str(const Text& t, const Span& s) { return std::string(t.slice(s.start, s.end)); }

// Token texts of a string; also checks that tokenize_utf8 and tokenize(Text) agree.
std::vector<std::string> toks(const std::string& s)
{
    Text t = Text::from_bytes(s);
    std::vector<Token> a = tokenize(t);
    CHECK(a == tokenize_utf8(t.utf8())); // t.utf8(): from_bytes turned CRLF into LF
    std::vector<std::string> out;
    for (const Token& k : a)
        out.push_back(str(t, k));
    return out;
}

std::vector<TokenKind> kinds(const std::string& s)
{
    std::vector<TokenKind> out;
    for (const Token& k : tokenize_utf8(s))
        out.push_back(k.kind);
    return out;
}

using V = std::vector<std::string>;

const Token* token_at(const std::vector<Token>& ts, uint32_t cp)
{
    auto it = std::upper_bound(ts.begin(), ts.end(), cp, [](uint32_t c, const Token& t) { return c < t.start; });
    if (it == ts.begin())
        return nullptr;
    --it;
    return cp < it->end ? &*it : nullptr;
}

} // namespace

// [SECTION] character classes

TEST_CASE("char_class on letters of many scripts, digits, spaces, punctuation, symbols, emoji")
{
    for (char32_t c : {U'a', U'Z', char32_t(0xE9), char32_t(0xC9), char32_t(0x153), char32_t(0x152), char32_t(0xE6),
                       char32_t(0xDF), char32_t(0x1C5), char32_t(0x3A9), char32_t(0x3C9), char32_t(0x416),
                       char32_t(0x5D0), char32_t(0x627), char32_t(0x915), char32_t(0xE01), char32_t(0xD55C),
                       char32_t(0x1E9E), char32_t(0x301), char32_t(0xFE0F), char32_t(0xB2), char32_t(0x2BC),
                       char32_t(0x1D400)}) {
        CAPTURE(c);
        CHECK(char_class(c) == CharClass::Letter);
    }
    for (char32_t c : {U'0', U'9', char32_t(0x663), char32_t(0x967), char32_t(0xFF15), char32_t(0x1D7CE)})
        CHECK(char_class(c) == CharClass::Digit);
    for (char32_t c : {U' ', U'\t', U'\n', U'\r', char32_t(0xA0), char32_t(0x202F), char32_t(0x2009),
                       char32_t(0x3000), char32_t(0x200B), char32_t(0xFEFF), char32_t(0x2028), char32_t(0x85),
                       char32_t(0), char32_t(0x1F)}) {
        CAPTURE(c);
        CHECK(char_class(c) == CharClass::Space);
        CHECK(is_space(c));
    }
    for (char32_t c : {U'.', U',', U'!', U'%', U'\'', U'-', U'"', U'(', U'@', char32_t(0xAB), char32_t(0xBB),
                       char32_t(0x2019), char32_t(0x2013), char32_t(0x2026), char32_t(0x2022), char32_t(0x3002),
                       char32_t(0xBF)}) {
        CAPTURE(c);
        CHECK(char_class(c) == CharClass::Punct);
    }
    for (char32_t c : {U'+', U'=', U'|', U'$', char32_t(0x20AC), char32_t(0xA9), char32_t(0xB0), char32_t(0x2192),
                       char32_t(0xE000), char32_t(0x100000)}) {
        CAPTURE(c);
        CHECK(char_class(c) == CharClass::Symbol);
    }
    for (char32_t c : {char32_t(0x1F929), char32_t(0x1F468), char32_t(0x1F4BB), char32_t(0x1F534),
                       char32_t(0x2764), char32_t(0x2600), char32_t(0x1F1EB), char32_t(0x1F3FD), char32_t(0x1FAE8)}) {
        CAPTURE(c);
        CHECK(char_class(c) == CharClass::Emoji);
    }
    for (char32_t c : {char32_t(0x7FFB), char32_t(0x8BD1), char32_t(0x4E00), char32_t(0x3042), char32_t(0x30AB),
                       char32_t(0x3005), char32_t(0x20000), char32_t(0x2A6DF), char32_t(0xF900)}) {
        CAPTURE(c);
        CHECK(char_class(c) == CharClass::Ideograph);
    }
    for (char32_t c : {char32_t(0x200D), char32_t(0x200C), char32_t(0xAD), char32_t(0x200E), char32_t(0x2060)})
        CHECK(char_class(c) == CharClass::Format);
    CHECK(is_word_char(U'é'));
    CHECK(is_word_char(U'7'));
    CHECK(is_word_char(0x7FFB));
    CHECK_FALSE(is_word_char(0x2019));
    CHECK_FALSE(is_word_char(0xA0));
}

TEST_CASE("to_lower and is_lower")
{
    CHECK(to_lower(U'É') == U'é');
    CHECK(to_lower(U'Œ') == U'œ');
    CHECK(to_lower(U'À') == U'à');
    CHECK(to_lower(U'Ÿ') == U'ÿ');
    CHECK(to_lower(U'Ł') == U'ł');
    CHECK(to_lower(U'Ž') == U'ž');
    CHECK(to_lower(U'×') == U'×');
    CHECK(to_lower(U'Σ') == U'σ');
    CHECK(to_lower(U'Ά') == U'ά');
    CHECK(to_lower(U'Ж') == U'ж');
    CHECK(to_lower(U'Ё') == U'ё');
    CHECK(to_lower(U'Ա') == U'ա');
    CHECK(to_lower(U'Ạ') == U'ạ');
    CHECK(to_lower(U'ẞ') == U'ß');
    CHECK(to_lower(U'Ｚ') == U'ｚ');
    CHECK(to_lower(U'ǅ') == U'ǆ');
    CHECK(to_lower(U'翻') == U'翻');
    CHECK(is_lower(U'é'));
    CHECK(is_lower(U'œ'));
    CHECK(is_lower(U'ß'));
    CHECK(is_lower(U'ж'));
    CHECK(is_lower(U'ω'));
    CHECK_FALSE(is_lower(U'É'));
    CHECK_FALSE(is_lower(U'A'));
    CHECK_FALSE(is_lower(U'翻'));
    CHECK_FALSE(is_lower(U'7'));
    CHECK_FALSE(is_lower(U'ª'));
    CHECK_FALSE(is_lower(U'ǅ')); // title case
}

// [SECTION] French rules

TEST_CASE("elision: l’ d’ qu’ jusqu’ … split off with their apostrophe, both ' and ’")
{
    for (const char* a : {"'", "\u2019"}) {
        const std::string ap = a;
        CAPTURE(ap);
        CHECK(toks("l" + ap + "IA") == V{"l" + ap, "IA"});
        CHECK(toks("d" + ap + "exportation") == V{"d" + ap, "exportation"});
        CHECK(toks("qu" + ap + "au") == V{"qu" + ap, "au"});
        CHECK(toks("j" + ap + "ai") == V{"j" + ap, "ai"});
        CHECK(toks("n" + ap + "est") == V{"n" + ap, "est"});
        CHECK(toks("s" + ap + "agit") == V{"s" + ap, "agit"});
        CHECK(toks("c" + ap + "est") == V{"c" + ap, "est"});
        CHECK(toks("m" + ap + "a") == V{"m" + ap, "a"});
        CHECK(toks("t" + ap + "as") == V{"t" + ap, "as"});
        CHECK(toks("jusqu" + ap + "alors") == V{"jusqu" + ap, "alors"});
        CHECK(toks("lorsqu" + ap + "il") == V{"lorsqu" + ap, "il"});
        CHECK(toks("puisqu" + ap + "elle") == V{"puisqu" + ap, "elle"});
        // Capitals, and a word starting with a capital after the elision.
        CHECK(toks("L" + ap + "Europe") == V{"L" + ap, "Europe"});
        CHECK(toks("D" + ap + "OpenAI") == V{"D" + ap, "OpenAI"});
        CHECK(toks("Qu" + ap + "en") == V{"Qu" + ap, "en"});
        CHECK(toks("QU" + ap + "IL") == V{"QU" + ap, "IL"});
        CHECK(toks("Jusqu" + ap + "ici") == V{"Jusqu" + ap, "ici"});
        // Elision before an accented letter and before a digit.
        CHECK(toks("l" + ap + "État") == V{"l" + ap, "État"});
        CHECK(toks("d" + ap + "1,5") == V{"d" + ap, "1,5"});
        // Lexicalised apostrophes stay inside the word.
        CHECK(toks("aujourd" + ap + "hui") == V{"aujourd" + ap + "hui"});
        CHECK(toks("quelqu" + ap + "un") == V{"quelqu" + ap + "un"});
        CHECK(toks("presqu" + ap + "île") == V{"presqu" + ap + "île"});
        CHECK(toks("O" + ap + "Brien") == V{"O" + ap + "Brien"});
        // An apostrophe not followed by a letter is punctuation.
        CHECK(toks("l" + ap + " ") == V{"l", ap});
        CHECK(toks("les profs" + ap) == V{"les", "profs", ap});
    }
    // ‘ typed for ’ (seen in the corpus: "l‘interdiction").
    CHECK(toks("l‘interdiction") == V{"l‘", "interdiction"});
    CHECK(toks("lʼIA") == V{"lʼ", "IA"}); // U+02BC, a letter in Unicode
    // Elided words are words.
    CHECK(kinds("l’IA") == std::vector<TokenKind>{TokenKind::Word, TokenKind::Word});
    // Chains: "qu’aujourd’hui" and "jusqu’à l’État".
    CHECK(toks("qu’aujourd’hui") == V{"qu’", "aujourd’hui"});
    CHECK(toks("jusqu’à l’État") == V{"jusqu’", "à", "l’", "État"});
}

TEST_CASE("guillemets and spaces: NBSP and the other Unicode spaces separate, never join")
{
    CHECK(toks("«\u00A0tokens\u00A0»") == V{"«", "tokens", "»"});
    CHECK(toks("« très talentueux »") == V{"«", "très", "talentueux", "»"});
    CHECK(toks("«Bonjour»") == V{"«", "Bonjour", "»"});
    CHECK(toks("Chine\u00A0:") == V{"Chine", ":"});
    CHECK(toks("pays\u202F?") == V{"pays", "?"});
    for (const char* sp : {"\u00A0", "\u202F", "\u2009", "\u2007", "\u3000", "\u200B", "\u2028", "\t", "\r\n"}) {
        CAPTURE(std::string(sp));
        CHECK(toks(std::string("un") + sp + "deux") == V{"un", "deux"});
    }
    CHECK(toks("").empty());
    CHECK(toks(" \u00A0\n\t ").empty());
}

TEST_CASE("hyphenated words stay whole; digit-hyphen-digit does not")
{
    CHECK(toks("Jean-Pierre") == V{"Jean-Pierre"});
    CHECK(toks("États-Unis") == V{"États-Unis"});
    CHECK(toks("a-t-il") == V{"a-t-il"});
    CHECK(toks("vis-à-vis") == V{"vis-à-vis"});
    CHECK(toks("R1-Lite GPT-4o COVID-19") == V{"R1-Lite", "GPT-4o", "COVID-19"});
    CHECK(toks("Jean\u2011Pierre") == V{"Jean\u2011Pierre"}); // non-breaking hyphen
    CHECK(toks("2018-2024") == V{"2018", "-", "2024"});
    CHECK(toks("anti- et pro-") == V{"anti", "-", "et", "pro", "-"});
    CHECK(toks("-moins") == V{"-", "moins"});
    CHECK(toks("mot--mot") == V{"mot", "--", "mot"});
    CHECK(toks("2000 – 2010") == V{"2000", "–", "2010"});
    CHECK(toks("snake_case") == V{"snake_case"});
}

TEST_CASE("numbers: decimal comma and point kept, % and spaces split")
{
    CHECK(toks("5,38") == V{"5,38"});
    CHECK(toks("3.5") == V{"3.5"});
    CHECK(kinds("5,38 3.5 2024") ==
          std::vector<TokenKind>{TokenKind::Number, TokenKind::Number, TokenKind::Number});
    CHECK(toks("10%") == V{"10", "%"});
    CHECK(toks("52,5 %") == V{"52,5", "%"});
    CHECK(toks("1 000") == V{"1", "000"});
    CHECK(toks("1\u00A0000") == V{"1", "000"});
    CHECK(toks("en 2024.") == V{"en", "2024", "."});
    CHECK(toks("5.5, puis") == V{"5.5", ",", "puis"});
    CHECK(toks("2018, 2019") == V{"2018", ",", "2019"});
    CHECK(toks("1.000.000") == V{"1.000.000"});
    CHECK(toks("25 000 €") == V{"25", "000", "€"});
    CHECK(kinds("25 €") == std::vector<TokenKind>{TokenKind::Number, TokenKind::Symbol});
    // Letters and digits together are words.
    CHECK(toks("01net A100 21Vianet") == V{"01net", "A100", "21Vianet"});
    CHECK(kinds("A100") == std::vector<TokenKind>{TokenKind::Word});
    CHECK(kinds("٣٤") == std::vector<TokenKind>{TokenKind::Number}); // Arabic-Indic digits
}

TEST_CASE("URLs and e-mail addresses are one token, without trailing punctuation")
{
    CHECK(toks("voir https://www.01net.com/actualites/a-b.html.") ==
          V{"voir", "https://www.01net.com/actualites/a-b.html", "."});
    CHECK(toks("(http://x.fr/a_(b)), puis") == V{"(", "http://x.fr/a_(b)", ")", ",", "puis"});
    CHECK(toks("www.exemple.fr, ok") == V{"www.exemple.fr", ",", "ok"});
    CHECK(toks("« HTTPS://EX.COM/?q=1&r=2 »") == V{"«", "HTTPS://EX.COM/?q=1&r=2", "»"});
    CHECK(toks("Email : contact@refbax.com") == V{"Email", ":", "contact@refbax.com"});
    CHECK(toks("jean.dupont@exemple.fr.") == V{"jean.dupont@exemple.fr", "."});
    CHECK(kinds("https://a.fr contact@refbax.com") == std::vector<TokenKind>{TokenKind::Url, TokenKind::Url});
    // Not URLs.
    CHECK(toks("www.") == V{"www", "."});
    CHECK(toks("http") == V{"http"});
    CHECK(toks("@openai") == V{"@", "openai"});
    CHECK(toks("a@b") == V{"a", "@", "b"});
}

TEST_CASE("emoji: one token each, sequences kept together")
{
    CHECK(toks("🤩") == V{"🤩"});
    CHECK(kinds("🤩") == std::vector<TokenKind>{TokenKind::Emoji});
    CHECK(toks("👨💻") == V{"👨", "💻"});                     // two emoji side by side
    CHECK(toks("👨\u200D💻") == V{"👨\u200D💻"});             // ZWJ sequence
    CHECK(toks("👍🏽 ok") == V{"👍🏽", "ok"});                  // skin tone
    CHECK(toks("🇫🇷🇩🇪") == V{"🇫🇷", "🇩🇪"});                    // flags: pairs
    CHECK(toks("❤️bien") == V{"❤️", "bien"});                 // text symbol + VS16
    CHECK(toks("©\uFE0F") == V{"©\uFE0F"});
    CHECK(kinds("©\uFE0F ©") == std::vector<TokenKind>{TokenKind::Emoji, TokenKind::Symbol});
    CHECK(toks("1\uFE0F\u20E3 #\uFE0F\u20E3") == V{"1\uFE0F\u20E3", "#\uFE0F\u20E3"}); // keycaps
    CHECK(toks("super🤩bien") == V{"super", "🤩", "bien"});
    CHECK(toks("👩\u200D❤\uFE0F\u200D👨") == V{"👩\u200D❤\uFE0F\u200D👨"});
}

TEST_CASE("CJK: one token per ideograph or kana")
{
    CHECK(toks("翻译:") == V{"翻", "译", ":"});
    CHECK(toks("日本語のテキスト。") == V{"日", "本", "語", "の", "テ", "キ", "ス", "ト", "。"});
    CHECK(toks("IA翻译") == V{"IA", "翻", "译"});
    CHECK(kinds("翻") == std::vector<TokenKind>{TokenKind::Word});
    CHECK(toks("한국어 문장") == V{"한국어", "문장"}); // Hangul is written with spaces
}

TEST_CASE("ellipsis and runs of ! ? are one token")
{
    CHECK(toks("par… Microsoft") == V{"par", "…", "Microsoft"});
    CHECK(toks("Attendez...") == V{"Attendez", "..."});
    CHECK(toks("quoi....") == V{"quoi", "...."});
    CHECK(toks("Vraiment ?!") == V{"Vraiment", "?!"});
    CHECK(toks("Non!!!") == V{"Non", "!!!"});
    CHECK(toks("a.b") == V{"a", ".", "b"});
    CHECK(toks("(OpenAI…)") == V{"(", "OpenAI", "…", ")"});
}

TEST_CASE("invisible format characters stay inside words and never form tokens")
{
    CHECK(toks("anti\u00ADconstitutionnel") == V{"anti\u00ADconstitutionnel"});
    CHECK(toks("a \u200D b") == V{"a", "b"});
    CHECK(toks("\u200Emot\u200F") == V{"mot"});
    CHECK(toks("e\u0301te\u0301") == V{"e\u0301te\u0301"}); // combining accents
}

// [SECTION] corpus

TEST_CASE("corpus article 003: tokens at Python's code point offsets")
{
    auto docs = corpus();
    const Text& t = docs[3];
    auto ts = tokenize(t);
    auto expect = [&](uint32_t start, uint32_t end, const char* text, TokenKind kind) {
        const Token* k = token_at(ts, start);
        REQUIRE_MESSAGE(k, "no token at " << start);
        CHECK(k->start == start);
        CHECK(k->end == end);
        CHECK(str(t, *k) == text);
        CHECK(k->kind == kind);
    };
    expect(194, 199, "Dario", TokenKind::Word);
    expect(200, 206, "Amodei", TokenKind::Word);
    expect(446, 455, "contrôles", TokenKind::Word);
    expect(456, 458, "d’", TokenKind::Word);
    expect(458, 469, "exportation", TokenKind::Word);
    expect(43, 53, "États-Unis", TokenKind::Word);
    expect(1415, 1417, "V3", TokenKind::Word);
    expect(1436, 1439, "3.5", TokenKind::Number);
    expect(1862, 1863, "«", TokenKind::Punct);
    expect(1880, 1881, "»", TokenKind::Punct);
    expect(4142, 4152, "États-unis", TokenKind::Word);
    // "contrôles d’exportation" is exactly three tokens.
    auto in = tokens_in(t, 446, 469);
    REQUIRE(in.size() == 3);
    CHECK(str(t, in[0]) == "contrôles");
    CHECK(str(t, in[1]) == "d’");
    CHECK(str(t, in[2]) == "exportation");
}

TEST_CASE("corpus articles 001, 002, 004: emoji, CJK, numbers, elision at Python offsets")
{
    auto docs = corpus();
    auto check_tokens = [](const Text& t, uint32_t start, const V& want) {
        auto ts = tokenize(t);
        const Token* k = token_at(ts, start);
        REQUIRE(k);
        REQUIRE(k->start == start);
        size_t i = static_cast<size_t>(k - ts.data());
        for (const auto& w : want) {
            REQUIRE(i < ts.size());
            CHECK(str(t, ts[i]) == w);
            ++i;
        }
    };
    check_tokens(docs[4], 6285, {"🤩", "Qui", "suis-je", "!", "👨", "💻", "Enfilez-votre"});
    CHECK(word_at(docs[4], 6285) == Span{6285, 6286});
    CHECK(word_at(docs[4], 6303) == Span{6303, 6304});
    CHECK(word_at(docs[4], 6310) == Span{6306, 6319});
    check_tokens(docs[4], 10, {"contact@refbax.com"});
    check_tokens(docs[1], 6162, {"翻", "译", ":"});
    check_tokens(docs[1], 4003, {"«", "tokens", "»"});
    check_tokens(docs[1], 5149, {"l‘", "interdiction", "d’", "OpenAI"});
    check_tokens(docs[1], 3920, {"5.5", ","});
    check_tokens(docs[1], 3952, {"GPT-4o", "."});
    check_tokens(docs[1], 5931, {"🔴", "Pour"});
    check_tokens(docs[2], 2088, {"5,38", "milliards"});
    check_tokens(docs[2], 890, {"52,5", "%"});
    check_tokens(docs[2], 941, {"L'", "o1-preview", "d'", "OpenAI", ",", "jusqu'", "alors"});
    check_tokens(docs[2], 4568, {"a-t-il"});
    check_tokens(docs[2], 1959, {"51", "000"});
    check_tokens(docs[0], 1862, {"200", "000", "yuans", "(", "25", "000", "€", ")"});
}

TEST_CASE("corpus invariants: ordered, non-empty, no space inside, every visible character covered")
{
    for (const Text& t : corpus()) {
        auto ts = tokenize(t);
        REQUIRE(!ts.empty());
        std::vector<int> covered(t.size(), 0);
        uint32_t prev_end = 0;
        size_t bad = 0;
        for (const Token& k : ts) {
            bad += k.start >= k.end || k.start < prev_end || k.end > t.size();
            prev_end = k.end;
            for (uint32_t c = k.start; c < k.end; ++c) {
                ++covered[c];
                bad += is_space(t.at(c));
            }
        }
        CHECK(bad == 0);
        for (uint32_t c = 0; c < t.size(); ++c) {
            const CharClass k = char_class(t.at(c));
            const bool should = k != CharClass::Space && k != CharClass::Format;
            if (covered[c] != (should ? 1 : 0))
                FAIL_CHECK("code point " << c << " U+" << std::hex << uint32_t(t.at(c)) << " covered " << std::dec
                                         << covered[c] << " times");
        }
        // No token of the corpus mixes an apostrophe-elided word with its host.
        for (const Token& k : ts) {
            const std::string s = str(t, k);
            if (s == "l’" || s == "d’" || s == "qu’" || s == "n’" || s == "s’" || s == "c’")
                CHECK(k.kind == TokenKind::Word);
        }
    }
}

TEST_CASE("tokens_in, word_at and snap_to_words agree with the full tokenisation everywhere")
{
    std::mt19937 rng(7);
    for (const Text& t : corpus()) {
        auto ts = tokenize(t);
        const uint32_t n = static_cast<uint32_t>(t.size());
        size_t bad = 0;
        // word_at at every code point.
        for (uint32_t c = 0; c <= n; ++c) {
            Span w = word_at(t, c);
            const Token* k = c < n ? token_at(ts, c) : nullptr;
            Span want{c, c};
            if (k)
                want = Span{k->start, k->end};
            else if (c > 0 && (c == n || is_space(t.at(c))))
                if (const Token* p = token_at(ts, c - 1); p && p->end == c)
                    want = Span{p->start, p->end};
            if (!(w == want) && ++bad < 5)
                FAIL_CHECK("word_at(" << c << ") = [" << w.start << "," << w.end << ") want [" << want.start << ","
                                      << want.end << ")");
        }
        // tokens_in and snap_to_words on random ranges.
        for (int r = 0; r < 400; ++r) {
            uint32_t a = rng() % (n + 1), b = rng() % (n + 1);
            if (a > b)
                std::swap(a, b);
            if (r % 3 == 0)
                b = std::min(n, a + static_cast<uint32_t>(rng() % 12));
            std::vector<Token> want;
            for (const Token& k : ts)
                if (a < b && k.end > a && k.start < b) // an empty range overlaps nothing
                    want.push_back(k);
            if (tokens_in(t, a, b) != want && ++bad < 5)
                FAIL_CHECK("tokens_in(" << a << ", " << b << ") differs");
            Span s = snap_to_words(t, a, b);
            if (!want.empty()) {
                // Trimmed of spaces, then grown to whole tokens: first to last token touched
                // (or the trimmed bounds when they are outside any token).
                CHECK(s.start <= want.front().start);
                CHECK(s.end >= want.back().end);
                CHECK_FALSE(is_space(t.at(s.start)));
                CHECK_FALSE(is_space(t.at(s.end - 1)));
                REQUIRE(token_at(ts, s.start));
                REQUIRE(token_at(ts, s.end - 1));
                CHECK(*token_at(ts, s.start) == want.front());
                CHECK(*token_at(ts, s.end - 1) == want.back());
            }
        }
        CHECK(bad == 0);
    }
}

TEST_CASE("word_at and snap_to_words on hand-picked cases")
{
    Text t = Text::from_bytes("Les États-Unis et l’IA  🤩 fin.");
    //                         0   4          15 18 21  23 24 26
    CHECK(word_at(t, 0) == Span{0, 3});
    CHECK(word_at(t, 2) == Span{0, 3});
    CHECK(word_at(t, 3) == Span{0, 3});   // on the space right after "Les"
    CHECK(word_at(t, 9) == Span{4, 14});  // on the hyphen of États-Unis
    CHECK(word_at(t, 18) == Span{18, 20}); // "l’"
    CHECK(word_at(t, 19) == Span{18, 20});
    CHECK(word_at(t, 20) == Span{20, 22}); // "IA"
    CHECK(word_at(t, 22) == Span{20, 22}); // first space after IA
    CHECK(word_at(t, 23) == Span{23, 23}); // second space: nothing
    CHECK(word_at(t, 24) == Span{24, 25}); // 🤩
    CHECK(word_at(t, 29) == Span{29, 30}); // "."
    CHECK(word_at(t, 30) == Span{29, 30}); // end of text
    CHECK(word_at(t, 999) == Span{29, 30});
    CHECK(word_at(Text(), 0) == Span{0, 0});

    CHECK(snap_to_words(t, 6, 12) == Span{4, 14});  // "tats-Un" -> "États-Unis"
    CHECK(snap_to_words(t, 3, 6) == Span{4, 14});   // " Ét" -> trimmed, then the word
    CHECK(snap_to_words(t, 1, 20) == Span{0, 20});  // "es États-Unis et l’" -> from "Les"
    CHECK(snap_to_words(t, 21, 25) == Span{20, 25});
    CHECK(snap_to_words(t, 22, 24) == Span{22, 22}); // spaces only
    CHECK(snap_to_words(t, 10, 10) == Span{10, 10}); // empty stays empty
    CHECK(snap_to_words(t, 26, 999) == Span{26, 30});
    CHECK(snap_to_words(t, 40, 50) == Span{30, 30});
    CHECK(snap_to_words(t, 12, 6) == Span{6, 6}); // reversed: empty at the clamped start
}

// [SECTION] sentences

TEST_CASE("sentences of corpus article 003 at Python offsets")
{
    auto docs = corpus();
    const Text& t = docs[3];
    auto ss = sentences(t);
    auto has = [&](uint32_t a, uint32_t b) { return std::find(ss.begin(), ss.end(), Span{a, b}) != ss.end(); };
    CHECK(has(162, 399)); // "Dans un essai … puces d’IA."
    CHECK(has(915, 1105)); // "Il déclare : « … suggéré. »" (closing guillemet kept)
    CHECK(str(t, Span{915, 925}) == "Il déclare");
    CHECK(str(t, Span{1095, 1105}) == "suggéré. »");
    CHECK(has(142, 149)); // "by Sara" (line of its own)
    CHECK(has(150, 160)); // "États-Unis"
    CHECK(ss.front() == Span{0, 76});
    CHECK(ss.back() == Span{4173, 4188}); // "Leave a Comment"
    // Sentences are ordered, disjoint, start and end on tokens.
    auto ts = tokenize(t);
    CHECK(sentences(t, ts) == ss);
    for (size_t i = 0; i < ss.size(); ++i) {
        CHECK(ss[i].start < ss[i].end);
        if (i)
            CHECK(ss[i - 1].end < ss[i].start);
        CHECK(token_at(ts, ss[i].start) != nullptr);
        CHECK(token_at(ts, ss[i].end - 1) != nullptr);
    }
}

TEST_CASE("sentence rules")
{
    auto sent = [](const std::string& s, SentenceOptions opt = {}) {
        Text t = Text::from_bytes(s);
        V out;
        for (const Span& sp : sentences(t, opt))
            out.push_back(str(t, sp));
        return out;
    };
    CHECK(sent("Un. Deux ! Trois ? Quatre… Cinq") == V{"Un.", "Deux !", "Trois ?", "Quatre…", "Cinq"});
    CHECK(sent("Il dit : « C’est fini. » Puis il part.") == V{"Il dit : « C’est fini. »", "Puis il part."});
    CHECK(sent("« Vraiment ?! » demanda-t-il.") == V{"« Vraiment ?! » demanda-t-il."});
    CHECK(sent("pour le moins… stratégique.") == V{"pour le moins… stratégique."});
    CHECK(sent("M. Macron et Mme Borne. Dr. House cf. supra.") == V{"M. Macron et Mme Borne.", "Dr. House cf. supra."});
    CHECK(sent("J. R. R. Tolkien écrit. Fin") == V{"J. R. R. Tolkien écrit.", "Fin"});
    CHECK(sent("Version 3.5 sortie. 2024 fut") == V{"Version 3.5 sortie.", "2024 fut"});
    CHECK(sent("Voir www.ex.fr. Ensuite") == V{"Voir www.ex.fr.", "Ensuite"});
    CHECK(sent("Fin.Début") == V{"Fin.Début"}); // no space: not a boundary
    CHECK(sent("etc., et puis") == V{"etc., et puis"});
    CHECK(sent("(Il est parti.) Elle reste.") == V{"(Il est parti.)", "Elle reste."});
    CHECK(sent("他来了。她走了。") == V{"他来了。", "她走了。"});
    // Line breaks: a blank line always ends a sentence, a single one by default.
    CHECK(sent("Titre\nTexte suivant.") == V{"Titre", "Texte suivant."});
    SentenceOptions wrapped;
    wrapped.line_break_ends_sentence = false;
    CHECK(sent("une phrase\ncoupée en deux.", wrapped) == V{"une phrase\ncoupée en deux."});
    CHECK(sent("Titre\n\nTexte.", wrapped) == V{"Titre", "Texte."});
    CHECK(sent("Fin.\nsuite en minuscule", wrapped) == V{"Fin.\nsuite en minuscule"});
    CHECK(sent("").empty());
    CHECK(sent("  \n ").empty());
    CHECK(sent("🤩") == V{"🤩"});
}

// The scanner takes ASCII letters and digits 8 bytes at a time; a word's end, its kind (word or
// number) and every byte class must come out the same wherever it falls in those 8 bytes.
TEST_CASE("word-at-a-time scan: boundaries at every position of an 8-byte block")
{
    for (size_t n = 1; n <= 26; ++n) {
        for (size_t k = 0; k < n; ++k) {
            std::string letters(n, 'a'), digits(n, '7'), mixed;
            for (size_t i = 0; i < n; ++i)
                mixed += static_cast<char>(i % 3 == 0 ? 'Z' : i % 3 == 1 ? '4' : 'q');
            // A space at k: two tokens (or one when at the start).
            std::string s = letters;
            s[k] = ' ';
            V want;
            if (k > 0)
                want.push_back(letters.substr(0, k));
            if (k + 1 < n)
                want.push_back(letters.substr(k + 1));
            CHECK_MESSAGE(toks(s) == want, s);
            // A non-ASCII letter at k: still one word.
            std::string e = letters.substr(0, k) + "é" + letters.substr(k + 1);
            CHECK_MESSAGE(toks(e) == V{e}, e);
            // '.' at k: splits a word, but not digits on both sides (a decimal).
            std::string d = digits;
            d[k] = '.';
            std::string w = letters;
            w[k] = '.';
            if (k > 0 && k + 1 < n) {
                CHECK_MESSAGE(toks(d) == V{d}, d);
                CHECK_MESSAGE(tokenize_utf8(d).size() == 1, d);
                CHECK_MESSAGE(toks(w) == (V{letters.substr(0, k), ".", letters.substr(k + 1)}), w);
            }
        }
        // Kind: digits only = number; one letter anywhere = word.
        std::string digits(n, '7');
        auto t = tokenize_utf8(digits);
        REQUIRE(t.size() == 1);
        CHECK(t[0].kind == TokenKind::Number);
        CHECK(t[0].end == n);
        for (size_t k = 0; k < n; ++k) {
            std::string s = digits;
            s[k] = 'x';
            auto u = tokenize_utf8(s);
            REQUIRE(u.size() == 1);
            CHECK_MESSAGE(u[0].kind == TokenKind::Word, s);
        }
        // Every byte of [A-Za-z0-9] joins a run, other ASCII ends it (bytes 0x21..0x7E).
        for (int c = 0x21; c < 0x7F; ++c) {
            std::string s = "abcdefghij" + std::string(1, static_cast<char>(c)) + "klmnopqrstu";
            const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (alnum)
                CHECK_MESSAGE(toks(s) == V{s}, s);
            else if (c != '-' && c != '_' && c != '\'') // these join letters (tested above)
                CHECK_MESSAGE(tokenize_utf8(s)[0].end == 10, s);
        }
    }
}
