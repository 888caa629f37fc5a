// Search: folding (case, accents, apostrophes, spaces) with an origin map, then a plain
// substring search over the folded text. See search.h for what is folded.
// Does not do: indexing (each call folds the text again unless given a FoldedText).
#include "search.h"

#include "tokenizer.h"

namespace postil {

// [SECTION] Folding

namespace {

// Base letters for U+00C0..024F and U+1E00..1EFF, two characters per code point: one letter
// and a space, two letters (Æ -> "AE"), or ".." for "no base letter, keep as is" (× Ə ȸ ...).
// Generated with Python 3.11's unicodedata (Unicode 14.0): NFKD without combining marks when
// that gives one or two ASCII letters, plus by hand the letters with a stroke or hook that
// have no decomposition (Ø Đ Ł Ħ ı Ŧ Ŋ ƀ Ɓ ... ɏ), Æ Œ ß Ð Þ ĸ Ŀ ẞ.
constexpr char kLatin1ExtAB[] =
    "A A A A A A AEC E E E E I I I I D N O O O O O ..O U U U U Y THss" // U+00C0
    "a a a a a a aec e e e e i i i i d n o o o o o ..o u u u u y thy " // U+00E0
    "A a A a A a C c C c C c C c D d D d E e E e E e E e E e G g G g " // U+0100
    "G g G g H h H h I i I i I i I i I i IJijJ j K k k L l L l L l L " // U+0120
    "l L l N n N n N n 'nN n O o O o O o OEoeR r R r R r S s S s S s " // U+0140
    "S s T t T t T t U u U u U u U u U u U u W w Y y Y Z z Z z Z z s " // U+0160
    "b B ..........C c ..D D d ........F f G ......I K k l ....N n .." // U+0180
    "O o ....P p ..........t T t T U u ..V Y y Z z .................." // U+01A0
    "........DZDzdzLJLjljNJNjnjA a I i O o U u U u U u U u U u ..A a " // U+01C0
    "A a ....G g G g K k O o O o ....j DZDzdzG g ....N n A a ........" // U+01E0
    "A a A a E e E e I i I i O o O o R r R r U u U u S s T t ....H h " // U+0200
    "........Z z A a E e O o O o O o O o Y y l n t j ....A C c L T s " // U+0220
    "z ....B U ..E e J j Q q R r Y y " // U+0240
    ;
constexpr char kLatinExtAdditional[] =
    "A a B b B b B b C c D d D d D d D d D d E e E e E e E e E e F f " // U+1E00
    "G g H h H h H h H h H h I i I i K k K k K k L l L l L l L l M m " // U+1E20
    "M m M m N n N n N n N n O o O o O o O o P p P p R r R r R r R r " // U+1E40
    "S s S s S s S s S s T t T t T t T t U u U u U u U u U u V v V v " // U+1E60
    "W w W w W w W w W w X x X x Y y Z z Z z Z z h t w y ..s ....SS.." // U+1E80
    "A a A a A a A a A a A a A a A a A a A a A a A a E e E e E e E e " // U+1EA0
    "E e E e E e E e I i I i O o O o O o O o O o O o O o O o O o O o " // U+1EC0
    "O o O o U u U u U u U u U u U u U u Y y Y y Y y Y y ............" // U+1EE0
    ;
static_assert(sizeof(kLatin1ExtAB) == 2 * (0x250 - 0xC0) + 1);
static_assert(sizeof(kLatinExtAdditional) == 2 * 0x100 + 1);

bool is_combining_diacritic(char32_t c)
{
    return (c >= 0x300 && c <= 0x36F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

bool is_horizontal_space(char32_t c)
{
    return c == U'\t' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

int from_table(const char* entry, char32_t c, char32_t* out)
{
    if (entry[0] == '.')
        return out[0] = c, 1;
    out[0] = static_cast<unsigned char>(entry[0]);
    if (entry[1] == ' ')
        return 1;
    out[1] = static_cast<unsigned char>(entry[1]);
    return 2;
}

// Accent-free spelling of c into out (0 to 3 code points).
int strip_accents(char32_t c, char32_t* out)
{
    if (c >= 0xC0 && c < 0x250)
        return from_table(kLatin1ExtAB + 2 * (c - 0xC0), c, out);
    if (c >= 0x1E00 && c <= 0x1EFF)
        return from_table(kLatinExtAdditional + 2 * (c - 0x1E00), c, out);
    if (is_combining_diacritic(c))
        return 0;
    if (c >= 0xFB00 && c <= 0xFB06) { // ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
        static constexpr const char* kLig[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
        int n = 0;
        for (const char* p = kLig[c - 0xFB00]; *p; ++p)
            out[n++] = static_cast<unsigned char>(*p);
        return n;
    }
    if (c >= 0x386 && c <= 0x3CE) { // Greek with tonos / dialytika
        switch (c) {
        case 0x386: c = 0x391; break;
        case 0x388: c = 0x395; break;
        case 0x389: c = 0x397; break;
        case 0x38A: case 0x3AA: c = 0x399; break;
        case 0x38C: c = 0x39F; break;
        case 0x38E: case 0x3AB: c = 0x3A5; break;
        case 0x38F: c = 0x3A9; break;
        case 0x390: case 0x3AF: case 0x3CA: c = 0x3B9; break;
        case 0x3AC: c = 0x3B1; break;
        case 0x3AD: c = 0x3B5; break;
        case 0x3AE: c = 0x3B7; break;
        case 0x3B0: case 0x3CB: case 0x3CD: c = 0x3C5; break;
        case 0x3CC: c = 0x3BF; break;
        case 0x3CE: c = 0x3C9; break;
        default: break;
        }
    } else if (c == 0x401) { // Ё
        c = 0x415;
    } else if (c == 0x451) { // ё
        c = 0x435;
    }
    out[0] = c;
    return 1;
}

// The folded form of c (0 to 3 code points) into out.
int fold_char(char32_t c, bool ignore_case, bool ignore_accents, char32_t* out)
{
    if (c < 0x80) {
        if (ignore_case && c >= U'A' && c <= U'Z')
            c += 32;
        out[0] = c == U'\t' ? U' ' : c;
        return 1;
    }
    switch (c) {
    case 0x2019: case 0x2018: case 0x02BC: out[0] = U'\''; return 1;
    case 0x2010: case 0x2011: out[0] = U'-'; return 1;
    case 0x2026: out[0] = out[1] = out[2] = U'.'; return 3;
    case 0x00AD: return 0; // soft hyphen: invisible, "anti\u00ADcorps" is "anticorps"
    default: break;
    }
    if (is_horizontal_space(c)) {
        out[0] = U' ';
        return 1;
    }
    int n = 1;
    out[0] = c;
    if (ignore_accents)
        n = strip_accents(c, out);
    if (ignore_case)
        for (int k = 0; k < n; ++k)
            out[k] = out[k] == 0x3C2 ? 0x3C3 : to_lower(out[k]);
    return n;
}

template <class Sink>
void fold_utf8(std::string_view s, bool ignore_case, bool ignore_accents, Sink&& sink)
{
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t len = s.size();
    size_t i = 0;
    uint32_t cp = 0;
    char32_t buf[3];
    while (i < len) {
        const unsigned char b = p[i];
        char32_t c;
        if (b < 0x80) {
            c = b;
            i += 1;
        } else if (b < 0xE0 && i + 2 <= len) {
            c = (char32_t(b & 0x1F) << 6) | (p[i + 1] & 0x3F);
            i += 2;
        } else if (b < 0xF0 && i + 3 <= len) {
            c = (char32_t(b & 0x0F) << 12) | (char32_t(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
            i += 3;
        } else if (i + 4 <= len) {
            c = (char32_t(b & 0x07) << 18) | (char32_t(p[i + 1] & 0x3F) << 12) |
                (char32_t(p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
            i += 4;
        } else {
            break; // truncated: callers validate, this only keeps reads in bounds
        }
        const int n = fold_char(c, ignore_case, ignore_accents, buf);
        for (int k = 0; k < n; ++k)
            sink(buf[k], cp);
        ++cp;
    }
    sink.finish(cp);
}

} // namespace

FoldedText fold_for_search(std::string_view utf8, const SearchOptions& opt)
{
    FoldedText f;
    f.ignore_case = opt.ignore_case;
    f.ignore_accents = opt.ignore_accents;
    f.chars.reserve(utf8.size() + 8);
    f.origin.reserve(utf8.size() + 9);
    struct Sink {
        FoldedText& f;
        void operator()(char32_t c, uint32_t cp) { f.chars.push_back(c), f.origin.push_back(cp); }
        void finish(uint32_t size) { f.origin.push_back(size); }
    };
    fold_utf8(utf8, opt.ignore_case, opt.ignore_accents, Sink{f});
    return f;
}

std::u32string fold_query(std::string_view utf8, const SearchOptions& opt)
{
    std::u32string q;
    struct Sink {
        std::u32string& q;
        void operator()(char32_t c, uint32_t) { q.push_back(c); }
        void finish(uint32_t) {}
    };
    fold_utf8(utf8, opt.ignore_case, opt.ignore_accents, Sink{q});
    return q;
}

// [SECTION] Finding

std::vector<Span> find_all(const FoldedText& folded, std::string_view query, const SearchOptions& opt)
{
    std::vector<Span> out;
    if (query.empty() || find_invalid_utf8(query))
        return out;
    SearchOptions qopt = opt;
    qopt.ignore_case = folded.ignore_case;
    qopt.ignore_accents = folded.ignore_accents;
    const std::u32string q = fold_query(query, qopt);
    if (q.empty()) // e.g. only combining marks with accents ignored
        return out;
    const std::u32string_view hay(folded.chars);
    const std::vector<uint32_t>& origin = folded.origin;
    const bool word_first = is_word_char(q.front()), word_last = is_word_char(q.back());
    size_t pos = 0;
    while ((pos = hay.find(q, pos)) != std::u32string_view::npos) {
        const size_t end = pos + q.size();
        // Both ends on original character boundaries: not inside an expansion like œ -> oe.
        bool ok = (pos == 0 || origin[pos - 1] != origin[pos]) && origin[end] != origin[end - 1];
        if (ok && opt.whole_word)
            ok = !(word_first && pos > 0 && is_word_char(hay[pos - 1])) &&
                 !(word_last && end < hay.size() && is_word_char(hay[end]));
        if (!ok) {
            ++pos;
            continue;
        }
        out.push_back(Span{origin[pos], origin[end]});
        if (opt.max_hits && out.size() >= opt.max_hits)
            break;
        pos = end;
    }
    return out;
}

std::vector<Span> find_all(const Text& text, std::string_view query, const SearchOptions& opt)
{
    if (query.empty())
        return {};
    return find_all(fold_for_search(text.utf8(), opt), query, opt);
}

std::vector<CorpusHit> search_corpus(const Project& project, std::string_view query, const SearchOptions& opt)
{
    std::vector<CorpusHit> out;
    SearchOptions o = opt;
    for (const Document& d : project.documents) {
        if (!d.text)
            continue;
        if (opt.max_hits)
            o.max_hits = opt.max_hits - out.size();
        for (const Span& s : find_all(*d.text, query, o))
            out.push_back(CorpusHit{d.id, s});
        if (opt.max_hits && out.size() >= opt.max_hits)
            break;
    }
    return out;
}

} // namespace postil
