// The dataset card's agreement paragraph (DatasetCardInfo::agreement_summary): how far the
// annotator layers of a project (gold left out) agree on the exported documents, as a Markdown
// table - for an adjudicated export, the agreement the gold layer came from. The CLI's export
// verbs and the app's Export dialog both call it, so their cards say the same thing.
// Does not do: the statistics (agreement/project_agreement.h), the rest of the card (card.h).
#pragma once
#include "core/model.h"

#include <string>
#include <vector>

namespace postil {

// `whole`: the project before the export filtered it (every layer is needed to compare them).
// `doc_ids`: the exported documents (empty = all). `exported_layer`: the layer the export wrote
// (export_annotator(): "gold", one annotator, or "" / "*" for every layer), which only changes
// the wording. Empty when fewer than two named annotators have mentions, stances or document
// stances (gold and unnamed records left out): the card then says agreement was not computed.
std::string card_agreement_summary(const Project& whole, const std::vector<std::string>& doc_ids,
                                   const std::string& exported_layer);

} // namespace postil
