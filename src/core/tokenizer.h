// Tokenizer: splits a Text into word / number / punctuation / symbol / emoji / URL tokens and
// into sentences, with French rules (elision "l’", "qu’", guillemets, NBSP as a space,
// hyphenated words kept whole). Also the word lookups the editors need (double-click,
// snapping a selection to whole words) and a Unicode character classifier without ICU.
// Offsets are code points, [start, end), like every Postil API.
// Does not do: lemmas, part of speech, clitic splitting ("a-t-il" stays one token), word
// segmentation of scripts written without spaces (each CJK ideograph / kana is one token;
// Thai runs stay whole), decimal numbers with a space as thousands separator ("1 000" is
// two tokens on purpose: a space never sits inside a token).
#pragma once
#include "model.h" // Span
#include "text.h"

#include <cstdint>
#include <vector>

namespace postil {

// [SECTION] Character classes

enum class CharClass : uint8_t {
    Space,     // Unicode spaces (NBSP, U+202F, U+3000 ...), line breaks, controls, ZWSP, BOM
    Letter,    // letters and combining marks of every script, letter-like numbers (², Ⅻ)
    Digit,     // decimal digits of every script
    Punct,     // punctuation (. , ; « » ’ - …)
    Symbol,    // symbols (€ + = © °) and private-use characters
    Emoji,     // pictographs: U+1F000..1FAFF, U+2600..27BF symbols and a few others
    Ideograph, // Han ideographs, kana, Tangut ...: one token each
    Format,    // invisible format characters (ZWJ, soft hyphen, bidi marks): kept inside words
};
// From a table generated from the Unicode 14 character database (see tokenizer.cpp).
CharClass char_class(char32_t cp);
inline bool is_space(char32_t cp) { return char_class(cp) == CharClass::Space; }
// Letters, digits and ideographs: what a "whole word" search looks at on either side.
bool is_word_char(char32_t cp);
// Simple (one to one) lower case for Latin (Basic, Latin-1, Extended-A/B/Additional),
// Greek, Cyrillic, Armenian, Georgian and full-width Latin. Other characters unchanged.
char32_t to_lower(char32_t cp);
// A lower-case letter of those scripts (used to tell "M. Dupont" from "fin. Début").
bool is_lower(char32_t cp);
// ' ’ ‘ ʼ: apostrophes the tokenizer treats alike (‘ appears by mistake for ’ in real text).
bool is_apostrophe(char32_t cp);

// [SECTION] Tokens

enum class TokenKind : uint8_t {
    Word,   // letters (with digits, hyphens, inner apostrophes), an elided "l’", one ideograph
    Number, // digits, with "." or "," between digits: 5,38  3.5  2024
    Punct,  // one punctuation mark, or a run: "...", "?!", "--"
    Symbol, // one symbol (€ + = ©); note that % is punctuation in Unicode, so Punct
    Emoji,  // one emoji with its modifiers / ZWJ sequence / flag pair / keycap
    Url,    // http(s)://..., www...., and e-mail addresses
};
const char* to_string(TokenKind k);

struct Token {
    uint32_t start = 0, end = 0; // code points, [start, end)
    TokenKind kind = TokenKind::Word;
    bool operator==(const Token&) const = default;
};

// All tokens, in order. Never empty tokens, never whitespace inside a token.
std::vector<Token> tokenize(const Text& text);
// Same, into reused vectors, with each token's UTF-8 byte [start, end) in `token_bytes`
// (2 per token): what writers copying token text and sentences() below need, without another
// walk over the text.
void tokenize(const Text& text, std::vector<Token>& tokens, std::vector<uint32_t>& token_bytes);
// Same rules over raw valid UTF-8 (e.g. a search query); offsets are code points of `utf8`.
std::vector<Token> tokenize_utf8(std::string_view utf8);
// Same tokens, from the scanner without its ASCII shortcuts (the general path alone): for the
// unit test asserting that the shortcuts change nothing. Slower; no other use.
std::vector<Token> tokenize_utf8_reference(std::string_view utf8);
// The tokens overlapping [start, end), computed locally (from the whitespace before `start`),
// identical to the matching slice of tokenize(text). For views that show part of a long text.
std::vector<Token> tokens_in(const Text& text, uint32_t start, uint32_t end);

// [SECTION] Word lookups for the editors

// The token under code point `cp` (double-click). If cp is on whitespace (or the end of the
// text) right after a token, that token (clicking just past a word's end selects it).
// Otherwise an empty span {cp, cp}. cp is clamped to text.size().
Span word_at(const Text& text, uint32_t cp);
// [start, end) with surrounding whitespace trimmed, then grown to whole tokens.
// An empty or whitespace-only range gives an empty span at `start` (clamped to the text).
Span snap_to_words(const Text& text, uint32_t start, uint32_t end);

// [SECTION] Sentences

struct SentenceOptions {
    // A single line break ends a sentence (titles, bylines and list items in scraped news
    // have no final period). Set false for hard-wrapped prose. A blank line always ends one.
    bool line_break_ends_sentence = true;
};
// Sentence spans from the first to the last token of each sentence (no outer whitespace).
// Ends after . ! ? … (and closing quotes/brackets following them) when the next token does
// not start with a lower-case letter and the period does not end an abbreviation
// ("M.", "Mme.", "Dr.", "cf.", single capital initials "J.").
std::vector<Span> sentences(const Text& text, const SentenceOptions& opt = {});
// Same, reusing tokens already computed with tokenize(text).
std::vector<Span> sentences(const Text& text, const std::vector<Token>& tokens,
                            const SentenceOptions& opt = {});
// Same, with the byte offsets tokenize(text, tokens, token_bytes) gave, into `out` (cleared).
void sentences(const Text& text, const std::vector<Token>& tokens, const std::vector<uint32_t>& token_bytes,
               const SentenceOptions& opt, std::vector<Span>& out);

// [SECTION] Both at once (token exports)

// tokenize(text, tokens, token_bytes) then sentences(text, tokens, token_bytes, opt, sentences),
// in one pass over the text: the scanner notes the tokens where a sentence may end (a terminal
// mark, a line break after it) and the splitter looks only at those. Same results as the two
// calls (a unit test compares them). Vectors reused between calls.
struct TokenizedText {
    std::vector<Token> tokens;
    std::vector<uint32_t> token_bytes;     // 2 per token, as tokenize() gives them
    std::vector<Span> sentences;           // as sentences() gives them
    std::vector<uint32_t> sentence_firsts; // index of each sentence's first token
    std::vector<uint32_t> marks;           // scratch
};
void tokenize_and_split(const Text& text, const SentenceOptions& opt, TokenizedText& out);

} // namespace postil
