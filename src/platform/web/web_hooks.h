// What the web automation hooks (automation_web.cpp) need from the web main (main_web.cpp):
// the GUI host and a way to draw one frame now, and the frame timer the main loop feeds.
// Also the text-field bridge the main installs (text_input_web.cpp).
// Does not do: anything on the desktop (web build only).
#pragma once

namespace postil::platform {
class GuiHost;
}

namespace postil::platform::web {

GuiHost* host();   // null before main() set it up (main_web.cpp)
void draw_frame(); // one frame, exactly as the browser's animation loop runs it (main_web.cpp)
// CPU time of one frame's update + render, in milliseconds (automation_web.cpp keeps them
// for window.postil.frameStats()).
void record_frame_time(double ms);
// Text fields through the page's hidden text area (text_input_web.cpp): install once after the
// ImGui context exists; sync after each frame (tells the page when a field wants text).
void install_text_input();
void sync_text_input();

} // namespace postil::platform::web
