// storage.h for the desktop: files in the XDG config and data directories, atomic writes.
// Does not do: asynchronous work (writes are small and finish before returning).
#include "platform/storage.h"

#include "core/project_io.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace postil::platform {

namespace {

std::vector<StoreResult>& results()
{
    static std::vector<StoreResult> r;
    return r;
}

// $XDG_<kind>_HOME/postil, else ~/<fallback>/postil. Relative XDG values are ignored, as
// the XDG spec says.
std::filesystem::path base_dir(const char* xdg_var, const char* fallback)
{
    const char* xdg = std::getenv(xdg_var);
    if (xdg && xdg[0] == '/')
        return std::filesystem::path(xdg) / "postil";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home && home[0] ? home : ".") / fallback / "postil";
}

std::filesystem::path store_path(Store s)
{
    if (s == Store::Autosave)
        return base_dir("XDG_DATA_HOME", ".local/share") / store_key(s);
    return base_dir("XDG_CONFIG_HOME", ".config") / store_key(s);
}

} // namespace

const char* store_key(Store s)
{
    switch (s) {
    case Store::Settings: return "settings.json";
    case Store::Layout: return "imgui.ini";
    case Store::Autosave: return "autosave.json";
    }
    return "unknown";
}

std::string stored_location(Store s) { return store_path(s).string(); }

bool stored_read(Store s, std::string& out, std::string* error)
{
    const std::filesystem::path p = store_path(s);
    std::error_code ec;
    if (!std::filesystem::exists(p, ec))
        return false;
    try {
        out = read_file(p.string());
        return true;
    } catch (const InputError& e) {
        if (error)
            *error = e.what();
        return false;
    }
}

void stored_write(Store s, std::string bytes)
{
    stored_write_chunks(s, [&bytes](ChunkSink& sink) { sink.write(bytes); });
}

void stored_write_chunks(Store s, const ChunkProducer& produce)
{
    StoreResult r;
    r.store = s;
    const std::filesystem::path p = store_path(s);
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
    try {
        write_file_atomic(p.string(), produce); // streamed into the temporary file
        r.ok = true;
    } catch (const InputError& e) {
        r.error = e.what();
    } catch (const std::exception& e) { // the producer's own failure (e.g. invalid UTF-8)
        r.error = e.what();
    }
    results().push_back(std::move(r));
}

void stored_remove(Store s)
{
    std::error_code ec;
    std::filesystem::remove(store_path(s), ec);
}

std::vector<StoreResult> take_store_results()
{
    std::vector<StoreResult> out;
    out.swap(results());
    return out;
}

} // namespace postil::platform
