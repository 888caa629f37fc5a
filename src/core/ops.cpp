#include "ops.h"

#include <algorithm>
#include <set>

namespace postil {

// [SECTION] mentions

std::string Editor::add_mention(const std::string& doc_id, uint32_t start, uint32_t end, const std::string& type)
{
    const Document* d = project.document(doc_id);
    if (!d || start >= end || end > d->text->size() || !project.schema.entity_type(type))
        return {};
    Mention m;
    m.id = project.new_id("m");
    m.doc_id = doc_id;
    m.start = start;
    m.end = end;
    m.type = type;
    m.annotator = project.annotator;
    std::string id = m.id;
    // One undo step, even when the document's status moves from "todo" too: Ctrl+Z right
    // after marking the first mention of a document must remove that mention.
    history.begin_group("Add mention");
    history.execute(project, put_mention(std::move(m)));
    if (d->status == DocStatus::Todo)
        history.execute(project, postil::set_doc_status(doc_id, DocStatus::InProgress));
    history.end_group();
    return id;
}

static bool refers_to(const StanceRef& r, StanceRef::Kind k, const std::string& id)
{
    return r.kind == k && r.id == id;
}

bool Editor::remove_mention(const std::string& id)
{
    const Mention* found = project.mention(id);
    if (!found)
        return false;
    const Mention m = *found;
    history.begin_group("Delete mention");
    std::vector<std::string> stances;
    for (const auto& s : project.stances)
        if (refers_to(s.holder, StanceRef::Kind::Mention, id) || refers_to(s.target, StanceRef::Kind::Mention, id))
            stances.push_back(s.id);
    for (const auto& s : stances)
        history.execute(project, erase_stance(s));
    history.execute(project, erase_mention(m));
    history.end_group();
    return true;
}

template <class F>
static bool edit_mention(Project& p, History& h, const std::string& id, F&& change)
{
    const Mention* m = p.mention(id);
    if (!m)
        return false;
    Mention copy = *m;
    if (!change(copy))
        return false;
    if (copy == *m)
        return true;
    h.execute(p, put_mention(std::move(copy), m));
    return true;
}

bool Editor::set_mention_type(const std::string& id, const std::string& type)
{
    if (!project.schema.entity_type(type))
        return false;
    return edit_mention(project, history, id, [&](Mention& m) { m.type = type; return true; });
}

bool Editor::set_mention_note(const std::string& id, const std::string& note)
{
    return edit_mention(project, history, id, [&](Mention& m) { m.note = note; return true; });
}

bool Editor::set_mention_span(const std::string& id, uint32_t start, uint32_t end)
{
    return edit_mention(project, history, id, [&](Mention& m) {
        const Document* d = project.document(m.doc_id);
        if (!d || start >= end || end > d->text->size())
            return false;
        m.start = start;
        m.end = end;
        return true;
    });
}

bool Editor::set_mention_attribute(const std::string& id, const std::string& key, const std::string& value)
{
    return edit_mention(project, history, id, [&](Mention& m) {
        if (value.empty())
            m.attributes.erase(key);
        else
            m.attributes[key] = value;
        return true;
    });
}

// [SECTION] entities

static std::string surface(const Project& p, const Mention& m)
{
    const Document* d = p.document(m.doc_id);
    return d ? std::string(d->text->slice(m.start, m.end)) : std::string();
}

std::string Editor::suggest_entity(const std::string& mention_id) const
{
    const Mention* m = project.mention(mention_id);
    if (!m || !m->entity_id.empty())
        return {};
    const Document* d = project.document(m->doc_id);
    if (!d)
        return {};
    const std::string_view s = d->text->slice(m->start, m->end);
    for (const auto& e : project.entities)
        if (e.name == s && e.type == m->type)
            return e.id;
    // Runs on every new mention: compare the cheap fields first (same text = same length in
    // code points) and slice without copying.
    const uint32_t length = m->end - m->start;
    for (const auto& other : project.mentions) {
        if (other.entity_id.empty() || other.end - other.start != length || other.type != m->type || other.id == m->id)
            continue;
        const Document* od = other.doc_id == m->doc_id ? d : project.document(other.doc_id);
        if (od && od->text->slice(other.start, other.end) == s)
            return other.entity_id;
    }
    return {};
}

bool Editor::link_mention(const std::string& mention_id, const std::string& entity_id)
{
    if (!entity_id.empty() && !project.entity(entity_id))
        return false;
    return edit_mention(project, history, mention_id, [&](Mention& m) { m.entity_id = entity_id; return true; });
}

std::string Editor::create_entity(const std::string& mention_id)
{
    const Mention* m = project.mention(mention_id);
    if (!m)
        return {};
    Entity e;
    e.id = project.new_id("e");
    e.name = surface(project, *m);
    e.type = m->type;
    e.annotator = project.annotator;
    std::string id = e.id;
    history.begin_group("New entity " + e.name);
    history.execute(project, put_entity(std::move(e)));
    link_mention(mention_id, id);
    history.end_group();
    return id;
}

template <class F>
static bool edit_entity(Project& p, History& h, const std::string& id, F&& change)
{
    const Entity* e = p.entity(id);
    if (!e)
        return false;
    Entity copy = *e;
    change(copy);
    if (!(copy == *e))
        h.execute(p, put_entity(std::move(copy)));
    return true;
}

bool Editor::rename_entity(const std::string& id, const std::string& name)
{
    if (name.empty())
        return false;
    return edit_entity(project, history, id, [&](Entity& e) { e.name = name; });
}

bool Editor::set_entity_external_id(const std::string& id, const std::string& external_id)
{
    return edit_entity(project, history, id, [&](Entity& e) { e.external_id = external_id; });
}

// Points every mention and stance ref at `from` to `to` ("" unlinks mentions; stances on a
// removed entity are deleted).
static void retarget_entity(Project& p, History& h, const std::string& from, const std::string& to)
{
    std::vector<Mention> relink;
    for (const auto& m : p.mentions)
        if (m.entity_id == from)
            relink.push_back(m);
    for (auto& m : relink) {
        m.entity_id = to;
        h.execute(p, put_mention(std::move(m)));
    }
    std::vector<Stance> restance;
    for (const auto& s : p.stances)
        if (refers_to(s.holder, StanceRef::Kind::Entity, from) || refers_to(s.target, StanceRef::Kind::Entity, from))
            restance.push_back(s);
    for (auto& s : restance) {
        if (to.empty()) {
            h.execute(p, erase_stance(s.id));
            continue;
        }
        if (refers_to(s.holder, StanceRef::Kind::Entity, from)) s.holder.id = to;
        if (refers_to(s.target, StanceRef::Kind::Entity, from)) s.target.id = to;
        h.execute(p, put_stance(std::move(s)));
    }
}

bool Editor::merge_entities(const std::string& into, const std::string& from)
{
    if (into == from || !project.entity(into) || !project.entity(from))
        return false;
    history.begin_group("Merge entities");
    const Entity* target = project.entity(into);
    if (target->external_id.empty() && !project.entity(from)->external_id.empty())
        set_entity_external_id(into, project.entity(from)->external_id);
    retarget_entity(project, history, from, into);
    history.execute(project, erase_entity(from));
    history.end_group();
    return true;
}

std::string Editor::split_entity(const std::string& id, const std::vector<std::string>& mention_ids)
{
    if (!project.entity(id) || mention_ids.empty())
        return {};
    for (const auto& mid : mention_ids) {
        const Mention* m = project.mention(mid);
        if (!m || m->entity_id != id)
            return {};
    }
    history.begin_group("Split entity");
    Entity e = *project.entity(id);
    e.id = project.new_id("e");
    e.name = surface(project, *project.mention(mention_ids.front()));
    e.external_id.clear();
    e.annotator = project.annotator;
    std::string new_id = e.id;
    history.execute(project, put_entity(std::move(e)));
    for (const auto& mid : mention_ids)
        link_mention(mid, new_id);
    history.end_group();
    return new_id;
}

bool Editor::remove_entity(const std::string& id)
{
    if (!project.entity(id))
        return false;
    history.begin_group("Delete entity");
    retarget_entity(project, history, id, "");
    history.execute(project, erase_entity(id));
    history.end_group();
    return true;
}

// [SECTION] stances

static bool ref_valid(const Project& p, const std::string& doc_id, const StanceRef& r)
{
    switch (r.kind) {
    case StanceRef::Kind::Mention: {
        const Mention* m = p.mention(r.id);
        return m && m->doc_id == doc_id;
    }
    case StanceRef::Kind::Entity: return p.entity(r.id) != nullptr;
    case StanceRef::Kind::Target: return p.schema.stance_target(r.id) != nullptr;
    case StanceRef::Kind::None: return false;
    }
    return false;
}

std::string Editor::add_stance(const std::string& doc_id, const StanceRef& holder, const StanceRef& target,
                               const std::string& polarity, std::optional<Span> evidence)
{
    const Document* d = project.document(doc_id);
    if (!d || !ref_valid(project, doc_id, holder) || !ref_valid(project, doc_id, target) || !project.schema.polarity(polarity) ||
        holder == target)
        return {};
    if (evidence && (evidence->start >= evidence->end || evidence->end > d->text->size()))
        return {};
    Stance s;
    s.id = project.new_id("s");
    s.doc_id = doc_id;
    s.holder = holder;
    s.target = target;
    s.polarity = polarity;
    s.evidence = evidence;
    s.annotator = project.annotator;
    std::string id = s.id;
    history.execute(project, put_stance(std::move(s)));
    return id;
}

bool Editor::update_stance(const Stance& s)
{
    const Stance* old = project.stance(s.id);
    if (!old || old->doc_id != s.doc_id || !ref_valid(project, s.doc_id, s.holder) || !ref_valid(project, s.doc_id, s.target) ||
        !project.schema.polarity(s.polarity) || !(s.confidence >= 0.0 && s.confidence <= 1.0))
        return false;
    if (!(*old == s))
        history.execute(project, put_stance(s));
    return true;
}

bool Editor::remove_stance(const std::string& id)
{
    if (!project.stance(id))
        return false;
    history.execute(project, erase_stance(id));
    return true;
}

bool Editor::set_doc_stance(const std::string& doc_id, const std::string& target_id, const std::string& polarity)
{
    if (!project.document(doc_id) || !project.schema.stance_target(target_id))
        return false;
    if (!polarity.empty() && !project.schema.polarity(polarity))
        return false;
    const DocStance* old = project.doc_stance(doc_id, target_id, project.annotator);
    if (polarity.empty()) {
        if (old)
            history.execute(project, erase_doc_stance(old->id));
        return true;
    }
    DocStance d;
    d.id = old ? old->id : project.new_id("ds");
    d.doc_id = doc_id;
    d.target_id = target_id;
    d.polarity = polarity;
    d.annotator = project.annotator;
    if (!old || !(*old == d))
        history.execute(project, put_doc_stance(std::move(d)));
    return true;
}

// [SECTION] documents and schema

bool Editor::set_doc_status(const std::string& doc_id, DocStatus status)
{
    const Document* d = project.document(doc_id);
    if (!d)
        return false;
    if (d->status != status)
        history.execute(project, postil::set_doc_status(doc_id, status));
    return true;
}

bool Editor::add_document(Document d)
{
    if (d.id.empty() || project.document(d.id) || !d.text)
        return false;
    history.execute(project, put_document(std::move(d)));
    return true;
}

bool Editor::remove_document(const std::string& id)
{
    if (!project.document(id))
        return false;
    history.begin_group("Remove document");
    std::vector<std::string> ids;
    for (const auto& s : project.stances)
        if (s.doc_id == id)
            ids.push_back(s.id);
    for (const auto& s : ids)
        history.execute(project, erase_stance(s));
    ids.clear();
    for (const auto& s : project.doc_stances)
        if (s.doc_id == id)
            ids.push_back(s.id);
    for (const auto& s : ids)
        history.execute(project, erase_doc_stance(s));
    auto [lo, hi] = project.mention_range(id);
    // Copies, erased last to first: each is found by its sort key, not by a scan.
    const std::vector<Mention> mentions(project.mentions.begin() + static_cast<std::ptrdiff_t>(lo),
                                        project.mentions.begin() + static_cast<std::ptrdiff_t>(hi));
    for (auto it = mentions.rbegin(); it != mentions.rend(); ++it)
        history.execute(project, erase_mention(*it));
    history.execute(project, erase_document(id));
    history.end_group();
    return true;
}

bool Editor::set_schema(const Schema& s)
{
    for (const auto& m : project.mentions)
        if (!s.entity_type(m.type))
            return false;
    for (const auto& st : project.stances) {
        if (!s.polarity(st.polarity))
            return false;
        if ((st.holder.kind == StanceRef::Kind::Target && !s.stance_target(st.holder.id)) ||
            (st.target.kind == StanceRef::Kind::Target && !s.stance_target(st.target.id)))
            return false;
    }
    for (const auto& d : project.doc_stances)
        if (!s.polarity(d.polarity) || !s.stance_target(d.target_id))
            return false;
    if (!(s == project.schema))
        history.execute(project, postil::set_schema(s));
    return true;
}

} // namespace postil
