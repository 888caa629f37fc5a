// TextLayout implementation: measuring into pieces, greedy wrapping, geometry queries.
// See text_layout.h for the line-breaking rules and the cost model.
#include "text_layout.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace postil {

// [SECTION] character classes

namespace {

// Widths are sums of floats; a word that fits "exactly" must not be pushed to the next line
// by rounding noise.
constexpr float kFitEpsilon = 1e-3f;

bool is_break_space(char32_t c)
{
    if (c == ' ' || c == '\t')
        return true;
    if (c < 0x1680)
        return false; // fast path: NBSP U+00A0 lands here and is not breakable
    return c == 0x1680 || (c >= 0x2000 && c <= 0x2006) || (c >= 0x2008 && c <= 0x200B) ||
           c == 0x205F || c == 0x3000; // U+2007 figure space and U+202F are non-breaking
}

bool is_hyphen(char32_t c) { return c == '-' || c == 0x2010; }

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// Closing punctuation a line must not start with, even after an ordinary space (French
// typography puts a space before ! ? : ; % and », and real texts often use a plain space).
bool no_break_before(char32_t c)
{
    switch (c) {
    case '!': case '?': case ':': case ';': case '%': case ')': case ']': case '}':
    case ',': case '.': case 0xBB /* » */: case 0x203A /* › */:
        return true;
    default:
        return false;
    }
}

// Opening quotes a line must not end with: « mot » stays together even with plain spaces.
bool no_break_after(char32_t c) { return c == 0xAB /* « */ || c == 0x2039 /* ‹ */; }

bool is_ideograph(char32_t c)
{
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x3FFFF);
}

