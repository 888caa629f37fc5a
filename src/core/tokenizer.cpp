// Tokenizer, sentence splitter and character classifier. See tokenizer.h for the rules.
// The scanner walks the UTF-8 bytes themselves (ASCII by table, a non-ASCII character decoded
// where it stands) with small lookaheads (hyphen, apostrophe, decimal separator, URL prefix),
// and counts code points as it goes: no code point buffer, so a token export pays one pass over
// the text. The sentence splitter reads the same bytes through the tokens' byte offsets; for
// exports (tokenize_and_split) the scanner also notes the few tokens where a sentence may end,
// so the splitter skips the others. The scanner's ASCII shortcut (Scanner<true>) is checked
// against its general path (Scanner<false>) by tests/unit/test_tokenizer_fast_path.cpp.
// Inside words, letters and digits are skipped 16 bytes at a time with SSE2 where the compiler
// offers it (two-byte letters such as é included), else 8 at a time with plain integer
// arithmetic (SWAR: wasm, ARM); both give the tokens of the byte-at-a-time path.
// A token never contains a space, so any position after a space is a safe place to restart
// scanning: tokens_in() and word_at() only scan the space-delimited chunk around the place asked
// for. tests/unit/test_tokenizer_golden.cpp pins every token and sentence of the corpus and of
// adversarial strings to what the earlier code point (UTF-32) scanner produced.
// Does not do: anything language-specific beyond French elision and a few abbreviations.
#include "tokenizer.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace postil {

// [SECTION] Character classes

