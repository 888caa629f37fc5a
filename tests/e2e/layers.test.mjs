// Several annotators (web): a project with two layers built from the demo (alice = the demo's
// annotations, bob = the same with one mention left out and one relabelled) is loaded with
// postil.loadProject. With real mouse events: the Agreement window is opened from the
// Annotators menu and its figures (read-only hook postil.agreementState()) are checked against
// the CLI's `postil agree --json` on the same project file; the document view is switched to
// two layers side by side (columns and their difference marks checked through viewState(),
// screenshot); the Adjudication window accepts bob's side of the label difference and "accept
// all agreements"; postil.project() must then hold exactly the expected gold layer. Finally
// the layer choice survives a reload (it is a view setting).
// Run: node tests/e2e/layers.test.mjs   (ctest: e2e.layers; exit 77 = skipped without a web build)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { artifacts, autosaved, clickItem, dragOver, frames, openApp, repo, requireSite, startBrowser } from './ui_helpers.mjs';

requireSite('e2e.layers');
const cli = process.env.POSTIL_CLI || join(repo, 'build/native/postil');

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { if (browser) await browser.close(); });

// [SECTION] the two-layer project

// alice: every demo annotation; bob: the same, except in document `doc` where he left out
// `dropped` (and the stances on it) and gave `relabelled` another type.
function twoLayers(demo) {
    const byDoc = new Map();
    for (const m of demo.mentions) byDoc.set(m.doc, (byDoc.get(m.doc) || 0) + 1);
    const doc = [...byDoc.entries()].sort((a, b) => b[1] - a[1])[0][0]; // the most annotated
    const inDoc = demo.mentions.filter((m) => m.doc === doc);
    // Neither mention may overlap another (then the differences are exactly "missing" and "label").
    const alone = inDoc.filter((m) => inDoc.every((o) => o === m || o.end <= m.start || o.start >= m.end));
    assert.ok(alone.length >= 2, 'the demo document has two mentions that overlap nothing');
    const dropped = alone[0], relabelled = alone[1];
    const types = demo.schema.entity_types.map((t) => t.id);
    const newType = types.find((t) => t !== relabelled.type);

    const p = structuredClone(demo);
    p.mentions = [];
    p.stances = [];
    p.document_stances = [];
    for (const who of ['alice', 'bob']) {
        const id = (x) => `${who}-${x}`;
        for (const m of demo.mentions) {
            if (who === 'bob' && m.id === dropped.id) continue;
            const copy = { ...m, id: id(m.id), annotator: who };
            if (who === 'bob' && m.id === relabelled.id) copy.type = newType;
            p.mentions.push(copy);
        }
        for (const s of demo.stances) {
            const refs = [s.holder, s.target];
            if (who === 'bob' && refs.some((r) => r.kind === 'mention' && r.id === dropped.id)) continue;
            const ref = (r) => (r.kind === 'mention' ? { ...r, id: id(r.id) } : r);
            p.stances.push({ ...s, id: id(s.id), annotator: who, holder: ref(s.holder), target: ref(s.target) });
        }
        for (const d of demo.document_stances || []) p.document_stances.push({ ...d, id: id(d.id), annotator: who });
    }
    return { project: p, doc, dropped, relabelled, newType };
}

// The shown figure (3 decimals, as the window prints it) is the CLI's value rounded.
function sameFigure(shown, value, what) {
    if (value === null || value === undefined) {
        assert.equal(shown, 'n/a', `${what}: undefined in the CLI, n/a in the window`);
        return;
    }
    assert.ok(Math.abs(Number(shown) - value) <= 0.0005 + 1e-9, `${what}: window ${shown}, CLI ${value}`);
}

const key = (m) => `${m.start}-${m.end}-${m.type}`;

// [SECTION] the test

