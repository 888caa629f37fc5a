// Turns one fuzzer input into the files an importer reads. Multi-file formats (brat: .txt +
// .ann) get the bytes split at the first 0x00 byte, so one input exercises both files.
#pragma once
#include "core/formats/format.h"

#include <cstdint>
#include <string>
#include <vector>

namespace postil::fuzz {

inline std::vector<InputFile> files_for(const Format& f, const uint8_t* data, size_t size)
{
    std::string bytes(reinterpret_cast<const char*>(data), size);
    if (f.name == "brat") {
        size_t cut = bytes.find('\0');
        std::string txt = cut == std::string::npos ? bytes : bytes.substr(0, cut);
        std::string ann = cut == std::string::npos ? std::string() : bytes.substr(cut + 1);
        return {{"doc.txt", txt}, {"doc.ann", ann}};
    }
    if (f.name == "hf") {
        size_t cut = bytes.find('\0');
        if (cut != std::string::npos)
            return {{"train.jsonl", bytes.substr(0, cut)}, {"labels.json", bytes.substr(cut + 1)}};
    }
    return {{"input" + f.extension, bytes}};
}

// Imports with and without skip_bad. Only InputError may escape an importer: anything else
// (std::out_of_range, nlohmann exceptions, crashes) is a bug the fuzzer reports.
inline void import_both_ways(const Format& f, const std::vector<InputFile>& files)
{
    for (bool skip : {false, true}) {
        Project p;
        ImportOptions o;
        o.skip_bad = skip;
        try {
            import_into(p, f, files, o);
        } catch (const InputError&) {
        }
    }
}

} // namespace postil::fuzz
