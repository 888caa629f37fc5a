// Tests for src/core/search.h: folding (case, accents, apostrophes, spaces, expansions), exact
// mapping of hits back to original code points, options, corpus search over a Project, and a
// brute-force reference search on the corpus articles.
#include "core/search.h"
#include "core/tokenizer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
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

Project corpus_project()
{
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(POSTIL_SHARED_DIR) / "corpus" /
                                                             "fr-ai-geopolitics"))
        if (e.path().extension() == ".txt")
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    Project p;
    for (const auto& f : files) {
        Document d;
        d.id = f.stem().string().substr(0, 3); // "000" ... "004"
        d.name = f.filename().string();
        d.text = std::make_shared<const Text>(Text::from_bytes(read_file(f), f.string()));
        p.documents.push_back(std::move(d));
    }
    return p;
}

SearchOptions opts(bool ignore_case, bool ignore_accents, bool whole_word = false)
{
    SearchOptions o;
    o.ignore_case = ignore_case;
    o.ignore_accents = ignore_accents;
    o.whole_word = whole_word;
    return o;
}

// Hit texts.
std::vector<std::string> found(const std::string& text, const std::string& query, const SearchOptions& o = {})
{
    Text t = Text::from_bytes(text);
    std::vector<std::string> out;
    for (const Span& s : find_all(t, query, o))
        out.push_back(std::string(t.slice(s.start, s.end)));
    return out;
}

std::vector<Span> spans(const std::string& text, const std::string& query, const SearchOptions& o = {})
{
    return find_all(Text::from_bytes(text), query, o);
}

using V = std::vector<std::string>;

// Reference: at each code point, grow a slice of the original until its folded form is as
// long as the folded query, compare; take trailing characters that fold to nothing along.
// Non-overlapping, left to right. Uses only fold_query() on slices of the original.
std::vector<Span> reference_find(const Text& t, const std::string& query, const SearchOptions& o)
{
    const std::u32string q = fold_query(query, o);
    std::vector<Span> out;
    if (q.empty())
        return out;
    const uint32_t n = static_cast<uint32_t>(t.size());
    std::vector<std::u32string> f(n);
    for (uint32_t c = 0; c < n; ++c)
        f[c] = fold_query(t.slice(c, c + 1), o);
    uint32_t s = 0;
    while (s < n) {
        if (f[s].empty() || f[s][0] != q[0]) {
            ++s;
            continue;
        }
        std::u32string acc;
        uint32_t e = s;
        while (e < n && acc.size() < q.size())
            acc += f[e++];
        if (acc != q) {
            ++s;
            continue;
        }
        while (e < n && f[e].empty())
            ++e;
        out.push_back(Span{s, e});
        s = e;
    }
    return out;
}

} // namespace

// [SECTION] folding

TEST_CASE("fold_query: case, accents, ligatures, apostrophes, spaces, ellipsis")
{
    const SearchOptions both = opts(true, true);
    CHECK(fold_query("États-Unis", both) == U"etats-unis");
    CHECK(fold_query("Œuvre cœur", both) == U"oeuvre coeur");
    CHECK(fold_query("Straße ẞ", both) == U"strasse ss");
    CHECK(fold_query("Æsir ĳ ﬁn", both) == U"aesir ij fin");
    CHECK(fold_query("Łódź Øre Đak ı", both) == U"lodz ore dak i");
    CHECK(fold_query("ÀÂÄÇÈÉÊËÎÏÔÖÙÛÜŸàâäçèéêëîïôöùûüÿ", both) == U"aaaceeeeiioouuuyaaaceeeeiioouuuy");
    CHECK(fold_query("Việt Nam", both) == U"viet nam");
    CHECK(fold_query("l’IA l‘IA lʼIA", both) == U"l'ia l'ia l'ia");
    CHECK(fold_query("a\u00A0b\u202Fc\td\u3000e", both) == U"a b c d e");
    CHECK(fold_query("Jean\u2011Pierre", both) == U"jean-pierre");
    CHECK(fold_query("fin…", both) == U"fin...");
    CHECK(fold_query("anti\u00ADcorps", both) == U"anticorps");
    CHECK(fold_query("e\u0301te\u0301", both) == U"ete");
    CHECK(fold_query("Αθήνα ΣΟΦΟΣ σοφος", both) == U"αθηνα σοφοσ σοφοσ");
    CHECK(fold_query("Ёлка", both) == U"елка");
    CHECK(fold_query("翻译 🤩", both) == U"翻译 🤩");
    // Case only: accents stay, ß stays.
    CHECK(fold_query("ÉTÉ Straße Œ", opts(true, false)) == U"été straße œ");
    // Accents only: case stays.
    CHECK(fold_query("Été Œ", opts(false, true)) == U"Ete OE");
    // Neither: only apostrophes, spaces, hyphens, ellipsis, soft hyphen.
    CHECK(fold_query("L’É\u00A0…", opts(false, false)) == U"L'É ...");
}

