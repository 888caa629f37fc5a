// Shared by the document-level stance table formats (stance-semeval TSV, stance-csv):
// a lenient RFC 4180 reader for CSV/TSV, the checks of one data row (label, empty cells) and
// where its problems go (--skip-bad or not), the polarity vocabulary of stance datasets
// (FAVOR / AGAINST / NONE, where Postil says NEUTRAL), targets found or created by name, and
// the rows an export writes (one per document-level stance).
// Does not do: file layouts (each format's file), span-level stances (no table format has them).
#pragma once
#include "format.h"
#include "iob.h" // IdAllocator, file names

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace postil::stance_table {

// [SECTION] delimited text

struct DelimitedRow {
    int line = 0;                    // 1-based line where the row starts
    std::vector<std::string> cells;
};
// Splits normalised text into rows and cells. A cell starting with '"' runs to its closing
// quote ("" is a quote; newlines and separators inside are kept); if text follows the closing
// quote before the separator, the cell is read raw instead (tweets often start with a quote).
// Blank lines are skipped.
std::vector<DelimitedRow> parse_delimited(std::string_view text, char sep);
// Undoes csv_cell's formula guard: "'=x" -> "=x" (only before = + - @ TAB CR).
std::string unguard_cell(std::string cell);
// True if csv_cell would prefix this value with a quote.
bool cell_needs_guard(const std::string& value);
// A header cell as compared with column names: lower case, without spaces, TABs and CRs.
std::string lower_trim(const std::string& s);

// [SECTION] rows in

// Where bad rows go: to report.skipped under --skip-bad, else kept for one InputError at the
// end (a file with any bad row imports nothing).
struct RowProblems {
    const ImportOptions& opts;
    ImportReport& report;
    Diagnostics bad;
    void fail(const std::string& file, int line, const std::string& message);
    void throw_if_any() const; // InputError with every bad row
};

// Column positions in a row (-1: the table has no such column; only `id` may be missing).
struct StanceColumns {
    int id = -1, text = -1, target = -1, stance = -1;
};
// One data row's cells (formula guards removed) with its label read as a Postil polarity.
struct StanceRow {
    std::string id, text, target, label, polarity;
};
// Reads a row whose width was checked; nullopt after reporting a bad stance label or an
// empty text or target cell.
std::optional<StanceRow> read_stance_row(const std::string& file, const DelimitedRow& row, const StanceColumns& c,
                                         RowProblems& problems);

// [SECTION] stance vocabulary

// Postil polarity id -> dataset label: NEUTRAL -> NONE, others unchanged.
std::string polarity_to_dataset_label(const std::string& polarity);
// Dataset label (any case) -> Postil polarity id: FAVOR, AGAINST, NONE/NEUTRAL -> NEUTRAL.
std::optional<std::string> polarity_from_dataset_label(const std::string& label);
// Adds FAVOR / AGAINST / NEUTRAL (as in default_schema) to a schema lacking them.
void ensure_polarity(Schema& s, const std::string& id);
// Target id for a name: an existing target with that name or id, else a new one whose id is
// the name made into a slug ("Climate Change is a Real Concern" -> "climate-change-is-a-real-concern").
std::string ensure_target(Schema& s, const std::string& name);

// [SECTION] building documents from rows

// Rows -> documents with a document-level stance each. Rows with the same key (ID column, or the
// text when there is no ID) and the same text go to one document, as long as they name a new
// target; otherwise a new document is made.
struct StanceTableBuilder {
    Project& out;
    iob::IdAllocator ids;
    std::map<std::string, std::vector<size_t>> by_key; // key -> indices into out.documents
    std::set<std::pair<std::string, std::string>> doc_targets; // (document, target) already stated
    size_t merged = 0;

    explicit StanceTableBuilder(Project& p) : out(p), ids(p) {}
    // Returns the document id used.
    std::string add(const std::string& key, const std::string& id_stem, const std::string& name, const std::string& text,
                    const std::string& target_name, const std::string& polarity,
                    const std::map<std::string, std::string>& meta = {});
};

// [SECTION] export rows

struct StanceExportRow {
    const Document* doc = nullptr;
    std::string target_name;  // schema target name (its id if unnamed)
    std::string label;        // FAVOR / AGAINST / NONE (or a custom polarity id)
};
// One row per document-level stance, in document order then target order. Adds to `report`
// what the table cannot hold; throws InputError under opts.strict for polarities the datasets'
// vocabulary lacks.
std::vector<StanceExportRow> stance_export_rows(const Project& p, const ExportOptions& opts, ExportReport& report,
                                                const std::string& format_name);

} // namespace postil::stance_table
