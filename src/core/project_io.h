// The project file ("postil-project", JSON): load with full validation, save deterministically.
// Same project -> byte-identical file: keys sorted, records sorted, stable ids, fixed indent.
// Does not do: other formats (formats/), file system policy beyond atomic writes.
#pragma once
#include "chunk_sink.h"
#include "diagnostic.h"
#include "model.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>

namespace postil {

nlohmann::json project_to_json(const Project& p);
std::string save_project_string(const Project& p); // the file's bytes (ends with '\n')
// The same bytes handed to `sink` in chunks of about kChunkSize (one longer document text may
// make a chunk longer): the file is never whole in memory. Throws json::type_error (before or
// after some chunks) if a string is not valid UTF-8, as save_project_string does.
void save_project(const Project& p, ChunkSink& sink);

// Parses and validates; throws InputError with every problem (JSON path, or line:column for
// syntax errors). `source` names the file in diagnostics.
Project load_project_string(std::string_view bytes, const std::string& source = {});
Project project_from_json(const nlohmann::json& j, const std::string& source = {});
// The first half of load_project_string: JSON syntax only (errors with line:column), for
// callers that spread opening a big file over two frames.
nlohmann::json parse_project_json(std::string_view bytes, const std::string& source = {});

// [SECTION] files
// Reads a whole file; throws InputError (naming the file) if it cannot.
std::string read_file(const std::string& path);
// Writes via a temporary file in the same directory + rename, so a crash never leaves a
// half-written file. Throws InputError on failure; the old file is then untouched.
void write_file_atomic(const std::string& path, std::string_view bytes);
// The same, streamed: `produce` writes the bytes into the temporary file through a sink. If it
// throws, the temporary file is removed, the old file is untouched and the exception passes on.
void write_file_atomic(const std::string& path, const ChunkProducer& produce);

Project load_project_file(const std::string& path);
void save_project_file(const Project& p, const std::string& path); // streamed (save_project)

// Checks the referential integrity of a project already in memory (mention types exist in
// the schema, spans inside their text, stance refs resolve ...). Empty = valid.
Diagnostics validate_project(const Project& p);

} // namespace postil
