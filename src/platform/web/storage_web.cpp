// storage.h for the browser: IndexedDB through web/glue.js (window.postilGlue.storage*).
// The glue loads every stored entry before main() runs (a run dependency), so reads here are
// synchronous copies out of its cache; writes go to the glue's queue and report back through
// postil_store_done(). A chunked write (the autosave) hands each chunk to the glue as it is
// made: the glue stores them as one Blob, and the project file never sits whole in the heap.
// Does not do: IndexedDB itself (glue.js), deciding when to save (ui/autosave.h).
#include "platform/storage.h"

#include <emscripten.h>

#include <exception>
#include <string>

// [SECTION] JS side
// Size of the stored bytes, or -1 if nothing is stored.
EM_JS(int, js_stored_size, (const char* key), {
    const glue = window.postilGlue;
    return glue ? glue.storageSize(UTF8ToString(key)) : -1;
});
// Copies the stored bytes to `dest` (js_stored_size bytes).
EM_JS(void, js_stored_copy, (const char* key, char* dest), {
    window.postilGlue.storageCopy(UTF8ToString(key), HEAPU8, dest);
});
EM_JS(void, js_stored_write, (const char* key, const char* data, int size), {
    const glue = window.postilGlue;
    const k = UTF8ToString(key);
    if (!glue) { _postil_store_failed_now(key); return; }
    glue.storageWrite(k, HEAPU8.slice(data, data + size)); // copied: the heap may move
});
// A chunked write: begin (0 = no glue), the chunks in order, then end (ok = 0 drops them).
EM_JS(int, js_store_begin, (const char* key), {
    const glue = window.postilGlue;
    return glue ? glue.storageBegin(UTF8ToString(key)) : 0;
});
EM_JS(void, js_store_chunk, (int handle, const char* data, int size), {
    window.postilGlue.storageChunk(handle, HEAPU8.subarray(data, data + size)); // a view: the glue's Blob copies it
});
EM_JS(void, js_store_end, (int handle, int ok), {
    window.postilGlue.storageEnd(handle, ok !== 0);
});
EM_JS(void, js_stored_remove, (const char* key), {
    const glue = window.postilGlue;
    if (glue) glue.storageWrite(UTF8ToString(key), null);
});

extern "C" void postil_store_done(const char* key, int ok, const char* error);

namespace postil::platform {

namespace {
std::vector<StoreResult>& results()
{
    static std::vector<StoreResult> r;
    return r;
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

std::string stored_location(Store s) { return std::string("IndexedDB postil/") + store_key(s); }

bool stored_read(Store s, std::string& out, std::string*)
{
    const int size = js_stored_size(store_key(s));
    if (size < 0)
        return false;
    out.resize(static_cast<size_t>(size)); // the glue copies straight into the string
    if (size > 0)
        js_stored_copy(store_key(s), out.data());
    return true;
}

void stored_write(Store s, std::string bytes)
{
    js_stored_write(store_key(s), bytes.data(), static_cast<int>(bytes.size()));
}

namespace {
class GlueSink : public ChunkSink {
public:
    explicit GlueSink(int handle) : handle_(handle) {}
    void write(std::string_view bytes) override
    {
        if (!bytes.empty())
            js_store_chunk(handle_, bytes.data(), static_cast<int>(bytes.size()));
    }
private:
    int handle_;
};
} // namespace

void stored_write_chunks(Store s, const ChunkProducer& produce)
{
    const int handle = js_store_begin(store_key(s));
    if (!handle) {
        postil_store_done(store_key(s), 0, "no storage glue on this page");
        return;
    }
    GlueSink sink(handle);
    try {
        produce(sink);
    } catch (const std::exception& e) {
        js_store_end(handle, 0); // nothing stored: the previous entry stays
        postil_store_done(store_key(s), 0, e.what());
        return;
    }
    js_store_end(handle, 1);
}

void stored_remove(Store s) { js_stored_remove(store_key(s)); }

std::vector<StoreResult> take_store_results()
{
    std::vector<StoreResult> out;
    out.swap(results());
    return out;
}

} // namespace postil::platform

namespace {
bool store_from_key(const std::string& key, postil::platform::Store& out)
{
    using postil::platform::Store;
    for (Store s : {Store::Settings, Store::Layout, Store::Autosave})
        if (key == postil::platform::store_key(s)) {
            out = s;
            return true;
        }
    return false;
}
} // namespace

// [SECTION] exported to JS
extern "C" {

// The glue finished a write: ok = 1, or 0 with the browser's error message.
EMSCRIPTEN_KEEPALIVE void postil_store_done(const char* key, int ok, const char* error)
{
    postil::platform::StoreResult r;
    if (!store_from_key(key ? key : "", r.store))
        return;
    r.ok = ok != 0;
    if (!r.ok)
        r.error = error && error[0] ? error : "IndexedDB write failed";
    postil::platform::results().push_back(std::move(r));
}

// No glue at all (should not happen in the shipped page): report instead of pretending.
EMSCRIPTEN_KEEPALIVE void postil_store_failed_now(const char* key)
{
    postil_store_done(key, 0, "no storage glue on this page");
}

} // extern "C"
