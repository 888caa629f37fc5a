// Corpora in (web): the Import dialog opened with real clicks (File > Import…), a JSONL corpus
// (tests/golden/jsonl/corpus.jsonl: five articles with emoji, 17 mentions) picked through the
// page's file chooser, imported with the dialog's button. The documents and mentions arrive
// with their exact texts and code point spans, the dialog lets go of the file once read, the
// import is one undo step (Ctrl+Z removes all of it, Ctrl+Shift+Z brings it back), and the
// result is autosaved. A JSONL file dropped on the page opens the same dialog, format guessed.
// Run: node tests/e2e/import.test.mjs   (ctest: e2e.import; exit 77 = skipped without a web build)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { artifacts, autosaved, clickItem, frames, openApp, repo, requireSite, startBrowser, surface } from './ui_helpers.mjs';

requireSite('e2e.import');

const corpusPath = join(repo, 'tests/golden/jsonl/corpus.jsonl');
const corpus = readFileSync(corpusPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { if (browser) await browser.close(); });

test('import dialog: a JSONL corpus in, exact spans, one undo step, autosaved', async () => {
    const { page, problems } = await openApp(browser);
    const before = await page.evaluate(() => window.postil.project());
    const state0 = await page.evaluate(() => window.postil.uiState());
    assert.equal(state0.documents, before.documents.length);

    await clickItem(page, 'menu:File');
    await clickItem(page, 'menu:Import');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), clickItem(page, 'import:choose')]);
    await chooser.setFiles(corpusPath);
    await page.waitForFunction(() => !!(window.postil.uiState().items || {})['import:file:0'], null, { timeout: 10000, polling: 'raf' });
    await clickItem(page, 'import:run');
    await page.waitForFunction((n) => window.postil.uiState().documents === n, before.documents.length + corpus.length,
        { timeout: 10000, polling: 'raf' });
    await frames(page, 2);
    // Read: the file left the dialog's list (its bytes are freed).
    assert.equal((await page.evaluate(() => window.postil.uiState().items))['import:file:0'], undefined);

    const after = await page.evaluate(() => window.postil.project());
    const wantMentions = corpus.reduce((n, d) => n + d.mentions.length, 0);
    assert.ok(wantMentions > 0);
    assert.equal(after.mentions.length, before.mentions.length + wantMentions);
    for (const d of corpus) {
        const got = after.documents.find((x) => x.id === d.id);
        assert.ok(got, `document ${d.id} imported`);
        assert.equal(got.text, d.text);
        const mine = after.mentions.filter((m) => m.doc === d.id);
        assert.deepEqual(mine.map((m) => `${m.start}-${m.end} ${m.type} ${surface(got.text, m)}`).sort(),
            d.mentions.map((m) => `${m.start}-${m.end} ${m.type} ${surface(d.text, m)}`).sort());
    }
    await autosaved(page, 15000);

    // One undo step: everything goes, then comes back.
    const canvas = await page.$('#canvas');
    await canvas.focus();
    await page.keyboard.press('Control+z');
    await frames(page, 3);
    const undone = await page.evaluate(() => window.postil.project());
    assert.equal(undone.documents.length, before.documents.length);
    assert.equal(undone.mentions.length, before.mentions.length);
    await page.keyboard.press('Control+Shift+z');
    await frames(page, 3);
    const redone = await page.evaluate(() => window.postil.project());
    assert.deepEqual(redone, after);
    assert.deepEqual(problems, []);
});

// A file dropped on the page outside the dialog: an interchange file opens the Import dialog
// with its format guessed (it used to become one plain-text document of JSON lines), while a
// .txt still becomes a document at once. Headless Chromium has no OS drag source, so the drop
// is a DOM `drop` event carrying a real File in a DataTransfer (what the browser hands glue.js).
test('dropping a JSONL file opens the Import dialog with the format guessed; a .txt opens as text', async (t) => {
    // A browser of its own: the first test's autosave would bring its documents back here.
    const own = await startBrowser();
    t.after(() => own.close());
    const { page, problems } = await openApp(own);
    const before = await page.evaluate(() => window.postil.uiState());
    const drop = async (name, text) => {
        await page.evaluate(([n, t]) => {
            const dt = new DataTransfer();
            dt.items.add(new File([t], n, { type: 'application/octet-stream' }));
            window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        }, [name, text]);
    };
    await drop('corpus.jsonl', readFileSync(corpusPath, 'utf8'));
    await page.waitForFunction(() => !!(window.postil.uiState().items || {})['import:file:0'], null, { timeout: 10000, polling: 'raf' });
    const items = (await page.evaluate(() => window.postil.uiState())).items;
    assert.ok(items['import:guessed:jsonl'], 'the dialog guessed jsonl');
    assert.equal((await page.evaluate(() => window.postil.uiState())).documents, before.documents, 'nothing added before Import is clicked');
    await clickItem(page, 'import:run');
    await page.waitForFunction((n) => window.postil.uiState().documents === n, before.documents + corpus.length,
        { timeout: 10000, polling: 'raf' });

    // The dialog's report counts what the file held (it said "0 documents" before count_read).
    assert.match((await page.evaluate(() => window.postil.uiState())).importResult,
        new RegExp(`^Read from corpus\\.jsonl: ${corpus.length} documents, ${corpus.reduce((n, d) => n + d.mentions.length, 0)} mentions,`));

    await drop('note.txt', 'Une note « brève » ✅ sur l’IA.\n');
    await page.waitForFunction((n) => window.postil.uiState().documents === n, before.documents + corpus.length + 1,
        { timeout: 10000, polling: 'raf' });
    const p = await page.evaluate(() => window.postil.project());
    assert.ok(p.documents.some((d) => d.text === 'Une note « brève » ✅ sur l’IA.\n'));
    await page.screenshot({ path: join(artifacts, 'web-import-drop.png') });
    assert.deepEqual(problems, []);
});
