// The long-document tasks of ../shared/bench/gen_task.js (Label Studio JSON, the sizes Label
// Studio's frontend was measured on) as Postil projects, for frame_bench and edit_bench.
// Does not do: timing, or any other task shape (one task, one text, "labels" results only).
#pragma once
#include "core/model.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>
#include <string>

#ifndef POSTIL_GEN_TASK
#define POSTIL_GEN_TASK "/work/shared/bench/gen_task.js"
#endif

namespace postil::bench {

inline std::string read_all(std::FILE* f)
{
    std::string out;
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
        out.append(buf, n);
    return out;
}

// The task's JSON as gen_task.js writes it; empty if node cannot be run.
inline std::string task_json(int tokens, int regions)
{
    const std::string cmd = "node " POSTIL_GEN_TASK " --tokens " + std::to_string(tokens) + " --regions " + std::to_string(regions);
    std::FILE* f = popen(cmd.c_str(), "r");
    if (!f)
        return {};
    std::string out = read_all(f);
    pclose(f);
    return out;
}

// One document "bench", mentions m1..mN in file order, types mapped to the default schema's
// (unknown ones become MISC).
inline Project project_from_task(const std::string& json, const std::string& name = "bench")
{
    const nlohmann::json task = nlohmann::json::parse(json);
    const nlohmann::json& t = task.is_array() ? task.at(0) : task;
    Project p;
    p.name = name;
    Document d;
    d.id = "bench";
    d.name = name;
    d.text = std::make_shared<const Text>(Text::from_bytes(t.at("data").at("text").get<std::string>(), name));
    p.documents.push_back(d);
    size_t n = 0;
    for (const nlohmann::json& r : t.at("annotations").at(0).at("result")) {
        const nlohmann::json& v = r.at("value");
        Mention m;
        m.id = "m" + std::to_string(++n);
        m.doc_id = d.id;
        m.start = v.at("start").get<uint32_t>();
        m.end = v.at("end").get<uint32_t>();
        m.type = v.at("labels").at(0).get<std::string>();
        if (!p.schema.entity_type(m.type))
            m.type = "MISC";
        m.annotator = "bench";
        p.mentions.push_back(std::move(m));
    }
    p.keep_sorted();
    return p;
}

} // namespace postil::bench
