// export_bench: how fast Postil writes a large project in its export formats.
//
//   export_bench [--mb 100] [--runs 3] [--formats conll,hf,jsonl,spacy] [--scheme iob2]
//                [--name-every 20] [--no-stages] [--out DIR] [--save-project FILE]
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
//    Formats that stream (format.h: stream_files, the path the CLI takes to a file or stdout)
//    get a second row "stream": export_project into a sink that receives ~1 MB chunks from a
//    reused buffer and counts them (with --out, writes them to the file inside the timing).
//    The "string" row is export_project returning whole strings (the app, the tests).
// --out DIR writes each export there (to diff the bytes before and after a change); the
//    streamed rows go to NAME.stream<ext> / NAME.stream-<file>.
// --save-project FILE writes the generated project as a Postil project file (to time the CLI,
//    `postil export FILE`, on the same corpus).
// Does not do: import (import_bench), memory figures, the browser build.
#include "bench_corpus.h"
#include "core/formats/format.h"
#include "core/formats/iob.h"
#include "core/project_io.h"
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

// [SECTION] synthetic corpus (bench_corpus.h, the rich variant)

Project make_corpus(double mb, size_t name_every, size_t& text_bytes)
{
    bench::CorpusOptions o;
    o.name_every = name_every;
    o.rich = true;
    text_bytes = 0;
    return bench::make_corpus(o, [&](const Project& p) {
        if (!p.documents.empty())
            text_bytes += p.documents.back().text->utf8().size();
        return static_cast<double>(text_bytes) >= mb * 1e6;
    });
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
    std::string formats = "conll,hf,jsonl,spacy", scheme = "iob2", out_dir, save_path;
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
        else if (a == "--save-project")
            save_path = next();
        else {
            std::fprintf(stderr, "usage: export_bench [--mb 100] [--runs 3] [--formats conll,hf,jsonl,spacy] "
                                 "[--scheme iob2] [--name-every 20] [--no-stages] [--out DIR] "
                                 "[--save-project FILE]\n");
            return 2;
        }
    }

    size_t text_bytes = 0;
    double g0 = cpu_s();
    Project p = make_corpus(mb, name_every, text_bytes);
    const double text_mb = static_cast<double>(text_bytes) / 1e6;
    std::printf("corpus: %zu documents, %zu mentions, %.1f MB of text (generated in %.2f s CPU)\n", p.documents.size(),
                p.mentions.size(), text_mb, cpu_s() - g0);
    if (!save_path.empty()) {
        save_project_file(p, save_path); // throws with the path on failure
        std::printf("project saved to %s\n", save_path.c_str());
    }
    std::printf("runs: best of %d, CPU time (CLOCK_PROCESS_CPUTIME_ID); MB/s = MB of document text per second\n\n", runs);

    std::printf("%-8s %-6s %10s %10s %10s %10s %10s  %s\n", "format", "scheme", "cpu s", "MB/s cpu", "wall s", "MB/s wall",
                "output MB", "path");
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
        auto row = [&](const Timing& tm, const char* path) {
            std::printf("%-8s %-6s %10.3f %10.1f %10.3f %10.1f %10.1f  %s\n", name.c_str(),
                        token_level ? scheme.c_str() : "-", tm.cpu, text_mb / tm.cpu, tm.wall, text_mb / tm.wall,
                        static_cast<double>(out_bytes) / 1e6, path);
            std::fflush(stdout);
        };
        row(t, "string");
        if (!f->stream_files)
            continue;
        // The CLI's path: chunks into a sink (counted; with --out, written to the file).
        struct CountingSink : ExportSink {
            size_t bytes = 0;
            std::string dir, prefix, unnamed_ext, open_name;
            std::FILE* fp = nullptr;
            void write(const std::string& file, std::string_view b) override
            {
                bytes += b.size();
                if (dir.empty())
                    return;
                if (!fp || file != open_name) {
                    if (fp)
                        std::fclose(fp);
                    open_name = file;
                    std::string path = dir + "/" + prefix + (file.empty() ? unnamed_ext : "-" + file);
                    fp = std::fopen(path.c_str(), "wb");
                }
                if (fp)
                    std::fwrite(b.data(), 1, b.size(), fp);
            }
            ~CountingSink() override
            {
                if (fp)
                    std::fclose(fp);
            }
        };
        Timing ts = best_of(runs, [&] {
            ExportReport report;
            CountingSink cs;
            cs.dir = out_dir;
            cs.prefix = name + ".stream";
            cs.unnamed_ext = f->extension;
            export_project(p, *f, opts, report, cs);
            out_bytes = cs.bytes;
        });
        row(ts, out_dir.empty() ? "stream (counted, not written)" : "stream (written to --out)");
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
