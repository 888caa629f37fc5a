// Datasets out (web): the Export dialog opened with real clicks (File > Export…), the project
// file downloaded from it and compared with window.postil.project(), then a JSONL export
// downloaded: every mention's code point offsets must cut exactly its text out of the exported
// document (Array.from(text).slice(start, end)), the same surface as in the project - the demo
// has emoji and CJK, so UTF-16 offsets would not pass.
// Run: node tests/e2e/export.test.mjs   (ctest: e2e.export; exit 77 = skipped without a web build)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { artifacts, clickItem, frames, openApp, requireSite, startBrowser, surface } from './ui_helpers.mjs';

requireSite('e2e.export');

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { if (browser) await browser.close(); });

async function download(page, key) {
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), clickItem(page, key)]);
    const path = await dl.path();
    return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

test('export dialog: project file and JSONL with exact code point offsets', async () => {
    const { page, problems } = await openApp(browser);
    // Make sure a mention sits after an astral character (emoji): there code points and UTF-16
    // units differ, so wrong offsets show. Added to the demo through loadProject.
    const demo = await page.evaluate(() => window.postil.project());
    // A document of the test's own: emoji (astral) and CJK before the mentions.
    const text = 'Réunion 🔴🤩 à Pékin : 翻译 pour DeepSeek et Mistral AI 🇫🇷 demain.';
    const doc = { id: 'emoji-doc', name: 'emoji.txt', text, status: 'todo' };
    demo.documents.push(doc);
    const cp = (needle) => Array.from(text.slice(0, text.indexOf(needle))).length;
    for (const [id, word, type] of [['m-e1', 'DeepSeek', 'ORG'], ['m-e2', 'Mistral AI', 'ORG'], ['m-e3', 'Pékin', 'GPE']])
        demo.mentions.push({ id, doc: doc.id, start: cp(word), end: cp(word) + Array.from(word).length, type, annotator: 'test' });
    assert.equal(await page.evaluate((p) => window.postil.loadProject(p), demo), true);
    await frames(page, 2);
    const project = await page.evaluate(() => window.postil.project());
    const docs = new Map(project.documents.map((d) => [d.id, d]));
    assert.ok(project.mentions.length > 0, 'the demo has mentions');

    await clickItem(page, 'menu:File');
    await clickItem(page, 'menu:Export');
    await frames(page, 3);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'web-export-dialog.png') });

    // The project file, as the dialog offers it.
    const pf = await download(page, 'export:project');
    assert.match(pf.name, /\.json$/);
    assert.deepEqual(JSON.parse(pf.bytes.toString('utf8')), project, 'downloaded project file = postil.project()');

    // JSONL: pick it in the format combo (real clicks), then export.
    await clickItem(page, 'export:format');
    await clickItem(page, 'export:format:jsonl');
    const jl = await download(page, 'export:run');
    assert.match(jl.name, /\.jsonl$/);
    const lines = jl.bytes.toString('utf8').split('\n').filter((l) => l.trim());
    assert.equal(lines.length, project.documents.length, 'one line per document');
    let checked = 0;
    for (const line of lines) {
        const d = JSON.parse(line);
        const original = docs.get(d.id);
        assert.ok(original, `document ${d.id} exists in the project`);
        assert.equal(d.text, original.text);
        for (const m of d.mentions) {
            const pm = project.mentions.find((x) => x.id === m.id);
            assert.ok(pm, `mention ${m.id} is in the project`);
            const got = surface(d.text, m);
            assert.equal(got, surface(original.text, pm), `mention ${m.id} surface`);
            assert.ok(got.length > 0);
            checked++;
        }
    }
    assert.equal(checked, project.mentions.length, 'every mention exported and checked');
    // At least one mention sits after an astral character (emoji), where UTF-16 would be off.
    const astral = project.mentions.some((m) => {
        const t = docs.get(m.doc).text;
        return Array.from(t).slice(0, m.start).some((c) => c.codePointAt(0) > 0xffff);
    });
    console.log(`checked ${checked} mentions; a mention after an astral character: ${astral}`);
    assert.ok(astral, 'a mention after an astral character was checked');
    await page.screenshot({ path: join(artifacts, 'web-export-done.png') });
    const ui = await page.evaluate(() => window.postil.uiState());
    assert.equal(ui.problems.title, '');
    assert.deepEqual(problems, []);
    await page.close();
});
