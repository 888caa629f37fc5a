// MentionLayout implementation: level assignment (per overlap cluster), per-line band counts,
// visible segments and mention hit-testing. See mention_layout.h for the rules.
#include "mention_layout.h"

#include "../model.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <set>

namespace postil {

// [SECTION] helpers

namespace {

// Spans per block of the overlap index: a query skips a whole block when no span in it reaches
// the queried range, which keeps a few very long mentions from making every query linear.
constexpr size_t kBlock = 32;
// Clusters up to this size are levelled by direct pairwise checks (faster than building a tree).
constexpr size_t kSmallCluster = 32;
constexpr uint16_t kMaxLevel = 63;

bool span_less(const MentionSpan& a, const MentionSpan& b)
{
    if (a.start != b.start)
        return a.start < b.start;
    if (a.end != b.end)
        return a.end > b.end;
    return a.key < b.key;
}

uint16_t lowest_free(uint64_t used)
{
    if (used == ~uint64_t(0))
        return kMaxLevel;
    return static_cast<uint16_t>(std::min<int>(std::countr_zero(~used), kMaxLevel));
}

// Bottom-up segment tree over a cluster's elementary intervals (leaves), holding sets of levels
// as bit masks. tag[n]: levels of spans covering all of node n; all[n]: levels of spans covering
// any part of it. A span's nodes are its canonical cover plus the ancestors of its two end
// leaves, so a query ORs `all` over its own cover and `tag` along its two end-leaf paths: any
// span overlapping it either lies under one of its cover nodes or covers a node on those paths.
struct LevelTree {
    std::vector<uint64_t>& tag;
    std::vector<uint64_t>& all;
    size_t n; // leaves, a power of two

