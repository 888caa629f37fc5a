// Small helpers shared by the line-based standoff formats (brat .ann/.txt, WebAnno TSV 3.3):
// numbered lines, strict unsigned numbers, code point columns and short quotes for
// diagnostics, file names from document ids, polarity lookup by any case, and where a file's
// bad records go (--skip-bad or not).
// Does not do: parsing either format (brat.cpp, webanno.cpp), anything JSON (json_util.h).
#pragma once
#include "format.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace postil::standoff {

std::string base_name(const std::string& path); // "a/b/c.ann" -> "c.ann"
std::string lower(std::string s);               // ASCII letters only
// 1-based column in code points of byte `pos` of a valid UTF-8 line.
int column_of(std::string_view line, size_t pos);
// Unsigned decimal without sign or spaces, below 2^31 (no exceptions, unlike std::stoul).
bool parse_uint(std::string_view s, uint32_t& out);
// 'text' for messages, cut after 60 bytes (never inside a UTF-8 sequence) with "...".
std::string quote_short(std::string_view s);
// Lines without their "\n" or "\r\n", each with its 1-based number.
std::vector<std::pair<std::string_view, int>> split_lines(std::string_view s);
// A document id made safe as a file name on every OS ("doc" if empty; no leading dot).
std::string file_base(const std::string& id);
// The schema polarity whose id equals `v` ignoring ASCII case, or null.
const Polarity* polarity_ci(const Schema& s, const std::string& v);
// A file's bad records: into report.skipped under --skip-bad, else into `errors` (the import
// then fails as a whole). Returns true if they went to `errors`.
bool keep_errors(const Diagnostics& errs, bool skip_bad, Diagnostics& errors, ImportReport& report);

} // namespace postil::standoff