// Decodes the code point at p[i] (valid UTF-8) and advances i. ASCII is the hot path.
inline char32_t next_cp(const unsigned char* p, size_t& i)
{
    unsigned char c = p[i];
    if (c < 0x80) {
        ++i;
        return c;
    }
    if (c < 0xE0) {
        char32_t cp = (char32_t(c & 0x1F) << 6) | (p[i + 1] & 0x3F);
        i += 2;
        return cp;
    }
    if (c < 0xF0) {
        char32_t cp = (char32_t(c & 0x0F) << 12) | (char32_t(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
        i += 3;
        return cp;
    }
    char32_t cp = (char32_t(c & 0x07) << 18) | (char32_t(p[i + 1] & 0x3F) << 12) |
                  (char32_t(p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
    i += 4;
    return cp;
}

} // namespace

// [SECTION] building

TextLayout::TextLayout()
{
    build(nullptr, MonospaceMetrics(0.0f, 0.0f), 0.0f);
}

TextLayout::TextLayout(TextPtr text, const FontMetrics& metrics, float wrap_width, WrapOptions options)
{
    build(std::move(text), metrics, wrap_width, options);
}

void TextLayout::build(TextPtr text, const FontMetrics& metrics, float wrap_width, WrapOptions options)
{
    text_ = text ? std::move(text) : std::make_shared<const Text>();
    options_ = options;
    wrap_width_ = wrap_width;
    bmp_advance_.clear();
    astral_advance_.clear();
    measure(metrics);
    wrap();
}

void TextLayout::set_wrap_width(float wrap_width)
{
    wrap_width_ = wrap_width;
    wrap();
}

void TextLayout::set_metrics(const FontMetrics& metrics)
{
    // Another font or size: every cached advance is stale.
    bmp_advance_.clear();
    astral_advance_.clear();
    measure(metrics);
    wrap();
}

float TextLayout::measure_cp(const FontMetrics& metrics, char32_t cp)
{
    if (cp < 0x10000) {
        float& a = bmp_advance_[cp];
        if (a < 0)
            a = std::max(0.0f, metrics.advance(cp));
        return a;
    }
    auto it = astral_advance_.find(cp);
    if (it != astral_advance_.end())
        return it->second;
    float a = std::max(0.0f, metrics.advance(cp));
    astral_advance_.emplace(cp, a);
    return a;
}

float TextLayout::astral_advance(char32_t cp) const
{
    auto it = astral_advance_.find(cp);
    return it != astral_advance_.end() ? it->second : 0.0f;
}

// One pass over the UTF-8 bytes: measures every code point (through the cache) and cuts the text
// into paragraphs and pieces. Nothing here depends on the wrap width.
void TextLayout::measure(const FontMetrics& metrics)
{
    line_height_ = metrics.line_height();
    ascent_ = metrics.ascent();
    pieces_.clear();
    paragraphs_.clear();
    const std::string& bytes = text_->utf8();
    if (!bytes.empty() && bmp_advance_.empty())
        bmp_advance_.assign(0x10000, -1.0f);
    pieces_.reserve(bytes.size() / 6 + 16); // French averages ~6.5 bytes per word + space

    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const size_t n = bytes.size();
    size_t i = 0;
    uint32_t cp_index = 0;
    Paragraph para{0, 0, 0, 0};
    uint32_t piece_start = 0, space_start = 0;
    float word_w = 0, space_w = 0;
    bool in_space = false;
    char32_t prev = 0;         // previous code point in the paragraph (0 at its start)
    char32_t prev_nonspace = 0;

    auto close_piece = [&](uint32_t end) {
        pieces_.push_back(Piece{piece_start, in_space ? space_start : end, end, word_w, space_w});
        piece_start = end;
        word_w = space_w = 0;
        in_space = false;
    };

    while (i < n) {
        char32_t cp = next_cp(p, i);
        if (cp == '\n') {
            if (cp_index > piece_start)
                close_piece(cp_index);
            para.end = cp_index;
            para.last_piece = static_cast<uint32_t>(pieces_.size());
            paragraphs_.push_back(para);
            ++cp_index;
            para = Paragraph{cp_index, cp_index, para.last_piece, para.last_piece};
            piece_start = cp_index;
            prev = prev_nonspace = 0;
            continue;
        }
        float a = measure_cp(metrics, cp);
        if (is_break_space(cp)) {
            if (!in_space) {
                in_space = true;
                space_start = cp_index;
            }
            space_w += a;
        } else {
            if (in_space) {
                // A break opportunity before cp, unless French spacing glues the two words.
                if (options_.french_spacing && (no_break_before(cp) || no_break_after(prev_nonspace))) {
                    word_w += space_w;
                    space_w = 0;
                    in_space = false;
                } else {
                    close_piece(cp_index);
                }
            } else if (cp_index > piece_start) {
                bool after_hyphen = options_.break_after_hyphens && is_hyphen(prev) &&
                                    cp_index - 1 > piece_start && !is_digit(cp) && !is_hyphen(cp) &&
                                    !no_break_before(cp);
                if (after_hyphen || (is_ideograph(prev) && is_ideograph(cp)))
                    close_piece(cp_index);
            }
            word_w += a;
            prev_nonspace = cp;
        }
        prev = cp;
        ++cp_index;
    }
    if (cp_index > piece_start)
        close_piece(cp_index);
    para.end = cp_index;
    para.last_piece = static_cast<uint32_t>(pieces_.size());
    paragraphs_.push_back(para);
}

// Greedy line filling over the pieces: a piece goes on the current line if its word fits
// (trailing spaces hang and never cause a break).
void TextLayout::wrap()
{
    ++version_;
    lines_.clear();
    lines_.reserve(lines_.capacity() ? lines_.capacity() : paragraphs_.size() * 4);
    const bool wrapping = wrap_width_ > 0;
    const float limit = wrap_width_ + kFitEpsilon;
    max_width_ = 0;

    for (uint32_t pi = 0; pi < paragraphs_.size(); ++pi) {
        const Paragraph& para = paragraphs_[pi];
        uint32_t line_start = para.start;
        float line_w = 0;        // including trailing spaces so far
        float content_w = 0;     // up to the end of the last word
        uint32_t content_end = para.start;
        for (uint32_t k = para.first_piece; k < para.last_piece; ++k) {
            const Piece& pc = pieces_[k];
            if (wrapping && pc.start > line_start && line_w + pc.word_w > limit) {
                lines_.push_back(LayoutLine{line_start, pc.start, content_end, pi, 0, 0, content_w, false});
                max_width_ = std::max(max_width_, content_w);
                line_start = pc.start;
                line_w = 0;
            }
            if (wrapping && pc.word_w > limit)
                wrap_long_word(pc, pi, line_start, line_w);
            else
                line_w += pc.word_w;
            content_end = pc.space_start;
            content_w = line_w;
            line_w += pc.space_w;
        }
        // Last line of the paragraph: its trailing spaces are real content and count.
        lines_.push_back(LayoutLine{line_start, para.end, para.end, pi, 0, 0, line_w, true});
        max_width_ = std::max(max_width_, line_w);
    }
    extras_.assign(lines_.size(), 0.0f);
    update_y(0);
}

// A word wider than the line: split it at code points, as many per line as fit (at least one).
// The piece starts on a fresh line (wrap() broke before it). The last chunk stays on the
// current line for the following pieces.
void TextLayout::wrap_long_word(const Piece& pc, uint32_t para, uint32_t& line_start, float& line_w)
{
    const float limit = wrap_width_ + kFitEpsilon;
    const auto* p = reinterpret_cast<const unsigned char*>(text_->utf8().data());
    size_t i = text_->byte_of(pc.start);
    float w = line_w;
    for (uint32_t cp = pc.start; cp < pc.space_start; ++cp) {
        float a = advance(next_cp(p, i));
        if (cp > line_start && w + a > limit) {
            lines_.push_back(LayoutLine{line_start, cp, cp, para, 0, 0, w, false});
            max_width_ = std::max(max_width_, w);
            line_start = cp;
            w = 0;
        }
        w += a;
    }
    line_w = w;
}

void TextLayout::update_y(size_t from)
{
    // Float accumulation, always from the previous stored y: a partial update gives exactly
    // the same positions as a full one.
    float y = from == 0 ? 0.0f : lines_[from - 1].y + lines_[from - 1].height;
    for (size_t i = from; i < lines_.size(); ++i) {
        lines_[i].y = y;
        lines_[i].height = line_height_ + extras_[i];
        y += lines_[i].height;
    }
    total_height_ = lines_.empty() ? 0.0f : lines_.back().y + lines_.back().height;
}

void TextLayout::set_line_extras(size_t first, const float* extras, size_t count)
{
    if (first >= extras_.size())
        return;
    count = std::min(count, extras_.size() - first);
    std::copy(extras, extras + count, extras_.begin() + static_cast<ptrdiff_t>(first));
    update_y(first);
}

void TextLayout::clear_line_extras()
{
    std::fill(extras_.begin(), extras_.end(), 0.0f);
    update_y(0);
}

// [SECTION] queries

LineRange TextLayout::lines_in(float y0, float y1) const
{
    if (lines_.empty() || y1 <= y0 || y1 <= 0 || y0 >= total_height_)
        return {};
    size_t first = line_at_y(y0);
    auto it = std::lower_bound(lines_.begin() + static_cast<ptrdiff_t>(first), lines_.end(), y1,
                               [](const LayoutLine& l, float y) { return l.y < y; });
    return {first, static_cast<size_t>(it - lines_.begin())};
}

size_t TextLayout::line_at_y(float y) const
{
    auto it = std::upper_bound(lines_.begin(), lines_.end(), y,
                               [](float v, const LayoutLine& l) { return v < l.y; });
    return it == lines_.begin() ? 0 : static_cast<size_t>(it - lines_.begin()) - 1;
}

size_t TextLayout::line_of(size_t cp) const
{
    auto it = std::upper_bound(lines_.begin(), lines_.end(), cp,
                               [](size_t v, const LayoutLine& l) { return v < l.start; });
    return it == lines_.begin() ? 0 : static_cast<size_t>(it - lines_.begin()) - 1;
}

float TextLayout::caret_x(size_t line, size_t cp) const
{
    const LayoutLine& l = lines_[line];
    cp = std::clamp(cp, size_t(l.start), size_t(l.end));
    const auto* p = reinterpret_cast<const unsigned char*>(text_->utf8().data());
    size_t i = byte_of_line_start(line);
    float x = 0;
    for (size_t k = l.start; k < cp; ++k)
        x += advance(next_cp(p, i));
    return x;
}

void TextLayout::caret_xs(size_t line, std::vector<float>& xs) const
{
    const LayoutLine& l = lines_[line];
    xs.resize(size_t(l.end - l.start) + 1);
    const auto* p = reinterpret_cast<const unsigned char*>(text_->utf8().data());
    size_t i = byte_of_line_start(line);
    float x = 0;
    xs[0] = 0;
    for (size_t k = 1; k < xs.size(); ++k) {
        x += advance(next_cp(p, i));
        xs[k] = x;
    }
}

size_t TextLayout::hit_test_line(size_t line, float x) const
{
    const LayoutLine& l = lines_[line];
    const auto* p = reinterpret_cast<const unsigned char*>(text_->utf8().data());
    size_t i = byte_of_line_start(line);
    float cx = 0;
    for (uint32_t cp = l.start; cp < l.content_end; ++cp) {
        float a = advance(next_cp(p, i));
        if (x < cx + a * 0.5f)
            return cp;
        cx += a;
    }
    return l.content_end;
}

size_t TextLayout::hit_test(float x, float y) const
{
    if (lines_.empty())
        return 0;
    return hit_test_line(line_at_y(y), x);
}

size_t TextLayout::char_at(size_t line, float x) const
{
    const LayoutLine& l = lines_[line];
    if (x < 0)
        return SIZE_MAX;
    const auto* p = reinterpret_cast<const unsigned char*>(text_->utf8().data());
    size_t i = byte_of_line_start(line);
    float cx = 0;
    for (uint32_t cp = l.start; cp < l.content_end; ++cp) {
        cx += advance(next_cp(p, i));
        if (x < cx)
            return cp;
    }
    return SIZE_MAX;
}

void TextLayout::rects_for(size_t start, size_t end, std::vector<LayoutRect>& out) const
{
    out.clear();
    if (lines_.empty())
        return;
    const size_t size = text_->size();
    end = std::min(end, size);
    start = std::min(start, end);
    if (start == end) {
        size_t li = line_of(start);
        float x = caret_x(li, start);
        out.push_back({x, lines_[li].y, x, lines_[li].y + line_height_});
        return;
    }
    const size_t first = line_of(start), last = line_of(end - 1);
    for (size_t li = first; li <= last; ++li) {
        const LayoutLine& l = lines_[li];
        // One decode per line: walk to the range start, then to its end.
        const auto* p = reinterpret_cast<const unsigned char*>(text_->utf8().data());
        size_t i = byte_of_line_start(li);
        const size_t s = std::max(start, size_t(l.start)), e = std::min(end, size_t(l.end));
        float x = 0, x0 = 0;
        for (size_t cp = l.start; cp < e; ++cp) {
            if (cp == s)
                x0 = x;
            x += advance(next_cp(p, i));
        }
        if (s >= e)
            x0 = x;
        // Hanging spaces of a soft-wrapped line are not drawn: clamp to the drawn width.
        x0 = std::min(x0, l.width);
        float x1 = std::min(x, l.width);
        out.push_back({x0, l.y, x1, l.y + line_height_});
    }
}

std::vector<LayoutRect> TextLayout::rects_for(size_t start, size_t end) const
{
    std::vector<LayoutRect> out;
    rects_for(start, end, out);
    return out;
}

} // namespace postil