    uint64_t query(size_t l, size_t r) const // leaves [l, r), l < r
    {
        uint64_t m = 0;
        for (size_t p = (l + n) >> 1; p >= 1; p >>= 1)
            m |= tag[p];
        for (size_t p = (r - 1 + n) >> 1; p >= 1; p >>= 1)
            m |= tag[p];
        for (size_t a = l + n, b = r + n; a < b; a >>= 1, b >>= 1) {
            if (a & 1)
                m |= all[a++];
            if (b & 1)
                m |= all[--b];
        }
        return m;
    }
    void add(size_t l, size_t r, uint64_t bit)
    {
        for (size_t a = l + n, b = r + n; a < b; a >>= 1, b >>= 1) {
            if (a & 1) {
                tag[a] |= bit;
                all[a++] |= bit;
            }
            if (b & 1) {
                tag[--b] |= bit;
                all[b] |= bit;
            }
        }
        for (size_t p = (l + n) >> 1; p >= 1; p >>= 1)
            all[p] |= bit;
        for (size_t p = (r - 1 + n) >> 1; p >= 1; p >>= 1)
            all[p] |= bit;
    }
};

} // namespace

std::vector<MentionSpan> mention_spans(const Project& project, const std::string& doc_id)
{
    auto [lo, hi] = project.mention_range(doc_id);
    const auto& types = project.schema.entity_types;
    std::vector<MentionSpan> out;
    out.reserve(hi - lo);
    for (size_t i = lo; i < hi; ++i) {
        const Mention& m = project.mentions[i];
        uint32_t type = UINT32_MAX;
        for (size_t t = 0; t < types.size(); ++t)
            if (types[t].id == m.type) {
                type = static_cast<uint32_t>(t);
                break;
            }
        out.push_back(MentionSpan{m.start, m.end, type, static_cast<uint32_t>(i)});
    }
    return out;
}

// [SECTION] building

void MentionLayout::set_style(TextLayout& layout, const MentionStyle& style)
{
    style_ = style;
    style_.max_bands = std::clamp(style_.max_bands, 1, int(kMaxLevel));
    style_.reserved_bands = std::clamp(style_.reserved_bands, 0, style_.max_bands + 1);
    update_all_lines(layout);
}

void MentionLayout::set_mentions(TextLayout& layout, std::vector<MentionSpan> spans)
{
    for (MentionSpan& s : spans)
        if (s.end < s.start)
            s.end = s.start;
    // Project::mentions is already in this order; only sort when the caller's order differs.
    if (!std::is_sorted(spans.begin(), spans.end(), span_less))
        std::sort(spans.begin(), spans.end(), span_less);
    spans_ = std::move(spans);
    levels_.assign(spans_.size(), 0);
    rebuild_index();
    assign_levels(0, spans_.size());
    update_all_lines(layout);
}

size_t MentionLayout::insert(TextLayout& layout, const MentionSpan& span)
{
    MentionSpan s = span;
    if (s.end < s.start)
        s.end = s.start;
    size_t pos = static_cast<size_t>(std::upper_bound(spans_.begin(), spans_.end(), s, span_less) - spans_.begin());
    spans_.insert(spans_.begin() + static_cast<ptrdiff_t>(pos), s);
    levels_.insert(levels_.begin() + static_cast<ptrdiff_t>(pos), 0);
    rebuild_index();
    uint32_t lo = s.start, hi = s.end;
    if (!propagate({pos}, pos, lo, hi)) {
        assign_levels(0, spans_.size());
        update_all_lines(layout);
    } else if (synced_version_ != layout.version()) {
        update_all_lines(layout);
    } else {
        update_lines_for(layout, lo, hi);
    }
    return pos;
}

void MentionLayout::erase(TextLayout& layout, size_t index)
{
    if (index >= spans_.size())
        return;
    const MentionSpan gone = spans_[index];
    spans_.erase(spans_.begin() + static_cast<ptrdiff_t>(index));
    levels_.erase(levels_.begin() + static_cast<ptrdiff_t>(index));
    rebuild_index();
    // Only mentions placed after the removed one (longer, or as long) can change level.
    std::vector<size_t> seeds;
    overlapping(gone.start, gone.end, seeds);
    seeds.erase(std::remove_if(seeds.begin(), seeds.end(), [&](size_t j) {
        return spans_[j].end - spans_[j].start < gone.end - gone.start;
    }), seeds.end());
    uint32_t lo = gone.start, hi = gone.end;
    if (!propagate(seeds, SIZE_MAX, lo, hi)) {
        assign_levels(0, spans_.size());
        update_all_lines(layout);
    } else if (synced_version_ != layout.version()) {
        update_all_lines(layout);
    } else {
        update_lines_for(layout, lo, hi);
    }
}

bool MentionLayout::propagate(const std::vector<size_t>& seeds, size_t forced, uint32_t& changed_lo,
                              uint32_t& changed_hi)
{
    // Same processing order as the full pass (shortest first), so the result is identical.
    // Popping in order means every mention is evaluated after all shorter ones are final.
    std::set<uint64_t> queue;
    for (size_t i : seeds)
        queue.insert(order_key(i));
    const size_t budget = 4 * spans_.size() + 1024; // ~ the cost of a full pass
    size_t work = 0;
    std::vector<size_t> cands;
    while (!queue.empty()) {
        const uint64_t key = *queue.begin();
        queue.erase(queue.begin());
        const size_t i = static_cast<size_t>(key & 0xFFFFFFFFu);
        const MentionSpan& s = spans_[i];
        overlapping(s.start, s.end, cands);
        work += cands.size() + 1;
        if (work > budget)
            return false; // the caller re-levels everything, overwriting partial changes
        uint64_t used = 0;
        for (size_t j : cands)
            if (order_key(j) < key)
                used |= uint64_t(1) << levels_[j];
        const uint16_t level = s.start < s.end ? lowest_free(used) : 0;
        if (level == levels_[i] && i != forced)
            continue;
        levels_[i] = level;
        changed_lo = std::min(changed_lo, s.start);
        changed_hi = std::max(changed_hi, s.end);
        for (size_t j : cands)
            if (order_key(j) > key)
                queue.insert(order_key(j));
    }
    return true;
}

void MentionLayout::sync(TextLayout& layout)
{
    if (synced_version_ != layout.version())
        update_all_lines(layout);
}

void MentionLayout::shift_keys(uint32_t from, int32_t delta)
{
    for (MentionSpan& s : spans_)
        if (s.key >= from)
            s.key = static_cast<uint32_t>(static_cast<int64_t>(s.key) + delta);
}

// O(n) but a plain linear pass: ~20 us for 20k mentions, cheaper than maintaining a tree.
void MentionLayout::rebuild_index()
{
    const size_t n = spans_.size();
    prefix_max_end_.resize(n);
    block_max_end_.assign((n + kBlock - 1) / kBlock, 0);
    uint32_t pm = 0;
    for (size_t i = 0; i < n; ++i) {
        pm = std::max(pm, spans_[i].end);
        prefix_max_end_[i] = pm;
        uint32_t& b = block_max_end_[i / kBlock];
        b = std::max(b, spans_[i].end);
    }
}

// Clusters are runs of spans (in start order) linked by overlap: a new cluster starts at i when
// no earlier span reaches past spans_[i].start. Levels never depend on other clusters.
void MentionLayout::assign_levels(size_t lo, size_t hi)
{
    size_t c = lo;
    while (c < hi) {
        size_t e = c + 1;
        while (e < hi && prefix_max_end_[e - 1] > spans_[e].start)
            ++e;
        level_cluster(c, e);
        c = e;
    }
}

void MentionLayout::level_cluster(size_t lo, size_t hi)
{
    const size_t k = hi - lo;
    if (k == 1) {
        levels_[lo] = 0;
        return;
    }
    // Shortest first; ties by index, i.e. by (start, key) since equal lengths and starts mean
    // equal spans. Packed in integers: sorting them is much faster than an indirect compare.
    keys_.resize(k);
    for (size_t t = 0; t < k; ++t)
        keys_[t] = order_key(lo + t);
    std::sort(keys_.begin(), keys_.end());

    if (k <= kSmallCluster) {
        for (size_t t = 0; t < k; ++t) {
            const size_t i = size_t(keys_[t] & 0xFFFFFFFFu);
            const MentionSpan& s = spans_[i];
            uint64_t used = 0;
            if (s.start < s.end)
                for (size_t u = 0; u < t; ++u) {
                    const size_t j = size_t(keys_[u] & 0xFFFFFFFFu);
                    const MentionSpan& o = spans_[j];
                    if (o.start < s.end && s.start < o.end)
                        used |= uint64_t(1) << levels_[j];
                }
            levels_[i] = lowest_free(used);
        }
        return;
    }

    // Large cluster (deep nesting, or one span covering many): segment tree over the cluster's
    // distinct boundaries, O(k log k). Ranks of the boundaries come from one integer sort of
    // (value, span, start/end) events.
    events_.resize(2 * k);
    for (size_t t = 0; t < k; ++t) {
        events_[2 * t] = (uint64_t(spans_[lo + t].start) << 32) | (t << 1);
        events_[2 * t + 1] = (uint64_t(spans_[lo + t].end) << 32) | (t << 1) | 1;
    }
    std::sort(events_.begin(), events_.end());
    rank_start_.resize(k);
    rank_end_.resize(k);
    uint32_t rank = 0;
    for (size_t e = 0; e < events_.size(); ++e) {
        if (e > 0 && (events_[e] >> 32) != (events_[e - 1] >> 32))
            ++rank;
        const size_t t = size_t((events_[e] & 0xFFFFFFFFu) >> 1);
        (events_[e] & 1 ? rank_end_ : rank_start_)[t] = rank;
    }
    size_t leaves = 1;
    while (leaves < rank) // elementary intervals: one between each two consecutive boundaries
        leaves <<= 1;
    tree_tag_.assign(2 * leaves, 0);
    tree_all_.assign(2 * leaves, 0);
    LevelTree tree{tree_tag_, tree_all_, leaves};
    for (uint64_t key : keys_) {
        const size_t i = size_t(key & 0xFFFFFFFFu);
        const size_t l = rank_start_[i - lo], r = rank_end_[i - lo];
        if (l >= r) {
            levels_[i] = 0;
            continue;
        }
        const uint16_t level = lowest_free(tree.query(l, r));
        levels_[i] = level;
        tree.add(l, r, uint64_t(1) << level);
    }
}

float MentionLayout::extra_for(int bands) const
{
    bands = std::max(bands, style_.reserved_bands);
    return bands > 0 ? style_.first_offset + float(bands) * style_.band_step : 0.0f;
}

void MentionLayout::update_all_lines(TextLayout& layout)
{
    line_bands_.assign(layout.line_count(), 0);
    synced_version_ = layout.version();
    if (layout.line_count() > 0)
        update_lines(layout, 0, layout.line_count() - 1);
}

void MentionLayout::update_lines_for(TextLayout& layout, uint32_t start, uint32_t end)
{
    size_t first = layout.line_of(start);
    size_t last = layout.line_of(end > start ? end - 1 : start);
    update_lines(layout, first, last);
}

// Recomputes the bands used on lines [first, last] from every mention touching them, then
// hands the extra heights to the layout (which re-computes y from `first` on).
void MentionLayout::update_lines(TextLayout& layout, size_t first, size_t last)
{
    const auto& lines = layout.lines();
    if (line_bands_.size() != lines.size())
        line_bands_.assign(lines.size(), 0);
    std::fill(line_bands_.begin() + static_cast<ptrdiff_t>(first),
              line_bands_.begin() + static_cast<ptrdiff_t>(last) + 1, uint8_t(0));
    std::vector<size_t> cands;
    // +1: a mention may end on the paragraph's '\n', which belongs to no line's [start, end).
    overlapping(lines[first].start, size_t(lines[last].end) + 1, cands);
    size_t li = first; // candidates come in start order, so their first line only moves down
    for (size_t i : cands) {
        const MentionSpan& s = spans_[i];
        while (li < last && lines[li + 1].start <= s.start)
            ++li;
        size_t lb = li;
        while (lb < last && lines[lb + 1].start <= s.end - 1)
            ++lb;
        uint8_t bands = static_cast<uint8_t>(std::min<int>(levels_[i], style_.max_bands) + 1);
        for (size_t l = li; l <= lb; ++l)
            line_bands_[l] = std::max(line_bands_[l], bands);
    }
    extras_scratch_.resize(last - first + 1);
    for (size_t l = first; l <= last; ++l)
        extras_scratch_[l - first] = extra_for(line_bands_[l]);
    layout.set_line_extras(first, extras_scratch_.data(), extras_scratch_.size());
}

// [SECTION] queries

int MentionLayout::max_level() const
{
    int m = -1;
    for (uint16_t l : levels_)
        m = std::max(m, int(l));
    return m;
}

std::optional<size_t> MentionLayout::index_of_key(uint32_t key) const
{
    for (size_t i = 0; i < spans_.size(); ++i)
        if (spans_[i].key == key)
            return i;
    return std::nullopt;
}

void MentionLayout::overlapping(size_t start, size_t end, std::vector<size_t>& out) const
{
    out.clear();
    if (start >= end || spans_.empty())
        return;
    // Candidates start before `end` (spans are sorted by start) and come after the first span
    // whose prefix max end passes `start`; whole blocks ending before `start` are skipped.
    size_t hi = static_cast<size_t>(std::lower_bound(spans_.begin(), spans_.end(), end,
        [](const MentionSpan& s, size_t v) { return s.start < v; }) - spans_.begin());
    size_t i = static_cast<size_t>(std::upper_bound(prefix_max_end_.begin(), prefix_max_end_.end(), start,
        [](size_t v, uint32_t pm) { return v < pm; }) - prefix_max_end_.begin());
    while (i < hi) {
        if (i % kBlock == 0 && block_max_end_[i / kBlock] <= start) {
            i += kBlock;
            continue;
        }
        const MentionSpan& s = spans_[i];
        if (s.end > start && s.start < s.end)
            out.push_back(i);
        ++i;
    }
}

std::vector<size_t> MentionLayout::mentions_at(size_t cp) const
{
    std::vector<size_t> out;
    overlapping(cp, cp + 1, out);
    std::sort(out.begin(), out.end(), [&](size_t a, size_t b) {
        uint32_t la = spans_[a].end - spans_[a].start, lb = spans_[b].end - spans_[b].start;
        if (la != lb)
            return la < lb;
        return levels_[a] != levels_[b] ? levels_[a] < levels_[b] : a < b;
    });
    return out;
}

float MentionLayout::band_y(const TextLayout& layout, size_t line, int band) const
{
    return layout.line(line).y + layout.line_height() + style_.first_offset + float(band) * style_.band_step;
}

void MentionLayout::line_segments(const TextLayout& layout, size_t li, const std::vector<size_t>& cands,
                                  std::vector<float>& xs, std::vector<MentionSegment>& out) const
{
    const LayoutLine& l = layout.line(li);
    bool have_xs = false;
    for (size_t i : cands) {
        const MentionSpan& s = spans_[i];
        if (s.start >= l.end)
            break; // candidates are in start order
        if (s.end <= l.start)
            continue;
        if (!have_xs) {
            layout.caret_xs(li, xs);
            have_xs = true;
        }
        const uint32_t a = std::max(s.start, l.start), b = std::min(s.end, l.end);
        // Hanging spaces of a soft-wrapped line are not drawn: nor is their underline.
        const float x0 = std::min(xs[a - l.start], l.width), x1 = std::min(xs[b - l.start], l.width);
        if (x1 <= x0)
            continue;
        MentionSegment seg;
        seg.x0 = x0;
        seg.x1 = x1;
        seg.mention = static_cast<uint32_t>(i);
        seg.line = static_cast<uint32_t>(li);
        seg.level = levels_[i];
        seg.band = static_cast<uint16_t>(std::min<int>(levels_[i], style_.max_bands));
        seg.y = band_y(layout, li, seg.band);
        seg.head = s.start >= l.start;
        seg.tail = s.end <= l.end + (l.paragraph_end ? 1u : 0u);
        out.push_back(seg);
    }
}

void MentionLayout::segments(const TextLayout& layout, LineRange lines, std::vector<MentionSegment>& out) const
{
    out.clear();
    if (lines.empty() || lines.last > layout.line_count())
        return;
    std::vector<size_t> cands;
    overlapping(layout.line(lines.first).start, layout.line(lines.last - 1).end, cands);
    if (cands.empty())
        return;
    std::vector<float> xs;
    for (size_t li = lines.first; li < lines.last; ++li)
        line_segments(layout, li, cands, xs, out);
}

std::optional<size_t> MentionLayout::hit_test(const TextLayout& layout, float x, float y) const
{
    if (layout.line_count() == 0 || y < 0 || y >= layout.total_height() || x < 0)
        return std::nullopt;
    const size_t li = layout.line_at_y(y);
    const LayoutLine& l = layout.line(li);
    const float dy = y - l.y;
    auto better = [&](size_t a, size_t b) { // a designates more precisely than b
        uint32_t la = spans_[a].end - spans_[a].start, lb = spans_[b].end - spans_[b].start;
        return la != lb ? la < lb : levels_[a] < levels_[b];
    };
    std::optional<size_t> best;
    std::vector<size_t> cands;
    if (dy < layout.line_height()) {
        // On the glyphs: the smallest mention containing the character under the pointer.
        size_t cp = layout.char_at(li, x);
        if (cp == SIZE_MAX)
            return std::nullopt;
        overlapping(cp, cp + 1, cands);
        for (size_t i : cands)
            if (!best || better(i, *best))
                best = i;
        return best;
    }
    // In the underline area: the band under the pointer (the gap above band 0 counts as band 0).
    int band = static_cast<int>(std::floor((dy - layout.line_height() - style_.first_offset) / style_.band_step));
    band = std::max(band, 0);
    if (band > style_.max_bands)
        return std::nullopt;
    overlapping(l.start, l.end, cands);
    std::vector<float> xs;
    std::vector<MentionSegment> segs;
    line_segments(layout, li, cands, xs, segs);
    for (const MentionSegment& s : segs)
        if (s.band == band && x >= s.x0 && x < s.x1 && (!best || better(s.mention, *best)))
            best = s.mention;
    return best;
}

} // namespace postil
