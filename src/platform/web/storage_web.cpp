// storage.h for the browser: IndexedDB through web/glue.js (window.postilGlue.storage*).
// The glue loads every stored entry before main() runs (a run dependency), so reads here are
// synchronous copies out of its cache; writes go to the glue's queue and report back through
// postil_store_done().
// Does not do: IndexedDB itself (glue.js), deciding when to save (ui/autosave.h).
#include "platform/storage.h"

#include <emscripten.h>

#include <cstdlib>
#include <string>

// [SECTION] JS side
// Returns a malloc'd copy of the stored bytes (length in *size), or 0 if nothing is stored.
EM_JS(char*, js_stored_read, (const char* key, int* size), {
    const glue = window.postilGlue;
    const bytes = glue ? glue.storageRead(UTF8ToString(key)) : null;
    if (!bytes) return 0;
    const ptr = _malloc(Math.max(1, bytes.length));
    HEAPU8.set(bytes, ptr);
    HEAP32[size >> 2] = bytes.length;
    return ptr;
});
EM_JS(void, js_stored_write, (const char* key, const char* data, int size), {
    const glue = window.postilGlue;
    const k = UTF8ToString(key);
    if (!glue) { _postil_store_failed_now(key); return; }
    glue.storageWrite(k, HEAPU8.slice(data, data + size)); // copied: the heap may move
});
EM_JS(void, js_stored_remove, (const char* key), {
    const glue = window.postilGlue;
    if (glue) glue.storageWrite(UTF8ToString(key), null);
});

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
    int size = 0;
    char* p = js_stored_read(store_key(s), &size);
    if (!p)
        return false;
    out.assign(p, static_cast<size_t>(size));
    std::free(p);
    return true;
}

void stored_write(Store s, std::string bytes)
{
    js_stored_write(store_key(s), bytes.data(), static_cast<int>(bytes.size()));
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
