// import_bench: how fast Postil reads and writes a large corpus in its JSON formats.
//
//   import_bench [--mb 100] [--format jsonl] [--file /tmp/postil-bench-jsonl.jsonl]
//                [--name-every 20] [--keep]
//
// 1. Generates a deterministic synthetic corpus (French-like news text with accents,
//    typographic apostrophes, guillemets, an emoji now and then; one word in --name-every is
//    an annotated name (20: ~35 mentions per ~5 kB document), 2 stances and a document
//    stance per document) until its export reaches --mb megabytes.
// 2. Exports it (timed: MB/s of output) and writes the file.
// 3. Re-runs itself in fresh processes so that each peak memory figure (VmHWM from
//    /proc/self/status) is one stage's alone: import_into an empty project (what the CLI
//    does), the format's import_files alone, and the Import dialog's path ("app": reader,
//    keep_sorted, import_layer through the editor into the demo project with the read project
//    given away, then the autosave's chunked save_project; "app-copy": the same with the read
//    project copied from, as before the dialog gave it away). Wall and CPU times are printed:
//    the machines are shared, CPU time is the steadier figure.
// Figures go to stdout, one "key: value" per line. Linux only for the memory figure.
// Does not do: compare with other tools, run in the browser (see shared/bench for that).
#include "bench_corpus.h"
#include "core/demo.h"
#include "core/formats/format.h"
#include "core/layers.h"
#include "core/project_io.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

using namespace postil;

namespace {

// [SECTION] measuring

double now_s()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Peak resident set size in MB (VmHWM), 0 if unknown.
double peak_rss_mb()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::atof(line.c_str() + 6) / 1024.0;
    return 0;
}

// Reads a file into exactly-sized storage (read_file in project_io goes through a
// stringstream, which holds two copies for a moment: see the notes).
std::string slurp(const std::string& path)
{
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        std::perror(path.c_str());
        std::exit(1);
    }
    std::fseek(f, 0, SEEK_END);
    long n = std::ftell(f);
    std::fseek(f, 0, SEEK_SET);
    std::string s(static_cast<size_t>(n), '\0');
    size_t got = std::fread(s.data(), 1, s.size(), f);
    std::fclose(f);
    s.resize(got);
    return s;
}

// [SECTION] synthetic corpus (bench_corpus.h, the plain variant)

Project make_corpus(double mb, size_t name_every)
{
    bench::CorpusOptions o;
    o.name_every = name_every;
    // Stops at a rough size of the JSONL export: text + ~95 bytes per mention + stances.
    double bytes = 0;
    size_t mentions_seen = 0;
    return bench::make_corpus(o, [&](const Project& p) {
        if (!p.documents.empty()) {
            bytes += static_cast<double>(p.documents.back().text->utf8().size()) * 1.02 +
                     95.0 * static_cast<double>(p.mentions.size() - mentions_seen) + 700;
            mentions_seen = p.mentions.size();
        }
        return bytes >= mb * 1e6;
    });
}

// [SECTION] modes

double cpu_s() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// One stage in this (fresh) process, so that VmHWM is that stage's own peak:
// "into" = import_into an empty project (what the CLI and the apps do: the format's reader,
// then keep_sorted and append_project), "files" = the format's import_files alone.
// The Import dialog's path (src/ui/import_dialog.cpp run_import, then the autosave), with the
// CPU time of each phase.
struct CountingSink : ChunkSink {
    size_t bytes = 0, chunks = 0;
    void write(std::string_view b) override { bytes += b.size(); ++chunks; }
};

int run_app_import(std::vector<InputFile>& files, const Format& f, bool give_away, double file_mb)
{
    Project project = make_demo_project();
    History history;
    const double c0 = cpu_s(), w0 = now_s();
    Project fresh;
    fresh.schema = project.schema;
    fresh.annotator = "anonymous";
    ImportReport report;
    f.import_files(files, fresh, {}, report);
    files.clear();
    const double c1 = cpu_s();
    fresh.keep_sorted();
    const double c2 = cpu_s();
    LayerImportOptions lopts;
    lopts.add_unmatched_documents = true;
    LayerReport lr;
    Editor ed{project, history};
    if (give_away)
        import_layer(ed, std::move(fresh), "", lr, lopts);
    else
        import_layer(ed, fresh, "", lr, lopts);
    fresh = Project();
    const double c3 = cpu_s(), w3 = now_s();
    const double rss_imported = peak_rss_mb();
    CountingSink sink;
    save_project(project, sink);
    const double c4 = cpu_s();
    std::printf("%s: reader %.3f s, keep_sorted %.3f s, import_layer %.3f s: %.3f s cpu (%.3f s wall), %zu documents, %zu mentions; "
                "peak RSS %.0f MB = %.2fx the file; then the autosave (save_project, %zu chunks, %.1f MB) %.3f s cpu, peak RSS %.0f MB = %.2fx\n",
                give_away ? "app (Import dialog, read project given away)" : "app-copy (Import dialog, read project copied from)",
                c1 - c0, c2 - c1, c3 - c2, c3 - c0, w3 - w0, project.documents.size(), project.mentions.size(), rss_imported,
                rss_imported / file_mb, sink.chunks, static_cast<double>(sink.bytes) / 1e6, c4 - c3, peak_rss_mb(), peak_rss_mb() / file_mb);
    return 0;
}

