// Keymap: the one table of the document view's keyboard and mouse commands. The view resolves
// key presses through it, the Help > Keyboard shortcuts window lists it, and the README quotes
// keymap_markdown(). Schema hotkeys (EntityType::hotkey, Polarity::hotkey) are added to it at
// run time, so a project's own keys show up in the reference too.
//
// Keys are named without any UI library: "A".."Z", "0".."9", "Delete", "Backspace", "Escape",
// "Enter", "F1", "F3", and typed characters such as "?" or "é" (what the keyboard produced,
// whatever the layout). Letters are upper case; mods are Ctrl / Shift / Alt bits.
//
// Resolution order (first match wins):
//   1. the "Link to entity?" prompt's Enter / Esc,
//   2. polarity hotkeys while the stance gesture waits for a polarity,
//   3. the fixed table below, in order,
//   4. entity type hotkeys: with text selected they create a mention, with a mention selected
//      they change its type.
// So a schema hotkey that is also a fixed key (e.g. a type with hotkey "s") is shadowed where
// the fixed key applies; shadowed_hotkeys() lists those for the Help window.
// Global entries (Ctrl+O, Ctrl+S, undo/redo) are handled by the App; resolve() never returns
// them, they are in the table for the reference.
// Does not do: reading the keyboard (the UI turns its events into Chords), running commands.
#pragma once
#include "core/schema.h"
#include "stance_gesture.h"

#include <cstdint>
#include <string>
#include <vector>

namespace postil::interaction {

enum Mod : uint8_t { ModNone = 0, ModCtrl = 1, ModShift = 2, ModAlt = 4 };

struct Chord {
    std::string key;  // "A", "1", "Delete", "?" ...
    uint8_t mods = 0; // Mod bits
    bool operator==(const Chord&) const = default;
};
// "Ctrl+Shift+Z"
std::string to_string(const Chord& c);

enum class Command : uint8_t {
    None,
    // [SECTION] global (App)
    OpenFile, Save, Export, Undo, Redo,
    // [SECTION] document view
    Copy,            // selected text, or the selected mention's text, to the clipboard
    Find,            // opens the search bar
    FindNext, FindPrevious,
    CloseSearch,
    Help,            // keyboard reference
    ClearSelection,  // Esc with nothing else to cancel
    DeleteMention,
    ChangeLabel,     // palette to change the selected mention's type
    Palette,         // entity type palette (create a mention / change the type)
    EditNote,        // note of the selected mention
    StartStance,     // S: the selected mention is the holder
    TargetList,      // T in the gesture: schema targets and entities
    CancelGesture,
    ChoosePolarity,  // arg: polarity id
    AddMention,      // arg: entity type id
    SetMentionType,  // arg: entity type id
    ConfirmLink,     // Enter on "Link to entity X?"
    DismissLink,
    Mouse,           // a mouse gesture, listed for the reference only
};
const char* to_string(Command c);

// Where a binding applies (bits).
enum When : uint16_t {
    WhenAlways = 1,
    WhenTextSelected = 2,
    WhenMentionSelected = 4,
    WhenSelection = WhenTextSelected | WhenMentionSelected,
    WhenPickTarget = 8,
    WhenPickPolarity = 16,
    WhenGesture = WhenPickTarget | WhenPickPolarity,
    WhenLinkPrompt = 32,
    WhenSearchField = 64, // handled by the search field itself (listed for the reference)
    WhenGlobal = 128,     // handled by the App (listed for the reference)
    WhenMouse = 256,      // a mouse gesture (listed for the reference)
};

struct KeyBinding {
    Command command = Command::None;
    Chord chord;            // empty key for mouse rows
    uint16_t when = WhenAlways;
    std::string keys;       // as shown: "Ctrl+Shift+Z", "Drag", "Alt+drag"
    std::string context;    // as shown: "text selected"
    std::string description;
    std::string arg;        // type / polarity id for schema rows
};

// The fixed bindings, in resolution order, mouse rows included.
const std::vector<KeyBinding>& fixed_bindings();
// Fixed bindings plus the schema's hotkeys: what the Help window and the README show.
std::vector<KeyBinding> all_bindings(const Schema& schema);

// The view's state that decides what a key means.
struct KeyContext {
    bool text_selected = false;
    bool mention_selected = false;
    GestureStep gesture = GestureStep::Idle;
    bool link_prompt = false;
};

struct Action {
    Command command = Command::None;
    std::string arg;
    bool operator==(const Action&) const = default;
};

// What a key press means here. Command::None if nothing.
Action resolve(const Schema& schema, const Chord& chord, const KeyContext& ctx);

// The chord a schema hotkey is pressed with: "1" -> {"1"}, "p" -> {"P"}, "é" -> {"é"}.
Chord hotkey_chord(const std::string& hotkey);
// Schema hotkeys that a fixed binding shadows in some context, e.g. "E (type ORG) is also
// Palette". One line each.
std::vector<std::string> shadowed_hotkeys(const Schema& schema);

// The reference as a Markdown table (README).
std::string keymap_markdown(const Schema& schema);

} // namespace postil::interaction
