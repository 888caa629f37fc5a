// Fragment shader for Dear ImGui draw lists: vertex colour times texture (the font atlas, or
// any ImTextureID). Same source for desktop GL 3.3 and WebGL2 (#version prepended at build).
uniform sampler2D u_texture;

in vec2 v_uv;
in vec4 v_color;

layout(location = 0) out vec4 o_color;

void main()
{
    o_color = v_color * texture(u_texture, v_uv);
}
