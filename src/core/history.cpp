#include "history.h"

#include <algorithm>
#include <iterator>

namespace postil {

// [SECTION] record commands

namespace {

// Generic "put or erase one record keyed by id" over one of the project's vectors.
// `Access` gives the vector and its order, a total order that ends with the id, so a record
// whose value is known is found by binary search.
// Finding the record costs no scan of the vector except on the first apply of an erase
// without a hint or of a put whose id is neither in place nor surely new: undo and redo run
// on the state the command left (History is last-in first-out), so the record is where its
// remembered value sorts, or absent. A record expected but not found where it sorts
// (someone edited the vector behind History's back) is looked for with the scan.
template <class Record, class Access>
class RecordCommand : public Command {
public:
    RecordCommand(std::string id, std::optional<Record> after, std::string what, std::optional<Record> hint = std::nullopt)
        : id_(std::move(id)), after_(std::move(after)), before_(std::move(hint)), what_(std::move(what)) {}

    void apply(Project& p) override
    {
        auto& v = Access::get(p);
        Iter it;
        if (!applied_) {
            it = first_find(p, v);
            before_ = it != v.end() ? std::optional<Record>(*it) : std::nullopt;
            applied_ = true;
        } else {
            it = find(v, before_, after_);
        }
        write(p, v, it, after_);
    }
    void revert(Project& p) override
    {
        auto& v = Access::get(p);
        write(p, v, find(v, after_, before_), before_);
    }
    std::string describe() const override { return what_; }

private:
    using Iter = typename std::vector<Record>::iterator;
    Iter scan(std::vector<Record>& v)
    {
        return std::find_if(v.begin(), v.end(), [&](const Record& r) { return r.id == id_; });
    }
    // Where `value` sorts, if the record there has our id.
    Iter at_sorted(std::vector<Record>& v, const Record& value)
    {
        auto it = std::lower_bound(v.begin(), v.end(), value, Access::less);
        return it != v.end() && it->id == id_ ? it : v.end();
    }
    // On undo/redo: the record with id_, expected to hold `expected`, or to be absent (then
    // History's order vouches for it; a record with id_ where `value` sorts is still replaced).
    Iter find(std::vector<Record>& v, const std::optional<Record>& expected, const std::optional<Record>& value)
    {
        if (expected) {
            auto it = at_sorted(v, *expected);
            return it != v.end() ? it : scan(v);
        }
        return value ? at_sorted(v, *value) : v.end();
    }
    Iter first_find(Project& p, std::vector<Record>& v)
    {
        if (before_) { // the caller's hint: the record as it is now
            auto it = at_sorted(v, *before_);
            if (it != v.end())
                return it;
        }
        if (after_) { // same sort key (a new type, a note): found in place
            auto it = at_sorted(v, *after_);
            if (it != v.end())
                return it;
        }
        return p.id_surely_unused(id_) ? v.end() : scan(v);
    }
    // `it` is the record with id_ (or end). Each vector is sorted and holds fat records
    // (~250 bytes for a mention): shifting half of 20,000 of them costs ~0.2 ms, so a record
    // whose sort position does not change (a new type, a note) is replaced in place.
    void write(Project& p, std::vector<Record>& v, Iter it, const std::optional<Record>& value)
    {
        if (it != v.end() && value && (it == v.begin() || !Access::less(*value, *(it - 1))) &&
            (it + 1 == v.end() || !Access::less(*(it + 1), *value))) {
            *it = *value;
            return;
        }
        const bool cached = p.ids_cached();
        const bool removed = it != v.end();
        if (removed)
            v.erase(it);
        if (value) {
            auto pos = std::upper_bound(v.begin(), v.end(), *value, Access::less);
            v.insert(pos, *value);
        }
        p.note_ids(cached, removed ? &id_ : nullptr, value ? &id_ : nullptr);
    }

