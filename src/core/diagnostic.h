// Diagnostics: one problem found in an input (file, line/column or JSON path, message).
// Every parser and validator in the core reports problems this way; front ends print them.
// Does not do: I/O, formatting for a particular UI.
#pragma once
#include <string>
#include <vector>

namespace postil {

struct Diagnostic {
    std::string file;      // empty when the input was not a file (a string, stdin)
    int line = 0;          // 1-based; 0 when unknown / not line-based
    int column = 0;        // 1-based, in code points; 0 when unknown
    std::string json_path; // e.g. "/documents/3/text"; empty when not JSON
    std::string message;   // what is wrong and what was expected

    // "file:line:col: message" or "file: /json/path: message".
    std::string to_string() const;
};

using Diagnostics = std::vector<Diagnostic>;

// Thrown by loaders that refuse a whole input; carries every problem found.
struct InputError {
    Diagnostics diagnostics;
    std::string what() const; // all diagnostics, one per line
};

} // namespace postil
