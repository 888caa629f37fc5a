// Our Dear ImGui renderer for OpenGL 3.3 core and WebGL2 (OpenGL ES 3.0): draws ImDrawData
// with the shaders in shaders/ (embedded at build time), and serves ImGui 1.92's texture
// requests (ImDrawData::Textures: create / update / destroy), so fonts grow on demand.
// 32-bit indices only (ImDrawIdx is unsigned int in src/ui/config/postil_imconfig.h).
// Does not do: GL context creation, clearing, swapping, or saving/restoring foreign GL state
// (this renderer owns the context it draws into).
#pragma once
#include "gl.h"

#include <string>
#include <vector>

struct ImDrawData;
struct ImTextureData;

namespace postil::gl {

class Renderer {
public:
    // Compiles the shaders and creates the buffers; sets io.BackendFlags. Needs a current
    // context and an ImGui context. On failure returns false and says why in `error`.
    bool init(std::string& error);
    // Frees every GL object, including the textures ImGui asked for.
    void shutdown();
    // Applies pending texture requests, then draws. Call after ImGui::Render().
    void render(ImDrawData* draw_data);

private:
    void update_texture(ImTextureData* tex);
    void setup_state(ImDrawData* draw_data, int fb_width, int fb_height);

    GLuint program_ = 0;
    GLuint vao_ = 0, vbo_ = 0, ebo_ = 0;
    GLint u_projection_ = -1, u_texture_ = -1;
    std::vector<unsigned char> staging_; // contiguous copy of a texture sub-rectangle
};

} // namespace postil::gl
