// Undoable edits: command objects with apply/revert/describe, grouped into one undo step,
// and the history that runs them and tracks whether the project changed since it was saved.
// Record commands ("put" = insert or replace by id, "erase") cover every annotation kind, so
// higher-level operations (ops.h) are compositions of them.
// Does not do: deciding what an edit means (ops.h), saving (project_io.h).
#pragma once
#include "model.h"

#include <memory>
#include <string>
#include <vector>

namespace postil {

class Command {
public:
    virtual ~Command() = default;
    virtual void apply(Project& p) = 0;
    virtual void revert(Project& p) = 0;
    virtual std::string describe() const = 0;
};
using CommandPtr = std::unique_ptr<Command>;

// [SECTION] record commands. Each remembers the previous value when it is applied.
// `current`, if given, is the mention with m.id as it is now: found without a scan.
CommandPtr put_mention(Mention m, const Mention* current = nullptr); // insert, or replace the mention with m.id
CommandPtr erase_mention(std::string id);
CommandPtr erase_mention(const Mention& current); // same, found without a scan
CommandPtr put_entity(Entity e);
CommandPtr erase_entity(std::string id);
CommandPtr put_stance(Stance s);
CommandPtr erase_stance(std::string id);
CommandPtr put_doc_stance(DocStance s);          // keyed by id
CommandPtr erase_doc_stance(std::string id);
CommandPtr set_schema(Schema s);
CommandPtr set_doc_status(std::string doc_id, DocStatus status);
CommandPtr put_document(Document d);             // insert (appended) or replace by id
CommandPtr erase_document(std::string id);       // the document only; see ops.h for cascades
CommandPtr set_project_name(std::string name);

// Many new records at once (an import): documents are appended in order, records merged into
// their sorted vectors (after records that sort equal, in the given order: what one put_*
// after the other gives). Every id must be new to the project and unique within its kind
// (layers.cpp plan_import makes sure). Undo takes them out again. Linear in the project's
// size, where a group of put_* commands is quadratic (each searches and inserts: minutes for
// 300,000 mentions). The records move into the project and back out on undo: no copy is kept.
struct NewRecords {
    std::vector<Document> documents;
    std::vector<Entity> entities;
    std::vector<Mention> mentions;
    std::vector<Stance> stances;
    std::vector<DocStance> doc_stances;
};
CommandPtr add_records(NewRecords records, std::string description);

// Several commands applied in order, reverted in reverse order, undone as one step.
class CommandGroup : public Command {
public:
    explicit CommandGroup(std::string description) : description_(std::move(description)) {}
    void add(CommandPtr c) { commands_.push_back(std::move(c)); }
    bool empty() const { return commands_.empty(); }
    void apply(Project& p) override;
    void revert(Project& p) override;
    std::string describe() const override { return description_; }
private:
    std::string description_;
    std::vector<CommandPtr> commands_;
};

class History {
public:
    // Applies the command and records it (or adds it to the open group). Clears redo.
    void execute(Project& p, CommandPtr c);
    // Commands executed until the matching end_group() undo as one step. Nests.
    void begin_group(std::string description);
    void end_group();

    bool can_undo() const { return !undo_.empty(); }
    bool can_redo() const { return !redo_.empty(); }
    std::string undo_description() const;
    std::string redo_description() const;
    bool undo(Project& p);
    bool redo(Project& p);

    bool dirty() const { return position_ != saved_position_; }
    void mark_saved() { saved_position_ = position_; }
    // Bumps on every execute/undo/redo: autosave watches it.
    uint64_t revision() const { return revision_; }
    void clear();

private:
    std::vector<CommandPtr> undo_, redo_;
    std::vector<std::unique_ptr<CommandGroup>> open_groups_;
    // position_ identifies the state: each new step gets a fresh number; undo/redo move along.
    std::vector<uint64_t> undo_ids_, redo_ids_;
    uint64_t position_ = 0, saved_position_ = 0, next_step_ = 1, revision_ = 0;
};

} // namespace postil