    std::string id_;
    std::optional<Record> after_, before_;
    std::string what_;
    bool applied_ = false;
};

struct MentionAccess {
    static std::vector<Mention>& get(Project& p) { return p.mentions; }
    static bool less(const Mention& a, const Mention& b) { return mention_less(a, b); }
};
struct EntityAccess {
    static std::vector<Entity>& get(Project& p) { return p.entities; }
    static bool less(const Entity& a, const Entity& b) { return a.id < b.id; }
};
struct StanceAccess {
    static std::vector<Stance>& get(Project& p) { return p.stances; }
    static bool less(const Stance& a, const Stance& b) { return a.doc_id != b.doc_id ? a.doc_id < b.doc_id : a.id < b.id; }
};
struct DocStanceAccess {
    static std::vector<DocStance>& get(Project& p) { return p.doc_stances; }
    static bool less(const DocStance& a, const DocStance& b)
    {
        if (a.doc_id != b.doc_id) return a.doc_id < b.doc_id;
        if (a.target_id != b.target_id) return a.target_id < b.target_id;
        if (a.annotator != b.annotator) return a.annotator < b.annotator;
        return a.id < b.id;
    }
};

// Documents keep their display order: a replaced document stays where it was.
class DocumentCommand : public Command {
public:
    DocumentCommand(std::string id, std::optional<Document> after, std::string what)
        : id_(std::move(id)), after_(std::move(after)), what_(std::move(what)) {}
    void apply(Project& p) override
    {
        int i = p.document_index(id_);
        before_ = i >= 0 ? std::optional<Document>(p.documents[i]) : std::nullopt;
        index_ = i >= 0 ? static_cast<size_t>(i) : p.documents.size();
        write(p, after_);
    }
    void revert(Project& p) override { write(p, before_); }
    std::string describe() const override { return what_; }

private:
    void write(Project& p, const std::optional<Document>& value)
    {
        const bool cached = p.ids_cached();
        int i = p.document_index(id_);
        if (i >= 0)
            p.documents.erase(p.documents.begin() + i);
        if (value)
            p.documents.insert(p.documents.begin() + static_cast<std::ptrdiff_t>(std::min(index_, p.documents.size())), *value);
        p.note_ids(cached, i >= 0 ? &id_ : nullptr, value ? &id_ : nullptr);
    }
    std::string id_;
    std::optional<Document> after_, before_;
    size_t index_ = 0;
    std::string what_;
};

// Swaps a whole value in and out (schema, project name, document status).
template <class T, class Access>
class ValueCommand : public Command {
public:
    ValueCommand(Access access, T value, std::string what) : access_(std::move(access)), value_(std::move(value)), what_(std::move(what)) {}
    void apply(Project& p) override { swap(p); }
    void revert(Project& p) override { swap(p); }
    std::string describe() const override { return what_; }

private:
    void swap(Project& p)
    {
        if (T* slot = access_(p))
            std::swap(*slot, value_);
    }
    Access access_;
    T value_;
    std::string what_;
};

template <class T, class Access>
CommandPtr make_value_command(Access a, T value, std::string what)
{
    return std::make_unique<ValueCommand<T, Access>>(std::move(a), std::move(value), std::move(what));
}

// [SECTION] many new records at once (add_records)

// Moves `added` into the sorted vector `v`: the same order as inserting them one by one at
// their upper bound (stable sort, then a stable merge that puts `v`'s records first on ties).
template <class Record, class Less>
void merge_in(std::vector<Record>& v, std::vector<Record>& added, Less less)
{
    if (added.empty())
        return;
    // Imports hand over records in order: no sort (and no sort buffer) then.
    if (!std::is_sorted(added.begin(), added.end(), less))
        std::stable_sort(added.begin(), added.end(), less);
    if (v.size() <= added.capacity() - added.size()) {
        // A big import into a small project: merge in `added`'s own buffer (it usually has room:
        // vectors grow by doubling) rather than a new one the size of both. `v`'s records go
        // first, so on ties they stay before the new ones, as below.
        added.insert(added.begin(), std::make_move_iterator(v.begin()), std::make_move_iterator(v.end()));
        std::inplace_merge(added.begin(), added.begin() + static_cast<std::ptrdiff_t>(v.size()), added.end(), less);
        v = std::move(added);
        added.clear();
        return;
    }
    const auto old_size = static_cast<std::ptrdiff_t>(v.size());
    v.reserve(v.size() + added.size());
    std::move(added.begin(), added.end(), std::back_inserter(v));
    added.clear();
    std::inplace_merge(v.begin(), v.begin() + old_size, v.end(), less);
}

// Moves the records of `v` whose id is in `ids` (sorted) back into `out`, keeping the order
// of the others.
template <class Record>
void take_out(std::vector<Record>& v, std::vector<Record>& out, const std::vector<std::string>& ids)
{
    if (ids.empty())
        return;
    out.clear();
    out.reserve(ids.size());
    auto keep = v.begin();
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (std::binary_search(ids.begin(), ids.end(), it->id)) {
            out.push_back(std::move(*it));
        } else {
            if (keep != it)
                *keep = std::move(*it);
            ++keep;
        }
    }
    v.erase(keep, v.end());
}

// The ids of the records, in their order: sorted only if an undo needs them (take_out), so
// that an import does not pay for sorting 300,000 ids it will probably never undo.
template <class Record>
std::vector<std::string> ids_of(const std::vector<Record>& v)
{
    std::vector<std::string> ids;
    ids.reserve(v.size());
    for (const Record& r : v)
        ids.push_back(r.id);
    return ids;
}

class AddRecordsCommand : public Command {
public:
    AddRecordsCommand(NewRecords r, std::string what)
        : r_(std::move(r)), what_(std::move(what)), documents_(ids_of(r_.documents)), entities_(ids_of(r_.entities)),
          mentions_(ids_of(r_.mentions)), stances_(ids_of(r_.stances)), doc_stances_(ids_of(r_.doc_stances))
    {
    }
    void apply(Project& p) override
    {
        p.documents.reserve(p.documents.size() + r_.documents.size());
        std::move(r_.documents.begin(), r_.documents.end(), std::back_inserter(p.documents));
        r_.documents.clear();
        merge_in(p.entities, r_.entities, EntityAccess::less);
        merge_in(p.mentions, r_.mentions, MentionAccess::less);
        merge_in(p.stances, r_.stances, StanceAccess::less);
        merge_in(p.doc_stances, r_.doc_stances, DocStanceAccess::less);
    }
    void revert(Project& p) override
    {
        if (!ids_sorted_) {
            for (auto* ids : {&documents_, &entities_, &mentions_, &stances_, &doc_stances_})
                std::sort(ids->begin(), ids->end());
            ids_sorted_ = true;
        }
        take_out(p.documents, r_.documents, documents_);
        take_out(p.entities, r_.entities, entities_);
        take_out(p.mentions, r_.mentions, mentions_);
        take_out(p.stances, r_.stances, stances_);
        take_out(p.doc_stances, r_.doc_stances, doc_stances_);
    }
    std::string describe() const override { return what_; }

private:
    NewRecords r_; // what apply adds; empty while the records are in the project
    std::string what_;
    std::vector<std::string> documents_, entities_, mentions_, stances_, doc_stances_; // their ids
    bool ids_sorted_ = false; // sorted at the first undo
};

} // namespace

