// The stance gesture's state machine. See stance_gesture.h.
#include "stance_gesture.h"

namespace postil::interaction {

const char* to_string(GestureStep s)
{
    switch (s) {
    case GestureStep::Idle: return "idle";
    case GestureStep::PickTarget: return "pick-target";
    case GestureStep::PickPolarity: return "pick-polarity";
    }
    return "idle";
}

// [SECTION] transitions

bool StanceGesture::start(const std::string& doc_id, const std::string& holder_mention_id)
{
    if (doc_id.empty() || holder_mention_id.empty())
        return false;
    step_ = GestureStep::PickTarget;
    doc_id_ = doc_id;
    holder_ = holder_mention_id;
    target_ = StanceRef{};
    evidence_.reset();
    return true;
}

bool StanceGesture::pick_target(const StanceRef& target)
{
    if (step_ != GestureStep::PickTarget || target.kind == StanceRef::Kind::None || target.id.empty())
        return false;
    if (target.kind == StanceRef::Kind::Mention && target.id == holder_)
        return false; // "X favors X" is always a slip of the mouse
    target_ = target;
    step_ = GestureStep::PickPolarity;
    return true;
}

bool StanceGesture::set_evidence(Span span)
{
    if (step_ == GestureStep::Idle)
        return false;
    if (span.start >= span.end)
        evidence_.reset();
    else
        evidence_ = span;
    return true;
}

std::optional<StanceRequest> StanceGesture::choose_polarity(const Schema& schema, const std::string& polarity_id)
{
    if (step_ != GestureStep::PickPolarity || !schema.polarity(polarity_id))
        return std::nullopt;
    StanceRequest r;
    r.doc_id = doc_id_;
    r.holder = StanceRef{StanceRef::Kind::Mention, holder_};
    r.target = target_;
    r.polarity = polarity_id;
    r.evidence = evidence_;
    cancel();
    return r;
}

void StanceGesture::cancel()
{
    step_ = GestureStep::Idle;
    doc_id_.clear();
    holder_.clear();
    target_ = StanceRef{};
    evidence_.reset();
}

static bool ref_exists(const Project& p, const StanceRef& r)
{
    switch (r.kind) {
    case StanceRef::Kind::Mention: return p.mention(r.id) != nullptr;
    case StanceRef::Kind::Entity: return p.entity(r.id) != nullptr;
    case StanceRef::Kind::Target: return p.schema.stance_target(r.id) != nullptr;
    case StanceRef::Kind::None: return true; // not picked yet
    }
    return false;
}

bool StanceGesture::revalidate(const Project& project, const std::string& current_doc)
{
    if (step_ == GestureStep::Idle)
        return false;
    const Mention* holder = project.mention(holder_);
    if (doc_id_ != current_doc || !holder || holder->doc_id != doc_id_ || !ref_exists(project, target_)) {
        cancel();
        return true;
    }
    return false;
}

// [SECTION] descriptions

std::string describe_ref(const Project& project, const StanceRef& ref)
{
    switch (ref.kind) {
    case StanceRef::Kind::Mention:
        if (const Mention* m = project.mention(ref.id))
            if (const Document* d = project.document(m->doc_id))
                return std::string(d->text->slice(m->start, m->end));
        break;
    case StanceRef::Kind::Entity:
        if (const Entity* e = project.entity(ref.id))
            return e->name.empty() ? e->id : e->name;
        break;
    case StanceRef::Kind::Target:
        if (const StanceTarget* t = project.schema.stance_target(ref.id))
            return t->name.empty() ? t->id : t->name;
        break;
    case StanceRef::Kind::None:
        break;
    }
    return "?";
}

static std::string quoted(std::string s)
{
    constexpr size_t kMax = 40; // bytes; a hint is one line
    if (s.size() > kMax) {
        size_t cut = kMax;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
            --cut; // never cut inside a UTF-8 sequence
        s = s.substr(0, cut) + "…";
    }
    return "“" + s + "”";
}

std::string StanceGesture::hint(const Project& project) const
{
    const std::string holder = quoted(describe_ref(project, StanceRef{StanceRef::Kind::Mention, holder_}));
    std::string ev = evidence_ ? " (evidence marked)" : "";
    switch (step_) {
    case GestureStep::Idle:
        return {};
    case GestureStep::PickTarget:
        return "Stance of " + holder + ": click the target mention, or press T for targets and entities" + ev +
               " · Shift-drag marks evidence · Esc cancels";
    case GestureStep::PickPolarity: {
        std::string keys;
        for (const Polarity& p : project.schema.polarities) {
            if (!keys.empty())
                keys += " / ";
            std::string k = p.hotkey;
            for (char& c : k)
                if (c >= 'a' && c <= 'z')
                    c = static_cast<char>(c - 'a' + 'A');
            keys += (k.empty() ? std::string() : k + " ") + (p.name.empty() ? p.id : p.name);
        }
        return "Stance " + holder + " → " + quoted(describe_ref(project, target_)) + ": press " + keys + ev +
               " · Shift-drag marks evidence · Esc cancels";
    }
    }
    return {};
}

} // namespace postil::interaction