namespace {

// Runs of code points sharing a class: (first code point << 3) | CharClass value (Space 0,
// Letter 1, Digit 2, Punct 3, Symbol 4, Emoji 5, Ideograph 6, Format 7), sorted. A run lasts
// until the next entry. Unassigned code points belong to the run around them.
// Generated with Python 3.11's unicodedata (Unicode 14.0):
//   Cn: skipped (merged into the surrounding run); U+1F000..1FAFF: Emoji; U+20000..3FFFF: Ideograph
//   Zs Zl Zp Cc, U+200B, U+FEFF: Space;  other Cf: Format;  Co Cs: Symbol;  Nd: Digit;  P*: Punct
//   L* M* Nl No: Ideograph if the name starts with CJK UNIFIED/COMPATIBILITY IDEOGRAPH,
//     HIRAGANA/KATAKANA LETTER, TANGUT, NUSHU, KHITAN, or is U+3005-3007, 309D-309E, 30FC-30FE;
//     else Letter
//   S*: Emoji if So in U+2600..27BF or one of 231A-231B 23E9-23F3 23F8-23FA 2B05-2B07 2B1B-2B1C
//     2B50 2B55; else Symbol
constexpr uint32_t kClassRuns[] = {
    0x0000000, 0x000010B, 0x0000124, 0x000012B, 0x000015C, 0x0000163, 0x0000182, 0x00001D3,
    0x00001E4, 0x00001FB, 0x0000209, 0x00002DB, 0x00002F4, 0x00002FB, 0x0000304, 0x0000309,
    0x00003DB, 0x00003E4, 0x00003EB, 0x00003F4, 0x00003F8, 0x000050B, 0x0000514, 0x000053B,
    0x0000544, 0x0000551, 0x000055B, 0x0000564, 0x000056F, 0x0000574, 0x0000591, 0x00005A4,
    0x00005A9, 0x00005B3, 0x00005C4, 0x00005C9, 0x00005DB, 0x00005E1, 0x00005FB, 0x0000601,
    0x00006BC, 0x00006C1, 0x00007BC, 0x00007C1, 0x0001614, 0x0001631, 0x0001694, 0x0001701,
    0x000172C, 0x0001761, 0x000176C, 0x0001771, 0x000177C, 0x0001801, 0x0001BAC, 0x0001BB1,
    0x0001BF3, 0x0001BF9, 0x0001C24, 0x0001C31, 0x0001C3B, 0x0001C41, 0x0001FB4, 0x0001FB9,
    0x0002414, 0x0002419, 0x0002AD3, 0x0002B01, 0x0002C4B, 0x0002C6C, 0x0002C89, 0x0002DF3,
    0x0002DF9, 0x0002E03, 0x0002E09, 0x0002E1B, 0x0002E21, 0x0002E33, 0x0002E39, 0x0002F9B,
    0x0003007, 0x0003034, 0x000304B, 0x000305C, 0x0003063, 0x0003074, 0x0003081, 0x00030DB,
    0x00030E7, 0x00030EB, 0x0003101, 0x0003302, 0x0003353, 0x0003371, 0x00036A3, 0x00036A9,
    0x00036EF, 0x00036F4, 0x00036F9, 0x000374C, 0x0003751, 0x0003782, 0x00037D1, 0x00037EC,
    0x00037F9, 0x0003803, 0x000387F, 0x0003881, 0x0003E02, 0x0003E51, 0x0003FB4, 0x0003FBB,
    0x0003FD1, 0x0003FF4, 0x0004001, 0x0004183, 0x0004201, 0x00042F3, 0x0004301, 0x0004444,
    0x0004449, 0x0004487, 0x00044C1, 0x0004717, 0x0004719, 0x0004B23, 0x0004B32, 0x0004B83,
    0x0004B89, 0x0004F32, 0x0004F81, 0x0004F94, 0x0004FA1, 0x0004FD4, 0x0004FE1, 0x0004FEB,
    0x0004FF1, 0x0005332, 0x0005381, 0x00053B3, 0x0005409, 0x0005732, 0x0005783, 0x000578C,
    0x00057C9, 0x0005B32, 0x0005B84, 0x0005B89, 0x0005F32, 0x0005F81, 0x0005F9C, 0x0006001,
    0x0006332, 0x00063BB, 0x00063C1, 0x00063FC, 0x0006401, 0x0006423, 0x0006429, 0x0006732,
    0x0006789, 0x0006A7C, 0x0006AA1, 0x0006B32, 0x0006B81, 0x0006BCC, 0x0006BD1, 0x0006F32,
    0x0006F91, 0x0006FA3, 0x0007009, 0x00071FC, 0x0007201, 0x000727B, 0x0007282, 0x00072D3,
    0x0007409, 0x0007682, 0x00076E1, 0x000780C, 0x0007823, 0x000789C, 0x00078A3, 0x00078AC,
    0x00078C1, 0x00078D4, 0x0007902, 0x0007951, 0x00079A4, 0x00079A9, 0x00079B4, 0x00079B9,
    0x00079C4, 0x00079C9, 0x00079D3, 0x00079F1, 0x0007C2B, 0x0007C31, 0x0007DF4, 0x0007E31,
    0x0007E3C, 0x0007E83, 0x0007EAC, 0x0007ECB, 0x0008001, 0x0008202, 0x0008253, 0x0008281,
    0x0008482, 0x00084D1, 0x00084F4, 0x0008501, 0x00087DB, 0x00087E1, 0x0009B03, 0x0009B49,
    0x0009C84, 0x0009D01, 0x000A003, 0x000A009, 0x000B36C, 0x000B373, 0x000B379, 0x000B400,
    0x000B409, 0x000B4DB, 0x000B501, 0x000B75B, 0x000B771, 0x000B9AB, 0x000BA01, 0x000BEA3,
    0x000BEB9, 0x000BEC3, 0x000BEDC, 0x000BEE1, 0x000BF02, 0x000BF81, 0x000C003, 0x000C059,
    0x000C077, 0x000C079, 0x000C082, 0x000C101, 0x000CA04, 0x000CA23, 0x000CA32, 0x000CA81,
    0x000CE82, 0x000CED1, 0x000CEF4, 0x000D001, 0x000D0F3, 0x000D101, 0x000D402, 0x000D503,
    0x000D539, 0x000D543, 0x000D581, 0x000DA82, 0x000DAD3, 0x000DB0C, 0x000DB59, 0x000DBA4,
    0x000DBEB, 0x000DC01, 0x000DD82, 0x000DDD1, 0x000DFE3, 0x000E001, 0x000E1DB, 0x000E202,
    0x000E269, 0x000E282, 0x000E2D1, 0x000E3F3, 0x000E401, 0x000E603, 0x000E681, 0x000E69B,
    0x000E6A1, 0x000FDEC, 0x000FDF1, 0x000FDFC, 0x000FE11, 0x000FE6C, 0x000FE81, 0x000FEEC,
    0x000FF01, 0x000FF6C, 0x000FF91, 0x000FFEC, 0x0010000, 0x0010067, 0x0010083, 0x0010140,
    0x0010157, 0x0010178, 0x0010183, 0x0010224, 0x001022B, 0x0010294, 0x001029B, 0x00102F8,
    0x0010307, 0x0010381, 0x00103D4, 0x00103EB, 0x00103F9, 0x0010454, 0x001046B, 0x0010481,
    0x0010504, 0x0010681, 0x0010804, 0x0010811, 0x001081C, 0x0010839, 0x0010844, 0x0010851,
    0x00108A4, 0x00108A9, 0x00108B4, 0x00108C9, 0x00108F4, 0x0010921, 0x001092C, 0x0010931,
    0x001093C, 0x0010941, 0x001094C, 0x0010951, 0x0010974, 0x0010979, 0x00109D4, 0x00109E1,
    0x0010A04, 0x0010A29, 0x0010A54, 0x0010A71, 0x0010A7C, 0x0010A81, 0x0010C54, 0x0011843,
    0x0011864, 0x00118D5, 0x00118E4, 0x001194B, 0x001195C, 0x0011F4D, 0x0011FA4, 0x0011FC5,
    0x0011FDC, 0x0012301, 0x00124E4, 0x0012751, 0x0012804, 0x0013005, 0x001337C, 0x0013385,
    0x0013B43, 0x0013BB1, 0x0013CA5, 0x0013E04, 0x0013E2B, 0x0013E3C, 0x0013F33, 0x0013F84,
    0x0014C1B, 0x0014CCC, 0x0014EC3, 0x0014EE4, 0x0014FE3, 0x0014FF4, 0x001582D, 0x0015844,
    0x00158DD, 0x00158EC, 0x0015A85, 0x0015A8C, 0x0015AAD, 0x0015AB4, 0x0016001, 0x001672C,
    0x0016759, 0x00167CB, 0x00167E9, 0x00167F3, 0x0016801, 0x0016B83, 0x0016BF9, 0x0017003,
    0x0017179, 0x0017183, 0x0017284, 0x0017293, 0x0017404, 0x0018000, 0x001800B, 0x0018024,
    0x001802E, 0x0018043, 0x0018094, 0x00180A3, 0x0018104, 0x0018109, 0x0018183, 0x0018189,
    0x00181B4, 0x00181C1, 0x00181EB, 0x00181F4, 0x001820E, 0x00184C9, 0x00184DC, 0x00184EE,
    0x00184F9, 0x0018503, 0x001850E, 0x00187DB, 0x00187E6, 0x00187F9, 0x0018C84, 0x0018C91,
    0x0018CB4, 0x0018D01, 0x0018E04, 0x0018F86, 0x0019004, 0x0019101, 0x0019154, 0x0019241,
    0x0019284, 0x0019289, 0x0019304, 0x0019401, 0x0019454, 0x0019589, 0x0019604, 0x001A006,
    0x0026E04, 0x0027006, 0x0050001, 0x0052484, 0x0052681, 0x00527F3, 0x0052801, 0x005306B,
    0x0053081, 0x0053102, 0x0053151, 0x005339B, 0x00533A1, 0x00533F3, 0x00533F9, 0x0053793,
    0x0053804, 0x00538B9, 0x0053904, 0x0053911, 0x0053C4C, 0x0053C59, 0x0054144, 0x0054161,
    0x00541B4, 0x0054201, 0x00543A3, 0x0054401, 0x0054673, 0x0054682, 0x0054701, 0x00547C3,
    0x00547D9, 0x00547E3, 0x00547E9, 0x0054802, 0x0054851, 0x0054973, 0x0054981, 0x0054AFB,
    0x0054B01, 0x0054E0B, 0x0054E79, 0x0054E82, 0x0054EF3, 0x0054F01, 0x0054F82, 0x0054FD1,
    0x0055282, 0x00552E3, 0x0055301, 0x00553BC, 0x00553D1, 0x00556F3, 0x0055701, 0x0055783,
    0x0055791, 0x0055ADC, 0x0055AE1, 0x0055B54, 0x0055B81, 0x0055F5B, 0x0055F61, 0x0055F82,
    0x0056001, 0x006C004, 0x007C806, 0x007D801, 0x007D94C, 0x007D951, 0x007DD94, 0x007DE99,
    0x007E9F3, 0x007EA04, 0x007EA81, 0x007EE7C, 0x007EF81, 0x007EFE4, 0x007F001, 0x007F083,
    0x007F101, 0x007F183, 0x007F314, 0x007F31B, 0x007F324, 0x007F343, 0x007F34C, 0x007F353,
    0x007F381, 0x007F7F8, 0x007F80B, 0x007F824, 0x007F82B, 0x007F85C, 0x007F863, 0x007F882,
    0x007F8D3, 0x007F8E4, 0x007F8FB, 0x007F909, 0x007F9DB, 0x007F9F4, 0x007F9FB, 0x007FA04,
    0x007FA09, 0x007FADB, 0x007FAE4, 0x007FAEB, 0x007FAF4, 0x007FAFB, 0x007FB31, 0x007FF04,
    0x007FFCF, 0x007FFE4, 0x0080001, 0x0080803, 0x0080839, 0x00809BC, 0x0080A01, 0x0080BCC,
    0x0080C51, 0x0080C64, 0x0080FE9, 0x0081CFB, 0x0081D01, 0x0081E83, 0x0081E89, 0x0082502,
    0x0082581, 0x0082B7B, 0x0082B81, 0x00842BB, 0x00842C1, 0x00843BC, 0x00843C9, 0x00848FB,
    0x0084901, 0x00849FB, 0x0084C01, 0x0085283, 0x0085301, 0x00853FB, 0x0085401, 0x0085644,
    0x0085649, 0x0085783, 0x0085801, 0x00859CB, 0x0085A01, 0x0085CCB, 0x0085D49, 0x0086982,
    0x0087301, 0x008756B, 0x0087581, 0x0087AAB, 0x0087B81, 0x0087C33, 0x0087D81, 0x008823B,
    0x0088291, 0x0088332, 0x0088381, 0x00885DB, 0x00885EF, 0x00885F3, 0x0088611, 0x008866F,
    0x0088681, 0x0088782, 0x0088801, 0x00889B2, 0x0088A03, 0x0088A21, 0x0088BA3, 0x0088BB1,
    0x0088E2B, 0x0088E49, 0x0088E6B, 0x0088E71, 0x0088E82, 0x0088ED1, 0x0088EDB, 0x0088EE1,
    0x0088EEB, 0x0088F09, 0x00891C3, 0x00891F1, 0x008954B, 0x0089581, 0x0089782, 0x0089801,
    0x008A25B, 0x008A282, 0x008A2D3, 0x008A2F1, 0x008A633, 0x008A639, 0x008A682, 0x008AC01,
    0x008AE0B, 0x008AEC1, 0x008B20B, 0x008B221, 0x008B282, 0x008B303, 0x008B401, 0x008B5CB,
    0x008B602, 0x008B801, 0x008B982, 0x008B9D1, 0x008B9E3, 0x008B9FC, 0x008BA01, 0x008C1DB,
    0x008C501, 0x008C702, 0x008C751, 0x008CA23, 0x008CA82, 0x008CD01, 0x008CF13, 0x008CF19,
    0x008D1FB, 0x008D239, 0x008D4D3, 0x008D4E9, 0x008D4F3, 0x008D581, 0x008E20B, 0x008E282,
    0x008E2D1, 0x008E383, 0x008E391, 0x008EA82, 0x008EB01, 0x008ED02, 0x008F701, 0x008F7BB,
    0x008FD81, 0x008FEAC, 0x008FFFB, 0x0090001, 0x0092383, 0x0092401, 0x0097F8B, 0x0098001,
    0x009A187, 0x00A2001, 0x00B5302, 0x00B5373, 0x00B5381, 0x00B5602, 0x00B5681, 0x00B57AB,
    0x00B5801, 0x00B59BB, 0x00B59E4, 0x00B5A01, 0x00B5A23, 0x00B5A2C, 0x00B5A82, 0x00B5AD9,
    0x00B74BB, 0x00B7801, 0x00B7F06, 0x00B7F13, 0x00B7F19, 0x00B7F26, 0x00B7F81, 0x00C4006,
    0x00C6801, 0x00D7F86, 0x00D8011, 0x00D88FE, 0x00DE001, 0x00DE4E4, 0x00DE4E9, 0x00DE4FB,
    0x00DE507, 0x00E7801, 0x00E7A84, 0x00E8B29, 0x00E8B54, 0x00E8B69, 0x00E8B9F, 0x00E8BD9,
    0x00E8C1C, 0x00E8C29, 0x00E8C64, 0x00E8D51, 0x00E8D74, 0x00E9211, 0x00E922C, 0x00E9701,
    0x00E9804, 0x00E9B01, 0x00EB60C, 0x00EB611, 0x00EB6DC, 0x00EB6E1, 0x00EB7DC, 0x00EB7E1,
    0x00EB8AC, 0x00EB8B1, 0x00EB9AC, 0x00EB9B1, 0x00EBA7C, 0x00EBA81, 0x00EBB7C, 0x00EBB81,
    0x00EBC4C, 0x00EBC51, 0x00EBD4C, 0x00EBD51, 0x00EBE1C, 0x00EBE21, 0x00EBE72, 0x00EC004,
    0x00ED001, 0x00ED1BC, 0x00ED1D9, 0x00ED36C, 0x00ED3A9, 0x00ED3B4, 0x00ED421, 0x00ED42C,
    0x00ED43B, 0x00ED4D9, 0x00F0A02, 0x00F0A71, 0x00F0A7C, 0x00F1481, 0x00F1782, 0x00F17FC,
    0x00F3F01, 0x00F4A82, 0x00F4AF3, 0x00F6389, 0x00F6564, 0x00F6569, 0x00F6584, 0x00F6589,
    0x00F6974, 0x00F6979, 0x00F7784, 0x00F8005, 0x00FD804, 0x00FDF82, 0x0100006, 0x070000F,
    0x0700801, 0x0780004,
};
constexpr size_t kRunCount = sizeof(kClassRuns) / sizeof(kClassRuns[0]);
static_assert(static_cast<int>(CharClass::Letter) == 1 && static_cast<int>(CharClass::Format) == 7,
              "kClassRuns stores CharClass values");
constexpr bool runs_are_sorted()
{
    for (size_t k = 1; k < kRunCount; ++k)
        if ((kClassRuns[k - 1] >> 3) >= (kClassRuns[k] >> 3))
            return false;
    return kClassRuns[0] >> 3 == 0;
}
static_assert(runs_are_sorted());

// The classes of code points [From, To) by direct lookup, expanded from the runs at compile time.
template <uint32_t From, uint32_t To>
struct ClassTable {
    uint8_t cls[To - From] = {};
};
template <uint32_t From, uint32_t To>
constexpr ClassTable<From, To> make_class_table()
{
    ClassTable<From, To> t;
    size_t run = 0;
    for (uint32_t cp = 0; cp < To; ++cp) {
        while (run + 1 < kRunCount && (kClassRuns[run + 1] >> 3) <= cp)
            ++run;
        if (cp >= From)
            t.cls[cp - From] = static_cast<uint8_t>(kClassRuns[run] & 7);
    }
    return t;
}

// Direct lookup below U+0800 (Latin, Greek, Cyrillic, Hebrew, Arabic): most text never
// reaches the binary search.
constexpr uint32_t kSmallLimit = 0x800;
constexpr ClassTable<0, kSmallLimit> kSmall = make_class_table<0, kSmallLimit>();

} // namespace

