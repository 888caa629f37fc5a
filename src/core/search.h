// Search: every occurrence of a query in a document or in the whole project, as code point
// spans of the original text, optionally ignoring case and accents.
// Both sides are "folded" the same way before comparing, and each folded unit remembers the
// code point it came from, so hits map back exactly even when folding changes the length
// (œ -> oe, ß -> ss, … -> ..., e + U+0301 -> e).
// Always folded, whatever the options: ’ ‘ ʼ -> ', NBSP and other horizontal spaces and tabs
// -> ' ', U+2010/U+2011 hyphens -> '-', … -> "...", soft hyphen dropped.
// ignore_accents: Latin-1 Supplement, Latin Extended-A/B and Latin Extended Additional letters
// to their base letters (é -> e, Ł -> L, ǅ -> Dz), ligatures œ æ ß ĳ ﬁ spelled out,
// combining diacritics (U+0300..036F and the other combining-mark blocks) dropped, Greek
// tonos/dialytika dropped, ё -> е.
// ignore_case: simple lower case of Latin, Greek, Cyrillic, Armenian, Georgian (tokenizer.h
// to_lower), and final sigma ς as σ.
// Does not do: regular expressions, full Unicode case folding or normalisation (a precomposed
// "é" only matches a decomposed "e + U+0301" when accents are ignored), stemming.
#pragma once
#include "model.h"
#include "text.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace postil {

struct SearchOptions {
    bool ignore_case = true;
    bool ignore_accents = true;
    // Hits must not have a letter/digit right before or after them (where the query itself
    // starts/ends with a letter or digit): "IA" finds "l’IA" but not "IAs" or "via".
    bool whole_word = false;
    size_t max_hits = 0; // 0 = no limit
};

// A text folded for searching: chars[k] came from code point origin[k] of the original.
// origin has one more entry than chars: the original's size, so [k, k+len) maps back to
// [origin[k], origin[k+len]). Build it once to run many queries over the same text.
struct FoldedText {
    std::u32string chars;
    std::vector<uint32_t> origin;
    bool ignore_case = true, ignore_accents = true; // what it was folded with
};
FoldedText fold_for_search(std::string_view utf8, const SearchOptions& opt);
// Only the folded code points (for a query).
std::u32string fold_query(std::string_view utf8, const SearchOptions& opt);

// All non-overlapping occurrences, left to right. A hit never starts or ends in the middle of
// an original character (searching "e" does not find half of "œ"); a hit that ends just before
// dropped combining marks includes them. Empty or invalid UTF-8 query: no hits.
std::vector<Span> find_all(const Text& text, std::string_view query, const SearchOptions& opt = {});
// Same over a text folded beforehand (with the same ignore_case / ignore_accents).
std::vector<Span> find_all(const FoldedText& folded, std::string_view query, const SearchOptions& opt = {});

struct CorpusHit {
    std::string doc_id;
    Span span;
    bool operator==(const CorpusHit&) const = default;
};
// Every document in display order; max_hits counts over the whole project.
std::vector<CorpusHit> search_corpus(const Project& project, std::string_view query,
                                     const SearchOptions& opt = {});

} // namespace postil
