// Agreement between the annotator layers of a Project (definitions in project_agreement.h).
// Cost: every per-document step is linear (or n log n) in that document's mentions, except the
// pair loop, which is (number of layer pairs) x (mentions of the two layers). No step looks at
// all mentions of the project at once, and tokens are handled as runs of equal labels, never
// one by one per pair, so 20 layers x 1,000 documents takes a fraction of a second.
// Does not do: JSON/text output (project_agreement_format.cpp), generic statistics (reliability.cpp).
#include "project_agreement.h"

#include "core/tokenizer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace postil {

// [SECTION] tokens

std::vector<Span> agreement_tokens(const Text& text)
{
    // The project tokenizer, so token-level agreement counts the same tokens as IOB exports.
    const std::vector<Token> tokens = tokenize(text);
    std::vector<Span> out;
    out.reserve(tokens.size());
    for (const Token& t : tokens)
        out.push_back({t.start, t.end});
    return out;
}

// [SECTION] mention counts

double MentionCounts::precision() const
{
    return count_b ? static_cast<double>(matched_b) / static_cast<double>(count_b) : not_a_number();
}

double MentionCounts::recall() const
{
    return count_a ? static_cast<double>(matched_a) / static_cast<double>(count_a) : not_a_number();
}

double MentionCounts::f1() const
{
    if (count_a == 0 && count_b == 0)
        return not_a_number();
    if (count_a == 0 || count_b == 0)
        return 0.0;
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

MentionCounts& MentionCounts::operator+=(const MentionCounts& o)
{
    count_a += o.count_a;
    count_b += o.count_b;
    matched_a += o.matched_a;
    matched_b += o.matched_b;
    return *this;
}

// [SECTION] selection of layers and documents

namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
const char kUnitSeparator = '\x1f';

// Remembers the last key looked up: records come sorted by document, so most lookups repeat.
struct CachedLookup {
    const std::string* key = nullptr;
    uint32_t value = kNone;
    template <class F>
    uint32_t get(const std::string& k, F&& find)
    {
        if (!key || *key != k) {
            key = &k;
            value = find(k);
        }
        return value;
    }
};

struct Selection {
    std::vector<std::string> annotators;
    std::unordered_map<std::string, uint32_t> annotator_index;
    std::vector<const Document*> docs;
    std::unordered_map<std::string, uint32_t> doc_index;
    std::vector<std::vector<char>> covers; // [doc][annotator]: the layer covers the document

    uint32_t annotator(const std::string& who) const
    {
        auto it = annotator_index.find(who);
        return it == annotator_index.end() ? kNone : it->second;
    }
    uint32_t doc(const std::string& id) const
    {
        auto it = doc_index.find(id);
        return it == doc_index.end() ? kNone : it->second;
    }
};

Selection select(const Project& p, const AgreementOptions& o)
{
    Selection s;
    if (o.documents.empty()) {
        for (const Document& d : p.documents)
            s.docs.push_back(&d);
    } else {
        std::unordered_map<std::string, const Document*> by_id;
        for (const Document& d : p.documents)
            by_id.emplace(d.id, &d);
        for (const std::string& id : o.documents) {
            auto it = by_id.find(id);
            if (it != by_id.end() && it->second) {
                s.docs.push_back(it->second);
                it->second = nullptr; // listed twice: compared once
            }
        }
    }
    for (const Document* d : s.docs)
        s.doc_index.emplace(d->id, static_cast<uint32_t>(s.doc_index.size()));

    for (const std::string& a : o.annotators)
        if (std::find(s.annotators.begin(), s.annotators.end(), a) == s.annotators.end())
            s.annotators.push_back(a);
    if (s.annotators.empty()) {
        std::unordered_set<std::string> seen;
        CachedLookup doc_cache;
        const std::string* last_who = nullptr;
        auto see = [&](const std::string& doc, const std::string& who) {
            if (doc_cache.get(doc, [&](const std::string& k) { return s.doc(k); }) == kNone)
                return;
            if (last_who && *last_who == who)
                return;
            last_who = &who;
            seen.insert(who);
        };
        for (const auto& m : p.mentions) see(m.doc_id, m.annotator);
        for (const auto& x : p.stances) see(x.doc_id, x.annotator);
        for (const auto& x : p.doc_stances) see(x.doc_id, x.annotator);
        for (const std::string& x : o.exclude_annotators)
            seen.erase(x);
        s.annotators.assign(seen.begin(), seen.end());
        std::sort(s.annotators.begin(), s.annotators.end());
    }
    for (const std::string& a : s.annotators)
        s.annotator_index.emplace(a, static_cast<uint32_t>(s.annotator_index.size()));

    const bool all = o.coverage == AgreementOptions::Coverage::AllDocuments;
    s.covers.assign(s.docs.size(), std::vector<char>(s.annotators.size(), all ? 1 : 0));
    if (!all) {
        CachedLookup doc_cache;
        auto mark = [&](const std::string& doc, const std::string& who) {
            const uint32_t d = doc_cache.get(doc, [&](const std::string& k) { return s.doc(k); });
            const uint32_t a = s.annotator(who);
            if (d != kNone && a != kNone)
                s.covers[d][a] = 1;
        };
        for (const auto& m : p.mentions) mark(m.doc_id, m.annotator);
        for (const auto& x : p.stances) mark(x.doc_id, x.annotator);
        for (const auto& x : p.doc_stances) mark(x.doc_id, x.annotator);
    }
    return s;
}

// [SECTION] mentions: per-document layers

struct Rec {
    uint32_t start, end, label, order; // order: index in Project::mentions (tie-break)
};
struct Group {
    uint32_t label, begin, end; // [begin, end) in Layer::recs
};
struct Run {
    uint32_t t0, t1, label; // tokens [t0, t1)
};

// One layer's mentions in the document being processed. Reused from document to document.
struct Layer {
    bool covers = false;
    std::vector<Rec> recs;       // sorted by (label, start, end)
    std::vector<uint32_t> pmax;  // prefix maximum of `end` inside each label group
    std::vector<Group> groups;   // by label
    std::vector<Run> runs;       // token labels, non-overlapping, by position; gaps are "O"

    void clear()
    {
        covers = false;
        recs.clear();
        pmax.clear();
        groups.clear();
        runs.clear();
    }
};

void build_layer(Layer& l, const std::vector<Span>& tokens, std::vector<Rec>& scratch)
{
    // Token runs first, in (start, longest, project order) so the outer mention wins.
    scratch = l.recs;
    std::sort(scratch.begin(), scratch.end(), [](const Rec& a, const Rec& b) {
        if (a.start != b.start) return a.start < b.start;
        if (a.end != b.end) return a.end > b.end;
        return a.order < b.order;
    });
    uint32_t covered_until = 0;
    for (const Rec& r : scratch) {
        if (r.start >= r.end)
            continue; // an empty mention covers no token
        // First token ending after r.start, first token starting at or after r.end.
        auto t0 = std::upper_bound(tokens.begin(), tokens.end(), r.start,
                                   [](uint32_t v, const Span& t) { return v < t.end; }) - tokens.begin();
        auto t1 = std::lower_bound(tokens.begin(), tokens.end(), r.end,
                                   [](const Span& t, uint32_t v) { return t.start < v; }) - tokens.begin();
        uint32_t from = std::max(static_cast<uint32_t>(t0), covered_until);
        const uint32_t to = static_cast<uint32_t>(t1);
        if (from >= to)
            continue;
        if (!l.runs.empty() && l.runs.back().t1 == from && l.runs.back().label == r.label)
            l.runs.back().t1 = to;
        else
            l.runs.push_back({from, to, r.label});
        covered_until = to;
    }

    std::sort(l.recs.begin(), l.recs.end(), [](const Rec& a, const Rec& b) {
        if (a.label != b.label) return a.label < b.label;
        if (a.start != b.start) return a.start < b.start;
        return a.end < b.end;
    });
    l.pmax.resize(l.recs.size());
    for (uint32_t i = 0; i < l.recs.size(); ++i) {
        if (l.groups.empty() || l.groups.back().label != l.recs[i].label) {
            l.groups.push_back({l.recs[i].label, i, i});
            l.pmax[i] = l.recs[i].end;
        } else {
            l.pmax[i] = std::max(l.pmax[i - 1], l.recs[i].end);
        }
        l.groups.back().end = i + 1;
    }
}

// Does some mention of `g` (same label) overlap [s, e)? Spans overlap when they share a code
// point (x.start < y.end && y.start < x.end), or when they are identical (empty spans).
bool overlaps_any(const Layer& l, const Group& g, uint32_t s, uint32_t e)
{
    const Rec* first = l.recs.data() + g.begin;
    const Rec* last = l.recs.data() + g.end;
    // Mentions starting before e: one of them overlaps iff the longest reach passes s.
    const Rec* it = std::lower_bound(first, last, e, [](const Rec& r, uint32_t v) { return r.start < v; });
    if (it != first && l.pmax[static_cast<size_t>(it - l.recs.data()) - 1] > s)
        return true;
    const Rec* eq = std::lower_bound(first, last, std::make_pair(s, e), [](const Rec& r, std::pair<uint32_t, uint32_t> v) {
        return r.start != v.first ? r.start < v.first : r.end < v.second;
    });
    return eq != last && eq->start == s && eq->end == e;
}

// Adds the counts of layers a and b, per label, to exact[] / overlap[] and to the totals.
void match_mentions(const Layer& a, const Layer& b, MentionCounts* exact, MentionCounts* overlap,
                    MentionCounts& exact_total, MentionCounts& overlap_total)
{
    size_t i = 0, j = 0;
    while (i < a.groups.size() || j < b.groups.size()) {
        const Group* ga = i < a.groups.size() ? &a.groups[i] : nullptr;
        const Group* gb = j < b.groups.size() ? &b.groups[j] : nullptr;
        MentionCounts ex, ov;
        uint32_t label;
        if (ga && (!gb || ga->label < gb->label)) {
            label = ga->label;
            ex.count_a = ov.count_a = ga->end - ga->begin;
            ++i;
        } else if (gb && (!ga || gb->label < ga->label)) {
            label = gb->label;
            ex.count_b = ov.count_b = gb->end - gb->begin;
            ++j;
        } else {
            label = ga->label;
            ex.count_a = ov.count_a = ga->end - ga->begin;
            ex.count_b = ov.count_b = gb->end - gb->begin;
            // Exact: multiset intersection of two lists sorted by (start, end).
            size_t x = ga->begin, y = gb->begin;
            while (x < ga->end && y < gb->end) {
                const Rec& ra = a.recs[x];
                const Rec& rb = b.recs[y];
                if (ra.start == rb.start && ra.end == rb.end) {
                    ++ex.matched_a;
                    ++x;
                    ++y;
                } else if (ra.start < rb.start || (ra.start == rb.start && ra.end < rb.end)) {
                    ++x;
                } else {
                    ++y;
                }
            }
            ex.matched_b = ex.matched_a;
            for (size_t k = ga->begin; k < ga->end; ++k)
                ov.matched_a += overlaps_any(b, *gb, a.recs[k].start, a.recs[k].end);
            for (size_t k = gb->begin; k < gb->end; ++k)
                ov.matched_b += overlaps_any(a, *ga, b.recs[k].start, b.recs[k].end);
            ++i;
            ++j;
        }
        exact[label] += ex;
        overlap[label] += ov;
        exact_total += ex;
        overlap_total += ov;
    }
}

// One cell of a token confusion matrix: `n` tokens labelled `a` by one layer, `b` by the other.
struct TokenCell {
    uint32_t a, b;
    uint64_t n;
};

// The token confusion of two layers as a list of cells (row = a), so that the cost follows the
// number of mention runs, not labels x labels. Tokens outside every run are one "O"/"O" cell.
void token_confusion(const Layer& a, const Layer& b, uint64_t tokens, std::vector<TokenCell>& out)
{
    constexpr uint32_t kEnd = std::numeric_limits<uint32_t>::max();
    const auto& ra = a.runs;
    const auto& rb = b.runs;
    out.clear();
    size_t i = 0, j = 0;
    uint32_t pos = 0;
    uint64_t covered = 0;
    for (;;) {
        while (i < ra.size() && ra[i].t1 <= pos) ++i;
        while (j < rb.size() && rb[j].t1 <= pos) ++j;
        if (i == ra.size() && j == rb.size())
            break;
        const bool in_a = i < ra.size() && ra[i].t0 <= pos;
        const bool in_b = j < rb.size() && rb[j].t0 <= pos;
        const uint32_t next_a = i < ra.size() ? (in_a ? ra[i].t1 : ra[i].t0) : kEnd;
        const uint32_t next_b = j < rb.size() ? (in_b ? rb[j].t1 : rb[j].t0) : kEnd;
        const uint32_t stop = std::min(next_a, next_b);
        if (in_a || in_b) {
            out.push_back({in_a ? ra[i].label : 0, in_b ? rb[j].label : 0, uint64_t(stop - pos)});
            covered += stop - pos;
        }
        pos = stop;
    }
    if (tokens > covered)
        out.push_back({0, 0, tokens - covered});
}

// Cohen's kappa of a cell list; NaN where cohen_kappa() is undefined. row/col: zeroed scratch
// of one entry per label, left zeroed.
double kappa_of_cells(const std::vector<TokenCell>& cells, std::vector<double>& row, std::vector<double>& col)
{
    double total = 0, diagonal = 0;
    for (const TokenCell& c : cells) {
        total += static_cast<double>(c.n);
        row[c.a] += static_cast<double>(c.n);
        col[c.b] += static_cast<double>(c.n);
        if (c.a == c.b)
            diagonal += static_cast<double>(c.n);
    }
    double chance = 0;
    for (const TokenCell& c : cells) {
        // Every label with a non-zero row is some cell's `a`; zeroing marks it as counted.
        chance += row[c.a] * col[c.a];
        row[c.a] = 0;
    }
    for (const TokenCell& c : cells)
        col[c.b] = 0;
    if (total <= 0)
        return not_a_number();
    chance /= total * total;
    if (chance >= 1.0 - 1e-12)
        return not_a_number();
    return (diagonal / total - chance) / (1.0 - chance);
}

// Overall kappa and per-label (label vs rest) kappas of a dense labels x labels matrix.
void token_kappas(const std::vector<uint64_t>& m, size_t labels, Statistic& overall,
                  std::vector<Statistic>& per_label)
{
    ConfusionMatrix c;
    c.labels.resize(labels);
    c.counts = m;
    std::vector<uint64_t> row(labels, 0), col(labels, 0);
    for (size_t i = 0; i < labels; ++i)
        for (size_t k = 0; k < labels; ++k) {
            row[i] += m[i * labels + k];
            col[k] += m[i * labels + k];
            c.total += m[i * labels + k];
        }
    overall = cohen_kappa(c);
    per_label.assign(labels, Statistic{});
    for (size_t l = 1; l < labels; ++l) {
        const uint64_t both = m[l * labels + l];
        const uint64_t a_only = row[l] - both, b_only = col[l] - both;
        per_label[l] = cohen_kappa_2x2(static_cast<double>(both), static_cast<double>(a_only),
                                       static_cast<double>(b_only),
                                       static_cast<double>(c.total - both - a_only - b_only));
    }
}

// Krippendorff's nominal alpha over tokens x layers, from the sums of the coincidence matrix.
// A document is cut wherever some covering layer's label can change; the tokens between two
// cuts are identical units, added once with their count as weight.
struct TokenAlpha {
    std::vector<double> n_c; // marginals of the coincidence matrix, per label
    double n = 0, agree = 0; // pairable values, sum of the diagonal
    size_t units = 0;
    std::vector<uint32_t> breaks, cursor, counts; // scratch

    explicit TokenAlpha(size_t labels) : n_c(labels, 0.0), counts(labels, 0) {}

    void add_document(const std::vector<Layer>& layers, uint32_t tokens)
    {
        size_t m = 0;
        breaks.assign({0, tokens});
        for (const Layer& l : layers)
            if (l.covers) {
                ++m;
                for (const Run& r : l.runs) {
                    breaks.push_back(r.t0);
                    breaks.push_back(r.t1);
                }
            }
        if (m < 2 || tokens == 0)
            return;
        std::sort(breaks.begin(), breaks.end());
        breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
        cursor.assign(layers.size(), 0);
        auto label_at = [&](size_t a, uint32_t pos) -> uint32_t {
            const auto& runs = layers[a].runs;
            uint32_t& c = cursor[a];
            while (c < runs.size() && runs[c].t1 <= pos)
                ++c;
            return c < runs.size() && runs[c].t0 <= pos ? runs[c].label : 0;
        };
        for (size_t k = 0; k + 1 < breaks.size(); ++k) {
            const uint32_t from = breaks[k];
            const double width = breaks[k + 1] - from;
            for (size_t a = 0; a < layers.size(); ++a)
                if (layers[a].covers)
                    ++counts[label_at(a, from)];
            double same = 0; // ordered pairs of equal values in the unit
            for (size_t a = 0; a < layers.size(); ++a) {
                if (!layers[a].covers)
                    continue;
                const uint32_t label = label_at(a, from);
                const double c = counts[label];
                if (c > 0) { // zeroed after use, so each label is counted once
                    same += c * (c - 1);
                    n_c[label] += width * c;
                    counts[label] = 0;
                }
            }
            agree += width * same / static_cast<double>(m - 1);
        }
        n += static_cast<double>(tokens) * static_cast<double>(m);
        units += tokens;
    }

    // alpha = 1 - (n - 1) * (n - sum o_cc) / (n^2 - sum n_c^2)
    Statistic result() const
    {
        Statistic alpha;
        if (units == 0) {
            alpha.undefined = "no token is labelled by two or more layers";
            return alpha;
        }
        double squares = 0;
        for (double x : n_c)
            squares += x * x;
        alpha.units = units;
        alpha.values = static_cast<size_t>(n);
        alpha.observed = (n - agree) / n;
        alpha.expected = (n * n - squares) / (n * (n - 1));
        if (!(alpha.expected > 1e-12))
            alpha.undefined = "every token has the same label, so expected disagreement is 0 and alpha is 0/0";
        else
            alpha.value = 1.0 - alpha.observed / alpha.expected;
        return alpha;
    }
};

struct PairWork {
    uint32_t a, b;
    size_t documents = 0;
    uint64_t tokens = 0;
    std::vector<MentionCounts> exact, overlap; // per label
    std::vector<uint64_t> confusion;           // labels x labels
};

MentionAgreement mention_agreement(const Project& p, const Selection& s, const AgreementOptions& o,
                                   std::vector<std::string>& notes)
{
    MentionAgreement out;
    const size_t nl = s.annotators.size();

    // Labels: 0 is "O", then the types used, sorted.
    std::vector<std::vector<uint32_t>> by_doc(s.docs.size()); // indices into p.mentions
    {
        std::vector<std::string> types;
        std::unordered_set<std::string> seen;
        CachedLookup doc_cache;
        for (uint32_t i = 0; i < p.mentions.size(); ++i) {
            const Mention& m = p.mentions[i];
            const uint32_t d = doc_cache.get(m.doc_id, [&](const std::string& k) { return s.doc(k); });
            if (d == kNone || s.annotator(m.annotator) == kNone)
                continue;
            by_doc[d].push_back(i);
            if (seen.insert(m.type).second)
                types.push_back(m.type);
        }
        std::sort(types.begin(), types.end());
        out.labels = types;
    }
    const size_t labels = out.labels.size() + 1;
    std::unordered_map<std::string, uint32_t> label_index;
    for (size_t i = 0; i < out.labels.size(); ++i)
        label_index.emplace(out.labels[i], static_cast<uint32_t>(i + 1));

    std::vector<PairWork> pairs;
    for (uint32_t a = 0; a < nl; ++a)
        for (uint32_t b = a + 1; b < nl; ++b) {
            PairWork w;
            w.a = a;
            w.b = b;
            w.exact.resize(labels);
            w.overlap.resize(labels);
            w.confusion.assign(labels * labels, 0);
            pairs.push_back(std::move(w));
        }

    TokenAlpha alpha(labels);
    std::vector<Layer> layers(nl);
    std::vector<Rec> scratch;
    std::vector<TokenCell> cells;
    std::vector<double> row_scratch(labels, 0.0), col_scratch(labels, 0.0);
    size_t outside_text = 0, reversed = 0;

    for (size_t d = 0; d < s.docs.size(); ++d) {
        const Document& doc = *s.docs[d];
        const std::vector<Span> tokens = doc.text ? agreement_tokens(*doc.text) : std::vector<Span>{};
        const uint32_t text_size = doc.text ? static_cast<uint32_t>(doc.text->size()) : 0;
        const uint64_t T = tokens.size();

        for (uint32_t a = 0; a < nl; ++a) {
            layers[a].clear();
            layers[a].covers = s.covers[d][a] != 0;
        }
        DocumentMentionAgreement da;
        da.doc_id = doc.id;
        da.tokens = T;
        for (uint32_t i : by_doc[d]) {
            const Mention& m = p.mentions[i];
            Layer& l = layers[s.annotator(m.annotator)];
            if (!l.covers)
                continue;
            if (m.end < m.start) {
                ++reversed;
                continue;
            }
            if (m.end > text_size)
                ++outside_text;
            l.recs.push_back({m.start, m.end, label_index[m.type], i});
            ++da.mentions;
        }
        for (uint32_t a = 0; a < nl; ++a)
            if (layers[a].covers) {
                build_layer(layers[a], tokens, scratch);
                ++da.layers;
            }

        // Pairs.
        double kappa_sum = 0;
        for (PairWork& w : pairs) {
            const Layer& la = layers[w.a];
            const Layer& lb = layers[w.b];
            if (!la.covers || !lb.covers)
                continue;
            ++w.documents;
            w.tokens += T;
            match_mentions(la, lb, w.exact.data(), w.overlap.data(), da.exact, da.overlap);
            if (T == 0)
                continue;
            token_confusion(la, lb, T, cells);
            for (const TokenCell& c : cells)
                w.confusion[c.a * labels + c.b] += c.n;
            if (o.per_document) {
                const double k = kappa_of_cells(cells, row_scratch, col_scratch);
                if (!std::isnan(k)) {
                    kappa_sum += k;
                    ++da.kappa_pairs;
                }
            }
        }
        da.mean_token_kappa = da.kappa_pairs ? kappa_sum / static_cast<double>(da.kappa_pairs) : not_a_number();

        alpha.add_document(layers, static_cast<uint32_t>(T));
        if (o.per_document)
            out.documents.push_back(std::move(da));
    }

    // Totals. Every label gets an entry even without pairs, so readers can index by label.
    for (const std::string& name : out.labels) {
        out.exact_by_label[name];
        out.overlap_by_label[name];
    }
    double kappa_sum = 0;
    size_t kappa_n = 0;
    std::vector<double> label_kappa_sum(labels, 0.0);
    std::vector<size_t> label_kappa_n(labels, 0);
    Statistic overall;
    std::vector<Statistic> per_label;
    for (const PairWork& w : pairs) {
        MentionPairAgreement pa;
        pa.annotator_a = s.annotators[w.a];
        pa.annotator_b = s.annotators[w.b];
        pa.documents = w.documents;
        pa.tokens = w.tokens;
        token_kappas(w.confusion, labels, overall, per_label);
        for (size_t l = 1; l < labels; ++l) {
            const std::string& name = out.labels[l - 1];
            pa.exact += w.exact[l];
            pa.overlap += w.overlap[l];
            out.exact_by_label[name] += w.exact[l];
            out.overlap_by_label[name] += w.overlap[l];
            if (w.exact[l].count_a + w.exact[l].count_b == 0)
                continue; // neither layer used the label: nothing to say about it
            pa.exact_by_label[name] = w.exact[l];
            pa.overlap_by_label[name] = w.overlap[l];
            if (per_label[l].defined()) {
                label_kappa_sum[l] += per_label[l].value;
                ++label_kappa_n[l];
            }
            pa.token_kappa_by_label[name] = per_label[l];
        }
        out.exact += pa.exact;
        out.overlap += pa.overlap;
        pa.token_kappa = overall;
        if (!w.tokens)
            pa.token_kappa.undefined = "no tokens compared";
        if (pa.token_kappa.defined()) {
            kappa_sum += pa.token_kappa.value;
            ++kappa_n;
        }
        out.pairs.push_back(std::move(pa));
    }
    out.mean_token_kappa = kappa_n ? kappa_sum / static_cast<double>(kappa_n) : not_a_number();
    for (size_t l = 1; l < labels; ++l)
        out.mean_token_kappa_by_label[out.labels[l - 1]] =
            label_kappa_n[l] ? label_kappa_sum[l] / static_cast<double>(label_kappa_n[l]) : not_a_number();

    out.token_alpha = alpha.result();

    if (reversed)
        notes.push_back(std::to_string(reversed) + " mention(s) with end before start were ignored");
    if (outside_text)
        notes.push_back(std::to_string(outside_text) +
                        " mention(s) extend past the end of their document's text (compared as is)");
    return out;
}

// [SECTION] stances

StanceAgreement stance_agreement(const ReliabilityData& d)
{
    StanceAgreement out;
    out.units = d.unit_count();
    out.values = d.value_count();
    out.fleiss_kappa = fleiss_kappa(d);
    out.alpha = krippendorff_alpha(d, AlphaMetric::Nominal);
    out.percent_agreement = percent_agreement(d);
    std::vector<std::vector<int>> columns;
    for (size_t a = 0; a < d.annotator_count(); ++a)
        columns.push_back(d.column(a));
    double sum = 0;
    size_t defined = 0;
    for (size_t a = 0; a < columns.size(); ++a)
        for (size_t b = a + 1; b < columns.size(); ++b) {
            StancePairAgreement p;
            p.annotator_a = d.annotator_id(a);
            p.annotator_b = d.annotator_id(b);
            size_t same = 0;
            // Cohen's kappa via a label-indexed confusion matrix; labels here are few.
            ConfusionMatrix m;
            m.labels.resize(d.category_count());
            m.counts.assign(d.category_count() * d.category_count(), 0);
            for (size_t u = 0; u < columns[a].size(); ++u) {
                const int x = columns[a][u], y = columns[b][u];
                p.units_a += x >= 0;
                p.units_b += y >= 0;
                if (x >= 0 && y >= 0) {
                    ++p.units_both;
                    same += x == y;
                    ++m.at(static_cast<size_t>(x), static_cast<size_t>(y));
                    ++m.total;
                }
            }
            p.cohen_kappa = cohen_kappa(m);
            if (p.units_both == 0) {
                p.percent_agreement.undefined = "no unit coded by both annotators";
            } else {
                p.percent_agreement.value = p.percent_agreement.observed =
                    static_cast<double>(same) / static_cast<double>(p.units_both);
                p.percent_agreement.units = p.units_both;
                p.percent_agreement.values = 2 * p.units_both;
            }
            if (p.cohen_kappa.defined()) {
                sum += p.cohen_kappa.value;
                ++defined;
            }
            out.pairs.push_back(std::move(p));
        }
    out.mean_cohen_kappa = defined ? sum / static_cast<double>(defined) : not_a_number();
    return out;
}

// Shared by stances and document stances: registers the layers, fills values (first one per
// unit and layer wins), then applies stance_absent_as_none.
struct UnitBuilder {
    const Selection& s;
    const AgreementOptions& o;
    ReliabilityData data;
    std::vector<uint32_t> unit_doc;
    size_t duplicates = 0;

    UnitBuilder(const Selection& sel, const AgreementOptions& opt) : s(sel), o(opt)
    {
        for (const std::string& a : s.annotators)
            data.add_annotator(a);
    }

    void add(const std::string& doc_id, const std::string& who, const std::string& key,
             const std::string& polarity)
    {
        const uint32_t d = s.doc(doc_id), a = s.annotator(who);
        if (d == kNone || a == kNone || !s.covers[d][a])
            return;
        const size_t before = data.unit_count();
        const size_t u = data.add_unit(key);
        if (u == before)
            unit_doc.push_back(d);
        if (data.category(u, a) >= 0) {
            ++duplicates;
            return;
        }
        data.set(u, a, polarity);
    }

    void finish()
    {
        if (!o.stance_absent_as_none)
            return;
        for (size_t u = 0; u < data.unit_count(); ++u)
            for (uint32_t a = 0; a < s.annotators.size(); ++a)
                if (s.covers[unit_doc[u]][a] && data.category(u, a) < 0)
                    data.set(u, a, "NONE");
    }
};

std::string ref_key(const StanceRef& ref, const Mention* m)
{
    switch (ref.kind) {
    case StanceRef::Kind::None: return "none";
    case StanceRef::Kind::Entity: return "entity:" + ref.id;
    case StanceRef::Kind::Target: return "target:" + ref.id;
    case StanceRef::Kind::Mention:
        if (!m)
            return "mention:" + ref.id;
        // Linked mentions compare by entity so that two annotators who marked different
        // mentions of the same entity as holder still agree on the unit.
        if (!m->entity_id.empty())
            return "entity:" + m->entity_id;
        return "span:" + std::to_string(m->start) + "-" + std::to_string(m->end) + ":" + m->type;
    }
    return "none";
}

struct StanceKeys {
    const Project& project;
    std::unordered_map<std::string, const Mention*> mentions; // built on first need
    size_t dangling = 0;

    explicit StanceKeys(const Project& p) : project(p) {}

    std::string key(const StanceRef& ref)
    {
        const Mention* m = nullptr;
        if (ref.kind == StanceRef::Kind::Mention) {
            if (mentions.empty() && !project.mentions.empty()) {
                mentions.reserve(project.mentions.size());
                for (const Mention& x : project.mentions)
                    mentions.emplace(x.id, &x);
            }
            auto it = mentions.find(ref.id);
            if (it == mentions.end())
                ++dangling;
            else
                m = it->second;
        }
        return ref_key(ref, m);
    }
};

ReliabilityData build_stance_data(const Project& p, const Selection& s, const AgreementOptions& o,
                                  std::vector<std::string>* notes)
{
    UnitBuilder b(s, o);
    StanceKeys keys(p);
    for (const Stance& x : p.stances) {
        if (s.doc(x.doc_id) == kNone || s.annotator(x.annotator) == kNone)
            continue;
        std::string unit = x.doc_id;
        unit += kUnitSeparator;
        unit += keys.key(x.holder);
        unit += kUnitSeparator;
        unit += keys.key(x.target);
        b.add(x.doc_id, x.annotator, unit, x.polarity);
    }
    b.finish();
    if (notes && b.duplicates)
        notes->push_back(std::to_string(b.duplicates) +
                         " stance(s) repeat a (document, holder, target) already given by the same "
                         "annotator; only the first was compared");
    if (notes && keys.dangling)
        notes->push_back(std::to_string(keys.dangling) +
                         " stance holder/target(s) refer to a mention that does not exist");
    return std::move(b.data);
}

ReliabilityData build_doc_stance_data(const Project& p, const Selection& s, const AgreementOptions& o,
                                      std::vector<std::string>* notes)
{
    UnitBuilder b(s, o);
    for (const DocStance& x : p.doc_stances) {
        std::string unit = x.doc_id;
        unit += kUnitSeparator;
        unit += x.target_id;
        b.add(x.doc_id, x.annotator, unit, x.polarity);
    }
    b.finish();
    if (notes && b.duplicates)
        notes->push_back(std::to_string(b.duplicates) +
                         " document stance(s) repeat a (document, target) already given by the same "
                         "annotator; only the first was compared");
    return std::move(b.data);
}

} // namespace

