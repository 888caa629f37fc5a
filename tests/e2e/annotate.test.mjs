// End-to-end test of annotating in the web build, with real mouse and keyboard events only
// (page.mouse.move/down/up, page.keyboard.press): article 003 of the French corpus is opened
// through the file input; window.postil.locate() gives the on-screen rectangles of a code point
// range; the test drags over "Dario Amodei", presses 1 (PER); marks "renforcement des
// contrôles d’exportation" with 6 (POLICY); clicks the Dario mention, presses S, clicks the
// target mention, presses F: the stance Dario Amodei FAVOR the policy is in the project.
// Ctrl+Z removes it, Ctrl+Shift+Z brings it back. More gestures: Alt+drag (exact characters),
// double-click, Escape cancelling a stance, relabel, delete, search (Ctrl+F).
// Screenshots of the annotated view in dark and light theme go to build/artifacts/.
// Run: node tests/e2e/annotate.test.mjs   (ctest: e2e.annotate; exit 77 = skipped)
// Env: POSTIL_SITE_DIR (default build/web/site), POSTIL_ARTIFACTS_DIR (default build/artifacts),
//      POSTIL_CORPUS_DIR (default ../shared/corpus/fr-ai-geopolitics next to the repo).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { assertNotBlank, decodePng, pixelStats } from './png.mjs';
import { serve } from './static_server.mjs';
import { CHROMIUM_ARGS, chromiumPath, cpRange, dragOver, surface } from './ui_helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const siteDir = process.env.POSTIL_SITE_DIR || join(repo, 'build/web/site');
const artifacts = process.env.POSTIL_ARTIFACTS_DIR || join(repo, 'build/artifacts');
const corpusDir = process.env.POSTIL_CORPUS_DIR || resolve(repo, '../shared/corpus/fr-ai-geopolitics');
const articleFile = join(corpusDir, '003_99c49da5188fee84.txt');
const docId = '003_99c49da5188fee84';

for (const [what, path] of [['web build', join(siteDir, 'postil.wasm')], ['article 003', articleFile]]) {
    if (!existsSync(path)) {
        const message = `e2e.annotate: no ${what} at ${path}`;
        if (process.env.CI) {
            console.error(message);
            process.exit(1);
        }
        console.log(`SKIP ${message}`);
        process.exit(77);
    }
}


let server, baseUrl;
const contexts = [];

before(async () => {
    ({ server, url: baseUrl } = await serve(siteDir));
});

after(async () => {
    for (const { context, profileDir } of contexts) {
        await context.close().catch(() => {});
        rmSync(profileDir, { recursive: true, force: true });
    }
    if (server) server.close();
});

// [SECTION] helpers

// A fresh browser profile for each test: the app autosaves to IndexedDB and would otherwise
// start where the previous test left off.
async function openApp({ deviceScaleFactor = 1 } = {}) {
    const profileDir = mkdtempSync(join(tmpdir(), 'postil-e2e-annotate-'));
    const context = await chromium.launchPersistentContext(profileDir, {
        executablePath: chromiumPath,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1280, height: 800 },
        deviceScaleFactor,
    });
    contexts.push({ context, profileDir });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(baseUrl);
    await page.evaluate(() => window.postil.ready);
    await page.evaluate(() => window.postil.fontsReady).catch(() => {});
    return { page, problems };
}

// The app reads input once per animation frame: let a few frames pass after each gesture.
const frames = (page, n = 3) => page.evaluate((k) => new Promise((res) => {
    const step = () => (k-- <= 0 ? res() : requestAnimationFrame(step));
    step();
}), n);

const project = (page) => page.evaluate(() => window.postil.project());
const viewState = (page) => page.evaluate(() => window.postil.viewState());

async function locate(page, start, end) {
    const rects = await page.evaluate(([d, s, e]) => window.postil.locate(d, s, e), [docId, start, end]);
    assert.ok(rects.length >= 1, `rectangles for [${start}, ${end})`);
    for (const r of rects) assert.ok(r.width > 0 && r.height > 0, `non-empty rectangle ${JSON.stringify(r)}`);
    return rects;
}

