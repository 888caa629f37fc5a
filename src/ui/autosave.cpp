// Autosave. See autosave.h.
#include "autosave.h"

#include "app.h"
#include "platform/platform.h"
#include "platform/storage.h"

#include "core/project_io.h"

namespace postil::ui {

namespace {
constexpr double kDelay = 0.5;      // seconds from the first change to the write
constexpr double kRetryDelay = 3.0; // after a failed write
} // namespace

// Both counters only grow, so their sum changes whenever either does.
uint64_t Autosave::current_key() const { return app_.history().revision() + app_.generation(); }

bool Autosave::pending() const { return !have_saved_key_ || saved_key_ != current_key(); }

std::string Autosave::target() const
{
    if (platform::saves_to_paths() && !app_.project_path().empty())
        return app_.project_path();
    return platform::stored_location(platform::Store::Autosave);
}

void Autosave::mark_current()
{
    saved_key_ = current_key();
    have_saved_key_ = true;
    first_change_at_ = -1.0;
}

void Autosave::mark_changed(double now)
{
    have_saved_key_ = false;
    if (first_change_at_ < 0.0)
        first_change_at_ = now;
}

void Autosave::update(double now)
{
    if (!pending()) {
        first_change_at_ = -1.0;
        return;
    }
    if (first_change_at_ < 0.0)
        first_change_at_ = now;
    if (in_flight_ || now < retry_at_)
        return; // one write at a time; this change is written when the current one ends
    if (now - first_change_at_ >= kDelay)
        start_write(now);
}

void Autosave::flush(double now)
{
    if (pending() && !in_flight_)
        start_write(now);
}

void Autosave::start_write(double now)
{
    const uint64_t key = current_key();
    in_flight_key_ = key;
    in_flight_ = true;
    last_wait_ = first_change_at_ >= 0.0 ? now - first_change_at_ : 0.0;
    first_change_at_ = -1.0;
    // Written in chunks as it is made (core save_project): a 100 MB corpus's project file is
    // never whole in memory next to the project.
    const App& app = app_;
    const ChunkProducer produce = [&app](ChunkSink& sink) { app.write_project_file(sink); };
    if (platform::saves_to_paths() && !app_.project_path().empty()) {
        // The project's own file: synchronous, and the project counts as saved afterwards.
        in_flight_to_path_ = true;
        try {
            write_file_atomic(app_.project_path(), produce);
            app_.history().mark_saved();
            store_finished(true, {}, now);
        } catch (const InputError& e) {
            store_finished(false, e.what(), now);
        } catch (const std::exception& e) { // e.g. a string that is not UTF-8: nothing written
            store_finished(false, e.what(), now);
        }
        return;
    }
    in_flight_to_path_ = false;
    platform::stored_write_chunks(platform::Store::Autosave, produce); // result comes later
}

void Autosave::store_finished(bool ok, const std::string& error, double now)
{
    if (!in_flight_)
        return;
    in_flight_ = false;
    if (ok) {
        saved_key_ = in_flight_key_;
        have_saved_key_ = true;
        last_saved_at_ = now;
        ++saves_;
        error_.clear();
        reported_error_.clear();
        if (pending())
            first_change_at_ = now; // the change made during the write: write it soon
        return;
    }
    error_ = "Autosave to " + target() + " failed: " + error;
    retry_at_ = now + kRetryDelay;
    if (first_change_at_ < 0.0)
        first_change_at_ = now;
    if (error != reported_error_) { // once per distinct failure, not at every retry
        reported_error_ = error;
        Diagnostic d;
        d.file = target();
        d.message = error + " (your changes are still in memory; Postil retries every few seconds)";
        app_.show_problems("Autosave failed", {d});
    }
}

} // namespace postil::ui