CharClass char_class(char32_t cp)
{
    if (cp < kSmallLimit)
        return static_cast<CharClass>(kSmall.cls[cp]);
    if (cp > 0x10FFFF)
        return CharClass::Symbol;
    const uint32_t key = (static_cast<uint32_t>(cp) << 3) | 7;
    const uint32_t* it = std::upper_bound(kClassRuns, kClassRuns + kRunCount, key);
    return static_cast<CharClass>(it[-1] & 7);
}

bool is_word_char(char32_t cp)
{
    CharClass k = char_class(cp);
    return k == CharClass::Letter || k == CharClass::Digit || k == CharClass::Ideograph;
}

bool is_apostrophe(char32_t cp)
{
    return cp == U'\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC;
}

namespace {

// Latin Extended-B upper-case letters whose lower case is not the next code point.
struct CasePair {
    char16_t upper, lower;
};
constexpr CasePair kLatinBIrregular[] = {
    {0x0181, 0x0253}, {0x0186, 0x0254}, {0x0189, 0x0256}, {0x018A, 0x0257}, {0x018E, 0x01DD},
    {0x018F, 0x0259}, {0x0190, 0x025B}, {0x0193, 0x0260}, {0x0194, 0x0263}, {0x0196, 0x0269},
    {0x0197, 0x0268}, {0x019C, 0x026F}, {0x019D, 0x0272}, {0x019F, 0x0275}, {0x01A6, 0x0280},
    {0x01A9, 0x0283}, {0x01AE, 0x0288}, {0x01B1, 0x028A}, {0x01B2, 0x028B}, {0x01B7, 0x0292},
    {0x01C4, 0x01C6}, {0x01C7, 0x01C9}, {0x01CA, 0x01CC}, {0x01F1, 0x01F3}, {0x01F6, 0x0195},
    {0x01F7, 0x01BF}, {0x0220, 0x019E}, {0x023A, 0x2C65}, {0x023D, 0x019A}, {0x023E, 0x2C66},
    {0x0243, 0x0180}, {0x0244, 0x0289}, {0x0245, 0x028C},
};
// Latin Extended-B upper-case letters whose lower case is the next code point.
constexpr char16_t kLatinBNext[] = {
    0x0182, 0x0184, 0x0187, 0x018B, 0x0191, 0x0198, 0x01A0, 0x01A2, 0x01A4, 0x01A7, 0x01AC,
    0x01AF, 0x01B3, 0x01B5, 0x01B8, 0x01BC, 0x01C5, 0x01C8, 0x01CB, 0x01F2, 0x01F4, 0x023B,
    0x0241,
};

char32_t latin_b_lower(char32_t c)
{
    if ((c >= 0x01CD && c <= 0x01DC && (c & 1)) || (c >= 0x01DE && c <= 0x01EF && !(c & 1)) ||
        (c >= 0x01F8 && c <= 0x021F && !(c & 1)) || (c >= 0x0222 && c <= 0x0233 && !(c & 1)) ||
        (c >= 0x0246 && c <= 0x024F && !(c & 1)))
        return c + 1;
    for (char16_t u : kLatinBNext)
        if (u == c)
            return c + 1;
    for (const CasePair& p : kLatinBIrregular)
        if (p.upper == c)
            return p.lower;
    return c;
}

} // namespace

char32_t to_lower(char32_t c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (c < 0x100)
        return (c >= 0xC0 && c <= 0xDE && c != 0xD7) ? c + 32 : c;
    if (c < 0x180) {
        if (c == 0x130)
            return U'i'; // İ: full lower case is i + combining dot; plain i is what people type
        if (c == 0x178)
            return 0xFF;
        if ((c <= 0x137) || (c >= 0x14A && c <= 0x177))
            return c | 1;
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
            return (c & 1) ? c + 1 : c;
        return c;
    }
    if (c < 0x250)
        return latin_b_lower(c);
    if (c >= 0x370 && c < 0x400) {
        if (c >= 0x391 && c <= 0x3AB && c != 0x3A2)
            return c + 32;
        if ((c >= 0x370 && c <= 0x373) || c == 0x376 || (c >= 0x3D8 && c <= 0x3EF) || c == 0x3FA)
            return c | 1;
        switch (c) {
        case 0x37F: return 0x3F3;
        case 0x386: return 0x3AC;
        case 0x388: case 0x389: case 0x38A: return c + 37;
        case 0x38C: return 0x3CC;
        case 0x38E: case 0x38F: return c + 63;
        case 0x3CF: return 0x3D7;
        case 0x3F4: return 0x3B8;
        case 0x3F7: return 0x3F8;
        case 0x3F9: return 0x3F2;
        case 0x3FD: case 0x3FE: case 0x3FF: return c - 130;
        default: return c;
        }
    }
    if (c >= 0x400 && c < 0x530) {
        if (c < 0x410)
            return c + 80;
        if (c < 0x430)
            return c + 32;
        if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || c >= 0x4D0)
            return c | 1;
        if (c == 0x4C0)
            return 0x4CF;
        if (c >= 0x4C1 && c <= 0x4CE)
            return (c & 1) ? c + 1 : c;
        return c;
    }
    if (c >= 0x531 && c <= 0x556)
        return c + 48;
    if ((c >= 0x10A0 && c <= 0x10C5) || c == 0x10C7 || c == 0x10CD)
        return c + 7264;
    if (c >= 0x1E00 && c <= 0x1EFF) {
        if (c == 0x1E9E)
            return 0xDF;
        if (c <= 0x1E95 || c >= 0x1EA0)
            return c | 1;
        return c;
    }
    if (c >= 0x2160 && c <= 0x216F)
        return c + 16;
    if (c >= 0x24B6 && c <= 0x24CF)
        return c + 26;
    if (c >= 0x2C00 && c <= 0x2C2F)
        return c + 48;
    if (c >= 0xFF21 && c <= 0xFF3A)
        return c + 32;
    if (c >= 0x10400 && c <= 0x10427)
        return c + 40;
    return c;
}

