// Small stores that outlive the process: the autosaved project, the settings, the window layout.
//  - Desktop: files, written atomically (core write_file_atomic). Settings and layout in
//    $XDG_CONFIG_HOME/postil (default ~/.config/postil), the autosave in $XDG_DATA_HOME/postil
//    (default ~/.local/share/postil). Writes finish before stored_write() returns.
//  - Web: the browser's IndexedDB (database "postil", object store "files"). web/glue.js reads
//    every entry before main() runs, so reads are synchronous; writes are asynchronous and run
//    one at a time in the glue (a newer write of the same key replaces a queued one).
// Results of writes come back through take_store_results() on both targets, so the UI treats
// them alike and can show a failure instead of swallowing it.
// Big stores (the autosaved project) are written in chunks (stored_write_chunks): on the web
// each chunk goes to JavaScript as it is made, so the file is never whole in the wasm heap.
// Does not do: deciding when to save (ui/autosave.h), project files at user paths (the App).
#pragma once
#include "core/chunk_sink.h"

#include <string>
#include <vector>

namespace postil::platform {

enum class Store { Settings, Layout, Autosave };
const char* store_key(Store s); // "settings.json", "imgui.ini", "autosave.json"

// False if nothing is stored (or it cannot be read: then `error` says why).
bool stored_read(Store s, std::string& out, std::string* error = nullptr);
// Starts writing `bytes`; the outcome arrives through take_store_results().
void stored_write(Store s, std::string bytes);
// Starts writing what `produce` writes into the sink it is given, chunk by chunk (same
// outcome reporting). If `produce` throws, nothing is stored (the old entry stays) and the
// result is a failure carrying the exception's message.
void stored_write_chunks(Store s, const ChunkProducer& produce);
void stored_remove(Store s);
// Where the store lives, for messages ("/home/x/.local/share/postil/autosave.json",
// "IndexedDB postil/autosave.json").
std::string stored_location(Store s);

struct StoreResult {
    Store store = Store::Autosave;
    bool ok = false;
    std::string error; // why it failed
};
std::vector<StoreResult> take_store_results();

} // namespace postil::platform
