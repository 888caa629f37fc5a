// StanceGesture: the keyboard-and-mouse gesture that records a stance, as a state machine.
//
//   Idle --start(holder mention)--> PickTarget --pick_target(ref)--> PickPolarity
//   PickPolarity --choose_polarity(id)--> Idle, returning the stance to add
//   any step --cancel()--> Idle          (Esc)
//   any step --revalidate()--> Idle      when the holder/target disappeared (undo, delete)
//                                        or another document was opened
//   PickTarget, PickPolarity --set_evidence(span)--> same step, evidence recorded
//                                        (a Shift-drag over the text; an empty span clears it)
//
// In the view: select a mention, press S (start); click the target mention, or press T and
// choose a schema stance target or an entity (pick_target); press a polarity hotkey such as
// F / A / N (choose_polarity). The caller then runs Editor::add_stance with the request.
// Refusals leave the state unchanged and return false / nullopt: starting without a holder,
// taking the holder itself as its target, an unknown polarity.
// Does not do: editing the project (the caller calls Editor::add_stance), keys (keymap.h),
// drawing the hint (the view shows hint()).
#pragma once
#include "core/model.h"

#include <optional>
#include <string>

namespace postil::interaction {

enum class GestureStep : uint8_t { Idle, PickTarget, PickPolarity };
const char* to_string(GestureStep s);

// What Editor::add_stance needs.
struct StanceRequest {
    std::string doc_id;
    StanceRef holder, target;
    std::string polarity;
    std::optional<Span> evidence;
    bool operator==(const StanceRequest&) const = default;
};

class StanceGesture {
public:
    // [SECTION] transitions
    // Idle -> PickTarget with this mention as holder. False (no change) if not Idle or the id
    // is empty. Starting again while a gesture runs restarts it (Idle is not required there:
    // pressing S on another mention means "this one is the holder now").
    bool start(const std::string& doc_id, const std::string& holder_mention_id);
    // PickTarget -> PickPolarity. False (no change) in another step, for an empty ref, or for
    // the holder mention itself.
    bool pick_target(const StanceRef& target);
    // PickTarget / PickPolarity: records the evidence span; an empty span clears it.
    // False (no change) when Idle.
    bool set_evidence(Span span);
    // PickPolarity -> Idle, with the stance to add. nullopt (no change) in another step or
    // when the schema has no such polarity.
    std::optional<StanceRequest> choose_polarity(const Schema& schema, const std::string& polarity_id);
    // Any step -> Idle.
    void cancel();
    // Any step -> Idle if the gesture's document is no longer `current_doc`, or its holder or
    // target no longer exists in the project. Returns true if it cancelled.
    bool revalidate(const Project& project, const std::string& current_doc);

    // [SECTION] state
    GestureStep step() const { return step_; }
    bool active() const { return step_ != GestureStep::Idle; }
    const std::string& doc_id() const { return doc_id_; }
    const std::string& holder() const { return holder_; } // mention id
    const StanceRef& target() const { return target_; }
    const std::optional<Span>& evidence() const { return evidence_; }
    // One line for the status bar: what to do next, with the holder's and target's text.
    std::string hint(const Project& project) const;

private:
    GestureStep step_ = GestureStep::Idle;
    std::string doc_id_, holder_;
    StanceRef target_;
    std::optional<Span> evidence_;
};

// "Dario Amodei" for a mention, the entity or target name otherwise ("?" if unknown).
std::string describe_ref(const Project& project, const StanceRef& ref);

} // namespace postil::interaction
