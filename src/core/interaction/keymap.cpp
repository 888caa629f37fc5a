// The keymap table and key resolution. See keymap.h.
#include "keymap.h"

#include "core/text.h"

namespace postil::interaction {

std::string to_string(const Chord& c)
{
    std::string s;
    if (c.mods & ModCtrl) s += "Ctrl+";
    if (c.mods & ModShift) s += "Shift+";
    if (c.mods & ModAlt) s += "Alt+";
    return s + c.key;
}

const char* to_string(Command c)
{
    switch (c) {
    case Command::None: return "none";
    case Command::OpenFile: return "open-file";
    case Command::Save: return "save";
    case Command::Export: return "export";
    case Command::Undo: return "undo";
    case Command::Redo: return "redo";
    case Command::Copy: return "copy";
    case Command::Find: return "find";
    case Command::FindNext: return "find-next";
    case Command::FindPrevious: return "find-previous";
    case Command::CloseSearch: return "close-search";
    case Command::Help: return "help";
    case Command::ClearSelection: return "clear-selection";
    case Command::DeleteMention: return "delete-mention";
    case Command::ChangeLabel: return "change-label";
    case Command::Palette: return "palette";
    case Command::EditNote: return "edit-note";
    case Command::StartStance: return "start-stance";
    case Command::TargetList: return "target-list";
    case Command::CancelGesture: return "cancel-gesture";
    case Command::ChoosePolarity: return "choose-polarity";
    case Command::AddMention: return "add-mention";
    case Command::SetMentionType: return "set-mention-type";
    case Command::ConfirmLink: return "confirm-link";
    case Command::DismissLink: return "dismiss-link";
    case Command::Mouse: return "mouse";
    }
    return "none";
}

// [SECTION] the table

namespace {

KeyBinding key(Command c, std::string k, uint8_t mods, uint16_t when, std::string context, std::string description)
{
    KeyBinding b;
    b.command = c;
    b.chord = Chord{std::move(k), mods};
    b.when = when;
    b.keys = to_string(b.chord);
    b.context = std::move(context);
    b.description = std::move(description);
    return b;
}

KeyBinding mouse(std::string gesture, uint16_t when, std::string context, std::string description)
{
    KeyBinding b;
    b.command = Command::Mouse;
    b.when = static_cast<uint16_t>(when | WhenMouse);
    b.keys = std::move(gesture);
    b.context = std::move(context);
    b.description = std::move(description);
    return b;
}

std::vector<KeyBinding> make_fixed()
{
    const char* anywhere = "document view";
    const char* sel = "text or mention selected";
    const char* ment = "mention selected";
    const char* gesture = "stance gesture";
    std::vector<KeyBinding> t = {
        // Prompt and gesture first: they take over Enter, Esc and T while they are shown.
        key(Command::ConfirmLink, "Enter", 0, WhenLinkPrompt, "“Link to entity?” shown", "Link the new mention to the suggested entity"),
        key(Command::DismissLink, "Escape", 0, WhenLinkPrompt, "“Link to entity?” shown", "Leave the new mention unlinked"),
        key(Command::CancelGesture, "Escape", 0, WhenGesture, gesture, "Cancel the stance gesture (at any step)"),
        key(Command::TargetList, "T", 0, WhenPickTarget, "stance: pick target", "List schema stance targets and entities to pick the target from"),
        // Document view.
        key(Command::Copy, "C", ModCtrl, WhenSelection, sel, "Copy the selected text (or the mention's text)"),
        key(Command::Find, "F", ModCtrl, WhenAlways, anywhere, "Search (this document and the whole project)"),
        key(Command::FindNext, "F3", 0, WhenAlways, anywhere, "Next search hit"),
        key(Command::FindPrevious, "F3", ModShift, WhenAlways, anywhere, "Previous search hit"),
        key(Command::Help, "F1", 0, WhenAlways, anywhere, "Keyboard shortcuts (this list)"),
        key(Command::Help, "?", 0, WhenAlways, anywhere, "Keyboard shortcuts (this list)"),
        key(Command::DeleteMention, "Delete", 0, WhenMentionSelected, ment, "Delete the mention (and its stances)"),
        key(Command::DeleteMention, "Backspace", 0, WhenMentionSelected, ment, "Delete the mention (and its stances)"),
        key(Command::ChangeLabel, "L", 0, WhenMentionSelected, ment, "Change the mention's type (palette)"),
        key(Command::Palette, "E", 0, WhenSelection, sel, "Entity type palette: mark the selection / change the type"),
        key(Command::EditNote, "N", 0, WhenMentionSelected, ment, "Edit the mention's note"),
        key(Command::StartStance, "S", 0, WhenMentionSelected, ment, "Start a stance with this mention as holder"),
        key(Command::ClearSelection, "Escape", 0, WhenSelection, sel, "Clear the selection"),
        // Handled by the search field.
        key(Command::FindNext, "Enter", 0, WhenSearchField, "search field", "Next hit"),
        key(Command::FindPrevious, "Enter", ModShift, WhenSearchField, "search field", "Previous hit"),
        key(Command::CloseSearch, "Escape", 0, WhenSearchField, "search field", "Close the search bar"),
        // Handled by the App, anywhere.
        key(Command::OpenFile, "O", ModCtrl, WhenGlobal, "anywhere", "Open a project or text files"),
        key(Command::Save, "S", ModCtrl, WhenGlobal, "anywhere", "Save (web: download the project)"),
        key(Command::Export, "E", ModCtrl, WhenGlobal, "anywhere", "Export…"),
        key(Command::Undo, "Z", ModCtrl, WhenGlobal, "anywhere", "Undo"),
        key(Command::Redo, "Z", ModCtrl | ModShift, WhenGlobal, "anywhere", "Redo"),
        key(Command::Redo, "Y", ModCtrl, WhenGlobal, "anywhere", "Redo"),
        // Mouse.
        mouse("Drag", WhenAlways, anywhere, "Select text, snapped to whole words"),
        mouse("Alt+drag", WhenAlways, anywhere, "Select exact characters"),
        mouse("Double-click", WhenAlways, anywhere, "Select a word"),
        mouse("Click", WhenAlways, "on a mention or its label", "Select the mention (the innermost one under the pointer)"),
        mouse("Right-click", WhenAlways, anywhere, "Entity type palette"),
        mouse("Click", WhenPickTarget, "stance: pick target", "Take the mention clicked as the stance target"),
        mouse("Shift+drag", WhenGesture, gesture, "Mark the stance's evidence span (before the polarity key)"),
    };
    return t;
}

bool ascii_alnum(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

} // namespace

const std::vector<KeyBinding>& fixed_bindings()
{
    static const std::vector<KeyBinding> table = make_fixed();
    return table;
}

Chord hotkey_chord(const std::string& hotkey)
{
    Chord c;
    c.key = hotkey;
    if (hotkey.size() == 1 && ascii_alnum(static_cast<unsigned char>(hotkey[0])) && hotkey[0] >= 'a')
        c.key[0] = static_cast<char>(hotkey[0] - 'a' + 'A');
    return c;
}

std::vector<KeyBinding> all_bindings(const Schema& schema)
{
    std::vector<KeyBinding> out;
    for (const EntityType& t : schema.entity_types) {
        if (t.hotkey.empty())
            continue;
        KeyBinding b;
        b.command = Command::AddMention;
        b.chord = hotkey_chord(t.hotkey);
        b.when = WhenSelection;
        b.keys = to_string(b.chord);
        b.context = "text selected / mention selected";
        b.description = "Mark as " + t.id + (t.name.empty() || t.name == t.id ? "" : " (" + t.name + ")") +
                        " / change the mention's type to it";
        b.arg = t.id;
        out.push_back(std::move(b));
    }
    for (const Polarity& p : schema.polarities) {
        if (p.hotkey.empty())
            continue;
        KeyBinding b;
        b.command = Command::ChoosePolarity;
        b.chord = hotkey_chord(p.hotkey);
        b.when = WhenPickPolarity;
        b.keys = to_string(b.chord);
        b.context = "stance: pick polarity";
        b.description = "Record the stance as " + p.id + (p.name.empty() || p.name == p.id ? "" : " (" + p.name + ")");
        b.arg = p.id;
        out.push_back(std::move(b));
    }
    std::vector<KeyBinding> all = fixed_bindings();
    // Schema rows after the prompt/gesture rows, where they are resolved.
    all.insert(all.begin() + 4, out.begin(), out.end());
    return all;
}

// [SECTION] resolution

static uint16_t when_flags(const KeyContext& ctx)
{
    uint16_t w = WhenAlways;
    if (ctx.text_selected) w |= WhenTextSelected;
    if (ctx.mention_selected) w |= WhenMentionSelected;
    if (ctx.gesture == GestureStep::PickTarget) w |= WhenPickTarget;
    if (ctx.gesture == GestureStep::PickPolarity) w |= WhenPickPolarity;
    if (ctx.link_prompt) w |= WhenLinkPrompt;
    return w;
}

static bool resolvable(const KeyBinding& b)
{
    return (b.when & (WhenSearchField | WhenGlobal | WhenMouse)) == 0 && !b.chord.key.empty();
}

Action resolve(const Schema& schema, const Chord& chord, const KeyContext& ctx)
{
    const uint16_t w = when_flags(ctx);
    const auto& table = fixed_bindings();
    // 1. the prompt
    for (const KeyBinding& b : table)
        if ((b.when & WhenLinkPrompt) && (w & WhenLinkPrompt) && b.chord == chord)
            return {b.command, {}};
    // 2. polarities while the gesture waits for one
    if (ctx.gesture == GestureStep::PickPolarity && chord.mods == 0)
        for (const Polarity& p : schema.polarities)
            if (!p.hotkey.empty() && hotkey_chord(p.hotkey) == chord)
                return {Command::ChoosePolarity, p.id};
    // 3. the fixed table
    for (const KeyBinding& b : table)
        if (resolvable(b) && !(b.when & WhenLinkPrompt) && (b.when & w) && b.chord == chord)
            return {b.command, {}};
    // 4. entity types
    if (chord.mods == 0 && (ctx.text_selected || ctx.mention_selected))
        for (const EntityType& t : schema.entity_types)
            if (!t.hotkey.empty() && hotkey_chord(t.hotkey) == chord)
                return {ctx.text_selected ? Command::AddMention : Command::SetMentionType, t.id};
    return {};
}

std::vector<std::string> shadowed_hotkeys(const Schema& schema)
{
    std::vector<std::string> out;
    for (const EntityType& t : schema.entity_types) {
        if (t.hotkey.empty())
            continue;
        const Chord c = hotkey_chord(t.hotkey);
        for (const KeyBinding& b : fixed_bindings())
            if (resolvable(b) && (b.when & (WhenAlways | WhenSelection)) && b.chord == c) {
                out.push_back(c.key + " (type " + t.id + ") is also " + b.description + " when " + b.context);
                break;
            }
        for (const Polarity& p : schema.polarities)
            if (!p.hotkey.empty() && hotkey_chord(p.hotkey) == c)
                out.push_back(c.key + " (type " + t.id + ") means polarity " + p.id + " while a stance waits for its polarity");
    }
    for (const Polarity& p : schema.polarities) {
        if (p.hotkey.empty())
            continue;
        const Chord c = hotkey_chord(p.hotkey);
        for (const KeyBinding& b : fixed_bindings())
            if (resolvable(b) && (b.when & WhenLinkPrompt) && b.chord == c)
                out.push_back(c.key + " (polarity " + p.id + ") is also " + b.description);
    }
    return out;
}

std::string keymap_markdown(const Schema& schema)
{
    // Rows that differ only by their keys (Delete / Backspace) share one line.
    std::string out = "| Keys | Where | What it does |\n|---|---|---|\n";
    const std::vector<KeyBinding> all = all_bindings(schema);
    auto cell = [](std::string s) {
        std::string r;
        for (char c : s)
            r += c == '|' ? std::string("\\|") : std::string(1, c);
        return r;
    };
    for (size_t i = 0; i < all.size(); ++i) {
        std::string keys = "`" + all[i].keys + "`";
        while (i + 1 < all.size() && all[i + 1].description == all[i].description &&
               all[i + 1].context == all[i].context && all[i + 1].command == all[i].command) {
            keys += " / `" + all[i + 1].keys + "`";
            ++i;
        }
        out += "| " + cell(keys) + " | " + cell(all[i].context) + " | " + cell(all[i].description) + " |\n";
    }
    return out;
}

} // namespace postil::interaction
