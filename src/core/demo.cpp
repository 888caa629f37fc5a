#include "demo.h"

namespace postil {

namespace {

// Short texts written for Postil's demo. They carry what breaks other tools: accents,
// typographic apostrophes, guillemets with no-break spaces, an emoji, CJK.
const char* kDemoTexts[][3] = {
    {"demo-1", "Puces et contrôles.txt",
     "Washington durcit ses contrôles d’exportation\n\n"
     "Le département du Commerce a annoncé mardi de nouvelles restrictions sur la vente de puces "
     "d’intelligence artificielle à la Chine. « Nous ne laisserons pas nos technologies les plus "
     "avancées servir à des fins militaires », a déclaré Gina Raimondo, secrétaire au Commerce.\n\n"
     "Dario Amodei, le patron d’Anthropic, plaide depuis des mois pour un renforcement des contrôles "
     "d’exportation. À Pékin, le ministère des Affaires étrangères dénonce une « politique de "
     "coercition économique » 🔴.\n"},
    {"demo-2", "DeepSeek à Hangzhou.txt",
     "DeepSeek, l’étoile montante de Hangzhou\n\n"
     "La start-up chinoise DeepSeek a publié un modèle de raisonnement qui rivalise avec ceux "
     "d’OpenAI, pour une fraction du coût. Son fondateur, Liang Wenfeng, parle de « rattraper "
     "l’écart » plutôt que de le creuser 🤩.\n\n"
     "Sur les réseaux sociaux chinois, le mot 翻译 (« traduction ») revient sans cesse : les "
     "développeurs comparent les réponses du modèle à celles de GPT‑4o, à 5,38 € le million de jetons.\n"},
    {"demo-3", "Bruxelles et l’AI Act.txt",
     "Bruxelles veut encadrer l’IA sans freiner l’innovation\n\n"
     "Avec l’AI Act, l’Union européenne impose des obligations graduées selon le risque. "
     "Arthur Mensch, cofondateur de Mistral AI, craint qu’une réglementation trop lourde ne "
     "profite qu’aux géants américains ; Thierry Breton, lui, y voit « un modèle pour le monde ».\n"},
};

Span find_span(const Text& t, const std::string& needle, int occurrence = 0)
{
    size_t from = 0, at = std::string::npos;
    for (int i = 0; i <= occurrence; ++i) {
        at = t.utf8().find(needle, from);
        if (at == std::string::npos)
            return {};
        from = at + needle.size();
    }
    uint32_t start = static_cast<uint32_t>(t.cp_of_byte(at));
    return {start, start + static_cast<uint32_t>(count_code_points(needle))};
}

} // namespace

Project make_demo_project()
{
    Project p;
    p.name = "Postil demo";
    p.annotator = "demo";
    for (const auto& d : kDemoTexts) {
        Document doc;
        doc.id = d[0];
        doc.name = d[1];
        doc.text = std::make_shared<const Text>(Text::from_normalized(d[2]));
        p.documents.push_back(std::move(doc));
    }
    p.documents[0].status = DocStatus::InProgress;

    int n = 0;
    auto mention = [&](const std::string& doc, const std::string& surface, const std::string& type,
                       const std::string& entity = {}) {
        Span s = find_span(*p.document(doc)->text, surface);
        Mention m;
        m.id = "m" + std::to_string(++n);
        m.doc_id = doc;
        m.start = s.start;
        m.end = s.end;
        m.type = type;
        m.entity_id = entity;
        m.annotator = "demo";
        p.mentions.push_back(m);
        return m.id;
    };
    p.entities = {
        {"e1", "Dario Amodei", "PER", "wikidata:Q109440929", "", "demo"},
        {"e2", "DeepSeek", "ORG", "wikidata:Q130312433", "", "demo"},
    };
    std::string amodei = mention("demo-1", "Dario Amodei", "PER", "e1");
    mention("demo-1", "Anthropic", "ORG");
    mention("demo-1", "département du Commerce", "ORG");
    mention("demo-1", "Gina Raimondo", "PER");
    mention("demo-1", "Pékin", "GPE");
    std::string controls = mention("demo-1", "renforcement des contrôles d’exportation", "POLICY");
    mention("demo-2", "DeepSeek", "ORG", "e2");
    mention("demo-2", "Hangzhou", "GPE");
    mention("demo-2", "Liang Wenfeng", "PER");
    mention("demo-2", "OpenAI", "ORG");
    mention("demo-3", "AI Act", "POLICY");
    mention("demo-3", "Arthur Mensch", "PER");
    mention("demo-3", "Mistral AI", "ORG");
    mention("demo-3", "Thierry Breton", "PER");

    Stance s;
    s.id = "s1";
    s.doc_id = "demo-1";
    s.holder = {StanceRef::Kind::Mention, amodei};
    s.target = {StanceRef::Kind::Mention, controls};
    s.polarity = "FAVOR";
    s.evidence = find_span(*p.document("demo-1")->text, "plaide depuis des mois pour un renforcement des contrôles d’exportation");
    s.annotator = "demo";
    p.stances.push_back(s);

    DocStance ds;
    ds.id = "ds1";
    ds.doc_id = "demo-1";
    ds.target_id = "us-export-controls";
    ds.polarity = "NEUTRAL";
    ds.annotator = "demo";
    p.doc_stances.push_back(ds);
    p.keep_sorted();
    return p;
}

} // namespace postil
