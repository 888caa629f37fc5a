// Stance CSV in the P-Stance layout: a header "Tweet,Target,Stance" and one row per (text,
// target) with FAVOR / AGAINST / NONE (Postil's NEUTRAL is written NONE; NONE and NEUTRAL are
// read as NEUTRAL).
// Export: one row per document-level stance; Tweet = the document's whole text, Target = the
// schema target's name. RFC 4180 quoting; cells starting with = + - @ get a leading ' (csv_cell;
// the importer removes it). P-Stance has no ID column, so document ids are not kept.
// Import: columns found by header name (Tweet/Text, Target/Topic, Stance/Label, optional ID),
// or Tweet,Target,Stance in that order without a header. Each row -> a document with a
// document-level stance toward a target found or created by name; rows with the same text (and
// ID if any) naming another target are one document.
// Does not do: span-level stances or mentions (reported as losses), other CSV dialects (; or TAB).
#include "format.h"
#include "stance_common.h"

#include <algorithm>

namespace postil {

using namespace stance_table;
using namespace iob;

// [SECTION] export

static std::vector<OutputFile> export_stance_csv(const Project& p, const ExportOptions& opts, ExportReport& report)
{
    std::vector<StanceExportRow> rows = stance_export_rows(p, opts, report, "stance-csv");
    std::string out = "Tweet,Target,Stance\n";
    size_t guarded = 0;
    for (const StanceExportRow& r : rows) {
        guarded += cell_needs_guard(r.doc->text->utf8()) + cell_needs_guard(r.target_name);
        out += csv_cell(r.doc->text->utf8(), ',');
        out += ',';
        out += csv_cell(r.target_name, ',');
        out += ',';
        out += r.label;
        out += '\n';
    }
    if (guarded)
        report.losses.push_back(std::to_string(guarded) + " cells starting with = + - @ prefixed with ' (spreadsheet formula "
                                                          "guard; Postil's importer removes it)");
    if (!rows.empty())
        report.losses.push_back("document ids not kept (P-Stance has no ID column)");
    return {{"", std::move(out)}};
}

// [SECTION] import

static void import_stance_csv(const std::vector<InputFile>& files, Project& out, const ImportOptions& opts, ImportReport& report)
{
    StanceTableBuilder builder(out);
    RowProblems problems{opts, report, {}};
    for (const InputFile& f : files) {
        Text text = Text::from_bytes(f.bytes, f.name);
        const std::string& s = text.utf8();
        size_t first = s.find_first_not_of(" \t\n");
        if (first == std::string::npos) {
            problems.fail(f.name, 0, "empty file: expected a CSV with a header Tweet,Target,Stance");
            continue;
        }
        if (s[first] == '{' || s[first] == '[') {
            problems.fail(f.name, 1, "this is JSON, not a stance CSV (Tweet,Target,Stance); JSON Lines stance rows are read by "
                            "--from stance-jsonl");
            continue;
        }
        std::vector<DelimitedRow> rows = parse_delimited(s, ',');
        if (rows.empty()) {
            problems.fail(f.name, 1, "expected a CSV with a header Tweet,Target,Stance, found no rows");
            continue;
        }
        const auto& h = rows[0].cells;
        int c_id = -1, c_text = -1, c_target = -1, c_stance = -1;
        for (size_t k = 0; k < h.size(); ++k) {
            std::string n = lower_trim(h[k]);
            int ki = static_cast<int>(k);
            if (n == "id") c_id = ki;
            else if (n == "tweet" || n == "text" || n == "sentence" || n == "comment") c_text = ki;
            else if (n == "target" || n == "topic") c_target = ki;
            else if (n == "stance" || n == "label") c_stance = ki;
        }
        size_t first_row = 1, width = h.size();
        if (c_text < 0 || c_target < 0 || c_stance < 0) {
            if (h.size() == 3 && polarity_from_dataset_label(h[2])) {
                c_text = 0; // no header: P-Stance's column order
                c_target = 1;
                c_stance = 2;
                first_row = 0;
            } else {
                std::string found;
                for (const auto& c : h)
                    found += (found.empty() ? "" : ",") + c.substr(0, 30);
                problems.fail(f.name, rows[0].line, "expected a header naming Tweet (or Text), Target and Stance columns, found '" + found + "'");
                continue;
            }
        }
        std::string stem = file_stem(f.name);
        for (size_t r = first_row; r < rows.size(); ++r) {
            const DelimitedRow& row = rows[r];
            if (row.cells.size() != width) {
                problems.fail(f.name, row.line, "expected " + std::to_string(width) + " comma-separated cells like the header, found " +
                                           std::to_string(row.cells.size()) + " (quote cells holding commas)");
                continue;
            }
            std::optional<StanceRow> in = read_stance_row(f.name, row, {c_id, c_text, c_target, c_stance}, problems);
            if (!in)
                continue;
            std::map<std::string, std::string> meta;
            if (!in->id.empty())
                meta["source_id"] = in->id;
            builder.add(f.name + "\n" + in->id + "\n" + in->text, in->id.empty() ? stem + "-" + std::to_string(r) : in->id,
                        file_base_name(f.name), in->text, in->target, in->polarity, meta);
        }
    }
    problems.throw_if_any();
    if (builder.merged)
        report.notes.push_back(std::to_string(builder.merged) + " rows added a target to a document already read (same text)");
    report.notes.push_back("Stance NONE read as NEUTRAL");
}

static int detect_stance_csv(const InputFile& in)
{
    std::string_view head(in.bytes.data(), std::min<size_t>(in.bytes.size(), 512));
    std::string l = lower_trim(std::string(head.substr(0, head.find('\n'))));
    if (l.find(',') != std::string::npos && l.find("target") != std::string::npos && l.find("stance") != std::string::npos)
        return 90;
    return 0;
}

const Format& stance_csv_format()
{
    static const Format f = [] {
        Format f;
        f.name = "stance-csv";
        f.description = "Stance CSV, P-Stance layout (Tweet,Target,Stance), one row per document-level stance";
        f.offset_unit = "none";
        f.extension = ".csv";
        f.detect = detect_stance_csv;
        f.import_files = import_stance_csv;
        f.export_files = export_stance_csv;
        return f;
    }();
    return f;
}

} // namespace postil
