// Pins the tokenizer's output, token by token and sentence by sentence, to
// tests/golden/tokenizer/expected.txt: the five corpus articles, hand-written adversarial
// strings (mixed scripts, emoji ZWJ / flag / keycap / tag sequences, combining marks, every
// apostrophe, Unicode spaces and line separators, URLs and e-mails) and 150 deterministic random
// strings glued from the same tricky pieces. The file was written by the code-point (UTF-32)
// tokenizer that the byte-level one replaced, so this test is the proof that the rewrite changed
// no token and no sentence. POSTIL_UPDATE_GOLDEN=1 rewrites it (only after a deliberate change of
// the rules).
// Does not do: the rules themselves (test_tokenizer.cpp states them one by one).
#include "core/tokenizer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace postil;
namespace fs = std::filesystem;

namespace {

// [SECTION] inputs

const char* const kAdversarial[] = {
    "",
    " ",
    "a",
    "'",
    "l’",
    "qu'",
    "L’État, c’est « moi »… Aujourd’hui l'IA d’OpenAI a annoncé 5,38 % — M. Dupont. Mme. X. J. Chirac !",
    "« Bonjour » ; 1\u00A0000 € ; prix\u202F: 12,5\u00A0% ; «\u00A0citation\u00A0»",
    "👨‍💻 👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 🇫🇷🇩🇪🇮 ❤️ ©️ 1️⃣ #⃣ *️⃣ 🇫 👁‍🗨 🏴󠁧󠁢󠁳󠁣󠁴󠁿 ☀ ⌚x",
    "e\u0301te\u0301 Cafe\u0301 n\u0303 a\u0308\u0301b \u0301début",
    "Москва и Пекин 北京大学 東京タワー ภาษาไทย العربية עברית हिन्दी 한국어 Ωμέγα 𠀀𠀁 𝐀𝐁 ｆｕｌｌ",
    "(voir https://x.fr/a?b=1&c=(2)). [www.Exemple.fr/chemin], HTTP://X.FR ftp://ftp.x.org/pub/ https:// www.",
    "jean.dupont@mail.gouv.fr. a-b.c@x.y l’adresse@x.fr 12@34.56 x@y @z.fr a.@b.c -.x@y.z",
    "soft\u00ADhyphen zero\u200Bwidth a\u200Db \u200E\u200F \uFEFFBOM x\u2060y \u00AD \u200D",
    "Quoi ?! Non!!! ... -- — – … ?!? .. --x",
    "2018-2024 3.5 5,38 1.000.000 12h30 x² ½ Ⅻ 3-D e-mail co_op _x x_ 4_5 ٣٤",
    "ʼokina lʼIA l‘IA rock’n’roll O'Brien l' ’hui d’1,5 qu’’ ʼ",
    "Titre\nSous-titre\n\nPara. suite. Fin.\u2028Ligne\u2029Para\u0085NEL\u000BVT\u000CFF",
    "Il a dit « non. » Puis « oui ! » suite. (Fin.) Et [voilà.] « Encore » ?",
    "你好。再见！ 今日は。テスト．終 Fin。 a？b",
    "M. Macron et Mme. Dupont, cf. p. 3. Fin. éd. Réf. tél. Voir. J. Chirac. É. Zola. n. 4. No. 5.",
    "\t\x01\x7F a\tb\r\nc",
    "fin.\nDébut. « Citation » . Fin ! Suite ? minuscule. MAJ… suite… Fin",
    "1️⃣2️⃣ #️⃣* 9⃣ 🇫🇷🇫🇷🇫 🏽 ‍👍 ❤️‍🔥 ♀️ ✈︎ 🅰️",
    "abc-\u2010def x\u2011y -x- x-- ‐ -- a–b",
    "http://a.b/c) http://a.b/(c) http://a.b/c]. www.x.fr’ www.x.fr… www.x.fr«a»",
};

// Pieces glued at random into the generated strings: each is something the rules look at.
const char* const kPieces[] = {
    "l’", "l'", "qu’", "aujourd’hui", "’", "'", "ʼ", "‘", "É", "é", "e\u0301", " ", "\u00A0", "\u202F", "\n", "\n\n",
    "\u2028", "\t", ".", ",", ";", "…", "!", "?", "« ", " »", "«", "»", "\"", "(", ")", "[", "]", "-", "\u2010", "_",
    "M.", "Mme", "cf.", "J.", "p.", "a", "Z", "x", "2024", "5,38", "3.5", "1", "%", "€", "+", "@", "jean", "fr",
    "https://", "www.", "http://x.fr/a", "👨", "\u200D", "💻", "🏽", "\uFE0F", "\u20E3", "🇫", "🇷", "❤", "©", "北",
    "京", "。", "！", "タ", "Ж", "ж", "ا", "\u00AD", "\u200B", "\u200E", "\uFEFF", "\u0085", "𝐀", "𠀀", "ß", "ǅ", "Σ",
};

struct Rng {
    uint64_t s = 0x2545F4914F6CDD1Dull;
    uint64_t next()
    {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
};

std::string read_file(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    REQUIRE(in.good());
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// (name, text) of every input, in a fixed order.
std::vector<std::pair<std::string, Text>> inputs()
{
    std::vector<std::pair<std::string, Text>> out;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(fs::path(POSTIL_SHARED_DIR) / "corpus" / "fr-ai-geopolitics"))
        if (e.path().extension() == ".txt")
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
        out.emplace_back("corpus " + f.filename().string(), Text::from_bytes(read_file(f), f.string()));
    int k = 0;
    for (const char* s : kAdversarial)
        out.emplace_back("adversarial " + std::to_string(k++), Text::from_bytes(s));
    Rng r;
    const size_t n_pieces = sizeof kPieces / sizeof kPieces[0];
    for (int i = 0; i < 150; ++i) {
        std::string s;
        for (int j = 0, n = 5 + static_cast<int>(r.next() % 40); j < n; ++j)
            s += kPieces[r.next() % n_pieces];
        out.emplace_back("random " + std::to_string(i), Text::from_bytes(s));
    }
    return out;
}

// [SECTION] the expectation file

// One line per token ("t start end kind"), then per sentence with the default options
// ("s start end") and with line_break_ends_sentence = false ("S start end").
std::vector<std::string> describe(const Text& t)
{
    std::vector<std::string> lines;
    for (const Token& k : tokenize(t))
        lines.push_back("t " + std::to_string(k.start) + " " + std::to_string(k.end) + " " + to_string(k.kind));
    for (const Span& s : sentences(t))
        lines.push_back("s " + std::to_string(s.start) + " " + std::to_string(s.end));
    SentenceOptions wrapped;
    wrapped.line_break_ends_sentence = false;
    for (const Span& s : sentences(t, wrapped))
        lines.push_back("S " + std::to_string(s.start) + " " + std::to_string(s.end));
    return lines;
}

fs::path expected_path() { return fs::path(POSTIL_SOURCE_DIR) / "tests" / "golden" / "tokenizer" / "expected.txt"; }

} // namespace

TEST_CASE("tokens and sentences equal the pinned expectation at every token")
{
    const auto all = inputs();
    if (std::getenv("POSTIL_UPDATE_GOLDEN")) {
        fs::create_directories(expected_path().parent_path());
        std::ofstream out(expected_path(), std::ios::binary);
        for (const auto& [name, text] : all) {
            out << "# " << name << "\n";
            for (const std::string& l : describe(text))
                out << l << "\n";
        }
    }
    // Expected lines per input name.
    std::vector<std::pair<std::string, std::vector<std::string>>> expected;
    {
        std::istringstream in(read_file(expected_path()));
        std::string line;
        while (std::getline(in, line)) {
            if (line.rfind("# ", 0) == 0)
                expected.push_back({line.substr(2), {}});
            else {
                REQUIRE(!expected.empty());
                expected.back().second.push_back(line);
            }
        }
    }
    REQUIRE(expected.size() == all.size());
    size_t tokens_checked = 0;
    for (size_t i = 0; i < all.size(); ++i) {
        const auto& name = all[i].first;
        const Text& text = all[i].second;
        CAPTURE(name);
        REQUIRE(expected[i].first == name);
        const std::vector<std::string> got = describe(text);
        const std::vector<std::string>& want = expected[i].second;
        // The first differing line, with the text around it, says which rule moved.
        size_t k = 0;
        while (k < got.size() && k < want.size() && got[k] == want[k])
            ++k;
        if (k < got.size() || k < want.size()) {
            const std::string g = k < got.size() ? got[k] : "(none)";
            const std::string w = k < want.size() ? want[k] : "(none)";
            std::istringstream ls(k < want.size() ? want[k] : got[k]);
            std::string tag;
            uint32_t a = 0, b = 0;
            ls >> tag >> a >> b;
            const uint32_t n = static_cast<uint32_t>(text.size());
            const std::string around(text.slice(std::min(n, a > 8 ? a - 8 : 0), std::min(n, b + 8)));
            FAIL_CHECK("line " << k << ": got '" << g << "', expected '" << w << "' near \"" << around << "\"");
        }
        tokens_checked += std::count_if(got.begin(), got.end(), [](const std::string& l) { return l[0] == 't'; });
        // tokenize_utf8 on the same bytes gives the same tokens.
        CHECK(tokenize_utf8(text.utf8()) == tokenize(text));
    }
    CHECK(tokens_checked > 5000);
}
