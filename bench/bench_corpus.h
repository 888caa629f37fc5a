// bench_corpus.h: the deterministic synthetic corpus import_bench and export_bench generate
// (French-like news text with accents, typographic apostrophes, guillemets, an emoji now and
// then; one word in `name_every` is an annotated name; 2 stances and a document stance per
// document). Header-only, shared by the two benchmarks so they measure the same kind of text.
// The `rich` variant (export_bench) adds abbreviations, numbers, elisions and commas for the
// tokenizer to chew on; the plain one (import_bench) is the corpus its published figures used.
// Does not do: timing, file output, anything the benchmarks measure.
#pragma once
#include "core/model.h"
#include "core/text.h"

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace postil::bench {

struct Rng {
    uint64_t s = 0x9E3779B97F4A7C15ull;
    uint64_t next()
    {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
    size_t below(size_t n) { return static_cast<size_t>(next() % n); }
};

struct CorpusOptions {
    size_t name_every = 20; // one word in name_every is an annotated name
    bool rich = false;      // export_bench's words: + "M." "2024" "5,38" "qu’il" ..., and commas
};

// Words: the first kPlainWords are the plain variant's, all of them the rich variant's.
inline const char* const kWords[] = {"le", "la", "les", "des", "un", "une", "et", "à", "dans", "pour", "sur", "avec", "selon", "gouvernement",
                                     "puces", "contrôles", "d’exportation", "intelligence", "artificielle", "modèle", "données", "marché",
                                     "sécurité", "économie", "stratégie", "développement", "numérique", "réglementation", "européenne",
                                     "américain", "chinois", "société", "déclaré", "annoncé", "décision", "concurrence", "technologie",
                                     "calcul", "serveurs", "énergie", "l’entreprise", "a", "été", "très", "plus", "moins", "déjà", "encore",
                                     "M.", "2024", "5,38", "qu’il", "aujourd’hui", "États-Unis"};
constexpr size_t kPlainWords = 48;
constexpr size_t kRichWords = sizeof kWords / sizeof kWords[0];
inline const char* const kNames[][2] = {{"Dario Amodei", "PER"}, {"Sam Altman", "PER"}, {"Liang Wenfeng", "PER"}, {"Gina Raimondo", "PER"},
                                        {"OpenAI", "ORG"},       {"Anthropic", "ORG"},  {"DeepSeek", "ORG"},      {"Mistral AI", "ORG"},
                                        {"Pékin", "GPE"},        {"Washington", "GPE"}, {"Bruxelles", "GPE"},     {"Hangzhou", "GPE"},
                                        {"AI Act", "POLICY"},    {"Claude 3.5 Sonnet", "PRODUCT"}, {"DeepSeek V3", "PRODUCT"}, {"Nvidia", "ORG"}};
inline const char* const kEmoji[] = {"🔴", "🤩", "👨", "💻"};

// Document number n (its mentions and stances go into p).
inline Document make_doc(Project& p, Rng& r, size_t n, uint64_t& mention_no, uint64_t& stance_no, const CorpusOptions& o)
{
    Document d;
    d.id = "doc-" + std::to_string(n);
    d.name = d.id + ".txt";
    d.status = n % 3 == 0 ? DocStatus::Done : DocStatus::Todo;
    d.meta["source"] = "bench";
    std::string text;
    uint32_t cp = 0;
    auto add = [&](const char* s) {
        text += s;
        cp += static_cast<uint32_t>(count_code_points(s));
    };
    std::vector<std::string> ids;
    size_t target = 4200 + r.below(1600);
    while (text.size() < target) {
        for (int w = 0, n_words = 8 + static_cast<int>(r.below(14)); w < n_words; ++w) {
            if (w)
                add(o.rich && r.below(9) == 0 ? ", " : " ");
            if (r.below(o.name_every) == 0) {
                const auto& nm = kNames[r.below(sizeof kNames / sizeof kNames[0])];
                Mention m;
                m.id = "m" + std::to_string(++mention_no);
                m.doc_id = d.id;
                m.start = cp;
                add(nm[0]);
                m.end = cp;
                m.type = nm[1];
                m.annotator = r.below(4) ? "alice" : "bob";
                if (r.below(3) == 0)
                    m.entity_id = std::string("e") + std::to_string(std::strlen(nm[0]) % 7);
                ids.push_back(m.id);
                p.mentions.push_back(std::move(m));
            } else {
                add(kWords[r.below(o.rich ? kRichWords : kPlainWords)]);
            }
        }
        if (r.below(25) == 0) {
            add(" ");
            add(kEmoji[r.below(4)]);
        }
        add(r.below(6) == 0 ? ".\n\n" : ". ");
        if (r.below(12) == 0)
            add("« Citation » ");
    }
    d.text = std::make_shared<const Text>(Text::from_normalized(std::move(text)));
    for (int k = 0; k < 2 && ids.size() >= 2; ++k) {
        Stance s;
        s.id = "s" + std::to_string(++stance_no);
        s.doc_id = d.id;
        s.holder = {StanceRef::Kind::Mention, ids[r.below(ids.size())]};
        s.target = k ? StanceRef{StanceRef::Kind::Target, "us-export-controls"} : StanceRef{StanceRef::Kind::Mention, ids[r.below(ids.size())]};
        s.polarity = r.below(2) ? "FAVOR" : "AGAINST";
        s.evidence = Span{0, 40};
        s.confidence = k ? 1.0 : 0.75;
        s.annotator = "alice";
        p.stances.push_back(s);
    }
    p.doc_stances.push_back({"ds" + std::to_string(n), d.id, "china-ai-independence", "NEUTRAL", "bob"});
    return d;
}

// Documents until enough(p) says so (after each document), then keep_sorted.
template <class Enough>
Project make_corpus(const CorpusOptions& o, Enough enough)
{
    Project p;
    p.name = "bench";
    for (int e = 0; e < 7; ++e)
        p.entities.push_back({"e" + std::to_string(e), "Entity " + std::to_string(e), "ORG", "", "", "alice"});
    Rng r;
    uint64_t mention_no = 0, stance_no = 0;
    for (size_t n = 1; !enough(p); ++n)
        p.documents.push_back(make_doc(p, r, n, mention_no, stance_no, o));
    p.keep_sorted();
    return p;
}

} // namespace postil::bench