bool is_lower(char32_t c)
{
    if (c < 0xC0)
        return (c >= 'a' && c <= 'z') || c == 0xB5; // not ª º ² ³ ¹ ¼ ½ ¾
    // Letters of the cased blocks that to_lower() leaves alone, minus the few caseless ones
    // (click letters, glottal stop, modifier letters and marks, Greek ypogegrammeni).
    const bool cased_block = c < 0x530 || (c >= 0x560 && c <= 0x588) || (c >= 0x1E00 && c <= 0x1EFF) ||
                             (c >= 0x2D00 && c <= 0x2D2D) || (c >= 0x2C30 && c <= 0x2C5F) ||
                             (c >= 0xFF41 && c <= 0xFF5A);
    if (!cased_block || char_class(c) != CharClass::Letter || to_lower(c) != c)
        return false;
    return !((c >= 0x1BB && c <= 0x1C3) || c == 0x294 || (c >= 0x2B0 && c < 0x370) ||
             c == 0x374 || c == 0x37A || (c >= 0x3D2 && c <= 0x3D4) || (c >= 0x483 && c <= 0x489));
}

// [SECTION] Decoding

namespace {

// General Punctuation (U+2000..206F: ’ “ ” – — … and the Unicode spaces) by table too: French
// text meets ’ in every other sentence, and the binary search showed in profiles.
constexpr uint32_t kPunctBlock = 0x2000, kPunctBlockEnd = 0x2070;
constexpr ClassTable<kPunctBlock, kPunctBlockEnd> kPunctBlockClasses = make_class_table<kPunctBlock, kPunctBlockEnd>();

// Class without the call: the scanner asks for one per code point.
inline CharClass class_of(char32_t c)
{
    if (c < kSmallLimit)
        return static_cast<CharClass>(kSmall.cls[c]);
    if (c - kPunctBlock < kPunctBlockEnd - kPunctBlock)
        return static_cast<CharClass>(kPunctBlockClasses.cls[c - kPunctBlock]);
    return char_class(c);
}

// ASCII letters and digits by byte (from the same class table): the loop that takes the body of
// a word tests one byte against this and nothing else.
struct AsciiAlnum {
    uint8_t cls[128] = {}; // 0, or CharClass Letter / Digit
};
constexpr AsciiAlnum make_ascii_alnum()
{
    AsciiAlnum t;
    for (uint32_t c = 0; c < 128; ++c) {
        const uint8_t k = kSmall.cls[c];
        t.cls[c] = (k == static_cast<uint8_t>(CharClass::Letter) || k == static_cast<uint8_t>(CharClass::Digit)) ? k : 0;
    }
    return t;
}
constexpr AsciiAlnum kAsciiAlnum = make_ascii_alnum();

// The word-at-a-time skip below hard-codes [A-Za-z] as letters and [0-9] as digits: the table
// must say exactly that, or the two paths would cut tokens differently.
constexpr bool ascii_alnum_is_az_09()
{
    for (uint32_t c = 0; c < 128; ++c) {
        const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        const bool digit = c >= '0' && c <= '9';
        const uint8_t want = letter ? static_cast<uint8_t>(CharClass::Letter)
                             : digit ? static_cast<uint8_t>(CharClass::Digit)
                                     : 0;
        if (kAsciiAlnum.cls[c] != want)
            return false;
    }
    return true;
}
static_assert(ascii_alnum_is_az_09());

// [SECTION] ASCII fast path
// ASCII bytes that end a word without a look at the next character: neither a letter nor a
// digit, nor one of the joiners word_end looks further at (apostrophe, hyphen, '_', '@', and
// '.' / ',' which join digits). word_end stops there at once instead of decoding the byte and
// its successor; Scanner<false> (the general path alone) does not, and a unit test compares
// the two on random strings.
struct AsciiWordStop {
    bool stop[128] = {};
};
constexpr AsciiWordStop make_ascii_word_stop()
{
    AsciiWordStop t;
    for (uint32_t c = 0; c < 128; ++c) {
        const auto k = static_cast<CharClass>(kSmall.cls[c]);
        t.stop[c] = k != CharClass::Letter && k != CharClass::Digit && c != '\'' && c != '-' && c != '_' && c != '@' &&
                    c != '.' && c != ',';
    }
    return t;
}
constexpr AsciiWordStop kAsciiWordStop = make_ascii_word_stop();

// ... which holds only because no ASCII character is a format character (kept inside words).
constexpr bool ascii_has_no_format()
{
    for (uint32_t c = 0; c < 128; ++c)
        if (static_cast<CharClass>(kSmall.cls[c]) == CharClass::Format)
            return false;
    return true;
}
static_assert(ascii_has_no_format());

// é à ç … (U+00C0..U+00FF, two bytes C3 80..C3 BF) are letters but for × and ÷: word_end takes
// them without the decode.
constexpr bool is_latin1_letter_tail(unsigned char b) { return b >= 0x80 && b <= 0xBF && b != 0x97 && b != 0xB7; }
constexpr bool latin1_letters_hold()
{
    for (uint32_t c = 0xC0; c <= 0xFF; ++c)
        if ((static_cast<CharClass>(kSmall.cls[c]) == CharClass::Letter) != is_latin1_letter_tail(0x80 | (c & 0x3F)))
            return false;
    return true;
}
static_assert(latin1_letters_hold());

// [SECTION] Word at a time (SWAR)
// Eight bytes classified at once with plain 64-bit arithmetic (no intrinsics, so the same code
// builds for wasm). Each mask has bit 7 of a byte set when that byte is in the class. Every
// addition works on bytes below 0x80 plus at most 0x80, so no carry crosses into the next byte.
constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHigh = 0x8080808080808080ull;
constexpr bool kSwar = std::endian::native == std::endian::little; // byte k = bits 8k..8k+7

// Bit 7 of each byte set where lo <= byte <= hi (bytes given with bit 7 cleared).
inline uint64_t swar_in_range(uint64_t low7, uint8_t lo, uint8_t hi)
{
    const uint64_t ge_lo = low7 + kOnes * (0x80u - lo);
    const uint64_t gt_hi = low7 + kOnes * (0x7Fu - hi);
    return ge_lo & ~gt_hi & kHigh;
}
struct SwarClasses {
    uint64_t letter, digit; // bit 7 of each byte
};
inline SwarClasses swar_classes(const unsigned char* p)
{
    uint64_t x;
    std::memcpy(&x, p, 8);
    const uint64_t ascii = ~x & kHigh; // non-ASCII bytes are neither
    const uint64_t low7 = x & ~kHigh;
    // Setting bit 5 folds 'A'..'Z' onto 'a'..'z' and moves nothing else into that range.
    const uint64_t letter = swar_in_range(low7 | (kOnes * 0x20u), 'a', 'z') & ascii;
    const uint64_t digit = swar_in_range(low7, '0', '9') & ascii;
    return {letter, digit};
}

#ifdef __SSE2__
// [SECTION] Sixteen bytes at a time (SSE2)
// The same classes for 16 bytes, one bit per byte (bit k: byte k), and the two-byte letters
// é à ç … (C3 xx, is_latin1_letter_tail) too: both bytes in `letter`, the lead byte in `wide`
// (a C3 in the last byte, whose tail is not loaded, is left out: the scan stops there). French
// words are full of them, and each one stopping the scan was a mispredicted branch. Where SSE2
// is there (every x86-64), it is fewer instructions than the SWAR above; the SWAR stays for
// the rest (wasm, ARM) and for the last 8..15 bytes of a text.
struct Sse2Classes {
    uint32_t letter, digit, wide;
};
inline Sse2Classes sse2_classes(const unsigned char* p)
{
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed compares: a non-ASCII byte is negative, so below both ranges. Setting bit 5 folds
    // 'A'..'Z' onto 'a'..'z' and moves nothing else into that range.
    const __m128i folded = _mm_or_si128(x, _mm_set1_epi8(0x20));
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                         _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
    const __m128i digit =
        _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
    // Tail bytes 80..BF (signed: below C0) but 97 and B7 (× ÷); a lead C3 followed by one.
    const __m128i tail = _mm_andnot_si128(
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(static_cast<char>(0x97))),
                     _mm_cmpeq_epi8(x, _mm_set1_epi8(static_cast<char>(0xB7)))),
        _mm_cmplt_epi8(x, _mm_set1_epi8(static_cast<char>(0xC0))));
    const __m128i lead = _mm_and_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(static_cast<char>(0xC3))), _mm_srli_si128(tail, 1));
    const uint32_t wide = static_cast<uint32_t>(_mm_movemask_epi8(lead));
    return {static_cast<uint32_t>(_mm_movemask_epi8(letter)) | wide | (wide << 1),
            static_cast<uint32_t>(_mm_movemask_epi8(digit)), wide};
}
// Bits set in a 16-bit mask, without branches (a loop over them mispredicts at every word with
// an é, and std::popcount is a libgcc call without -mpopcnt).
inline uint32_t bits16(uint32_t m)
{
    m = m - ((m >> 1) & 0x5555u);
    m = (m & 0x3333u) + ((m >> 2) & 0x3333u);
    m = (m + (m >> 4)) & 0x0F0Fu;
    return (m + (m >> 8)) & 0x1Fu;
}
#endif

