// SemEval-2016 Task 6 stance detection TSV: a header "ID<TAB>Target<TAB>Tweet<TAB>Stance" and
// one row per (text, target) with FAVOR / AGAINST / NONE. Postil's NEUTRAL is written NONE and
// NONE is read as NEUTRAL.
// Export: one row per document-level stance; ID = document id (a document with stances on two
// targets gives two rows with the same ID), Target = the schema target's name, Tweet = the
// document's whole text. Cells are quoted when they hold a TAB, newline or quote and guarded
// with a leading ' when they start with = + - @ (csv_cell; the importer removes that guard).
// Import: each row -> a document with a document-level stance toward a target found or created
// by name; rows with the same ID and text are one document. Also reads the TweetEval layout of
// the same data (train_text.txt + train_labels.txt, labels 0 = none, 1 = against, 2 = favor),
// whose target is not in the files: inferred from a SemEval target word in the path, or named
// "TweetEval target (not named in the files)".
// Does not do: span-level stances or mentions (reported as losses), JSON rows (stance-jsonl).
#include "format.h"
#include "stance_common.h"

#include <algorithm>

namespace postil {

using namespace stance_table;
using namespace iob;

// [SECTION] export

static std::vector<OutputFile> export_semeval(const Project& p, const ExportOptions& opts, ExportReport& report)
{
    std::vector<StanceExportRow> rows = stance_export_rows(p, opts, report, "stance-semeval");
    std::string out = "ID\tTarget\tTweet\tStance\n";
    size_t guarded = 0;
    for (const StanceExportRow& r : rows) {
        for (const std::string* c : {&r.doc->id, &r.target_name, &r.doc->text->utf8()})
            guarded += cell_needs_guard(*c);
        out += csv_cell(r.doc->id, '\t');
        out += '\t';
        out += csv_cell(r.target_name, '\t');
        out += '\t';
        out += csv_cell(r.doc->text->utf8(), '\t');
        out += '\t';
        out += r.label;
        out += '\n';
    }
    if (guarded)
        report.losses.push_back(std::to_string(guarded) + " cells starting with = + - @ prefixed with ' (spreadsheet formula "
                                                          "guard; Postil's importer removes it)");
    return {{"", std::move(out)}};
}

// [SECTION] import

namespace {

bool ends_with(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The SemEval-2016 target a TweetEval subset stands for, from a word in its path.
std::string tweeteval_target(const std::string& path, std::string& how)
{
    static const char* known[][2] = {{"climate", "Climate Change is a Real Concern"},
                                     {"abortion", "Legalization of Abortion"},
                                     {"atheism", "Atheism"},
                                     {"feminis", "Feminist Movement"},
                                     {"hillary", "Hillary Clinton"}};
    std::string lower = lower_trim(path);
    for (const auto& k : known)
        if (lower.find(k[0]) != std::string::npos) {
            how = "inferred from '" + std::string(k[0]) + "' in the path";
            return k[1];
        }
    how = "not named in the files";
    return "TweetEval target (not named in the files)";
}

} // namespace

static void import_semeval(const std::vector<InputFile>& files, Project& out, const ImportOptions& opts, ImportReport& report)
{
    StanceTableBuilder builder(out);
    RowProblems problems{opts, report, {}};
    // TweetEval: X_text.txt and X_labels.txt (or text.txt / labels.txt) are one table.
    std::map<std::string, const InputFile*> tw_text, tw_labels;
    for (const InputFile& f : files) {
        std::string base = file_base_name(f.name);
        std::string dir = f.name.substr(0, f.name.size() - base.size());
        if (base == "text.txt" || ends_with(base, "_text.txt")) {
            tw_text[dir + base.substr(0, base.size() - 8)] = &f;
            continue;
        }
        if (base == "labels.txt" || ends_with(base, "_labels.txt")) {
            tw_labels[dir + base.substr(0, base.size() - 10)] = &f;
            continue;
        }
        Text text = Text::from_bytes(f.bytes, f.name);
        const std::string& s = text.utf8();
        size_t first = s.find_first_not_of(" \t\n");
        if (first == std::string::npos) {
            problems.fail(f.name, 0, "empty file: expected a SemEval-2016 Task 6 TSV (ID<TAB>Target<TAB>Tweet<TAB>Stance)");
            continue;
        }
        if (s[first] == '{' || s[first] == '[') {
            problems.fail(f.name, 1, "this is JSON, not a SemEval-2016 Task 6 TSV (ID<TAB>Target<TAB>Tweet<TAB>Stance); stance rows "
                            "in JSON Lines (e.g. X-Stance: question, comment, label) are read by --from stance-jsonl");
            continue;
        }
        std::vector<DelimitedRow> rows = parse_delimited(s, '\t');
        if (rows.empty()) {
            problems.fail(f.name, 1, "expected a SemEval-2016 Task 6 TSV (ID<TAB>Target<TAB>Tweet<TAB>Stance), found no rows");
            continue;
        }
        int c_id = -1, c_target = 1, c_text = 2, c_stance = 3;
        size_t first_row = 0, width = 4;
        {
            const auto& h = rows[0].cells;
            int id = -1, target = -1, text_col = -1, stance = -1;
            for (size_t k = 0; k < h.size(); ++k) {
                std::string n = lower_trim(h[k]);
                if (n == "id") id = static_cast<int>(k);
                else if (n == "target") target = static_cast<int>(k);
                else if (n == "tweet" || n == "text") text_col = static_cast<int>(k);
                else if (n == "stance" || n == "label") stance = static_cast<int>(k);
            }
            if (target >= 0 && text_col >= 0 && stance >= 0) {
                c_id = id;
                c_target = target;
                c_text = text_col;
                c_stance = stance;
                first_row = 1;
                width = h.size();
            } else if (h.size() == 4) {
                c_id = 0; // no header: the task's column order
            } else {
                problems.fail(f.name, rows[0].line,
                     "expected the SemEval-2016 Task 6 header 'ID<TAB>Target<TAB>Tweet<TAB>Stance' (or 4 TAB-separated "
                     "columns in that order), found " + std::to_string(h.size()) + " column(s)" +
                         (s.find('\t') == std::string::npos ? " and no TAB in the file" : ""));
                continue;
            }
        }
        std::string stem = file_stem(f.name);
        for (size_t r = first_row; r < rows.size(); ++r) {
            const DelimitedRow& row = rows[r];
            if (row.cells.size() != width) {
                problems.fail(f.name, row.line, "expected " + std::to_string(width) + " TAB-separated cells (ID, Target, Tweet, Stance), found " +
                                           std::to_string(row.cells.size()));
                continue;
            }
            std::optional<StanceRow> in = read_stance_row(f.name, row, {c_id, c_text, c_target, c_stance}, problems);
            if (!in)
                continue;
            std::string key = in->id.empty() ? in->text : in->id;
            std::string id_stem = in->id.empty() ? stem + "-" + std::to_string(r) : in->id;
            std::map<std::string, std::string> meta;
            if (!in->id.empty())
                meta["source_id"] = in->id;
            builder.add(f.name + "\n" + key, id_stem, file_base_name(f.name), in->text, in->target, in->polarity, meta);
        }
    }
    // TweetEval pairs.
    for (auto& [prefix, tf] : tw_text) {
        auto lf = tw_labels.find(prefix);
        std::string base = file_base_name(tf->name);
        if (lf == tw_labels.end()) {
            std::string want = base.substr(0, base.size() - 8) + "labels.txt";
            problems.fail(tf->name, 0, "TweetEval text file without its labels file: pass " + want + " too (labels 0 = none, 1 = against, 2 = favor)");
            continue;
        }
        Text text = Text::from_bytes(tf->bytes, tf->name);
        Text labels = Text::from_bytes(lf->second->bytes, lf->second->name);
        std::vector<std::string_view> tlines = split_lines(text.utf8()), llines = split_lines(labels.utf8());
        if (tlines.size() != llines.size()) {
            problems.fail(tf->name, 0, std::to_string(tlines.size()) + " lines but " + lf->second->name + " has " +
                                  std::to_string(llines.size()) + " labels: expected one label per line");
            continue;
        }
        std::string how;
        std::string target = tweeteval_target(tf->name, how);
        report.notes.push_back(tf->name + ": TweetEval layout; target '" + target + "' (" + how + "); labels 0/1/2 read as NONE/AGAINST/FAVOR");
        std::string stem = file_stem(tf->name);
        if (ends_with(stem, "_text"))
            stem.resize(stem.size() - 5);
        for (size_t k = 0; k < tlines.size(); ++k) {
            std::string label(llines[k]);
            while (!label.empty() && (label.back() == ' ' || label.back() == '\t'))
                label.pop_back();
            const char* pol = label == "0" ? "NEUTRAL" : label == "1" ? "AGAINST" : label == "2" ? "FAVOR" : nullptr;
            if (!pol) {
                problems.fail(lf->second->name, static_cast<int>(k + 1), "expected a TweetEval stance label 0, 1 or 2, found '" + label + "'");
                continue;
            }
            std::string line(tlines[k]);
            if (line.find_first_not_of(" \t") == std::string::npos) {
                problems.fail(tf->name, static_cast<int>(k + 1), "empty text line");
                continue;
            }
            builder.add(tf->name + "\n" + std::to_string(k), stem + "-" + std::to_string(k + 1), base, line, target, pol,
                        {{"source_line", std::to_string(k + 1)}});
        }
    }
    for (auto& [prefix, lf] : tw_labels)
        if (!tw_text.count(prefix)) {
            std::string base = file_base_name(lf->name);
            problems.fail(lf->name, 0, "TweetEval labels file without its text file: pass " + base.substr(0, base.size() - 10) + "text.txt too");
        }
    problems.throw_if_any();
    if (builder.merged)
        report.notes.push_back(std::to_string(builder.merged) + " rows added a target to a document already read (same ID and text)");
    report.notes.push_back("Stance NONE read as NEUTRAL");
}

static int detect_semeval(const InputFile& in)
{
    std::string base = file_base_name(in.name);
    if (ends_with(base, "_text.txt") || ends_with(base, "_labels.txt"))
        return 55;
    std::string_view head(in.bytes.data(), std::min<size_t>(in.bytes.size(), 512));
    std::string first(head.substr(0, head.find('\n')));
    std::string l = lower_trim(first);
    if (first.find('\t') != std::string::npos && l.find("target") != std::string::npos && l.find("stance") != std::string::npos)
        return 95;
    return 0;
}

const Format& stance_semeval_format()
{
    static const Format f = [] {
        Format f;
        f.name = "stance-semeval";
        f.description = "SemEval-2016 Task 6 stance TSV (ID, Target, Tweet, Stance); also reads TweetEval text/labels pairs";
        f.offset_unit = "none";
        f.extension = ".tsv";
        f.detect = detect_semeval;
        f.import_files = import_semeval;
        f.export_files = export_semeval;
        return f;
    }();
    return f;
}

} // namespace postil
