// Vertex shader for Dear ImGui draw lists (one source for desktop GL 3.3 and WebGL2).
// The #version line (and, for GLSL ES, precision) is prepended at build time by
// cmake/EmbedShaders.cmake; keep this file to the common subset of GLSL 330 and GLSL ES 300.
layout(location = 0) in vec2 a_position; // ImDrawVert::pos, in ImGui display coordinates
layout(location = 1) in vec2 a_uv;       // ImDrawVert::uv
layout(location = 2) in vec4 a_color;    // ImDrawVert::col, normalised RGBA bytes

uniform mat4 u_projection;               // display rectangle -> clip space

out vec2 v_uv;
out vec4 v_color;

void main()
{
    v_uv = a_uv;
    v_color = a_color;
    gl_Position = u_projection * vec4(a_position, 0.0, 1.0);
}