test('layers: agreement figures, side by side, adjudication into gold', async () => {
    const { page, problems } = await openApp(browser);
    const demo = await page.evaluate(() => window.postil.project());
    const { project, doc, dropped, relabelled, newType } = twoLayers(demo);
    assert.equal(await page.evaluate((p) => window.postil.loadProject(p), project), true);
    await frames(page, 2);
    await clickItem(page, `doc-row:${doc}`);
    assert.equal((await page.evaluate(() => window.postil.uiState())).selected, doc);

    // What the core computes for the same project, through the CLI.
    assert.ok(existsSync(cli), `the CLI is needed to compare figures: ${cli} (cmake --build --preset native --target postil)`);
    const dir = mkdtempSync(join(tmpdir(), 'postil-e2e-layers-'));
    const file = join(dir, 'two-layers.postil.json');
    writeFileSync(file, JSON.stringify(await page.evaluate(() => window.postil.project())));
    const expected = JSON.parse(execFileSync(cli, ['agree', file, '--json'], { encoding: 'utf8' }));
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(expected.annotators, ['alice', 'bob']);
    assert.ok(expected.mentions.exact.f1 < 1, 'the layers differ');

    // Agreement window, from the menu.
    await clickItem(page, 'menu:Annotators');
    await clickItem(page, 'menu:Agreement');
    await page.waitForFunction(() => window.postil.agreementState().shown, null, { timeout: 5000, polling: 'raf' });
    await itemShown(page, 'agreement:f1');
    const shown = await page.evaluate(() => window.postil.agreementState());
    assert.deepEqual(shown.annotators, expected.annotators);
    assert.equal(shown.documents, expected.documents);
    for (const k of ['precision', 'recall', 'f1']) {
        sameFigure(shown.exact[k], expected.mentions.exact[k], `exact ${k}`);
        sameFigure(shown.overlap[k], expected.mentions.overlap[k], `overlap ${k}`);
    }
    sameFigure(shown.token_kappa_mean, expected.mentions.mean_token_kappa, 'mean token kappa');
    sameFigure(shown.token_alpha, expected.mentions.token_alpha.value, 'token alpha');
    sameFigure(shown.stances.fleiss_kappa, expected.stances.fleiss_kappa.value, 'stance Fleiss kappa');
    sameFigure(shown.stances.alpha, expected.stances.krippendorff_alpha.value, 'stance alpha');
    sameFigure(shown.stances.cohen_kappa_mean, expected.stances.mean_cohen_kappa, 'stance Cohen kappa');
    assert.equal(shown.stances.units, expected.stances.units);
    sameFigure(shown.doc_stances.alpha, expected.doc_stances.krippendorff_alpha.value, 'document stance alpha');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'web-layers-agreement.png') });
    await clickItem(page, 'menu:Annotators');
    await clickItem(page, 'menu:Agreement'); // closes it again

    // The document view, side by side.
    assert.equal((await page.evaluate(() => window.postil.viewState())).layers.mode, 'all');
    await clickItem(page, 'layers:mode');
    await clickItem(page, 'layers:mode:side-by-side');
    await frames(page, 3);
    const view = await page.evaluate(() => window.postil.viewState());
    assert.equal(view.layers.mode, 'side-by-side');
    assert.deepEqual([view.layers.a, view.layers.b].sort(), ['alice', 'bob']);
    assert.equal(view.layers.editable, false, 'side by side is read only');
    const col = (who) => view.columns.find((c) => c.annotator === who);
    const inDoc = (who) => project.mentions.filter((m) => m.doc === doc && m.annotator === who).length;
    assert.equal(col('alice').mentions, inDoc('alice'));
    assert.equal(col('bob').mentions, inDoc('bob'));
    const marks = (who, pred) => col(who).marks.filter(pred);
    // The left-out mention: marked in alice's column, a gap at its place in bob's.
    assert.deepEqual(marks('alice', (m) => m.id === `alice-${dropped.id}`).map((m) => m.kind), ['missing']);
    assert.deepEqual(marks('bob', (m) => m.id === '' && m.item === 'mention').map((m) => m.span), [[dropped.start, dropped.end]]);
    // The relabelled one: marked in both columns.
    assert.deepEqual(marks('alice', (m) => m.id === `alice-${relabelled.id}`).map((m) => m.kind), ['label']);
    assert.deepEqual(marks('bob', (m) => m.id === `bob-${relabelled.id}`).map((m) => m.kind), ['label']);
    // Nothing else differs among the mentions.
    assert.equal(marks('alice', (m) => m.item === 'mention').length, 2);
    assert.equal(marks('bob', (m) => m.item === 'mention').length, 2);
    await page.screenshot({ path: join(artifacts, 'web-layers-side-by-side.png') });

    // Adjudication: bob's version of the relabelled mention, then every agreement.
    await clickItem(page, 'menu:Annotators');
    await clickItem(page, 'menu:Adjudication');
    await frames(page, 3);
    const adj = await page.evaluate(() => window.postil.adjudicationState());
    assert.equal(adj.doc, doc);
    assert.deepEqual([adj.left, adj.right], [view.layers.a, view.layers.b], 'the same two layers');
    const bobSide = adj.left === 'bob' ? 0 : 1;
    const label = adj.differences.find((d) => d.item === 'mention' && d.kind === 'label');
    assert.ok(label, 'the label difference is listed');
    assert.deepEqual(label.sides[bobSide], [`bob-${relabelled.id}`]);
    const agreements = adj.differences.filter((d) => d.kind === 'agreement');
    await page.screenshot({ path: join(artifacts, 'web-layers-adjudication.png') });
    await clickItem(page, `adjudication:${bobSide === 0 ? 'left' : 'right'}:${label.key}`);
    await clickItem(page, 'adjudication:accept-all');
    await frames(page, 3);
    await page.screenshot({ path: join(artifacts, 'web-layers-adjudicated.png') });

    const after = await page.evaluate(() => window.postil.project());
    const gold = after.mentions.filter((m) => m.annotator === 'gold');
    const want = project.mentions
        .filter((m) => m.doc === doc && m.annotator === 'alice' && m.id !== `alice-${dropped.id}` && m.id !== `alice-${relabelled.id}`)
        .map(key);
    want.push(key({ ...relabelled, type: newType }));
    assert.deepEqual(gold.map(key).sort(), want.sort(), 'gold = the agreed mentions + bob\'s version of the relabelled one');
    assert.ok(gold.every((m) => m.doc === doc));
    // Every agreed stance and document stance of the document went to gold too.
    const agreed = (item) => agreements.filter((d) => d.item === item).length;
    assert.ok(agreed('stance') > 0, 'the document has agreed stances');
    assert.equal(after.stances.filter((s) => s.annotator === 'gold').length, agreed('stance'));
    assert.equal((after.document_stances || []).filter((s) => s.annotator === 'gold').length, agreed('document stance'));
    // The left-out mention is still undecided; the relabelled one is resolved.
    const adjAfter = await page.evaluate(() => window.postil.adjudicationState());
    assert.equal(adjAfter.differences.find((d) => d.key === label.key).resolved, true);
    assert.equal(adjAfter.differences.filter((d) => d.kind === 'agreement').every((d) => d.resolved), true);
    assert.equal(adjAfter.differences.find((d) => d.item === 'mention' && d.kind === 'missing').resolved, false);

    // The layer choice is a view setting: it survives a reload (with the autosaved project).
    await autosaved(page);
    await page.reload();
    await page.evaluate(() => window.postil.ready);
    await frames(page, 3);
    const reloaded = await page.evaluate(() => window.postil.viewState());
    assert.equal(reloaded.layers.mode, 'side-by-side');
    assert.deepEqual([reloaded.layers.a, reloaded.layers.b], [view.layers.a, view.layers.b]);

    // One layer that is not the current annotator's: shown, but edits are refused (real
    // drag over a word, then a type key): the project does not change. The Adjudication
    // window (open again after the reload: a panel setting) is closed first, it covers the text.
    await clickItem(page, 'menu:Annotators');
    await clickItem(page, 'menu:Adjudication');
    await clickItem(page, 'layers:mode');
    await clickItem(page, 'layers:mode:one');
    await frames(page, 3);
    const one = await page.evaluate(() => window.postil.viewState());
    assert.equal(one.layers.mode, 'one');
    assert.equal(one.layers.a, view.layers.a, 'the left column\'s layer is kept');
    assert.equal(one.layers.editable, false);
    assert.match(one.layers.reason, new RegExp(`${one.layers.a}'s layer`));
    const text = after.documents.find((d) => d.id === doc).text;
    const word = 'mardi';
    const at = Array.from(text.slice(0, text.indexOf(word))).length;
    assert.ok(text.includes(word));
    const [r] = await page.evaluate(([d, s, e]) => window.postil.locate(d, s, e), [doc, at, at + word.length]);
    // A drag over the word, then wait for the selection rather than a number of frames.
    await dragOver(page, [r], { inset: 2, settle: 0 });
    await page.waitForFunction(() => {
        const s = window.postil.viewState().selection;
        return s[1] > s[0];
    }, null, { timeout: 5000, polling: 'raf' });
    assert.deepEqual((await page.evaluate(() => window.postil.viewState())).selection, [at, at + word.length]);
    const before1 = await page.evaluate(() => window.postil.project());
    await page.keyboard.press('1');
    await frames(page, 3);
    assert.deepEqual(await page.evaluate(() => window.postil.project()), before1, 'nothing recorded on another\'s layer');
    await page.screenshot({ path: join(artifacts, 'web-layers-one-read-only.png') });

    assert.deepEqual(problems, []);
    await page.close();
});

async function itemShown(page, name) {
    await page.waitForFunction((k) => !!(window.postil.uiState().items || {})[k], name, { timeout: 5000, polling: 'raf' });
}
