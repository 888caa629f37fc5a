// Shared by the dataset verbs. See export_common.h.
#include "export_common.h"

#include "core/dataset/card.h"
#include "core/dataset/card_agreement.h"
#include "core/layers.h"
#include "core/project_io.h"

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#ifndef _WIN32
#include <unistd.h>
#endif

namespace postil::cli {

namespace fs = std::filesystem;

// [SECTION] progress

bool stderr_is_terminal()
{
#ifndef _WIN32
    return isatty(2) != 0;
#else
    return false;
#endif
}

Progress::Progress(std::string label, size_t total)
    : label_(std::move(label)), total_(total), enabled_(stderr_is_terminal()), start_(std::chrono::steady_clock::now()), last_(start_)
{
}

Progress::~Progress()
{
    finish();
}

void Progress::step(size_t n)
{
    done_ += n;
    draw(false);
}

void Progress::draw(bool force)
{
    if (!enabled_)
        return;
    auto now = std::chrono::steady_clock::now();
    if (!force && (now - start_ < std::chrono::milliseconds(500) || now - last_ < std::chrono::milliseconds(100)))
        return;
    last_ = now;
    drawn_ = true;
    const int width = 30;
    size_t filled = total_ ? done_ * width / total_ : 0;
    std::string bar(filled, '#');
    bar.resize(width, '.');
    std::cerr << "\r" << label_ << " [" << bar << "] " << done_ << "/" << total_ << std::flush;
}

void Progress::finish()
{
    if (drawn_) {
        draw(true);
        std::cerr << "\n";
        drawn_ = false;
    }
    enabled_ = false;
}

void with_spinner(const std::string& label, const std::function<void()>& work)
{
    if (!stderr_is_terminal()) {
        work();
        return;
    }
    std::mutex m;
    std::condition_variable cv;
    bool stop = false, drawn = false;
    auto start = std::chrono::steady_clock::now();
    std::thread spinner([&] {
        static const char frames[] = "|/-\\";
        std::unique_lock<std::mutex> lock(m);
        // Nothing for the first half second: quick runs print no progress at all.
        if (cv.wait_for(lock, std::chrono::milliseconds(500), [&] { return stop; }))
            return;
        for (int k = 0; !stop; ++k) {
            double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            std::cerr << "\r" << label << " " << frames[k % 4] << " " << static_cast<long>(secs) << " s" << std::flush;
            drawn = true;
            cv.wait_for(lock, std::chrono::milliseconds(200), [&] { return stop; });
        }
    });
    auto stop_spinner = [&] {
        {
            std::lock_guard<std::mutex> lock(m);
            stop = true;
        }
        cv.notify_all();
        spinner.join();
        if (drawn)
            std::cerr << "\r" << std::string(label.size() + 12, ' ') << "\r" << std::flush;
    };
    try {
        work();
    } catch (...) {
        stop_spinner();
        throw;
    }
    stop_spinner();
}

// [SECTION] options

const char* const kSplitHelp =
    "  --train R --dev R --test R  ratios (default 0.8 0.1 0.1; must sum to 1; a missing one takes the rest)\n"
    "  --seed N                    random seed (default 0); same project + ratios + seed = same split anywhere\n"
    "  --stratify S                auto (document stance if any, else dominant entity type), doc-stance,\n"
    "                              entity or none\n";

static bool parse_ratio(const std::string& s, double& out)
{
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return !s.empty() && end && *end == '\0' && out >= 0.0 && out <= 1.0;
}

std::string parse_split_options(const Args& a, SplitOptions& out)
{
    double* slots[3] = {&out.train, &out.dev, &out.test};
    const char* names[3] = {"--train", "--dev", "--test"};
    bool given[3] = {false, false, false};
    double sum = 0;
    int missing = 0;
    for (int k = 0; k < 3; ++k) {
        if (a.has(names[k])) {
            if (!parse_ratio(a.get(names[k]), *slots[k]))
                return std::string(names[k]) + " expects a number between 0 and 1, got '" + a.get(names[k]) + "'";
            given[k] = true;
            sum += *slots[k];
        } else {
            ++missing;
        }
    }
    if (missing == 3) {
        out.train = 0.8;
        out.dev = 0.1;
        out.test = 0.1;
    } else if (missing > 0) {
        if (sum > 1.0 + 1e-9)
            return "ratios sum to more than 1";
        for (int k = 0; k < 3; ++k)
            if (!given[k])
                *slots[k] = (1.0 - sum) / missing;
    }
    if (a.has("--seed")) {
        std::string s = a.get("--seed");
        char* end = nullptr;
        unsigned long long v = std::strtoull(s.c_str(), &end, 10);
        if (s.empty() || s[0] == '-' || !end || *end != '\0')
            return "--seed expects a non-negative integer, got '" + s + "'";
        out.seed = v;
    }
    if (a.has("--stratify") && !stratify_from_string(a.get("--stratify"), out.stratify))
        return "--stratify expects auto, doc-stance, entity or none, got '" + a.get("--stratify") + "'";
    return check_split_options(out);
}

std::string parse_export_options(const Args& a, const Format& f, ExportOptions& out)
{
    (void)f;
    if (a.has("--scheme")) {
        std::string s = a.get("--scheme");
        if (s != "iob1" && s != "iob2" && s != "bilou" && s != "bioes")
            return "--scheme expects iob1, iob2 or bilou, got '" + s + "'";
        out.scheme = s == "bioes" ? "bilou" : s;
    }
    out.strict = a.has("--strict");
    out.annotator = a.get("--annotator");
    if (a.has("--doc")) {
        // Comma-separated ids (the option parser keeps one value per option).
        std::string s = a.get("--doc");
        size_t start = 0;
        while (start <= s.size()) {
            size_t c = s.find(',', start);
            std::string id = s.substr(start, c == std::string::npos ? std::string::npos : c - start);
            if (!id.empty())
                out.doc_ids.push_back(id);
            if (c == std::string::npos)
                break;
            start = c + 1;
        }
    }
    return {};
}

std::string format_list(bool exportable)
{
    std::string s;
    for (const Format* f : all_formats())
        if (exportable ? static_cast<bool>(f->export_files) : static_cast<bool>(f->import_files))
            s += (s.empty() ? "" : ", ") + f->name;
    return s;
}

// [SECTION] writing

void make_dirs(const std::string& path)
{
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return;
    if (fs::exists(path, ec))
        throw InputError{{{path, 0, 0, "", "exists and is not a folder"}}};
    fs::create_directories(path, ec);
    if (ec)
        throw InputError{{{path, 0, 0, "", "cannot create folder: " + ec.message()}}};
}

std::string join_path(const std::string& dir, const std::string& name)
{
    if (dir.empty())
        return name;
    return dir.back() == '/' ? dir + name : dir + "/" + name;
}

static void write_into(const std::string& dir, const std::string& rel, const std::string& bytes)
{
    std::string path = join_path(dir, rel);
    fs::path parent = fs::path(path).parent_path();
    if (!parent.empty())
        make_dirs(parent.string());
    write_file_atomic(path, bytes);
}

// [SECTION] streamed output

// Writes a streamed export (format.h: ExportSink) as it comes: to stdout, or each file to
// "<path>.tmp-postil" renamed over the target once complete (as write_file_atomic does), so a
// failed export leaves no partial file behind. Memory stays at one chunk, not one whole file.
class StreamedFiles : public ExportSink {
public:
    // folder: files go to dir/<name> ("" = unnamed_as); else the single file `out` ("-" stdout).
    StreamedFiles(std::string out, bool folder, std::string unnamed_as)
        : out_(std::move(out)), folder_(folder), unnamed_as_(std::move(unnamed_as)) {}
    ~StreamedFiles() override
    {
        if (fp_) { // not finished: an exception is on its way
            std::fclose(fp_);
            std::remove(tmp_.c_str());
        }
    }
    void write(const std::string& file, std::string_view bytes) override
    {
        if (!started_ || file != name_)
            open(file);
        if (bytes.empty())
            return;
        if (to_stdout_) {
            std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            return;
        }
        if (std::fwrite(bytes.data(), 1, bytes.size(), fp_) != bytes.size())
            fail("cannot write");
    }
    // Completes the last file; the ones before were completed when the next one began.
    void finish()
    {
        if (to_stdout_)
            std::cout.flush();
        close_current();
    }
    std::vector<std::string> written; // as run_export lists them: the path, or the name in the folder

private:
    void open(const std::string& file)
    {
        close_current();
        started_ = true;
        name_ = file;
        if (!folder_ && (out_ == "-" || out_.empty())) {
            to_stdout_ = true;
            written.push_back(out_);
            return;
        }
        std::string rel = file.empty() ? unnamed_as_ : file;
        path_ = folder_ ? join_path(out_, rel) : out_;
        if (folder_) {
            fs::path parent = fs::path(path_).parent_path();
            if (!parent.empty())
                make_dirs(parent.string());
        }
        tmp_ = path_ + ".tmp-postil";
        fp_ = std::fopen(tmp_.c_str(), "wb");
        if (!fp_)
            fail("cannot create temporary file");
        written.push_back(folder_ ? rel : out_);
    }
    void close_current()
    {
        if (!fp_)
            return;
        bool ok = std::fflush(fp_) == 0;
#ifndef _WIN32
        // On disk before the rename makes it the file (write_file_atomic does the same).
        ok = ok && (::fsync(fileno(fp_)) == 0 || errno == EINVAL);
#endif
        ok = std::fclose(fp_) == 0 && ok;
        fp_ = nullptr;
        if (!ok) {
            std::remove(tmp_.c_str());
            throw InputError{{{path_, 0, 0, "", std::string("cannot write: ") + std::strerror(errno)}}};
        }
        if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
            std::remove(tmp_.c_str());
            throw InputError{{{path_, 0, 0, "", std::string("cannot replace file: ") + std::strerror(errno)}}};
        }
    }
    [[noreturn]] void fail(const char* what)
    {
        std::string msg = std::string(what) + ": " + std::strerror(errno);
        if (fp_) {
            std::fclose(fp_);
            fp_ = nullptr;
        }
        std::remove(tmp_.c_str());
        throw InputError{{{path_, 0, 0, "", msg}}};
    }

