// End-to-end test of text fields and the clipboard in the web build (headless Chromium, real
// input events through Playwright and the DevTools protocol):
// - while an ImGui text field is active, the page's hidden #text-input has the focus;
// - typed ASCII, text inserted as the OS would (page.keyboard.insertText), an IME composition
//   (Input.imeSetComposition, then Input.insertText commits it), dead-key sequences (as the
//   browser receives them: a "Dead" keydown then the composed character, and the composition
//   form macOS uses) all land in the mention's note exactly once;
// - a real Ctrl+V pastes the system clipboard's text (« », ’, emoji, 中文) into the field;
// - Ctrl+C on a text field, on a drag selection in the document, puts exact text on the system
//   clipboard (read back with navigator.clipboard.readText()).
// Results are read through window.postil.project() (the note as saved) and viewState().
// Screenshot of a composition in progress: build/artifacts/web-ime-composition.png.
// Run: node tests/e2e/text_input.test.mjs   (ctest: e2e.text_input; exit 77 = skipped)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { artifacts, cpRange, dragOver, frames, openApp, requireSite, startBrowser } from './ui_helpers.mjs';

requireSite('e2e.text_input');

let browser;
before(async () => {
    browser = await startBrowser();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: browser.url });
});
after(async () => { if (browser) await browser.close(); });

// [SECTION] helpers

const DOC = 'demo-1';
const project = (page) => page.evaluate(() => window.postil.project());
const viewState = (page) => page.evaluate(() => window.postil.viewState());
const focusedId = (page) => page.evaluate(() => (document.activeElement ? document.activeElement.id : ''));
const readClipboard = (page) => page.evaluate(() => navigator.clipboard.readText());

async function press(page, key) {
    await page.keyboard.press(key);
    await frames(page, 3);
}

// Code point range of `needle` in `text` (JS strings are UTF-16).
async function locate(page, { start, end }) {
    const rects = await page.evaluate(([d, s, e]) => window.postil.locate(d, s, e), [DOC, start, end]);
    assert.ok(rects.length >= 1 && rects[0].width > 0, `on screen: [${start}, ${end})`);
    return rects;
}

async function noteOf(page, id) {
    return (await project(page)).mentions.find((m) => m.id === id).note || '';
}

// Selects the mention `surface` of demo-1 with a click, then N: its note field is active.
async function openNote(page, surface) {
    const p = await project(page);
    const text = p.documents.find((d) => d.id === DOC).text;
    const r = cpRange(text, surface);
    const m = p.mentions.find((x) => x.doc === DOC && x.start === r.start && x.end === r.end);
    assert.ok(m, `a mention "${surface}" in the demo`);
    const rect = (await locate(page, r))[0];
    await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
    await frames(page, 3);
    assert.equal((await viewState(page)).mention, m.id, 'the click selected the mention');
    await press(page, 'n');
    await frames(page, 2);
    assert.equal(await focusedId(page), 'text-input', 'the text area has the focus while the note field is active');
    return m;
}

// [SECTION] tests