// Length of the sequence a lead byte starts, read from the lead byte alone. On valid UTF-8 this
// is the sequence's length; on bytes nobody validated it is still a length, so the scanner
// never stops making progress.
inline uint32_t seq_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

// Start of the code point before byte `b` (b > 0) of valid UTF-8.
size_t prev_boundary(const std::string& s, size_t b)
{
    --b;
    while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80)
        --b;
    return b;
}

// [SECTION] Scanner

// Sentence rules the scanner needs too: it notes the tokens where a sentence may end.
bool is_cjk_stop(char32_t c) { return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E || c == 0xFF61; }

bool is_terminal(char32_t c)
{
    return c == U'.' || c == U'!' || c == U'?' || c == 0x2026 || c == 0x061F || c == 0x0964 ||
           c == 0x0965 || c == 0x203C || (c >= 0x2047 && c <= 0x2049) || is_cjk_stop(c);
}

// What line_breaks() below counts (\n VT FF NEL U+2028 U+2029).
inline bool is_line_break(char32_t c)
{
    return c == U'\n' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool is_hyphen(char32_t c) { return c == U'-' || c == 0x2010 || c == 0x2011; }
bool is_regional_indicator(char32_t c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }
// What may follow an emoji inside the same emoji: variation selectors, skin tones, tags, keycap.
bool is_emoji_modifier(char32_t c)
{
    return c == 0xFE0E || c == 0xFE0F || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F) ||
           c == 0x20E3;
}
inline bool alnum(CharClass k) { return k == CharClass::Letter || k == CharClass::Digit; }

// French elided words, written before an apostrophe: l’ d’ j’ m’ n’ s’ t’ c’ qu’ jusqu’ lorsqu’
// puisqu’ quoiqu’. "aujourd’hui", "presqu’île", "quelqu’un" are not in the list, so they stay
// whole words. `w` is UTF-8: an elided word is ASCII letters only, so bytes are characters.
bool is_elision(const unsigned char* w, size_t len)
{
    if (len == 0 || len > 6 || len == 3 || len == 4)
        return false;
    char low[6];
    for (size_t k = 0; k < len; ++k) {
        unsigned char c = w[k];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c < 'a' || c > 'z')
            return false;
        low[k] = static_cast<char>(c);
    }
    // Compared by length with constant-size compares: this runs at every apostrophe.
    switch (len) {
    case 1: return std::strchr("ldjmnstc", low[0]) != nullptr;
    case 2: return std::memcmp(low, "qu", 2) == 0;
    case 5: return std::memcmp(low, "jusqu", 5) == 0;
    default:
        return std::memcmp(low, "lorsqu", 6) == 0 || std::memcmp(low, "puisqu", 6) == 0 ||
               std::memcmp(low, "quoiqu", 6) == 0;
    }
}

// Walks UTF-8 bytes directly: ASCII is classified by table, only non-ASCII lead bytes are
// decoded, and code point offsets come from a running count (a token's end is its start plus
// the sequences inside it). Positions inside the scanner are byte offsets into s_.
// Lookbehind is the class of the last character taken (word_end) or a short backward step over
// continuation bytes (url_end, email_start): the text is valid UTF-8, so a step back lands on a
// lead byte.
// The scanner's per-token helpers must be inlined into run(): GCC stopped inlining them when
// Scanner became a template, and as calls they cost more than the shortcut saves.
#if defined(__GNUC__) || defined(__clang__)
#define POSTIL_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define POSTIL_ALWAYS_INLINE inline
#endif

// Fast = true (what every caller uses) adds the ASCII shortcut (kAsciiWordStop) that gives the
// same tokens as the general path alone (Fast = false, kept for the unit test comparing them).
template <bool Fast>
class Scanner {
public:
    // `marks`, when given, receives (ascending) the index of every token after which a
    // sentence may end: a punctuation token starting with a terminal (. ! ? …), a token followed
    // by a line break. A superset: the splitter checks each one with its full rules.
    Scanner(std::string_view s, uint32_t base, std::vector<Token>& out, std::vector<uint32_t>* bytes,
            std::vector<uint32_t>* marks = nullptr)
        : s_(reinterpret_cast<const unsigned char*>(s.data())), n_(static_cast<uint32_t>(s.size())), base_(base),
          out_(out), bytes_(bytes), marks_(marks) {}

