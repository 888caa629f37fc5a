// An in-app file path prompt with a directory listing, for targets without a native file
// picker (the desktop build: no toolkit dependency). Open, import or save-as by path.
// Does not do: reading or writing files (the App does, through the core).
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace postil::ui {

class PathDialog {
public:
    enum class Mode { Open, ImportText, SaveAs };
    using Done = std::function<void(const std::string& path)>;

    void show(Mode mode, const std::string& start_path, Done done);
    void drawContent(); // call inside a window, every frame

private:
    void list_directory();

    Mode mode_ = Mode::Open;
    Done done_;
    bool open_requested_ = false;
    char path_[2048] = {};
    std::string listed_dir_;
    struct Entry {
        std::string name;
        bool is_dir = false;
    };
    std::vector<Entry> entries_;
    std::string list_error_;
};

} // namespace postil::ui