    std::string out_;
    bool folder_;
    std::string unnamed_as_;
    bool started_ = false, to_stdout_ = false;
    std::string name_, path_, tmp_;
    std::FILE* fp_ = nullptr;
};

int run_export(const ExportJob& job)
{
    const Format& f = *job.format;
    const std::string& verb = job.verb;
    // Filters first, so a split and its card see only what is exported.
    Project p = filter_for_export(*job.project, job.options);
    const std::string layer = export_annotator(*job.project, job.options);
    ExportOptions opts = job.options;
    opts.doc_ids.clear();
    // Already filtered: an empty annotator would pick the gold layer again, which is wrong when
    // the user asked for every layer.
    opts.annotator = kAllLayers;
    if (job.options.annotator.empty() && layer == kGoldAnnotator)
        std::cerr << "postil " << verb << ": exporting the adjudicated 'gold' layer (--annotator '*' for every layer)\n";

    struct Part {
        std::string name; // "" when not split
        Project project;
        std::vector<OutputFile> files;
        ExportReport report;
    };
    std::vector<Part> parts;
    SplitResult split;
    if (job.split) {
        split = split_documents(p, job.split_options);
        const char* names[3] = {"train", "dev", "test"};
        const std::vector<std::string>* lists[3] = {&split.train, &split.dev, &split.test};
        for (int k = 0; k < 3; ++k)
            parts.push_back({names[k], project_subset(p, *lists[k]), {}, {}});
    } else {
        parts.push_back({"", p, {}, {}});
    }
    // Streamed when the format can (conll, hf): written in chunks as it is produced, never held
    // whole. Not with --split (three parts) nor --strict (a refusal must leave nothing, and
    // stdout cannot take back what it was given).
    const bool stream = f.stream_files && !job.split && !job.options.strict;
    if (!stream)
        for (Part& part : parts)
            with_spinner("postil " + verb + ": exporting" + (part.name.empty() ? "" : " " + part.name),
                         [&] { part.files = export_project(part.project, f, opts, part.report); });

    bool named = f.multi_file;
    for (const Part& part : parts)
        for (const OutputFile& o : part.files)
            named |= !o.name.empty();
    bool folder = job.split || named;
    if (folder && (job.out == "-" || job.out.empty())) {
        std::cerr << "postil " << verb << ": " << (job.split ? "--split" : "format " + f.name)
                  << " writes several files: give -o FOLDER\n";
        return kUsage;
    }

    std::vector<std::string> written;
    std::vector<std::string> losses;
    size_t file_count = 0;
    for (const Part& part : parts)
        file_count += part.files.size();
    if (stream) {
        Part& part = parts.front();
        StreamedFiles sink(job.out, folder, "data" + f.extension);
        with_spinner("postil " + verb + ": exporting", [&] {
            export_project(part.project, f, opts, part.report, sink);
            sink.finish();
        });
        written = sink.written;
        losses = part.report.losses;
    } else {
        Progress bar("postil " + verb + ": writing", file_count);
        for (const Part& part : parts) {
            for (const OutputFile& o : part.files) {
                if (!folder) {
                    write_output(job.out, o.bytes);
                    written.push_back(job.out);
                } else {
                    std::string rel;
                    if (part.name.empty())
                        rel = o.name.empty() ? "data" + f.extension : o.name;
                    else
                        rel = o.name.empty() ? part.name + f.extension : part.name + "/" + o.name;
                    write_into(job.out, rel, o.bytes);
                    written.push_back(rel);
                }
                bar.step();
            }
            for (const auto& l : part.report.losses)
                losses.push_back(part.name.empty() ? l : part.name + ": " + l);
        }
    }
    if (folder && job.card) {
        DatasetCardInfo info;
        info.format = f.name;
        info.format_description = f.description;
        info.offset_unit = parts.front().report.offset_unit.empty() ? f.offset_unit : parts.front().report.offset_unit;
        if (f.offset_unit == "token")
            info.scheme = opts.scheme.empty() ? "iob2" : opts.scheme;
        info.annotator = layer;
        // The agreement of the annotators' layers (the whole project's, gold left out) on the
        // exported documents: the same table the app's Export dialog puts in its card.
        with_spinner("postil: agreement for the dataset card", [&] {
            info.agreement_summary = card_agreement_summary(*job.project, job.options.doc_ids, layer);
        });
        if (job.split) {
            info.split = &split;
            info.split_options = job.split_options;
        }
        info.files = written;
        info.losses = losses;
        write_into(job.out, "README.md", make_dataset_card(p, info));
    }

    for (const auto& l : losses)
        std::cerr << "postil " << verb << ": not kept: " << l << "\n";
    std::map<std::string, size_t> counts;
    for (const Part& part : parts)
        for (const auto& [k, v] : part.report.counts)
            counts[k] += v;
    std::string summary;
    for (const auto& [k, v] : counts)
        summary += (summary.empty() ? "" : ", ") + std::to_string(v) + " " + k;
    std::string unit = parts.front().report.offset_unit.empty() ? f.offset_unit : parts.front().report.offset_unit;
    std::cerr << "postil " << verb << ": wrote " << (summary.empty() ? std::string("nothing") : summary) << " as " << f.name
              << " (offsets: " << unit << ")";
    if (folder)
        std::cerr << " into " << job.out << "/ (" << written.size() << " files" << (job.card ? " + README.md" : "") << ")";
    else if (job.out != "-")
        std::cerr << " to " << job.out;
    if (job.split)
        std::cerr << "; split " << split.train.size() << "/" << split.dev.size() << "/" << split.test.size()
                  << " documents (train/dev/test), stratified by " << to_string(split.used);
    std::cerr << "\n";
    return kOk;
}

} // namespace postil::cli
