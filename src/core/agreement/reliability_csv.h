// Reads plain reliability data from CSV: a header naming the columns `unit`, `annotator` and
// `label` (any order, any case; other columns are ignored), then one row per value.
//   unit,annotator,label
//   u1,ann,PER
//   u1,bob,          <- empty cell: bob saw u1 but gave no value (missing)
//   u2,bob           <- missing cell: same
// RFC 4180: fields may be quoted ("a, ""b"""), quoted fields may span lines, records end with
// LF or CRLF. Unquoted fields lose surrounding spaces/tabs. A UTF-8 BOM is skipped.
// Does not do: other delimiters, wide (one column per annotator) tables, reading files.
#pragma once
#include "core/diagnostic.h"
#include "reliability.h"

#include <string>
#include <string_view>

namespace postil {

// Every problem goes to `diags` (file = `source`, 1-based line and column in code points,
// what was expected); a bad row is skipped and reading goes on. Two different values for the
// same unit and annotator are an error (the first one is kept); repeating the same value is not.
// Returns the data as far as it could be read: check diags.empty().
ReliabilityData read_reliability_csv(std::string_view bytes, const std::string& source,
                                     Diagnostics& diags);

} // namespace postil