test('typing, insertText, IME composition and dead keys reach the note field exactly once', async () => {
    const { page, problems } = await openApp(browser);
    await page.evaluate(() => window.postil.fontsReady).catch(() => {});
    const m = await openNote(page, 'Gina Raimondo');
    const cdp = await page.context().newCDPSession(page);

    // Plain keys (keydown + keypress + input): once, not twice (GLFW's keypress is not used).
    await page.keyboard.type('Note: ');
    // What an OS input method hands over without key events.
    await page.keyboard.insertText('é');
    await frames(page, 2);

    // An IME composition: pinyin being composed shows in the text area (the app gets nothing),
    // then the committed characters reach the field.
    await cdp.send('Input.imeSetComposition', { text: 'zhong', selectionStart: 5, selectionEnd: 5 });
    await frames(page, 2);
    await cdp.send('Input.imeSetComposition', { text: 'zhongwen', selectionStart: 8, selectionEnd: 8 });
    await frames(page, 3);
    const preview = await page.evaluate(() => {
        const t = document.getElementById('text-input');
        return { composing: t.classList.contains('composing'), value: t.value, opacity: getComputedStyle(t).opacity };
    });
    assert.deepEqual(preview, { composing: true, value: 'zhongwen', opacity: '1' }, 'the composition is shown at the caret');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'web-ime-composition.png') });
    await cdp.send('Input.insertText', { text: '中文' });
    await frames(page, 2);
    assert.equal(await page.evaluate(() => document.getElementById('text-input').classList.contains('composing')), false);

    // Dead keys, as the browser gets them from the OS on Linux and Windows: a "Dead" keydown
    // (no character), then the key whose composed character it sends.
    await page.keyboard.type(' ');
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Dead', code: 'BracketLeft', windowsVirtualKeyCode: 219, nativeVirtualKeyCode: 219 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Dead', code: 'BracketLeft', windowsVirtualKeyCode: 219, nativeVirtualKeyCode: 219 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'ê', code: 'KeyE', text: 'ê', unmodifiedText: 'e', windowsVirtualKeyCode: 69, nativeVirtualKeyCode: 69 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'e', code: 'KeyE', windowsVirtualKeyCode: 69, nativeVirtualKeyCode: 69 });
    // ... and as macOS delivers them: a composition of the accent, committed with the letter.
    await cdp.send('Input.imeSetComposition', { text: '´', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: 'é' });
    // ç and œ from the keyboard (Playwright sends characters outside the US layout as text).
    await page.keyboard.type('çœ');
    await frames(page, 3);
    assert.equal(await noteOf(page, m.id), '', 'nothing is saved before the field is left');

    await press(page, 'Enter');
    assert.equal(await noteOf(page, m.id), 'Note: é中文 êéçœ', 'every character exactly once, in order');
    assert.notEqual(await focusedId(page), 'text-input', 'the text area gives the focus back when the field closes');

    // With no field active, keys are the document view's again: Escape clears the selection.
    await press(page, 'Escape');
    assert.equal((await viewState(page)).mention, '', 'Escape reached the document view');
    assert.deepEqual(problems, []);
    await page.close();
});

test('Ctrl+V pastes the system clipboard into a field; Ctrl+C copies a field and a document selection', async () => {
    const { page, problems } = await openApp(browser);
    await page.evaluate(() => window.postil.fontsReady).catch(() => {});

    // Another application put this on the system clipboard.
    const pasted = '« Paix », l’accord 🤝 中文';
    await page.evaluate((t) => navigator.clipboard.writeText(t), pasted);
    const m = await openNote(page, 'Pékin');
    await page.keyboard.type('Vu: ');
    await press(page, 'Control+v');
    await press(page, 'Enter');
    assert.equal(await noteOf(page, m.id), 'Vu: ' + pasted, 'the note holds the pasted text exactly');

    // Copy from the field: N, Ctrl+A, Ctrl+C.
    await press(page, 'n');
    assert.equal(await focusedId(page), 'text-input');
    await page.evaluate(() => navigator.clipboard.writeText('(not copied)'));
    await press(page, 'Control+a');
    await press(page, 'Control+c');
    await frames(page, 3);
    assert.equal(await readClipboard(page), 'Vu: ' + pasted, 'Ctrl+C in the field copied its text');
    await press(page, 'Escape');
    await press(page, 'Escape');

    // Copy from the document: drag over "Dario Amodei", Ctrl+C.
    const text = (await project(page)).documents.find((d) => d.id === DOC).text;
    const dario = cpRange(text, 'Dario Amodei');
    await dragOver(page, await locate(page, dario));
    assert.deepEqual((await viewState(page)).selection, [dario.start, dario.end]);
    await press(page, 'Control+c');
    assert.equal(await readClipboard(page), 'Dario Amodei');

    // A selection with guillemets, no-break spaces and an emoji: exactly the selected code points.
    const quote = cpRange(text, '« politique');
    const quoteEnd = cpRange(text, '🔴');
    const range = { start: quote.start, end: quoteEnd.end };
    await dragOver(page, await locate(page, range));
    const sel = (await viewState(page)).selection;
    assert.deepEqual(sel, [range.start, range.end], 'the drag selected from « to the emoji');
    await press(page, 'Control+c');
    const expected = Array.from(text).slice(range.start, range.end).join('');
    assert.match(expected, /^« politique de coercition économique » 🔴$/u);
    assert.equal(await readClipboard(page), expected);
    assert.deepEqual(problems, []);
    await page.close();
});