TEST_CASE("fold_for_search keeps where every folded unit came from")
{
    FoldedText f = fold_for_search("cœur é…\u00ADx", opts(true, true));
    CHECK(f.chars == U"coeur e...x");
    const std::vector<uint32_t> want = {0, 1, 1, 2, 3, 4, 5, 6, 6, 6, 8, 9};
    CHECK(f.origin == want);
}

// [SECTION] hits map back to the original text

TEST_CASE("hits are code point spans of the original, even when folding changes lengths")
{
    CHECK(found("Le cœur bat.", "coeur") == V{"cœur"});
    CHECK(spans("Le cœur bat.", "coeur") == std::vector<Span>{{3, 7}});
    CHECK(spans("Le cœur bat, le coeur aussi.", "cœur") == std::vector<Span>{{3, 7}, {16, 21}});
    CHECK(spans("Straße und STRASSE", "strasse") == std::vector<Span>{{0, 6}, {11, 18}});
    CHECK(spans("Attendez… vraiment...", "...") == std::vector<Span>{{8, 9}, {18, 21}});
    CHECK(spans("Attendez… vraiment...", "…") == std::vector<Span>{{8, 9}, {18, 21}});
    // Never half of an expansion: "e" is not found inside œ, "." not inside ….
    CHECK(spans("cœur", "e").empty());
    CHECK(spans("cœur", "o").empty());
    CHECK(spans("a…b", ".").empty());
    CHECK(spans("a…b", "a.").empty());
    // Decomposed accents: the hit takes the trailing combining marks along.
    CHECK(spans("e\u0301te\u0301 ici", "ete") == std::vector<Span>{{0, 5}});
    CHECK(spans("e\u0301te\u0301 ici", "été") == std::vector<Span>{{0, 5}});
    CHECK(spans("un e\u0301", "e") == std::vector<Span>{{3, 5}});
    // Offsets after characters outside the BMP count one per code point.
    CHECK(spans("👨💻 État 🤩 état", "etat") == std::vector<Span>{{3, 7}, {10, 14}});
    CHECK(spans("翻译:IA", "ia") == std::vector<Span>{{3, 5}});
    // Soft hyphen inside a word is skipped over and kept inside the hit.
    CHECK(spans("anti\u00ADcorps", "anticorps") == std::vector<Span>{{0, 10}});
}

TEST_CASE("’ matches ' and NBSP matches a space, in both directions")
{
    CHECK(found("l’IA et l'IA", "l'ia") == V{"l’IA", "l'IA"});
    CHECK(found("l’IA et l'IA", "l’IA") == V{"l’IA", "l'IA"});
    CHECK(found("«\u00A0tokens\u00A0»", "« tokens »") == V{"«\u00A0tokens\u00A0»"});
    CHECK(found("25 000 € et 25\u202F000 €", "25 000") == V{"25 000", "25\u202F000"});
    CHECK(found("ligne\nsuivante", "ligne suivante").empty()); // a line break is not a space
}

TEST_CASE("options: case, accents, whole word, max hits")
{
    const std::string text = "État, état, ETAT, etat, États-Unis, étatique";
    CHECK(found(text, "etat", opts(true, true)).size() == 6);
    CHECK(found(text, "etat", opts(true, true, true)) == V{"État", "état", "ETAT", "etat"});
    CHECK(found(text, "état", opts(true, false)) == V{"État", "état", "État", "état"});
    CHECK(found(text, "Etat", opts(false, true)) == V{"État", "État"});
    CHECK(found(text, "etat", opts(false, true)) == V{"état", "etat", "état"});
    CHECK(found(text, "état", opts(false, false)) == V{"état", "état"});
    SearchOptions two = opts(true, true);
    two.max_hits = 2;
    CHECK(found(text, "etat", two) == V{"État", "état"});
    // Whole word only looks at the side where the query has a letter or digit.
    CHECK(found("l’IA, IAs, via, IA.", "IA", opts(true, true, true)) == V{"IA", "IA"});
    CHECK(found("l’IA, IAs", "’ia", opts(true, true, true)) == V{"’IA"});
    CHECK(found("l’IA, IAs", "l'", opts(true, true, true)) == V{"l’"});
    CHECK(found("22 222", "22", opts(true, true, true)) == V{"22"});
    // Hits do not overlap.
    CHECK(spans("aaaa", "aa") == std::vector<Span>{{0, 2}, {2, 4}});
    CHECK(spans("aaa", "aa") == std::vector<Span>{{0, 2}});
    // Nothing to search for.
    CHECK(spans("abc", "").empty());
    CHECK(spans("abc", "\u0301", opts(true, true)).empty());
    CHECK(spans("abc", std::string("a\xFF")).empty()); // invalid UTF-8 query
    CHECK(spans("", "a").empty());
    CHECK(spans("abc", "abcd").empty());
}

TEST_CASE("scripts beyond Latin")
{
    CHECK(found("Αθήνα και ΑΘΗΝΑ", "αθηνα") == V{"Αθήνα", "ΑΘΗΝΑ"});
    CHECK(found("ΣΟΦΟΣ σοφος σοφοσ", "σοφος") == V{"ΣΟΦΟΣ", "σοφος", "σοφοσ"});
    CHECK(found("Ёлка и ЁЛКА", "елка") == V{"Ёлка", "ЁЛКА"});
    CHECK(found("翻译和翻译", "翻译") == V{"翻译", "翻译"});
    CHECK(found("ﬁn de la ﬁle", "fin") == V{"ﬁn"});
    CHECK(found("Ｐｏｓｔｉｌ", "ｐｏｓｔｉｌ") == V{"Ｐｏｓｔｉｌ"});
}

