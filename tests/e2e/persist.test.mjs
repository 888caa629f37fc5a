// Never lose work (web): edits made with real mouse and keyboard events are autosaved to the
// browser's IndexedDB within a second; reloading the page, or closing it and opening a new
// one in the same browser profile, brings back exactly the same project (window.postil.project()
// deep-equal). Also window.postil.loadProject (valid: replaces and persists; invalid: throws,
// changes nothing).
// Run: node tests/e2e/persist.test.mjs   (ctest: e2e.persist; exit 77 = skipped without a web build)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { artifacts, autosaved, clickItem, dragOver, frames, openApp, requireSite, startBrowser, surface, watch } from './ui_helpers.mjs';

requireSite('e2e.persist');

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { if (browser) await browser.close(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('a status change made by clicks survives reload and a new page', async () => {
    const { page, problems } = await openApp(browser);
    const initial = await page.evaluate(() => window.postil.project());
    assert.equal(initial.documents.find((d) => d.id === 'demo-2').status, 'todo');

    // Select demo-2 in the list, then press its "Done" button.
    await clickItem(page, 'doc-row:demo-2');
    assert.equal((await page.evaluate(() => window.postil.uiState())).selected, 'demo-2');
    const t0 = await clickItem(page, 'doc-status:done');
    const edited = await page.evaluate(() => window.postil.project());
    assert.equal(edited.documents.find((d) => d.id === 'demo-2').status, 'done');
    await autosaved(page);
    // "Within a second", on the app's clock: how long the change waited before its write began
    // (wall time from the click is only logged: on a loaded machine it measures the machine).
    const state = (await page.evaluate(() => window.postil.uiState())).autosave;
    console.log(`autosaved ${Date.now() - t0} ms after the click (wall); the write began ${Math.round(state.lastWait * 1000)} ms after the change`);
    assert.ok(state.saves >= 1, 'at least one autosave written');
    assert.ok(state.lastWait >= 0 && state.lastWait <= 1.0, `the autosave began within a second of the change (waited ${state.lastWait} s)`);

    // An entity via drag + hotkey.
    {
        const doc = edited.documents.find((d) => d.id === 'demo-3');
        assert.ok(doc, 'the demo project has demo-3');
        const word = 'Bruxelles';
        const unit = doc.text.indexOf(word);
        assert.ok(unit >= 0, `${word} is in demo-3`);
        const start = Array.from(doc.text.slice(0, unit)).length, end = start + Array.from(word).length;
        const rects = await page.evaluate(([d, s, e]) => window.postil.locate(d, s, e), [doc.id, start, end]);
        assert.ok(rects.length >= 1, 'locate returns the word\'s rectangles');
        await dragOver(page, rects, { settle: 2 });
        await page.keyboard.press('3'); // the third entity type's hotkey
        await frames(page, 3);
        const after = await page.evaluate(() => window.postil.project());
        const added = after.mentions.filter((m) => !edited.mentions.some((o) => o.id === m.id));
        assert.equal(added.length, 1, 'one mention added by drag + hotkey');
        assert.equal(surface(doc.text, added[0]), word);
    }

    await sleep(1500);
    await autosaved(page);
    const before = await page.evaluate(() => window.postil.project());

    await page.reload();
    await page.evaluate(() => window.postil.ready);
    const reloaded = await page.evaluate(() => window.postil.project());
    assert.deepEqual(reloaded, before, 'reload brings back the same project');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'web-persist-reloaded.png') });

    // Close the tab, open a new one in the same profile.
    await page.close();
    const second = await browser.context.newPage();
    const problems2 = watch(second);
    await second.goto(browser.url);
    await second.evaluate(() => window.postil.ready);
    assert.deepEqual(await second.evaluate(() => window.postil.project()), before, 'a new tab brings it back too');
    assert.deepEqual(problems, []);
    assert.deepEqual(problems2, []);
    await second.close();
});

