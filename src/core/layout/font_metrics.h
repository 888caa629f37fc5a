// FontMetrics: what the text layout needs to know about a font - advance widths, line height,
// ascent - at the current font size. The UI implements it on top of ImGui's font; tests and
// benchmarks use MonospaceMetrics or their own table-driven fakes.
// The layout calls advance() once per distinct code point of a text (it caches the results), so
// implementations may be slow-ish (a glyph lookup) but must be consistent.
// Does not do: kerning, shaping, ligatures, bidi (ImGui's text renderer does none of them either,
// so per-code-point advances reproduce exactly what ImGui draws).
#pragma once

namespace postil {

class FontMetrics {
public:
    virtual ~FontMetrics() = default;
    // Horizontal advance of one code point, in pixels. Never called for '\n'.
    virtual float advance(char32_t cp) const = 0;
    // Distance between the tops of two consecutive undecorated lines.
    virtual float line_height() const = 0;
    // Distance from the top of a line to its baseline.
    virtual float ascent() const { return line_height() * 0.8f; }
};

// Every code point is `width` pixels wide. Handy for tests, the CLI and benchmarks.
class MonospaceMetrics : public FontMetrics {
public:
    explicit MonospaceMetrics(float width = 8.0f, float line_height = 16.0f)
        : width_(width), line_height_(line_height) {}
    float advance(char32_t) const override { return width_; }
    float line_height() const override { return line_height_; }

private:
    float width_;
    float line_height_;
};

} // namespace postil
