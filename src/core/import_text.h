// Plain-text import: one document per file, text kept verbatim (BOM dropped, CRLF -> LF).
// Does not do: annotated formats (formats/).
#pragma once
#include "model.h"

#include <string>
#include <string_view>

namespace postil {

// Document id derived from the file name (without directory and extension), made unique
// within `p` by a numeric suffix. Throws InputError on invalid UTF-8 (byte offset named).
Document make_text_document(const Project& p, const std::string& name, std::string_view bytes);
// Reads the file and appends it to the project (no undo; for loaders and the CLI).
const Document& import_text_file(Project& p, const std::string& path);

} // namespace postil