test('loadProject replaces the project and persists it; a bad one throws and changes nothing', async () => {
    const { page, problems } = await openApp(browser);
    const current = await page.evaluate(() => window.postil.project());
    const changed = structuredClone(current);
    changed.name = 'Loaded by test';
    changed.documents = changed.documents.slice(0, 2);
    const keep = new Set(changed.documents.map((d) => d.id));
    changed.mentions = changed.mentions.filter((m) => keep.has(m.doc));
    changed.stances = (changed.stances || []).filter((s) => keep.has(s.doc));
    changed.document_stances = (changed.document_stances || []).filter((s) => keep.has(s.doc));
    assert.equal(await page.evaluate((p) => window.postil.loadProject(p), changed), true);
    const loaded = await page.evaluate(() => window.postil.project());
    assert.equal(loaded.name, 'Loaded by test');
    assert.equal(loaded.documents.length, 2);

    const error = await page.evaluate(() => {
        try { window.postil.loadProject('{"format": "postil-project", "documents": [ {"id": 1} '); return null; }
        catch (e) { return e.message; }
    });
    assert.match(error, /loadProject/);
    assert.deepEqual(await page.evaluate(() => window.postil.project()), loaded, 'a refused load changes nothing');

    await sleep(1500);
    await autosaved(page);
    await page.reload();
    await page.evaluate(() => window.postil.ready);
    assert.deepEqual(await page.evaluate(() => window.postil.project()), loaded);
    assert.deepEqual(problems, []);
    await page.close();
});

// The autosave reaches IndexedDB in ~1 MB chunks (never whole in the wasm heap) stored as one
// Blob; entries written before that (one ArrayBuffer) still load.
function idbAutosave(page) {
    return page.evaluate(() => new Promise((res, rej) => {
        const open = indexedDB.open('postil', 1);
        open.onerror = () => rej(open.error);
        open.onsuccess = () => {
            const get = open.result.transaction('files', 'readonly').objectStore('files').get('autosave.json');
            get.onerror = () => rej(get.error);
            get.onsuccess = async () => {
                const v = get.result;
                const isBlob = v instanceof Blob;
                const text = isBlob ? await v.text() : new TextDecoder().decode(v);
                open.result.close();
                res({ isBlob, text });
            };
        };
    }));
}

test('a multi-chunk autosave is stored as a Blob and restored; an old single-buffer entry still loads', async () => {
    const { page, problems } = await openApp(browser);
    const big = structuredClone(await page.evaluate(() => window.postil.project()));
    big.name = 'Chunked autosave';
    const words = [];
    for (let i = 0, size = 0; size < 2_600_000; i++) {
        words.push(`mot${i} « é » "q" \\ 😀`);
        size += words[words.length - 1].length + 1;
    }
    big.documents.push({ id: 'big-doc', name: 'big.txt', status: 'todo', text: words.join(' ') + '\nfin' });
    assert.equal(await page.evaluate((p) => window.postil.loadProject(p), big), true);
    await sleep(1500);
    await autosaved(page);
    const expected = await page.evaluate(() => window.postil.project());
    const stored = await idbAutosave(page);
    assert.ok(stored.isBlob, 'the autosave is stored as a Blob');
    assert.ok(stored.text.length > 2_600_000, 'several chunks');
    assert.deepEqual(JSON.parse(stored.text), expected, 'the chunks make the project file, in order');
    await page.reload();
    await page.evaluate(() => window.postil.ready);
    assert.deepEqual(await page.evaluate(() => window.postil.project()), expected, 'restored from the Blob');

    // An entry as older builds wrote it: the project file as one ArrayBuffer.
    const old = structuredClone(expected);
    old.name = 'Old single-buffer entry';
    old.documents = old.documents.filter((d) => d.id !== 'big-doc');
    await page.evaluate((text) => new Promise((res, rej) => {
        const open = indexedDB.open('postil', 1);
        open.onsuccess = () => {
            const tx = open.result.transaction('files', 'readwrite');
            tx.objectStore('files').put(new TextEncoder().encode(text).buffer, 'autosave.json');
            tx.oncomplete = () => { open.result.close(); res(); };
            tx.onerror = () => rej(tx.error);
        };
        open.onerror = () => rej(open.error);
    }), JSON.stringify(old));
    await page.reload();
    await page.evaluate(() => window.postil.ready);
    const restored = await page.evaluate(() => window.postil.project());
    assert.equal(restored.name, 'Old single-buffer entry');
    assert.deepEqual(restored.documents.map((d) => d.id), old.documents.map((d) => d.id));
    assert.deepEqual(problems, []);
    await page.close();
});