CommandPtr add_records(NewRecords records, std::string description)
{
    return std::make_unique<AddRecordsCommand>(std::move(records), std::move(description));
}

CommandPtr put_mention(Mention m, const Mention* current)
{
    std::string id = m.id;
    std::string what = "Mention " + m.type;
    std::optional<Mention> hint = current ? std::optional<Mention>(*current) : std::nullopt;
    return std::make_unique<RecordCommand<Mention, MentionAccess>>(id, std::move(m), what, std::move(hint));
}
CommandPtr erase_mention(std::string id) { return std::make_unique<RecordCommand<Mention, MentionAccess>>(id, std::nullopt, "Delete mention " + id); }
CommandPtr erase_mention(const Mention& current)
{
    return std::make_unique<RecordCommand<Mention, MentionAccess>>(current.id, std::nullopt, "Delete mention " + current.id, current);
}
CommandPtr put_entity(Entity e)
{
    std::string id = e.id;
    std::string what = "Entity " + e.name;
    return std::make_unique<RecordCommand<Entity, EntityAccess>>(id, std::move(e), what);
}
CommandPtr erase_entity(std::string id) { return std::make_unique<RecordCommand<Entity, EntityAccess>>(id, std::nullopt, "Delete entity " + id); }
CommandPtr put_stance(Stance s)
{
    std::string id = s.id;
    std::string what = "Stance " + s.polarity;
    return std::make_unique<RecordCommand<Stance, StanceAccess>>(id, std::move(s), what);
}
CommandPtr erase_stance(std::string id) { return std::make_unique<RecordCommand<Stance, StanceAccess>>(id, std::nullopt, "Delete stance " + id); }
CommandPtr put_doc_stance(DocStance s)
{
    std::string id = s.id;
    std::string what = "Document stance " + s.polarity;
    return std::make_unique<RecordCommand<DocStance, DocStanceAccess>>(id, std::move(s), what);
}
CommandPtr erase_doc_stance(std::string id) { return std::make_unique<RecordCommand<DocStance, DocStanceAccess>>(id, std::nullopt, "Clear document stance " + id); }
CommandPtr put_document(Document d)
{
    std::string id = d.id;
    std::string what = "Document " + d.name;
    return std::make_unique<DocumentCommand>(id, std::move(d), what);
}
CommandPtr erase_document(std::string id) { return std::make_unique<DocumentCommand>(id, std::nullopt, "Remove document " + id); }