// [SECTION] public entry points

std::string stance_ref_key(const Project& project, const StanceRef& ref)
{
    return ref_key(ref, ref.kind == StanceRef::Kind::Mention ? project.mention(ref.id) : nullptr);
}

ReliabilityData stance_reliability_data(const Project& project, const AgreementOptions& options)
{
    return build_stance_data(project, select(project, options), options, nullptr);
}

ReliabilityData doc_stance_reliability_data(const Project& project, const AgreementOptions& options)
{
    return build_doc_stance_data(project, select(project, options), options, nullptr);
}

AgreementReport compute_agreement(const Project& project, const AgreementOptions& options)
{
    AgreementReport r;
    const Selection s = select(project, options);
    r.annotators = s.annotators;
    r.documents = s.docs.size();
    if (!options.documents.empty() && s.docs.size() < options.documents.size())
        r.notes.push_back(std::to_string(options.documents.size() - s.docs.size()) +
                          " requested document(s) are not in the project");
    r.mentions = mention_agreement(project, s, options, r.notes);
    r.stances = stance_agreement(build_stance_data(project, s, options, &r.notes));
    r.doc_stances = stance_agreement(build_doc_stance_data(project, s, options, &r.notes));
    if (s.annotators.size() < 2)
        r.notes.push_back("fewer than two annotators: nothing to compare");
    return r;
}

} // namespace postil