async function clickAt(page, r, clickCount = 1) {
    await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2, { clickCount });
    await frames(page);
}

async function press(page, key) {
    await page.keyboard.press(key);
    await frames(page);
}

async function openArticle(page) {
    await page.setInputFiles('#file-input', articleFile);
    const doc = await page.waitForFunction((id) => {
        const p = window.postil.project();
        return p.documents.find((d) => d.id === id) || null;
    }, docId, { timeout: 15000 }).then((h) => h.jsonValue());
    const expected = readFileSync(articleFile, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    assert.equal(doc.text, expected);
    await frames(page);
    return doc.text;
}

const articleMentions = (p) => p.mentions.filter((m) => m.doc === docId);

// [SECTION] tests

test('mark entities, record a stance, undo and redo it - with mouse and keys only', async () => {
    const { page, problems } = await openApp();
    const text = await openArticle(page);
    assert.equal((await viewState(page)).doc, docId);

    // 1. Drag over "Dario Amodei", press 1 (PER).
    const dario = cpRange(text, 'Dario Amodei');
    await dragOver(page, await locate(page, dario.start, dario.end));
    let state = await viewState(page);
    assert.deepEqual(state.selection, [dario.start, dario.end], 'the drag selects the two words');
    await press(page, '1');
    let p = await project(page);
    const per = articleMentions(p).find((m) => m.type === 'PER');
    assert.ok(per, `a PER mention in ${JSON.stringify(articleMentions(p))}`);
    assert.equal(surface(text, per), 'Dario Amodei');
    assert.equal(per.start, dario.start);
    assert.equal(per.end, dario.end);

    // 2. Mark the policy: drag (it may wrap onto two lines), press 6 (POLICY).
    const policyText = 'renforcement des contrôles d’exportation';
    const policy = cpRange(text, policyText);
    await press(page, 'Escape'); // a "link to entity?" prompt or the selection: nothing pending
    await dragOver(page, await locate(page, policy.start, policy.end));
    await press(page, '6');
    p = await project(page);
    const pol = articleMentions(p).find((m) => m.type === 'POLICY');
    assert.ok(pol, 'a POLICY mention');
    assert.equal(surface(text, pol), policyText);

    // 3. The stance: click Dario, S, click the policy, F.
    await clickAt(page, (await locate(page, per.start, per.end))[0]);
    assert.equal((await viewState(page)).mention, per.id, 'a click selects the mention');
    await press(page, 's');
    state = await viewState(page);
    assert.equal(state.gesture, 'pick-target');
    assert.match(state.hint, /Dario Amodei/);
    await clickAt(page, (await locate(page, pol.start, pol.end))[0]);
    assert.equal((await viewState(page)).gesture, 'pick-polarity');
    await press(page, 'f');
    assert.equal((await viewState(page)).gesture, 'idle');
    p = await project(page);
    const stances = p.stances.filter((s) => s.doc === docId);
    assert.equal(stances.length, 1, JSON.stringify(stances));
    const stance = stances[0];
    assert.deepEqual(stance.holder, { kind: 'mention', id: per.id });
    assert.deepEqual(stance.target, { kind: 'mention', id: pol.id });
    assert.equal(stance.polarity, 'FAVOR');

    // Screenshots while the stance's holder is selected (outlined), dark then light.
    mkdirSync(artifacts, { recursive: true });
    await clickAt(page, (await locate(page, per.start, per.end))[0]);
    await locate(page, per.start, per.end);
    await frames(page);
    for (const theme of ['dark', 'light']) {
        assert.ok(await page.evaluate((t) => window.postil.setTheme(t), theme));
        await frames(page, 4);
        const png = await page.screenshot({ path: join(artifacts, `web-annotate-${theme}.png`) });
        assertNotBlank(pixelStats(decodePng(png)), `annotated view, ${theme} theme`);
    }
    await page.evaluate(() => window.postil.setTheme('dark'));
    await frames(page);

    // 4. Ctrl+Z removes the stance (and only it), Ctrl+Shift+Z brings it back.
    await press(page, 'Control+z');
    p = await project(page);
    assert.equal(p.stances.filter((s) => s.doc === docId).length, 0, 'undo removed the stance');
    assert.equal(articleMentions(p).length, 2, 'the mentions stay');
    await press(page, 'Control+Shift+z');
    p = await project(page);
    assert.deepEqual(p.stances.filter((s) => s.doc === docId), stances, 'redo restored the same stance');
    await press(page, 'Control+z');
    await press(page, 'Control+y');
    p = await project(page);
    assert.equal(p.stances.filter((s) => s.doc === docId).length, 1, 'Ctrl+Y redoes too');

    // Every mention of the article is exactly its surface text.
    const expected = new Map([[per.id, 'Dario Amodei'], [pol.id, policyText]]);
    for (const m of articleMentions(p))
        assert.equal(surface(text, m), expected.get(m.id), `mention ${m.id} [${m.start}, ${m.end})`);
    assert.deepEqual(problems, []);
    await page.close();
});

test('selection gestures: Alt+drag is exact, double-click takes a word, Esc cancels a stance, relabel, delete', async () => {
    const { page, problems } = await openApp();
    const text = await openArticle(page);

    // Alt+drag: exactly the characters under the pointer, not whole words.
    const ceo = cpRange(text, 'PDG d’Anthropic');
    const rects = await locate(page, ceo.start, ceo.end);
    const inner = [{ ...rects[0], x: rects[0].x + rects[0].width * 0.1, width: rects[0].width * 0.75 }];
    await dragOver(page, inner, { inset: 0, modifiers: ['Alt'] });
    let state = await viewState(page);
    const [s0, s1] = state.selection;
    assert.ok(s0 > ceo.start && s1 < ceo.end && s1 > s0, `exact selection inside: ${state.selection}`);
    // The same drag without Alt snaps to whole words.
    await dragOver(page, inner, { inset: 0 });
    state = await viewState(page);
    const words = Array.from(text).slice(state.selection[0], state.selection[1]).join('');
    assert.equal(words, 'PDG d’Anthropic');

    // Double-click: one word ("d’" is a token of its own). Then E opens the palette and its
    // hotkey 2 marks it ORG.
    const anthropic = cpRange(text, 'Anthropic');
    await clickAt(page, (await locate(page, anthropic.start + 2, anthropic.start + 3))[0], 2);
    state = await viewState(page);
    assert.equal(Array.from(text).slice(state.selection[0], state.selection[1]).join(''), 'Anthropic');
    await press(page, 'e');
    await press(page, '2');
    let p = await project(page);
    const org = articleMentions(p).find((m) => m.type === 'ORG');
    assert.ok(org, 'palette + hotkey made an ORG mention');
    assert.equal((await viewState(page)).mention, org.id, 'the new mention is selected');

    // L then 5 relabels it PRODUCT; a bare type key (3) relabels too.
    await press(page, 'l');
    await press(page, '5');
    p = await project(page);
    assert.equal(p.mentions.find((m) => m.id === org.id).type, 'PRODUCT');
    await press(page, '3');
    p = await project(page);
    assert.equal(p.mentions.find((m) => m.id === org.id).type, 'LOC');

    // S then Escape: no stance, back to idle.
    await press(page, 's');
    assert.equal((await viewState(page)).gesture, 'pick-target');
    await press(page, 'Escape');
    assert.equal((await viewState(page)).gesture, 'idle');
    assert.equal((await project(page)).stances.filter((s) => s.doc === docId).length, 0);

    // Delete removes the selected mention; Ctrl+Z brings it back.
    await clickAt(page, (await locate(page, org.start, org.end))[0]);
    await press(page, 'Delete');
    assert.equal(articleMentions(await project(page)).length, 0);
    await press(page, 'Control+z');
    assert.equal(articleMentions(await project(page)).length, 1);
    assert.deepEqual(problems, []);
    await page.close();
});

test('search: Ctrl+F, accent-insensitive hits, Enter steps through them and selects the hit', async () => {
    const { page, problems } = await openApp();
    const text = await openArticle(page);
    await clickAt(page, (await locate(page, 0, 4))[0]); // focus the text
    await press(page, 'Control+f');
    await page.keyboard.type('controles');
    await frames(page);
    let state = await viewState(page);
    assert.equal(state.search.query, 'controles');
    assert.ok(state.search.hits >= 1, `hits: ${state.search.hits}`);
    await press(page, 'Enter');
    state = await viewState(page);
    const hit = Array.from(text).slice(state.selection[0], state.selection[1]).join('');
    assert.equal(hit, 'contrôles', 'the first hit (accents ignored) is selected in the text');
    await press(page, 'Escape'); // closes the bar
    // The hit is selected: a type key marks it.
    await press(page, '6');
    const m = articleMentions(await project(page)).find((x) => x.type === 'POLICY');
    assert.ok(m && surface(text, m) === 'contrôles', 'search hit marked as POLICY');
    assert.deepEqual(problems, []);
    await page.close();
});

test('stance toward a schema target with evidence (Shift+drag, T, Enter), a note (N), Ctrl+C', async () => {
    const { page, problems } = await openApp();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    const text = await openArticle(page);

    const dario = cpRange(text, 'Dario Amodei');
    await dragOver(page, await locate(page, dario.start, dario.end));
    await press(page, '1');
    await press(page, 'Escape'); // the "link to entity?" prompt (the demo has a Dario Amodei)
    const per = articleMentions(await project(page)).find((m) => m.type === 'PER');
    assert.ok(per);
    await clickAt(page, (await locate(page, per.start, per.end))[0]);

    // Ctrl+C copies the selected mention's text to the system clipboard.
    await press(page, 'Control+c');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Dario Amodei');

    // N: the note field; Enter keeps it.
    await press(page, 'n');
    await page.keyboard.type('PDG d Anthropic');
    await press(page, 'Enter');
    assert.equal((await project(page)).mentions.find((m) => m.id === per.id).note, 'PDG d Anthropic');

    // S, Shift+drag over the evidence, T, filter, Enter, A.
    await clickAt(page, (await locate(page, per.start, per.end))[0]);
    await press(page, 's');
    const ev = cpRange(text, 'a pris position');
    await dragOver(page, await locate(page, ev.start, ev.end), { modifiers: ['Shift'] });
    let state = await viewState(page);
    assert.equal(state.gesture, 'pick-target');
    assert.match(state.hint, /evidence marked/);
    await press(page, 't');
    await page.keyboard.type('export');
    await press(page, 'Enter');
    assert.equal((await viewState(page)).gesture, 'pick-polarity');
    await press(page, 'a');
    const stances = (await project(page)).stances.filter((s) => s.doc === docId);
    assert.equal(stances.length, 1);
    assert.deepEqual(stances[0].holder, { kind: 'mention', id: per.id });
    assert.deepEqual(stances[0].target, { kind: 'target', id: 'us-export-controls' });
    assert.equal(stances[0].polarity, 'AGAINST');
    assert.deepEqual(stances[0].evidence, [ev.start, ev.end]);
    assert.deepEqual(problems, []);
    await page.close();
});

test('high-dpi (devicePixelRatio 2): locate() answers in CSS pixels, a drag there marks the words', async () => {
    const { page, problems } = await openApp({ deviceScaleFactor: 2 });
    const text = await openArticle(page);
    const target = cpRange(text, 'Matt Pottinger');
    const rects = await locate(page, target.start, target.end);
    assert.ok(rects[0].height > 10 && rects[0].height < 40, `CSS-pixel line height: ${rects[0].height}`);
    await dragOver(page, rects);
    await press(page, '1');
    const m = articleMentions(await project(page)).find((x) => x.type === 'PER');
    assert.ok(m && surface(text, m) === 'Matt Pottinger', JSON.stringify(m));
    assert.deepEqual(problems, []);
    await page.close();
});
