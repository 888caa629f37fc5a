// Inter-annotator agreement over a Project: compares the layers of its annotators (a layer is
// every annotation whose `annotator` is that name).
//  - Mentions, for every pair of annotators (a, b) with a as reference: precision, recall, F1
//    with exact matching (same start, end and type) and overlap matching (same type, spans
//    share a code point), overall and per type, and per document.
//  - Tokens: every token gets the type of a mention covering it or "O"; Cohen's kappa per pair
//    (all labels, and per type as type-vs-rest), Krippendorff's nominal alpha over all layers.
//  - Stances: units (document, holder, target) with the polarity as value; Cohen's kappa per
//    pair, Fleiss' kappa, Krippendorff's alpha. Document stances: units (document, target).
// Does not do: entity linking agreement, relation agreement, attribute agreement, reading or
// writing projects. Statistics on generic tables are in reliability.h.
//
// Definitions the numbers depend on:
//  - Mention matching is on multisets: two identical mentions of a match at most two of b.
//    Overlap matching is not one-to-one: a mention of b counts as matched (for precision) if it
//    overlaps any mention of a of the same type, and vice versa for recall. With exact
//    matching matched_a == matched_b; with overlap they can differ.
//  - A token is labelled by a mention when they share a code point (a mention ending inside a
//    token labels the whole token). Tokens overlapped by several mentions of one layer take
//    the type of the mention that comes first in (start, longest) order: the outer one for
//    nested mentions.
//  - Stance holders and targets are compared as keys: "entity:<id>" for an entity or a mention
//    linked to an entity, "span:<start>-<end>:<type>" for an unlinked mention, "target:<id>" for
//    a schema target, "none". A stance whose mention no longer exists keys as "mention:<id>".
//    If a layer has several stances on one unit, the first in project order is used (noted).
//  - A document counts for a layer according to AgreementOptions::coverage (see there).
#pragma once
#include "core/model.h"
#include "reliability.h"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>
#include <vector>

namespace postil {

// [SECTION] options

struct AgreementOptions {
    // Layers to compare; empty = every annotator of a mention, stance or document stance in
    // the compared documents (sorted by name) except those in `exclude_annotators`.
    // Pairs are (a, b) with a before b in this order.
    std::vector<std::string> annotators;
    // Left out when `annotators` is empty. "gold" is the adjudicated layer (layers.h): it is
    // not an independent annotator and would inflate agreement.
    std::vector<std::string> exclude_annotators = {"gold"};
    // Documents to compare; empty = every document of the project.
    std::vector<std::string> documents;

    enum class Coverage {
        // Every layer annotated every document: no mention = "nothing to annotate here".
        AllDocuments,
        // A layer covers a document only if it has a mention, stance or document stance in it;
        // pairs compare only documents both layers cover. For partially assigned workloads.
        ActiveDocuments,
    };
    Coverage coverage = Coverage::AllDocuments;

    // Stance units coded by some layers but not others: missing (default; kappa/alpha then
    // measure polarity agreement on shared units) or the value "NONE" for every layer that
    // covers the document (agreement then also includes whether there is a stance at all).
    bool stance_absent_as_none = false;

    bool per_document = true; // fill MentionAgreement::documents
};

// [SECTION] mentions

struct MentionCounts {
    size_t count_a = 0, count_b = 0;     // mentions in the reference (a) / compared (b) layer
    size_t matched_a = 0, matched_b = 0; // of those, how many match a mention of the other layer
    // NaN when the denominator is 0. f1: NaN if both layers are empty, 0 if only one is.
    double precision() const; // matched_b / count_b
    double recall() const;    // matched_a / count_a
    double f1() const;
    MentionCounts& operator+=(const MentionCounts& o);
};

struct MentionPairAgreement {
    std::string annotator_a, annotator_b;
    size_t documents = 0; // documents compared
    size_t tokens = 0;
    MentionCounts exact, overlap;
    std::map<std::string, MentionCounts> exact_by_label, overlap_by_label; // types either used
    Statistic token_kappa;                                  // labels: types + "O"
    std::map<std::string, Statistic> token_kappa_by_label;  // type vs everything else
};

struct DocumentMentionAgreement {
    std::string doc_id;
    size_t layers = 0;          // layers covering the document
    size_t mentions = 0;        // mentions of those layers in the document
    size_t tokens = 0;
    MentionCounts exact, overlap; // summed over the pairs comparing this document
    double mean_token_kappa;      // over those pairs with a defined kappa; NaN if none
    size_t kappa_pairs = 0;
};

struct MentionAgreement {
    std::vector<std::string> labels;          // types used by any compared layer, sorted
    std::vector<MentionPairAgreement> pairs;
    MentionCounts exact, overlap;             // summed over pairs (micro average)
    std::map<std::string, MentionCounts> exact_by_label, overlap_by_label;
    double mean_token_kappa;                  // over pairs with a defined kappa; NaN if none
    std::map<std::string, double> mean_token_kappa_by_label;
    Statistic token_alpha;                    // nominal, tokens x layers, all labels
    std::vector<DocumentMentionAgreement> documents; // when options.per_document
};

// [SECTION] stances

struct StancePairAgreement {
    std::string annotator_a, annotator_b;
    size_t units_a = 0, units_b = 0, units_both = 0; // units with a value
    Statistic cohen_kappa;
    Statistic percent_agreement;
};

struct StanceAgreement {
    size_t units = 0;  // distinct units coded by at least one layer
    size_t values = 0;
    std::vector<StancePairAgreement> pairs;
    double mean_cohen_kappa; // over pairs with a defined kappa; NaN if none
    Statistic fleiss_kappa;
    Statistic alpha;         // Krippendorff, nominal
    Statistic percent_agreement;
};

// [SECTION] report

struct AgreementReport {
    std::vector<std::string> annotators;
    size_t documents = 0;
    MentionAgreement mentions;
    StanceAgreement stances;     // (document, holder, target)
    StanceAgreement doc_stances; // (document, target)
    std::vector<std::string> notes; // things that affected the numbers (duplicates, dangling refs)
};

AgreementReport compute_agreement(const Project& project, const AgreementOptions& options = {});

// Stance units as reliability data (units "doc<US>holder<US>target", US = '\x1f'), for callers
// who want other statistics. Uses options.annotators/documents/coverage/stance_absent_as_none.
ReliabilityData stance_reliability_data(const Project& project, const AgreementOptions& options = {});
ReliabilityData doc_stance_reliability_data(const Project& project, const AgreementOptions& options = {});

// Comparable key for a stance holder or target (see the header comment).
std::string stance_ref_key(const Project& project, const StanceRef& ref);

// The tokens used for token-level agreement, as code point spans: postil::tokenize (tokenizer.h).
std::vector<Span> agreement_tokens(const Text& text);

// JSON: undefined numbers are null. Text: aligned tables for the CLI.
void to_json(nlohmann::json& j, const MentionCounts& c);
void to_json(nlohmann::json& j, const AgreementReport& r);
nlohmann::json to_json(const AgreementReport& r);
std::string render_agreement_text(const AgreementReport& r);

} // namespace postil