CommandPtr set_schema(Schema s)
{
    return make_value_command([](Project& p) { return &p.schema; }, std::move(s), "Edit schema");
}
CommandPtr set_project_name(std::string name)
{
    return make_value_command([](Project& p) { return &p.name; }, std::move(name), "Rename project");
}
CommandPtr set_doc_status(std::string doc_id, DocStatus status)
{
    std::string what = std::string("Mark ") + doc_id + " " + to_string(status);
    return make_value_command([doc_id](Project& p) -> DocStatus* {
        Document* d = p.document(doc_id);
        return d ? &d->status : nullptr;
    }, status, what);
}

// [SECTION] groups

void CommandGroup::apply(Project& p)
{
    for (auto& c : commands_)
        c->apply(p);
}

void CommandGroup::revert(Project& p)
{
    for (auto it = commands_.rbegin(); it != commands_.rend(); ++it)
        (*it)->revert(p);
}

// [SECTION] history

void History::execute(Project& p, CommandPtr c)
{
    c->apply(p);
    ++revision_;
    if (!open_groups_.empty()) {
        open_groups_.back()->add(std::move(c));
        return;
    }
    undo_.push_back(std::move(c));
    undo_ids_.push_back(position_ = next_step_++);
    redo_.clear();
    redo_ids_.clear();
}

void History::begin_group(std::string description)
{
    open_groups_.push_back(std::make_unique<CommandGroup>(std::move(description)));
}

void History::end_group()
{
    if (open_groups_.empty())
        return;
    std::unique_ptr<CommandGroup> g = std::move(open_groups_.back());
    open_groups_.pop_back();
    if (g->empty())
        return;
    if (!open_groups_.empty()) {
        open_groups_.back()->add(std::move(g));
        return;
    }
    // Already applied command by command; record without applying again.
    undo_.push_back(std::move(g));
    undo_ids_.push_back(position_ = next_step_++);
    redo_.clear();
    redo_ids_.clear();
}

std::string History::undo_description() const { return undo_.empty() ? std::string() : undo_.back()->describe(); }
std::string History::redo_description() const { return redo_.empty() ? std::string() : redo_.back()->describe(); }

bool History::undo(Project& p)
{
    if (undo_.empty() || !open_groups_.empty())
        return false;
    undo_.back()->revert(p);
    redo_.push_back(std::move(undo_.back()));
    redo_ids_.push_back(undo_ids_.back());
    undo_.pop_back();
    undo_ids_.pop_back();
    position_ = undo_ids_.empty() ? 0 : undo_ids_.back();
    ++revision_;
    return true;
}

bool History::redo(Project& p)
{
    if (redo_.empty() || !open_groups_.empty())
        return false;
    redo_.back()->apply(p);
    undo_.push_back(std::move(redo_.back()));
    undo_ids_.push_back(redo_ids_.back());
    redo_.pop_back();
    redo_ids_.pop_back();
    position_ = undo_ids_.back();
    ++revision_;
    return true;
}

void History::clear()
{
    undo_.clear();
    redo_.clear();
    undo_ids_.clear();
    redo_ids_.clear();
    open_groups_.clear();
    position_ = saved_position_ = 0;
    ++revision_;
}

} // namespace postil
