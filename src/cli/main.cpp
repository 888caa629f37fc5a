// postil: the command-line front end. Dispatches to the verbs registered in cmd_*.cpp.
#include "cli.h"

#include <iostream>

using namespace postil::cli;

static void print_help()
{
    std::cout << "postil " POSTIL_VERSION " - text annotation workbench (entities and stances)\n\n"
                 "Usage: postil VERB [options] [args]\n\nVerbs:\n";
    for (const auto& [name, verb] : verbs()) {
        std::string pad(name.size() < 10 ? 10 - name.size() : 1, ' ');
        std::cout << "  " << name << pad << verb->summary << "\n";
    }
    std::cout << "\nOffsets in every file Postil reads or writes are Unicode code points unless the format says otherwise.\n"
                 "Exit codes: 0 ok, 1 bad input, 2 usage error. 'postil VERB --help' for details.\n";
}

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        print_help();
        return kUsage;
    }
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        print_help();
        return kOk;
    }
    if (args[0] == "--version" || args[0] == "-V") {
        std::cout << "postil " POSTIL_VERSION "\n";
        return kOk;
    }
    auto it = verbs().find(args[0]);
    if (it == verbs().end()) {
        std::cerr << "postil: unknown verb '" << args[0] << "'\n";
        print_help();
        return kUsage;
    }
    const Verb& verb = *it->second;
    Args parsed = parse_args(std::vector<std::string>(args.begin() + 1, args.end()), verb.value_options);
    if (parsed.has("--help") || parsed.has("-h")) {
        std::cout << verb.help;
        return kOk;
    }
    if (!parsed.errors.empty())
        return usage_error(verb.name, parsed.errors.front());
    try {
        return verb.run(parsed);
    } catch (const postil::InputError& e) {
        return report(e.diagnostics);
    } catch (const std::exception& e) {
        std::cerr << "postil " << verb.name << ": " << e.what() << "\n";
        return kBadInput;
    }
}
