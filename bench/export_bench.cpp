// export_bench: how fast Postil writes a large project in its export formats.
//
//   export_bench [--mb 100] [--runs 3] [--formats conll,hf,jsonl,spacy] [--scheme iob2]
//                [--name-every 20] [--no-stages] [--out DIR]
//
// 1. Generates a deterministic synthetic project in memory (French-like news text with
//    accents, typographic apostrophes, guillemets, an emoji now and then; one word in
//    --name-every is an annotated name, 2 stances and a document stance per document) until
//    its documents hold --mb megabytes of text.
// 2. Times export_project (what the CLI and the apps call) per format, best of --runs, and
//    prints MB of document text per CPU second (the machines are shared: CPU time from
//    CLOCK_PROCESS_CPUTIME_ID is the steadier figure) next to wall time and output size.
// 3. Unless --no-stages, times the stages of a token export alone (filter_for_export, UTF-8
//    walk, tokenize, sentences, mentions_per_document, tag_document) so a slow token export
//    can be blamed on one.
// --out DIR writes each export there (to diff the bytes before and after a change).
// Does not do: import (import_bench), memory figures, the browser build.
#include "core/formats/format.h"
#include "core/formats/iob.h"
#include "core/tokenizer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

using namespace postil;

namespace {

// [SECTION] measuring

double cpu_s()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double wall_s()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Timing {
    double cpu = 1e30, wall = 1e30; // best of the runs
};

// Best CPU time (and best wall time) of `runs` calls.
Timing best_of(int runs, const std::function<void()>& fn)
{
    Timing t;
    for (int r = 0; r < runs; ++r) {
        double w0 = wall_s(), c0 = cpu_s();
        fn();
        double c1 = cpu_s(), w1 = wall_s();
        t.cpu = std::min(t.cpu, c1 - c0);
        t.wall = std::min(t.wall, w1 - w0);
    }
    return t;
}

// [SECTION] synthetic corpus (same generator as import_bench, without the JSON size estimate)

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

const char* kWords[] = {"le", "la", "les", "des", "un", "une", "et", "à", "dans", "pour", "sur", "avec", "selon", "gouvernement",
                        "puces", "contrôles", "d’exportation", "intelligence", "artificielle", "modèle", "données", "marché",
                        "sécurité", "économie", "stratégie", "développement", "numérique", "réglementation", "européenne",
                        "américain", "chinois", "société", "déclaré", "annoncé", "décision", "concurrence", "technologie",
                        "calcul", "serveurs", "énergie", "l’entreprise", "a", "été", "très", "plus", "moins", "déjà", "encore",
                        "M.", "2024", "5,38", "qu’il", "aujourd’hui", "États-Unis"};
const char* kNames[][2] = {{"Dario Amodei", "PER"}, {"Sam Altman", "PER"}, {"Liang Wenfeng", "PER"}, {"Gina Raimondo", "PER"},
                           {"OpenAI", "ORG"},       {"Anthropic", "ORG"},  {"DeepSeek", "ORG"},      {"Mistral AI", "ORG"},
                           {"Pékin", "GPE"},        {"Washington", "GPE"}, {"Bruxelles", "GPE"},     {"Hangzhou", "GPE"},
                           {"AI Act", "POLICY"},    {"Claude 3.5 Sonnet", "PRODUCT"}, {"DeepSeek V3", "PRODUCT"}, {"Nvidia", "ORG"}};
const char* kEmoji[] = {"🔴", "🤩", "👨", "💻"};

Document make_doc(Project& p, Rng& r, size_t n, uint64_t& mention_no, uint64_t& stance_no, size_t name_every)
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
                add(r.below(9) == 0 ? ", " : " ");
            if (r.below(name_every) == 0) {
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
                add(kWords[r.below(sizeof kWords / sizeof kWords[0])]);
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

Project make_corpus(double mb, size_t name_every, size_t& text_bytes)
{
    Project p;
    p.name = "bench";
    for (int e = 0; e < 7; ++e)
        p.entities.push_back({"e" + std::to_string(e), "Entity " + std::to_string(e), "ORG", "", "", "alice"});
    Rng r;
    uint64_t mention_no = 0, stance_no = 0;
    text_bytes = 0;
    for (size_t n = 1; static_cast<double>(text_bytes) < mb * 1e6; ++n) {
        p.documents.push_back(make_doc(p, r, n, mention_no, stance_no, name_every));
        text_bytes += p.documents.back().text->utf8().size();
    }
    p.keep_sorted();
    return p;
}

// [SECTION] main

std::vector<std::string> split_commas(const std::string& s)
{
    std::vector<std::string> out;
    size_t a = 0;
    while (a <= s.size()) {
        size_t b = s.find(',', a);
        if (b == std::string::npos)
            b = s.size();
        if (b > a)
            out.push_back(s.substr(a, b - a));
        a = b + 1;
    }
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    double mb = 100;
    int runs = 3;
    size_t name_every = 20;
    bool stages = true;
    std::string formats = "conll,hf,jsonl,spacy", scheme = "iob2", out_dir;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--mb")
            mb = std::atof(next().c_str());
        else if (a == "--runs")
            runs = std::max(1, std::atoi(next().c_str()));
        else if (a == "--formats")
            formats = next();
        else if (a == "--scheme")
            scheme = next();
        else if (a == "--name-every")
            name_every = std::max<size_t>(1, static_cast<size_t>(std::atol(next().c_str())));
        else if (a == "--no-stages")
            stages = false;
        else if (a == "--out")
            out_dir = next();
        else {
            std::fprintf(stderr, "usage: export_bench [--mb 100] [--runs 3] [--formats conll,hf,jsonl,spacy] "
                                 "[--scheme iob2] [--name-every 20] [--no-stages] [--out DIR]\n");
            return 2;
        }
    }

    size_t text_bytes = 0;
    double g0 = cpu_s();
    Project p = make_corpus(mb, name_every, text_bytes);
    const double text_mb = static_cast<double>(text_bytes) / 1e6;
    std::printf("corpus: %zu documents, %zu mentions, %.1f MB of text (generated in %.2f s CPU)\n", p.documents.size(),
                p.mentions.size(), text_mb, cpu_s() - g0);
    std::printf("runs: best of %d, CPU time (CLOCK_PROCESS_CPUTIME_ID); MB/s = MB of document text per second\n\n", runs);

    std::printf("%-8s %-6s %10s %10s %10s %10s %10s\n", "format", "scheme", "cpu s", "MB/s cpu", "wall s", "MB/s wall",
                "output MB");
    for (const std::string& name : split_commas(formats)) {
        const Format* f = find_format(name);
        if (!f || !f->export_files) {
            std::fprintf(stderr, "format %s cannot be exported\n", name.c_str());
            return 1;
        }
        ExportOptions opts;
        opts.scheme = scheme;
        size_t out_bytes = 0;
        std::vector<OutputFile> kept;
        Timing t = best_of(runs, [&] {
            ExportReport report;
            std::vector<OutputFile> files = export_project(p, *f, opts, report);
            out_bytes = 0;
            for (const auto& o : files)
                out_bytes += o.bytes.size();
            if (!out_dir.empty())
                kept = std::move(files);
        });
        for (const auto& o : kept) {
            std::string path = out_dir + "/" + name + (o.name.empty() ? f->extension : "-" + o.name);
            if (std::FILE* fp = std::fopen(path.c_str(), "wb")) {
                std::fwrite(o.bytes.data(), 1, o.bytes.size(), fp);
                std::fclose(fp);
            }
        }
        bool token_level = f->offset_unit == "token";
        std::printf("%-8s %-6s %10.3f %10.1f %10.3f %10.1f %10.1f\n", name.c_str(), token_level ? scheme.c_str() : "-",
                    t.cpu, text_mb / t.cpu, t.wall, text_mb / t.wall, static_cast<double>(out_bytes) / 1e6);
        std::fflush(stdout);
    }

    if (!stages)
        return 0;
    // Each stage alone over every document, so the token exports' cost can be split.
    std::printf("\nstages of a token export (best of %d, CPU):\n", runs);
    auto stage = [&](const char* what, const std::function<void()>& fn) {
        Timing t = best_of(runs, fn);
        std::printf("  %-34s %8.3f s %10.1f MB/s\n", what, t.cpu, text_mb / t.cpu);
        std::fflush(stdout);
    };
    size_t sink = 0; // keeps the optimiser from dropping the work
    stage("filter_for_export (no filter)", [&] { sink += filter_for_export(p, ExportOptions{}).documents.size(); });
    stage("UTF-8 walk (count code points)", [&] {
        for (const Document& d : p.documents)
            sink += count_code_points(d.text->utf8());
    });
    std::vector<std::vector<Token>> toks(p.documents.size());
    std::vector<std::vector<uint32_t>> tok_bytes(p.documents.size());
    stage("tokenize (with byte offsets)", [&] {
        for (size_t i = 0; i < p.documents.size(); ++i)
            tokenize(*p.documents[i].text, toks[i], tok_bytes[i]);
    });
    std::vector<Span> sents;
    stage("sentences (tokens and bytes given)", [&] {
        for (size_t i = 0; i < p.documents.size(); ++i) {
            sentences(*p.documents[i].text, toks[i], tok_bytes[i], SentenceOptions{}, sents);
            sink += sents.size();
        }
    });
    stage("mentions_per_document", [&] { sink += iob::mentions_per_document(p).size(); });
    const auto by_doc = iob::mentions_per_document(p);
    stage("tag_document (tokenize+sentences+tags)", [&] {
        iob::TaggingContext ctx(p.schema, iob::TagScheme::IOB2, false);
        iob::TaggedDocument td;
        for (size_t i = 0; i < p.documents.size(); ++i) {
            iob::tag_document(p.documents[i], by_doc[i], ctx, td);
            sink += td.tokens.size();
        }
    });
    std::printf("  (sink %zu)\n", sink);
    return 0;
}