int run_import(const std::string& path, const std::string& fmt_name, const std::string& stage)
{
    const Format* f = find_format(fmt_name);
    if (!f || !f->import_files) {
        std::fprintf(stderr, "format %s cannot be imported\n", fmt_name.c_str());
        return 1;
    }
    std::vector<InputFile> files(1); // not an initializer list: that would copy the bytes
    files[0].name = path;
    files[0].bytes = slurp(path);
    double file_mb = static_cast<double>(files[0].bytes.size()) / 1e6;
    double rss_file = peak_rss_mb();
    if (stage == "app" || stage == "app-copy") {
        try {
            return run_app_import(files, *f, stage == "app", file_mb);
        } catch (const InputError& e) {
            std::fprintf(stderr, "%s\n", e.what().c_str());
            return 1;
        }
    }
    double w0 = now_s(), c0 = cpu_s();
    size_t docs = 0, mentions = 0;
    try {
        Project p;
        ImportReport rep;
        if (stage == "into")
            rep = import_into(p, *f, files, {});
        else
            f->import_files(files, p, {}, rep);
        docs = p.documents.size();
        mentions = p.mentions.size();
    } catch (const InputError& e) {
        std::fprintf(stderr, "%s\n", e.what().c_str());
        return 1;
    }
    double wall = now_s() - w0, cpu = cpu_s() - c0;
    double rss = peak_rss_mb();
    if (stage == "into")
        std::printf("file_mb: %.1f (%zu documents, %zu mentions; %.0f MB resident after reading it)\n", file_mb, docs, mentions, rss_file);
    std::printf("%s: %.3f s wall, %.3f s cpu (%.0f MB/s of cpu); peak RSS %.0f MB = %.2fx the file\n",
                stage == "into" ? "import_into (reader + keep_sorted + append_project)" : "format import_files alone", wall, cpu,
                file_mb / cpu, rss, rss / file_mb);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    double mb = 100;
    size_t name_every = 20; // ~5% of words are annotated names: ~30 mentions in a 5 kB article
    std::string fmt = "jsonl", path, mode = "all";
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--mb") mb = std::atof(next().c_str());
        else if (a == "--format") fmt = next();
        else if (a == "--file") path = next();
        else if (a == "--keep") keep = true;
        else if (a == "--name-every") name_every = static_cast<size_t>(std::atoi(next().c_str()));
        else if (a == "--import-only") mode = next(); // "into" | "files" | "app" | "app-copy" (used by the bench itself)
        else {
            std::fprintf(stderr, "usage: import_bench [--mb 100] [--format jsonl] [--file PATH] [--name-every 20] [--keep] [--import-only]\n");
            return 2;
        }
    }
    if (path.empty())
        path = "/tmp/postil-bench-" + fmt + (fmt == "labelstudio" ? ".json" : ".jsonl");
    if (mode == "into" || mode == "files" || mode == "app" || mode == "app-copy")
        return run_import(path, fmt, mode);
    if (mode != "all") {
        std::fprintf(stderr, "unknown --import-only stage %s\n", mode.c_str());
        return 2;
    }

    double t0 = now_s();
    Project p = make_corpus(mb, name_every);
    double t1 = now_s();
    const Format* f = find_format(fmt);
    if (!f || !f->export_files) {
        std::fprintf(stderr, "format %s cannot be exported\n", fmt.c_str());
        return 1;
    }
    ExportReport er;
    double best = 1e9, best_cpu = 1e9;
    std::vector<OutputFile> out;
    for (int rep = 0; rep < 3; ++rep) { // best of 3: the machine is shared
        out.clear();
        double a = now_s(), c = cpu_s();
        out = export_project(p, *f, {}, er);
        best = std::min(best, now_s() - a);
        best_cpu = std::min(best_cpu, cpu_s() - c);
    }
    double out_mb = static_cast<double>(out[0].bytes.size()) / 1e6;
    std::printf("format: %s\n", fmt.c_str());
    std::printf("generated: %zu documents, %zu mentions, %zu stances in %.2f s\n", p.documents.size(), p.mentions.size(), p.stances.size(), t1 - t0);
    std::printf("export: %.1f MB in %.3f s wall, %.3f s cpu (%.0f MB/s wall, %.0f MB/s cpu; best of 3)\n", out_mb, best, best_cpu, out_mb / best,
                out_mb / best_cpu);
    {
        std::ofstream o(path, std::ios::binary);
        o.write(out[0].bytes.data(), static_cast<std::streamsize>(out[0].bytes.size()));
    }
    out.clear();
    p = Project();
    std::fflush(stdout);
    int rc = 0;
    for (const char* stage : {"into", "files", "app", "app-copy"}) {
        std::string cmd = std::string("\"") + argv[0] + "\" --import-only " + stage + " --format " + fmt + " --file \"" + path + "\"";
        rc |= std::system(cmd.c_str());
    }
    if (!keep)
        std::remove(path.c_str());
    return rc == 0 ? 0 : 1;
}
