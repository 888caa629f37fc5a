// A destination for bytes written in order, a bounded chunk at a time: a big file (the project
// file of a 100 MB corpus is ~115 MB) goes out without ever being whole in memory.
// Implemented by core (a string, an atomic file: project_io.h) and by the platforms (the web
// app hands each chunk to JavaScript: src/platform/web/storage_web.cpp).
// Does not do: several files (formats/format.h ExportSink names the file of each chunk).
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace postil {

struct ChunkSink {
    virtual ~ChunkSink() = default;
    // The next bytes; they are only valid during the call (the writer reuses its buffer).
    virtual void write(std::string_view bytes) = 0;
};

// Writers flush when their buffer reaches about this many bytes.
inline constexpr size_t kChunkSize = size_t(1) << 20;

// Collects everything into one string (for callers that need the bytes whole).
struct StringSink : ChunkSink {
    std::string bytes;
    void write(std::string_view b) override { bytes.append(b); }
};

// Writes a whole output into the sink it is given (e.g. [&](ChunkSink& s) { save_project(p, s); }).
using ChunkProducer = std::function<void(ChunkSink&)>;

} // namespace postil
