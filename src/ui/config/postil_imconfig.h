// Postil's Dear ImGui configuration (IMGUI_USER_CONFIG, see cmake/ImGui.cmake).
// Does not do: anything at run time; these are compile-time switches for all of ImGui.
#pragma once

// 32-bit indices: one document window can pass 65,535 vertices, and WebGL would otherwise
// use 16-bit indices (our renderer also relies on this: it never needs VtxOffset).
#define ImDrawIdx unsigned int

// Code points above U+FFFF (emoji such as U+1F534) must reach the font loader.
#define IMGUI_USE_WCHAR32

// No deprecated names: keeps our code on the 1.92 API.
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
