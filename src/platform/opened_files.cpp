// The queue of files waiting to be opened (platform.h): filled by command-line arguments,
// drag-and-drop and the web file picker, drained by the app once per frame.
// Shared by every target; single-threaded (callbacks and JS run on the main thread).
#include "platform.h"

#include <utility>

namespace postil::platform {

namespace {
std::vector<OpenedFile>& queue()
{
    static std::vector<OpenedFile> q;
    return q;
}
} // namespace

void push_opened_file(OpenedFile file) { queue().push_back(std::move(file)); }

std::vector<OpenedFile> take_opened_files()
{
    std::vector<OpenedFile> out;
    out.swap(queue());
    return out;
}

} // namespace postil::platform
