// Markdown dataset card. See card.h.
#include "card.h"

#include "core/stats.h"

#include <map>
#include <set>

namespace postil {

namespace {

// A table cell: '|' and line breaks would break the table.
std::string cell(const std::string& s)
{
    std::string out;
    for (char c : s) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n' || c == '\r')
            out += ' ';
        else
            out += c;
    }
    return out;
}

std::string num(size_t n)
{
    return std::to_string(n);
}

std::string ratio(double r)
{
    // Two decimals without locale or floating to_chars (not in Emscripten's libc++).
    long long hundredths = static_cast<long long>(r * 100.0 + 0.5);
    std::string frac = std::to_string(hundredths % 100);
    return std::to_string(hundredths / 100) + "." + (frac.size() < 2 ? "0" + frac : frac);
}

} // namespace

std::string make_dataset_card(const Project& p, const DatasetCardInfo& info)
{
    std::string md;
    std::string title = info.title.empty() ? p.name : info.title;
    md += "# " + title + "\n\n";
    md += "Dataset exported by Postil " POSTIL_VERSION " from the project \"" + cell(p.name) + "\".\n\n";

    ProjectStats all = compute_stats(p);
    // [SECTION] summary
    md += "## Summary\n\n";
    md += "| | |\n|---|---|\n";
    md += "| Format | `" + info.format + "`" + (info.format_description.empty() ? "" : " (" + cell(info.format_description) + ")") + " |\n";
    if (!info.scheme.empty())
        md += "| Tag scheme | " + info.scheme + " |\n";
    md += "| Offsets | " + (info.offset_unit.empty() ? std::string("codepoint") : info.offset_unit) +
          (info.offset_unit == "token" ? " (token indices; tokens from Postil's French-aware tokenizer, or the source's own "
                                         "tokens for documents imported from token files)"
           : info.offset_unit == "codepoint" || info.offset_unit.empty() ? " (Unicode code points, [start, end))"
                                                                        : "") +
          " |\n";
    md += "| Documents | " + num(all.documents) + " |\n";
    md += "| Tokens | " + num(all.tokens) + " |\n";
    md += "| Code points | " + num(all.code_points) + " |\n";
    md += "| Mentions | " + num(all.mentions) + " (" + num(all.linked_mentions) + " linked to " + num(all.entities) + " entities) |\n";
    md += "| Stances (holder -> target) | " + num(all.stances) + " |\n";
    md += "| Document stances | " + num(all.doc_stances) + " |\n";
    md += "| Annotators | " + (info.annotator.empty() ? std::string("all layers") : "only `" + info.annotator + "`") + " |\n\n";

    // [SECTION] schema
    md += "## Schema\n\n### Entity types\n\n| Label | Name | Mentions | Documents |\n|---|---|---:|---:|\n";
    for (const LabelStats& l : all.labels)
        md += "| `" + cell(l.label) + "` | " + cell(l.name) + " | " + num(l.mentions) + " | " + num(l.documents) + " |\n";
    md += "\n### Stance polarities\n\n";
    for (const Polarity& pol : p.schema.polarities)
        md += "- `" + pol.id + "` " + cell(pol.name) + "\n";
    if (!p.schema.stance_targets.empty()) {
        md += "\n### Stance targets\n\n| Target | Name | Document stances |\n|---|---|---|\n";
        for (const StanceTarget& t : p.schema.stance_targets) {
            std::string counts;
            auto it = all.doc_stance.find(t.id);
            if (it != all.doc_stance.end())
                for (const auto& [pol, n] : it->second)
                    counts += (counts.empty() ? "" : ", ") + pol + " " + num(n);
            md += "| `" + cell(t.id) + "` | " + cell(t.name) + " | " + (counts.empty() ? "0" : counts) + " |\n";
        }
    }
    md += "\n";

    // [SECTION] splits
    const char* names[3] = {"train", "dev", "test"};
    std::map<std::string, std::string> split_of;
    if (info.split) {
        const std::vector<std::string>* lists[3] = {&info.split->train, &info.split->dev, &info.split->test};
        ProjectStats parts[3];
        for (int k = 0; k < 3; ++k) {
            for (const auto& id : *lists[k])
                split_of[id] = names[k];
            parts[k] = compute_stats(project_subset(p, *lists[k]));
        }
        md += "## Splits\n\n";
        md += "Split by document (a document is never cut) with ratios train " + ratio(info.split_options.train) + ", dev " +
              ratio(info.split_options.dev) + ", test " + ratio(info.split_options.test) + ", seed " +
              std::to_string(info.split_options.seed) + ", stratified by " + to_string(info.split->used) +
              ". The same project, ratios and seed give the same split on every platform.\n\n";
        md += "| Split | Documents | Tokens | Mentions | Document stances |\n|---|---:|---:|---:|---:|\n";
        for (int k = 0; k < 3; ++k)
            md += std::string("| ") + names[k] + " | " + num(parts[k].documents) + " | " + num(parts[k].tokens) + " | " +
                  num(parts[k].mentions) + " | " + num(parts[k].doc_stances) + " |\n";
        md += "\n### Mentions per label and split\n\n| Label | train | dev | test | total |\n|---|---:|---:|---:|---:|\n";
        for (const LabelStats& l : all.labels) {
            md += "| `" + cell(l.label) + "` |";
            for (int k = 0; k < 3; ++k) {
                size_t n = 0;
                for (const LabelStats& x : parts[k].labels)
                    if (x.label == l.label)
                        n = x.mentions;
                md += " " + num(n) + " |";
            }
            md += " " + num(l.mentions) + " |\n";
        }
        if (!all.doc_stance.empty()) {
            md += "\n### Document stances per target, polarity and split\n\n| Target | Polarity | train | dev | test |\n|---|---|---:|---:|---:|\n";
            for (const auto& [target, pols] : all.doc_stance)
                for (const auto& [pol, total] : pols) {
                    md += "| `" + cell(target) + "` | " + pol + " |";
                    for (int k = 0; k < 3; ++k) {
                        size_t n = 0;
                        auto t = parts[k].doc_stance.find(target);
                        if (t != parts[k].doc_stance.end())
                            if (auto q = t->second.find(pol); q != t->second.end())
                                n = q->second;
                        md += " " + num(n) + " |";
                    }
                    md += "\n";
                    (void)total;
                }
        }
        md += "\n";
    }

    // [SECTION] documents
    md += "## Documents\n\n";
    const size_t kMaxRows = 500;
    md += std::string("| Document | Name |") + (info.split ? " Split |" : "") + " Code points | Tokens | Mentions | Status |\n";
    md += std::string("|---|---|") + (info.split ? "---|" : "") + "---:|---:|---:|---|\n";
    size_t rows = 0;
    for (const DocumentStats& d : all.document_rows) {
        if (++rows > kMaxRows) {
            md += "\n(" + num(all.document_rows.size() - kMaxRows) + " more documents not listed)\n";
            break;
        }
        md += "| `" + cell(d.id) + "` | " + cell(d.name) + " |" + (info.split ? " " + split_of[d.id] + " |" : "") + " " +
              num(d.code_points) + " | " + num(d.tokens) + " | " + num(d.mentions) + " | " + d.status + " |\n";
    }
    md += "\n";

    // [SECTION] annotators and agreement
    md += "## Annotators\n\n";
    if (all.annotators.empty())
        md += "No annotations.\n";
    for (const auto& [who, n] : all.annotators)
        md += "- `" + cell(who) + "`: " + num(n) + " annotations\n";
    md += "\n## Agreement\n\n";
    md += info.agreement_summary.empty() ? std::string("Inter-annotator agreement was not computed for this export.\n")
                                         : info.agreement_summary + "\n";

    // [SECTION] losses and files
    md += "\n## What the format did not keep\n\n";
    if (info.losses.empty())
        md += "Nothing: every annotation was written.\n";
    std::set<std::string> seen;
    for (const auto& l : info.losses)
        if (seen.insert(l).second)
            md += "- " + l + "\n";
    if (!info.files.empty()) {
        md += "\n## Files\n\n";
        for (const auto& f : info.files)
            md += "- `" + f + "`\n";
    }
    return md;
}

} // namespace postil
