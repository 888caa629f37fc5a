// Never lose work: writes the project within a second of every change.
//  - Desktop, project with a path: to that file (atomic write), and the project counts as saved.
//  - Otherwise (web always; desktop before a first Save as): to the autosave store
//    (platform/storage.h: IndexedDB on the web, $XDG_DATA_HOME/postil/autosave.json on desktop).
// A change is any History revision or App::touch() (e.g. the annotator name). The first change
// starts a 0.5 s timer; edits meanwhile join the same write. At most one write is in flight; a
// change during it is written when it finishes (one pending save, never two at once).
// A failed write is kept as error() (status bar) and shown once in the Problems dialog; it is
// retried every few seconds.
// Does not do: restoring at startup (the App reads the store), serialisation (core).
#pragma once
#include <cstdint>
#include <string>

namespace postil::ui {

class App;

class Autosave {
public:
    explicit Autosave(App& app) : app_(app) {}
    void update(double now); // every frame
    void flush(double now);  // write now if anything changed (page hidden, quit)
    // The project as it is now is already stored (just restored, or opened from its file).
    void mark_current();
    // The project as it is now is not stored anywhere yet (opened from a download, imported).
    void mark_changed(double now);

    const std::string& error() const { return error_; }
    bool pending() const;        // changes not written yet
    bool in_flight() const { return in_flight_; }
    double last_saved_at() const { return last_saved_at_; }
    // Seconds the last write waited after the change was first seen (the "within a second"
    // promise, measured on the app's clock so tests need not time a loaded machine).
    double last_wait() const { return last_wait_; }
    uint64_t saves() const { return saves_; } // successful writes since start
    std::string target() const; // where the next write goes
    // The App hands over results of Store::Autosave writes (platform::take_store_results).
    void store_finished(bool ok, const std::string& error, double now);

private:
    uint64_t current_key() const;
    void start_write(double now);

    App& app_;
    uint64_t saved_key_ = 0;     // state known to be stored
    bool have_saved_key_ = false;
    uint64_t in_flight_key_ = 0;
    bool in_flight_ = false;
    bool in_flight_to_path_ = false;
    double first_change_at_ = -1.0; // when the unsaved change was first seen
    double retry_at_ = 0.0;
    double last_saved_at_ = -1.0;
    double last_wait_ = -1.0;
    uint64_t saves_ = 0;
    std::string error_, reported_error_;
};

} // namespace postil::ui
