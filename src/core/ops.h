// Operations: everything a user can do to a project, as one call each. Every operation goes
// through History (one undo step, with cascades grouped) and records the current annotator.
// The UI, the CLI and tests call these; none of them edits Project fields directly.
// Does not do: selection or other view state, file formats.
#pragma once
#include "history.h"

#include <optional>
#include <string>
#include <vector>

namespace postil {

struct Editor {
    Project& project;
    History& history;

    // [SECTION] mentions
    // Returns the new mention's id, or "" if the span is empty/out of range or the type unknown.
    std::string add_mention(const std::string& doc_id, uint32_t start, uint32_t end, const std::string& type);
    // Removes the mention and every stance that refers to it (one undo step).
    bool remove_mention(const std::string& id);
    bool set_mention_type(const std::string& id, const std::string& type);
    bool set_mention_note(const std::string& id, const std::string& note);
    bool set_mention_span(const std::string& id, uint32_t start, uint32_t end);
    bool set_mention_attribute(const std::string& id, const std::string& key, const std::string& value); // "" removes

    // [SECTION] entities
    // An existing entity whose mentions have the same surface form (and type), for the
    // "link to existing entity?" suggestion; "" if none.
    std::string suggest_entity(const std::string& mention_id) const;
    bool link_mention(const std::string& mention_id, const std::string& entity_id); // "" unlinks
    // New entity named after the mention's text, linked to it. Returns its id.
    std::string create_entity(const std::string& mention_id);
    bool rename_entity(const std::string& id, const std::string& name);
    bool set_entity_external_id(const std::string& id, const std::string& external_id);
    // Mentions and stances of `from` move to `into`; `from` is deleted.
    bool merge_entities(const std::string& into, const std::string& from);
    // The given mentions leave their entity for a new one (named after the first). Returns its id.
    std::string split_entity(const std::string& id, const std::vector<std::string>& mention_ids);
    bool remove_entity(const std::string& id); // unlinks its mentions, removes stances on it

    // [SECTION] stances
    std::string add_stance(const std::string& doc_id, const StanceRef& holder, const StanceRef& target,
                           const std::string& polarity, std::optional<Span> evidence = std::nullopt);
    bool update_stance(const Stance& s); // replaces the stance with s.id
    bool remove_stance(const std::string& id);
    // Document-level stance of the current annotator toward a schema target; "" clears it.
    bool set_doc_stance(const std::string& doc_id, const std::string& target_id, const std::string& polarity);

    // [SECTION] documents and schema
    bool set_doc_status(const std::string& doc_id, DocStatus status);
    bool add_document(Document d);
    bool remove_document(const std::string& id); // with its annotations
    bool set_schema(const Schema& s);            // refused (false) if a used type/polarity/target disappears

    bool undo() { return history.undo(project); }
    bool redo() { return history.redo(project); }
};

} // namespace postil
