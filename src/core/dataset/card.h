// Dataset card: a Markdown README for an exported dataset (schema, counts per label and per
// split, documents, offset unit, annotators, what the export format could not hold, and an
// inter-annotator agreement summary when the caller has one).
// Deterministic: no dates or paths in the text, so the same export gives the same card.
// Does not do: computing agreement (pass its summary in), writing files (the CLI does).
#pragma once
#include "core/model.h"
#include "split.h"

#include <string>
#include <vector>

namespace postil {

struct DatasetCardInfo {
    std::string title;                 // default: the project's name
    std::string format;                // export format ("conll", "hf", "postil" ...)
    std::string format_description;
    std::string offset_unit;           // what the written offsets count ("codepoint", "token", "none" ...)
    std::string scheme;                // tag scheme for token formats ("iob2"); empty if none
    std::string annotator;             // only this annotator's layer was exported; empty = all
    const SplitResult* split = nullptr;// null: one undivided set
    SplitOptions split_options;        // ratios and seed (when split)
    std::vector<std::string> files;    // files written, relative to the card
    std::vector<std::string> losses;   // ExportReport::losses, per split merged
    // Hook for the agreement module: a Markdown paragraph or table (e.g. "Cohen's kappa 0.81 on
    // 12 doubly annotated documents"). Empty: the card says agreement was not computed.
    std::string agreement_summary;
};

std::string make_dataset_card(const Project& p, const DatasetCardInfo& info);

} // namespace postil