// [SECTION] corpus

TEST_CASE("search_corpus over the five articles")
{
    Project p = corpus_project();
    REQUIRE(p.documents.size() == 5);

    auto hits = search_corpus(p, "Dario Amodei");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0] == CorpusHit{"003", Span{194, 206}});
    CHECK(hits[1].doc_id == "003");
    CHECK(p.document("003")->text->slice(hits[1].span.start, hits[1].span.end) == "Dario Amodei");

    hits = search_corpus(p, "controles d'exportation");
    REQUIRE(!hits.empty());
    CHECK(hits[0] == CorpusHit{"003", Span{446, 469}});
    CHECK(p.documents[3].text->slice(446, 469) == "contrôles d’exportation");

    // Counts per document, from Python: fold = lower() then NFD without combining marks.
    auto per_doc = [&](const std::string& q, const SearchOptions& o) {
        std::vector<size_t> n(5, 0);
        for (const CorpusHit& h : search_corpus(p, q, o))
            ++n[static_cast<size_t>(p.document_index(h.doc_id))];
        return n;
    };
    CHECK(per_doc("etats-unis", {}) == std::vector<size_t>{3, 3, 2, 9, 8});
    CHECK(per_doc("deepseek", {}) == std::vector<size_t>{0, 0, 5, 13, 0});
    CHECK(per_doc("chine", {}) == std::vector<size_t>{3, 11, 8, 6, 17});
    CHECK(per_doc("ia", {}) == std::vector<size_t>{14, 30, 17, 12, 14});
    CHECK(per_doc("États-Unis", opts(false, false)) == std::vector<size_t>{3, 3, 2, 8, 8});
    CHECK(per_doc("États-unis", opts(false, false)) == std::vector<size_t>{0, 0, 0, 1, 0});

    // Emoji, CJK and guillemets with NBSP.
    hits = search_corpus(p, "👨💻");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0] == CorpusHit{"004", Span{6302, 6304}});
    hits = search_corpus(p, "翻译");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0] == CorpusHit{"001", Span{6162, 6164}});
    hits = search_corpus(p, "« tokens »");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0] == CorpusHit{"001", Span{4003, 4013}});
    // "l'interdiction" with ’ typed as ‘ in the article.
    hits = search_corpus(p, "l'interdiction");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0] == CorpusHit{"001", Span{4738, 4752}}); // l’interdiction
    CHECK(hits[1] == CorpusHit{"001", Span{5149, 5163}}); // l‘interdiction

    // max_hits counts over the whole project.
    SearchOptions three;
    three.max_hits = 3;
    hits = search_corpus(p, "chine", three);
    REQUIRE(hits.size() == 3);
    CHECK(hits[0].doc_id == "000");
    CHECK(search_corpus(p, "introuvable").empty());
}

TEST_CASE("every corpus hit folds to the query and matches a brute-force reference")
{
    Project p = corpus_project();
    std::mt19937 rng(2024);
    const SearchOptions variants[] = {opts(true, true), opts(true, false), opts(false, true), opts(false, false),
                                      opts(true, true, true)};
    for (const Document& d : p.documents) {
        const Text& t = *d.text;
        std::vector<std::string> queries = {"é", "e", "’", "'", " ", "…", "...", "d’IA", "Etats", "s-U", "🤩", "IA"};
        for (int r = 0; r < 8; ++r) { // random slices of the article itself
            const uint32_t a = static_cast<uint32_t>(rng() % t.size());
            queries.emplace_back(t.slice(a, a + 1 + rng() % 6));
        }
        for (const SearchOptions& o : variants) {
            if (o.whole_word)
                continue; // the reference does not do whole words
            for (const std::string& q : queries) {
                CAPTURE(d.id);
                CAPTURE(q);
                const auto got = find_all(t, q, o);
                CHECK(got == reference_find(t, q, o));
                for (const Span& s : got)
                    CHECK(fold_query(t.slice(s.start, s.end), o) == fold_query(q, o));
            }
        }
        // Whole-word hits are a subset of the plain ones, with no letter/digit around.
        for (const std::string& q : {std::string("IA"), std::string("de"), std::string("Chine")}) {
            const auto all = find_all(t, q, opts(true, true));
            for (const Span& s : find_all(t, q, opts(true, true, true))) {
                CHECK(std::find(all.begin(), all.end(), s) != all.end());
                CHECK((s.start == 0 || !is_word_char(t.at(s.start - 1))));
                CHECK((s.end == t.size() || !is_word_char(t.at(s.end))));
            }
        }
        // A FoldedText built once gives the same hits as folding per call.
        FoldedText f = fold_for_search(t.utf8(), opts(true, true));
        CHECK(find_all(f, "chine") == find_all(t, "chine"));
    }
}