    void run()
    {
        uint32_t i = 0, cp = 0; // byte, and code point (relative to base_)
        char32_t c;
        uint32_t len;
        while (true) {
            if (i < n_ && s_[i] == ' ') { // most characters between tokens
                ++i;
                ++cp;
                continue;
            }
            if (!at(i, c, len))
                break;
            const CharClass k = class_of(c);
            uint32_t a = i, j = 0, cps = 0; // cps: code points of the token when known here
            TokenKind kind = TokenKind::Word;
            // Tested in the order of their frequency in text (an if chain predicts better here
            // than the jump table of a switch).
            if (k == CharClass::Letter || k == CharClass::Digit) {
                // A keycap starts with a digit; a URL with http, ftp: or www. (may_be_url).
                if (k == CharClass::Digit && (j = keycap_end(i)) != 0) {
                    kind = TokenKind::Emoji;
                } else if (k == CharClass::Letter && may_be_url(i) && (j = url_end(i)) != 0) {
                    kind = TokenKind::Url;
                } else {
                    j = word_end(i, kind, cps);
                    if (kind == TokenKind::Url) {
                        email_start(a, cp);
                        cps = 0; // the address may have taken back earlier tokens: count
                    }
                }
            } else if (k == CharClass::Punct || k == CharClass::Symbol) {
                if (next_is(i + len, 0xFE0F)) {
                    j = emoji_end(i); // text symbol asked to show as emoji: ❤️ ©️ ‼️
                    kind = TokenKind::Emoji;
                } else if ((j = keycap_end(i)) != 0) {
                    kind = TokenKind::Emoji;
                } else if (k == CharClass::Symbol) {
                    j = i + len;
                    kind = TokenKind::Symbol;
                } else {
                    j = punct_end(i, c, len);
                    kind = TokenKind::Punct;
                    if (marks_ && is_terminal(c))
                        mark(static_cast<uint32_t>(out_.size()));
                }
            } else if (k == CharClass::Space || k == CharClass::Format) {
                // A stray ZWJ / bidi mark between tokens belongs to none.
                if (marks_ && k == CharClass::Space && !out_.empty() && is_line_break(c))
                    mark(static_cast<uint32_t>(out_.size() - 1));
                i += len;
                ++cp;
                continue;
            } else if (k == CharClass::Ideograph) {
                j = i + len;
                cps = 1;
            } else { // Emoji
                j = emoji_end(i);
                kind = TokenKind::Emoji;
            }
            cp = emit(a, cp, j, kind, cps);
            i = j;
        }
    }

private:
    // The code point at byte j and its length; false at the end of the text or on a sequence
    // cut by the end (dropped, as a decoder must not read past the end).
    bool at(uint32_t j, char32_t& c, uint32_t& len) const
    {
        if (j >= n_)
            return false;
        const unsigned char b = s_[j];
        if (b < 0x80) {
            c = b;
            len = 1;
            return true;
        }
        len = seq_len(b);
        if (j + len > n_)
            return false;
        const unsigned char* p = s_ + j;
        if (len == 2)
            c = (char32_t(b & 0x1F) << 6) | (p[1] & 0x3F);
        else if (len == 3)
            c = (char32_t(b & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        else
            c = (char32_t(b & 0x07) << 18) | (char32_t(p[1] & 0x3F) << 12) | (char32_t(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
        return true;
    }
    CharClass cls(uint32_t j) const
    {
        char32_t c;
        uint32_t len;
        return at(j, c, len) ? class_of(c) : CharClass::Space;
    }
    bool next_is(uint32_t j, char32_t want) const
    {
        char32_t c;
        uint32_t len;
        return at(j, c, len) && c == want;
    }
    // The code point ending at byte j (j > 0), and where it starts.
    char32_t before(uint32_t j, uint32_t& start) const
    {
        start = j - 1;
        while (start > 0 && (s_[start] & 0xC0) == 0x80)
            --start;
        char32_t c = 0;
        uint32_t len;
        at(start, c, len);
        return c;
    }
    // Code points in bytes [a, b).
    uint32_t count(uint32_t a, uint32_t b) const
    {
        uint32_t n = 0;
        while (a < b) {
            a += seq_len(s_[a]);
            ++n;
        }
        return n;
    }
    void mark(uint32_t token)
    {
        if (marks_->empty() || marks_->back() != token)
            marks_->push_back(token);
    }
    // Appends the token of bytes [a, b) starting at code point cpa and holding `cps` code points
    // (0: count them); returns the code point of b.
    POSTIL_ALWAYS_INLINE uint32_t emit(uint32_t a, uint32_t cpa, uint32_t b, TokenKind k, uint32_t cps)
    {
        const uint32_t cpb = cpa + (cps ? cps : count(a, b));
        out_.push_back(Token{base_ + cpa, base_ + cpb, k});
        if (bytes_) {
            bytes_->push_back(a);
            bytes_->push_back(b);
        }
        return cpb;
    }

    uint32_t punct_end(uint32_t i, char32_t c, uint32_t len) const
    {
        uint32_t j = i + len;
        if (c == U'.' || c == U'-') // "..." is an ellipsis, "--" a dash
            while (j < n_ && s_[j] == c)
                ++j;
        else if (c == U'!' || c == U'?') // "?!" "!!!"
            while (j < n_ && (s_[j] == '!' || s_[j] == '?'))
                ++j;
        return j;
    }

    // 1️⃣ #️⃣: [0-9#*] (U+FE0F) U+20E3. 0 if not a keycap.
    uint32_t keycap_end(uint32_t i) const
    {
        const unsigned char c = s_[i];
        if (!((c >= '0' && c <= '9') || c == '#' || c == '*'))
            return 0;
        uint32_t j = i + 1;
        if (next_is(j, 0xFE0F))
            j += 3;
        return next_is(j, 0x20E3) ? j + 3 : 0;
    }

    // One emoji: base + modifiers, chained by ZWJ (👨‍💻), or a pair of regional indicators (🇫🇷).
    uint32_t emoji_end(uint32_t i) const
    {
        char32_t c = 0;
        uint32_t len = 1;
        at(i, c, len); // the caller saw a character at i
        uint32_t j = i + len; // the base
        if (is_regional_indicator(c)) {
            if (at(j, c, len) && is_regional_indicator(c))
                j += len;
            while (at(j, c, len) && is_emoji_modifier(c))
                j += len;
            return j;
        }
        while (true) {
            while (at(j, c, len) && is_emoji_modifier(c))
                j += len;
            if (at(j, c, len) && c == 0x200D) {
                char32_t c2;
                uint32_t len2;
                if (at(j + len, c2, len2)) {
                    const CharClass k2 = class_of(c2);
                    if (k2 == CharClass::Emoji || k2 == CharClass::Symbol) {
                        j += len + len2; // the joiner and the next base
                        continue;
                    }
                }
            }
            return j;
        }
    }

    bool ascii_prefix(uint32_t i, const char* lit) const
    {
        for (; *lit; ++lit, ++i) {
            if (i >= n_)
                return false;
            unsigned char c = s_[i];
            if (c >= 'A' && c <= 'Z')
                c += 32;
            if (c != static_cast<unsigned char>(*lit))
                return false;
        }
        return true;
    }

    // A cheap filter for url_end, at every word: the first 4 bytes, case folded by setting bit 5
    // (which leaves ':' and '.' as they are), are "http", "ftp:" or "www.". It may let through
    // what url_end then rejects, never the reverse.
    POSTIL_ALWAYS_INLINE bool may_be_url(uint32_t i) const
    {
        if (i + 4 > n_)
            return false; // every prefix is longer than 4 bytes ("www." needs a character after)
        uint32_t w;
        std::memcpy(&w, s_ + i, 4);
        w |= 0x20202020u;
        uint32_t http, ftp, www;
        std::memcpy(&http, "http", 4);
        std::memcpy(&ftp, "ftp:", 4);
        std::memcpy(&www, "www.", 4);
        return w == http || w == ftp || w == www;
    }

    // http://… https://… ftp://… www.… up to a space or a quote; trailing punctuation (and a
    // closing bracket without its opening one) is left out: "(voir https://x.fr/a)." 0 if none.
    uint32_t url_end(uint32_t i) const
    {
        static constexpr const char* kPrefixes[] = {"https://", "http://", "ftp://", "www."};
        const unsigned char c0 = s_[i] | 0x20;
        if (c0 != 'h' && c0 != 'f' && c0 != 'w')
            return 0;
        uint32_t plen = 0;
        for (const char* p : kPrefixes)
            if (ascii_prefix(i, p)) {
                plen = static_cast<uint32_t>(std::strlen(p));
                break;
            }
        if (plen == 0)
            return 0;
        uint32_t j = i + plen;
        char32_t c;
        uint32_t len;
        while (at(j, c, len)) {
            if (class_of(c) == CharClass::Space || c == U'"' || c == U'<' || c == U'>' || c == 0xAB || c == 0xBB ||
                c == 0x201C || c == 0x201D)
                break;
            j += len;
        }
        while (j > i + plen) {
            uint32_t prev;
            c = before(j, prev);
            if (c == U'.' || c == U',' || c == U';' || c == U':' || c == U'!' || c == U'?' || c == U'\'' ||
                c == 0x2019 || c == 0x2026) {
                j = prev;
                continue;
            }
            if (c == U')' || c == U']') {
                const unsigned char open = c == U')' ? '(' : '[';
                int depth = 0;
                for (uint32_t k = i; k < j; ++k)
                    depth += (s_[k] == open) - (s_[k] == c);
                if (depth < 0) {
                    j = prev;
                    continue;
                }
            }
            break;
        }
        return j > i + plen ? j : 0;
    }

    // After the '@' of an e-mail address: label(.label)+ of letters, digits, inner hyphens.
    uint32_t domain_end(uint32_t p) const
    {
        uint32_t j = p, end = 0;
        int labels = 0;
        char32_t c;
        uint32_t len;
        while (true) {
            const uint32_t a = j;
            while (at(j, c, len)) {
                if (alnum(class_of(c)))
                    j += len;
                else if (c == U'-' && j > a && alnum(cls(j + 1)))
                    ++j;
                else
                    break;
            }
            if (j == a)
                break;
            ++labels;
            end = j;
            if (j < n_ && s_[j] == '.' && alnum(cls(j + 1))) {
                ++j;
                continue;
            }
            break;
        }
        return labels >= 2 ? end : 0;
    }

    // An e-mail's local part may contain dots ("jean.dupont@"): take back the adjacent tokens
    // already emitted for it. `i` / `cp` (byte, code point) move back to the address's start.
    void email_start(uint32_t& i, uint32_t& cp)
    {
        // A word or number not ending with an apostrophe (an elided "l’" is not a local part).
        auto wordish = [&](const Token& t, uint32_t end_byte) {
            uint32_t unused;
            return (t.kind == TokenKind::Word || t.kind == TokenKind::Number) && !is_apostrophe(before(end_byte, unused));
        };
        while (!out_.empty()) {
            const Token& b = out_.back();
            if (b.start < base_ || b.end != base_ + cp)
                break;
            // b ends at byte i: step back over its code points to find where it starts.
            uint32_t bs = i;
            for (uint32_t k = b.start; k < b.end; ++k)
                before(bs, bs);
            const bool joiner = b.kind == TokenKind::Punct && b.end - b.start == 1 && (s_[bs] == '.' || s_[bs] == '-') &&
                                out_.size() >= 2 && out_[out_.size() - 2].end == b.start &&
                                wordish(out_[out_.size() - 2], bs);
            if (!wordish(b, i) && !joiner)
                break;
            i = bs;
            cp = b.start - base_;
            out_.pop_back();
            if (bytes_)
                bytes_->resize(bytes_->size() - 2);
        }
        while (marks_ && !marks_->empty() && marks_->back() >= out_.size()) // of tokens taken back
            marks_->pop_back();
    }

    // Letters and digits, joined by: hyphens and '_' between letters/digits (not digit-digit:
    // "2018-2024" is three tokens), '.' or ',' between digits, apostrophes between letters.
    // An elided word ("l’", "qu’") ends at its apostrophe. `cps`: the code points taken (0 for an
    // e-mail address, which domain_end measured in bytes).
    POSTIL_ALWAYS_INLINE uint32_t word_end(uint32_t i, TokenKind& kind, uint32_t& cps) const
    {
        uint32_t j = i;
        cps = 0;
        bool number = true;
        CharClass pk = CharClass::Space; // class of the last character taken
        char32_t c;
        uint32_t len;
        while (true) {
            // ASCII letters and digits, the bulk of a word, one table lookup each.
            const uint32_t run = j;
            bool at_stop = false; // s_[j] is known not to be an ASCII letter or digit
            uint32_t wide = 0;    // two-byte letters taken (2 bytes, 1 code point each)
#ifdef __SSE2__
            // Runs of 16 first, as the 8-byte loop below (which finishes the last 8..15 bytes).
            // Only here, two-byte letters are taken too.
            while (j + 16 <= n_) {
                const Sse2Classes w = sse2_classes(s_ + j);
                const uint32_t stop = ~(w.letter | w.digit) & 0xFFFFu;
                if (stop == 0) { // 16 bytes of letters or digits
                    number = number && w.letter == 0;
                    pk = (w.digit >> 15) & 1 ? CharClass::Digit : CharClass::Letter;
                    wide += bits16(w.wide);
                    j += 16;
                    continue;
                }
                if (const uint32_t k = static_cast<uint32_t>(std::countr_zero(stop))) {
                    const uint32_t taken = (1u << k) - 1; // bytes before the stop
                    number = number && (w.letter & taken) == 0;
                    pk = (w.digit >> (k - 1)) & 1 ? CharClass::Digit : CharClass::Letter;
                    wide += bits16(w.wide & taken);
                    j += k;
                }
                at_stop = true;
                break;
            }
#endif
            if constexpr (kSwar) {
                // Whole runs of 8 first; the byte loop below finishes the run when the text
                // ends within 8 bytes (an 8-byte load must not read past it).
                while (!at_stop && j + 8 <= n_) {
                    const SwarClasses w = swar_classes(s_ + j);
                    const uint64_t stop = ~(w.letter | w.digit) & kHigh;
                    if (stop == 0) { // 8 letters or digits
                        number = number && w.letter == 0;
                        pk = (w.digit >> 56) & 0x80 ? CharClass::Digit : CharClass::Letter;
                        j += 8;
                        continue;
                    }
                    if (const uint32_t k = static_cast<uint32_t>(std::countr_zero(stop)) >> 3) {
                        // Bytes before the first stop byte, as a bit-7 mask.
                        const uint64_t taken = (stop ^ (stop - 1)) >> 8 & kHigh;
                        number = number && (w.letter & taken) == 0;
                        pk = (w.digit >> (8 * (k - 1))) & 0x80 ? CharClass::Digit : CharClass::Letter;
                        j += k;
                    }
                    at_stop = true;
                    break;
                }
            }
            while (!at_stop && j < n_ && s_[j] < 0x80 && kAsciiAlnum.cls[s_[j]]) {
                pk = static_cast<CharClass>(kAsciiAlnum.cls[s_[j]]);
                number = number && pk == CharClass::Digit;
                ++j;
            }
            cps += j - run - wide;
            if constexpr (Fast) {
                // An ASCII byte ending the word for sure: no decode of it and the next character.
                if (j < n_ && s_[j] < 0x80 &&
                    (kAsciiWordStop.stop[s_[j]] || ((s_[j] == '.' || s_[j] == ',') && pk != CharClass::Digit)))
                    break;
                if (j + 1 < n_ && s_[j] == 0xC3 && is_latin1_letter_tail(s_[j + 1])) { // é à ç: a letter
                    number = false;
                    pk = CharClass::Letter;
                    j += 2;
                    ++cps;
                    continue;
                }
            }
            if (!at(j, c, len))
                break;
            const CharClass raw = class_of(c);
            // ʼ (U+02BC) is a letter in Unicode but an apostrophe here, except as a first character.
            const CharClass k = (j > i && is_apostrophe(c)) ? CharClass::Punct : raw;
            if (k == CharClass::Letter) {
                number = false;
                pk = raw;
                j += len;
                ++cps;
                continue;
            }
            if (k == CharClass::Digit) {
                pk = raw;
                j += len;
                ++cps;
                continue;
            }
            const CharClass nk = cls(j + len); // j > i: the first character was taken above
            if (k == CharClass::Format) { // soft hyphen, ZWJ, ZWNJ inside a word
                if (!alnum(nk))
                    break;
                pk = raw;
                j += len;
                ++cps;
                continue;
            }
            if (is_apostrophe(c)) {
                if (alnum(nk) && is_elision(s_ + i, j - i)) {
                    kind = TokenKind::Word;
                    ++cps;
                    return j + len;
                }
                if (pk == CharClass::Letter && nk == CharClass::Letter) { // aujourd’hui, O'Brien
                    number = false;
                    pk = raw;
                    j += len;
                    ++cps;
                    continue;
                }
                break;
            }
            if (is_hyphen(c) || c == U'_') {
                if (alnum(pk) && alnum(nk) && (pk == CharClass::Letter || nk == CharClass::Letter || c == U'_')) {
                    number = false;
                    pk = raw;
                    j += len;
                    ++cps;
                    continue;
                }
                break;
            }
            if ((c == U'.' || c == U',') && pk == CharClass::Digit && nk == CharClass::Digit) {
                pk = raw;
                j += len;
                ++cps;
                continue;
            }
            if (c == U'@') {
                if (uint32_t d = domain_end(j + 1)) {
                    kind = TokenKind::Url;
                    return d;
                }
            }
            break;
        }
        kind = number ? TokenKind::Number : TokenKind::Word;
        return j;
    }

    const unsigned char* s_;
    uint32_t n_;                   // bytes
    uint32_t base_;                // code point offset of s_[0] in the text
    std::vector<Token>& out_;
    std::vector<uint32_t>* bytes_; // optional: byte [start, end) of each token, relative to s_
    std::vector<uint32_t>* marks_; // optional: tokens where a sentence may end (see the constructor)
};

// Tokens of the space-delimited stretch of text around [start, end] (whole tokens).
std::vector<Token> chunk_tokens(const Text& text, uint32_t start, uint32_t end)
{
    const std::string& b = text.utf8();
    size_t b0 = text.byte_of(start);
    uint32_t cp0 = start;
    while (b0 > 0) {
        size_t p = prev_boundary(b, b0);
        size_t q = p;
        if (char_class(decode_utf8(b, q)) == CharClass::Space)
            break;
        b0 = p;
        --cp0;
    }
    size_t b1 = text.byte_of(end);
    while (b1 < b.size()) {
        size_t q = b1;
        if (char_class(decode_utf8(b, q)) == CharClass::Space)
            break;
        b1 = q;
    }
    std::vector<Token> out;
    Scanner<true>(std::string_view(b).substr(b0, b1 - b0), cp0, out, nullptr).run();
    return out;
}

} // namespace

// [SECTION] Tokens

const char* to_string(TokenKind k)
{
    switch (k) {
    case TokenKind::Word: return "word";
    case TokenKind::Number: return "number";
    case TokenKind::Punct: return "punct";
    case TokenKind::Symbol: return "symbol";
    case TokenKind::Emoji: return "emoji";
    case TokenKind::Url: return "url";
    }
    return "?";
}

std::vector<Token> tokenize_utf8(std::string_view utf8)
{
    std::vector<Token> out;
    out.reserve(utf8.size() / 6 + 4); // French news: about one token per 5.5 code points
    Scanner<true>(utf8, 0, out, nullptr).run();
    return out;
}

std::vector<Token> tokenize_utf8_reference(std::string_view utf8)
{
    std::vector<Token> out;
    Scanner<false>(utf8, 0, out, nullptr).run();
    return out;
}

std::vector<Token> tokenize(const Text& text)
{
    return tokenize_utf8(text.utf8());
}

void tokenize(const Text& text, std::vector<Token>& tokens, std::vector<uint32_t>& token_bytes)
{
    tokens.clear();
    token_bytes.clear();
    tokens.reserve(text.utf8().size() / 6 + 4);
    token_bytes.reserve(2 * tokens.capacity());
    Scanner<true>(text.utf8(), 0, tokens, &token_bytes).run();
}

std::vector<Token> tokens_in(const Text& text, uint32_t start, uint32_t end)
{
    end = std::min<uint32_t>(end, static_cast<uint32_t>(text.size()));
    if (start >= end)
        return {};
    std::vector<Token> toks = chunk_tokens(text, start, end);
    std::vector<Token> out;
    for (const Token& t : toks)
        if (t.end > start && t.start < end)
            out.push_back(t);
    return out;
}

// [SECTION] Word lookups for the editors

Span word_at(const Text& text, uint32_t cp)
{
    const uint32_t n = static_cast<uint32_t>(text.size());
    cp = std::min(cp, n);
    if (cp < n) {
        for (const Token& t : tokens_in(text, cp, cp + 1))
            return Span{t.start, t.end};
        if (!is_space(text.at(cp)))
            return Span{cp, cp}; // a lone format character
    }
    if (cp > 0)
        for (const Token& t : tokens_in(text, cp - 1, cp))
            if (t.end == cp)
                return Span{t.start, t.end};
    return Span{cp, cp};
}

Span snap_to_words(const Text& text, uint32_t start, uint32_t end)
{
    const std::string& b = text.utf8();
    end = std::min<uint32_t>(end, static_cast<uint32_t>(text.size()));
    start = std::min(start, end);
    const uint32_t asked = start;
    size_t bs = text.byte_of(start), be = text.byte_of(end);
    while (bs < be) {
        size_t q = bs;
        if (!is_space(decode_utf8(b, q)))
            break;
        bs = q;
        ++start;
    }
    while (be > bs) {
        size_t p = prev_boundary(b, be);
        size_t q = p;
        if (!is_space(decode_utf8(b, q)))
            break;
        be = p;
        --end;
    }
    if (start == end)
        return Span{asked, asked};
    std::vector<Token> toks = tokens_in(text, start, end);
    if (toks.empty()) // only invisible format characters
        return Span{start, end};
    return Span{std::min(start, toks.front().start), std::max(end, toks.back().end)};
}

// [SECTION] Sentences

namespace {

// Closing quotes and brackets that stay with the sentence they close: « … fin. » Suite.
bool is_closer(char32_t c)
{
    return c == 0xBB || c == 0x201D || c == 0x2019 || c == U')' || c == U']' || c == U'}' || c == 0x203A ||
           c == 0x300D || c == 0x300F || c == 0xFF09 || c == 0xFF63;
}

// Words that end with a period without ending the sentence (`w`: the word's UTF-8, `cps` its
// length in code points). Single capital letters (initials) are handled apart.
bool is_abbreviation(std::string_view w, uint32_t cps)
{
    // string_views: their lengths are known here, so most entries are ruled out by a length
    // compare (as const char* each compare began with a strlen).
    static constexpr std::string_view kAbbrev[] = {
        "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mgr", "Dr", "Pr", "Prof", "St", "Ste",
        "Sr", "Jr", "Mr", "Mrs", "Ms", "cf", "av", "apr", "env", "ex", "pp", "vol", "chap",
        "art", "fig", "éd", "réf", "tél", "vs", "Cie", "coll", "dir", "trad", "ibid", "al", "p",
        "no", "No", "n"};
    if (cps == 1) {
        size_t i = 0;
        const char32_t c = decode_utf8(w, i);
        if (!is_lower(c) && to_lower(c) != c)
            return true;
    }
    for (const std::string_view a : kAbbrev)
        if (w == a)
            return true;
    return false;
}

// Line breaks in bytes [a, b) of valid UTF-8 (a gap between two tokens): \n VT FF NEL U+2028
// count 1, U+2029 (paragraph separator) 2. A lead byte is never mistaken for a continuation, so
// the bytes can be matched directly.
int line_breaks(const unsigned char* s, uint32_t a, uint32_t b)
{
    int n = 0;
    for (uint32_t k = a; k < b; ++k) {
        const unsigned char c = s[k];
        if (c == '\n' || c == 0x0B || c == 0x0C)
            ++n;
        else if (c == 0xC2 && k + 1 < b && s[k + 1] == 0x85)
            ++n;
        else if (c == 0xE2 && k + 2 < b && s[k + 1] == 0x80 && (s[k + 2] == 0xA8 || s[k + 2] == 0xA9))
            n += s[k + 2] == 0xA9 ? 2 : 1;
    }
    return n;
}

// `bytes`: UTF-8 [start, end) of each token (2 per token). `marks`, when given, lists (ascending)
// the tokens where a sentence may end (Scanner's marks): only those and the last token are
// visited, since at any other token the loop below does nothing. Without, every token is.
// `firsts`, when given, receives the first token index of each sentence.
void split_sentences(std::string_view utf8, const std::vector<Token>& tokens, const std::vector<uint32_t>& bytes,
                     const SentenceOptions& opt, std::vector<Span>& out, const std::vector<uint32_t>* marks = nullptr,
                     std::vector<uint32_t>* firsts = nullptr)
{
    const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
    const size_t nt = tokens.size();
    auto ends_here = [&](int breaks) { return breaks >= 2 || (breaks == 1 && opt.line_break_ends_sentence); };
    auto first_cp = [&](size_t k) {
        size_t i = bytes[2 * k];
        return s[i] < 0x80 ? char32_t(s[i]) : decode_utf8(utf8, i);
    };
    // Line breaks after token k. Most gaps are empty or one ASCII space: answered without the loop.
    auto gap_breaks = [&](size_t k) {
        const uint32_t a = bytes[2 * k + 1], b = bytes[2 * k + 2];
        if (b - a <= 1 && (a == b || s[a] == ' '))
            return 0;
        return line_breaks(s, a, b);
    };
    // The next token at or after k to look at.
    size_t mi = 0;
    auto next = [&](size_t k) {
        if (!marks)
            return k;
        while (mi < marks->size() && (*marks)[mi] < k)
            ++mi;
        if (mi < marks->size() && (*marks)[mi] + 1 < nt)
            return size_t((*marks)[mi]);
        return k < nt ? nt - 1 : nt;
    };
    size_t first = 0;
    for (size_t k = next(0); k < nt; k = next(k + 1)) {
        const Token& t = tokens[k];
        size_t last = k; // last token of the sentence if it ends here
        bool end = (k + 1 == nt);
        if (!end && t.kind == TokenKind::Punct && is_terminal(first_cp(k))) {
            // Take the closing quotes/brackets along (same line; '"' and '\'' only when glued).
            size_t m = k;
            while (m + 1 < nt) {
                const Token& c = tokens[m + 1];
                if (c.kind != TokenKind::Punct || c.end - c.start != 1 || gap_breaks(m) != 0)
                    break;
                const char32_t ch = first_cp(m + 1);
                const bool glued = c.start == tokens[m].end;
                if (!(is_closer(ch) || (glued && (ch == U'"' || ch == U'\''))))
                    break;
                ++m;
            }
            const size_t nx = m + 1 < nt ? m + 1 : m;
            const Token& next = tokens[nx];
            if (m + 1 == nt) {
                end = true;
            } else if (ends_here(gap_breaks(m))) {
                end = true;
            } else {
                const char32_t nc = first_cp(nx);
                const char32_t tc = first_cp(k);
                const bool spaced = next.start > tokens[m].end;
                bool cont = false;
                if (is_cjk_stop(tc))
                    cont = false;
                else if (!spaced || is_lower(nc) || nc == U',' || nc == U';' || nc == U':')
                    cont = true;
                else if (tc == U'.' && t.end - t.start == 1 && k > first) {
                    const Token& w = tokens[k - 1];
                    cont = w.end == t.start && w.kind == TokenKind::Word &&
                           is_abbreviation(utf8.substr(bytes[2 * k - 2], bytes[2 * k - 1] - bytes[2 * k - 2]),
                                           w.end - w.start);
                }
                end = !cont;
            }
            if (end)
                last = m;
        }
        if (!end && k + 1 < nt && ends_here(gap_breaks(k)))
            end = true;
        if (end) {
            if (firsts)
                firsts->push_back(static_cast<uint32_t>(first));
            out.push_back(Span{tokens[first].start, tokens[last].end});
            first = last + 1;
            k = last;
        }
    }
}

} // namespace

void tokenize_and_split(const Text& text, const SentenceOptions& opt, TokenizedText& out)
{
    out.tokens.clear();
    out.token_bytes.clear();
    out.sentences.clear();
    out.sentence_firsts.clear();
    out.marks.clear();
    out.tokens.reserve(text.utf8().size() / 6 + 4);
    out.token_bytes.reserve(2 * out.tokens.capacity());
    Scanner<true>(text.utf8(), 0, out.tokens, &out.token_bytes, &out.marks).run();
    split_sentences(text.utf8(), out.tokens, out.token_bytes, opt, out.sentences, &out.marks, &out.sentence_firsts);
}

void sentences(const Text& text, const std::vector<Token>& tokens, const std::vector<uint32_t>& token_bytes,
               const SentenceOptions& opt, std::vector<Span>& out)
{
    out.clear();
    if (token_bytes.size() != 2 * tokens.size() || (!tokens.empty() && tokens.back().end > text.size()))
        return; // tokens of another text: refuse rather than read past the end
    split_sentences(text.utf8(), tokens, token_bytes, opt, out);
}

std::vector<Span> sentences(const Text& text, const std::vector<Token>& tokens, const SentenceOptions& opt)
{
    std::vector<Span> out;
    if (!tokens.empty() && tokens.back().end > text.size())
        return out; // tokens of another text: refuse rather than read past the end
    // Byte offsets of the tokens: one forward walk when they are in order (tokenize's output),
    // restarting from the text's start at a token out of order.
    std::vector<uint32_t> bytes(2 * tokens.size());
    const std::string& u = text.utf8();
    const auto* ub = reinterpret_cast<const unsigned char*>(u.data());
    size_t byte = 0;
    uint32_t cp = 0;
    for (size_t k = 0; k < 2 * tokens.size(); ++k) {
        const uint32_t target = k & 1 ? tokens[k / 2].end : tokens[k / 2].start;
        if (target < cp) { // out of order
            byte = 0;
            cp = 0;
        }
        while (cp < target && byte < u.size()) {
            byte += seq_len(ub[byte]);
            ++cp;
        }
        bytes[k] = static_cast<uint32_t>(std::min(byte, u.size()));
    }
    split_sentences(u, tokens, bytes, opt, out);
    return out;
}

std::vector<Span> sentences(const Text& text, const SentenceOptions& opt)
{
    std::vector<Token> tokens;
    std::vector<uint32_t> bytes;
    tokenize(text, tokens, bytes);
    std::vector<Span> out;
    split_sentences(text.utf8(), tokens, bytes, opt, out);
    return out;
}

} // namespace postil
