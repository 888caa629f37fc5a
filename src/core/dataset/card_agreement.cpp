// The dataset card's agreement table. See card_agreement.h.
#include "card_agreement.h"

#include "core/agreement/project_agreement.h"
#include "core/agreement/reliability.h"
#include "core/layers.h"

namespace postil {

std::string card_agreement_summary(const Project& whole, const std::vector<std::string>& doc_ids,
                                   const std::string& exported_layer)
{
    std::vector<std::string> annotators;
    // Layers with annotations to compare: an annotator who only recorded entities (the demo's
    // entities, say) has nothing agreement could measure.
    for (const LayerInfo& l : list_layers(whole))
        if (!is_unnamed_annotator(l.annotator) && l.annotator != kGoldAnnotator && l.counts.total() > 0)
            annotators.push_back(l.annotator);
    if (annotators.size() < 2)
        return {};
    AgreementOptions ao;
    ao.annotators = annotators;
    ao.documents = doc_ids;
    ao.per_document = false;
    const AgreementReport r = compute_agreement(whole, ao);

    std::string names;
    for (const auto& a : r.annotators)
        names += (names.empty() ? "`" : ", `") + a + "`";
    std::string md;
    if (exported_layer == kGoldAnnotator)
        md += "The exported `gold` layer was adjudicated from " + std::to_string(r.annotators.size()) +
              " annotators' layers (" + names + "). Their agreement before adjudication";
    else
        md += "Agreement between the " + std::to_string(r.annotators.size()) + " annotators' layers (" + names + ")";
    md += ", over " + std::to_string(r.documents) + " documents (computed by `postil agree`; pairs micro-averaged):\n\n";
    md += "| Measure | Value |\n|---|---:|\n";
    auto row = [&](const std::string& what, double v) { md += "| " + what + " | " + format_fixed(v) + " |\n"; };
    const MentionAgreement& m = r.mentions;
    row("Mentions, exact match F1", m.exact.f1());
    row("Mentions, overlap F1", m.overlap.f1());
    row("Tokens, mean pairwise Cohen's kappa", m.mean_token_kappa);
    row("Tokens, Krippendorff's alpha (nominal)", m.token_alpha.value);
    auto stances = [&](const std::string& what, const StanceAgreement& s) {
        if (s.units == 0)
            return;
        std::string units = " (" + std::to_string(s.units) + " units)";
        row(what + units + ", Fleiss' kappa", s.fleiss_kappa.value);
        row(what + units + ", Krippendorff's alpha", s.alpha.value);
    };
    stances("Stances", r.stances);
    stances("Document stances", r.doc_stances);
    md.pop_back(); // the card adds the paragraph's final newline
    return md;
}

} // namespace postil
