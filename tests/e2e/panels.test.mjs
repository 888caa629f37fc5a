// End-to-end test of the side panels' actions in the web build, with real mouse and keyboard
// events at the places the app reports for its widgets (window.postil.uiState().items, noted by
// the views with note_item(): positions only). Results are read through window.postil.project().
// - Entities panel: rename an entity (accented text typed into the field), set its external id,
//   merge another entity into it, split a mention off into a new entity, undo the split and the
//   rename with Ctrl+Z (after typing in a panel field: the browser's own undo must not take it).
//   Items are noted only when visible (the test clicks what a user could click).
// - Schema editor: add an entity type, give it a name and hotkey 9, use the hotkey to mark text;
//   refusals (hotkey 1 already taken, removing PER which mentions use) are shown in the window
//   (uiState().schemaMessage) and leave the project's schema exactly as it was.
// Screenshots: build/artifacts/web-panel-entities.png, web-panel-schema-refusal.png.
// Run: node tests/e2e/panels.test.mjs   (ctest: e2e.panels; exit 77 = skipped)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { artifacts, clickItem, cpRange, dragOver, frames, openApp, requireSite, startBrowser, surface } from './ui_helpers.mjs';

requireSite('e2e.panels');

// A fresh browser profile per test: the app restores its IndexedDB autosave on start.
const browsers = [];
after(async () => { for (const b of browsers) await b.close(); });
async function start() {
    const browser = await startBrowser();
    browsers.push(browser);
    return openApp(browser);
}

// [SECTION] helpers

const project = (page) => page.evaluate(() => window.postil.project());
const uiState = (page) => page.evaluate(() => window.postil.uiState());

async function press(page, key) {
    await page.keyboard.press(key);
    await frames(page, 3);
}

// Clicks a text field, replaces its content with `text` (typed), leaves it with Enter.
async function typeInto(page, key, text) {
    await clickItem(page, key);
    await press(page, 'Control+a');
    await page.keyboard.type(text);
    await frames(page, 2);
    await press(page, 'Enter');
}

// The demo project plus a fourth document in which Dario Amodei is mentioned twice more: once
// linked to him (e1), once to a duplicate entity e3 ("Amodei") that the test merges into e1.
const EXTRA_TEXT = 'Dario Amodei a répondu jeudi. Amodei insiste : « la sécurité d’abord ».\n';
async function loadFixture(page) {
    const p = await project(page);
    p.documents.push({ id: 'demo-4', name: 'Réponse.txt', status: 'todo', text: EXTRA_TEXT });
    const full = cpRange(EXTRA_TEXT, 'Dario Amodei');
    const short = cpRange(EXTRA_TEXT, 'Amodei insiste');
    short.end = short.start + 'Amodei'.length;
    p.mentions.push({ id: 'm20', doc: 'demo-4', start: full.start, end: full.end, type: 'PER', annotator: 'demo', entity: 'e1' });
    p.mentions.push({ id: 'm21', doc: 'demo-4', start: short.start, end: short.end, type: 'PER', annotator: 'demo', entity: 'e3' });
    p.entities.push({ id: 'e3', name: 'Amodei', type: 'PER', annotator: 'demo' });
    await page.evaluate((json) => window.postil.loadProject(json), p);
    await frames(page, 3);
    return project(page);
}

// [SECTION] tests

test('Entities panel: rename, external id, merge, split (mouse and keyboard)', async () => {
    const { page, problems } = await start();
    await page.evaluate(() => window.postil.fontsReady).catch(() => {});
    let p = await loadFixture(page);
    assert.equal(p.entities.length, 3);
    const original = p.entities.find((e) => e.id === 'e1');

    // Select Dario Amodei (e1) in the list: his details show.
    await clickItem(page, 'entity-row:e1');
    assert.ok((await uiState(page)).items['entity:name'], 'the selected entity shows its fields');

    // Rename, with characters outside ASCII (typed through the page's text area).
    await typeInto(page, 'entity:name', 'Dario Amodei — PDG d’Anthropic');
    p = await project(page);
    assert.equal(p.entities.find((e) => e.id === 'e1').name, 'Dario Amodei — PDG d’Anthropic');

    // External id.
    await typeInto(page, 'entity:external-id', 'wikidata:Q116758847');
    p = await project(page);
    assert.equal(p.entities.find((e) => e.id === 'e1').external_id, 'wikidata:Q116758847');

    // Merge e3 ("Amodei") into e1: its mention moves, e3 is gone.
    await clickItem(page, 'entity:merge-in');
    await clickItem(page, 'entity:merge-option:e3');
    await clickItem(page, 'entity:merge');
    p = await project(page);
    assert.equal(p.entities.find((e) => e.id === 'e3'), undefined, 'e3 merged away');
    assert.equal(p.mentions.find((m) => m.id === 'm21').entity, 'e1');
    assert.deepEqual(p.mentions.filter((m) => m.entity === 'e1').map((m) => m.id).sort(), ['m1', 'm20', 'm21']);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'web-panel-entities.png') });

    // Split m20 (the second row of the entity's mention list) off into a new entity named
    // after its text.
    await clickItem(page, 'entity:split-check:m20');
    await clickItem(page, 'entity:split');
    p = await project(page);
    const moved = p.mentions.find((m) => m.id === 'm20');
    assert.notEqual(moved.entity, 'e1');
    const created = p.entities.find((e) => e.id === moved.entity);
    assert.ok(created, `new entity ${moved.entity}`);
    assert.equal(created.name, surface(EXTRA_TEXT, moved));
    assert.equal(created.name, 'Dario Amodei');
    assert.equal(created.type, 'PER');
    assert.equal(created.external_id, undefined, 'a split does not copy the external id');
    assert.deepEqual(p.mentions.filter((m) => m.entity === 'e1').map((m) => m.id).sort(), ['m1', 'm21']);
    assert.equal(p.entities.find((e) => e.id === 'e1').external_id, 'wikidata:Q116758847');

    // The split is one undo step (Ctrl+Z with the keyboard, focus on the panel). The fields typed
    // in above must not capture it: the hidden text area's native undo used to take the key.
    await press(page, 'Control+z');
    p = await project(page);
    assert.equal(p.entities.find((e) => e.id === created.id), undefined, 'Ctrl+Z undid the split');
    assert.equal(p.mentions.find((m) => m.id === 'm20').entity, 'e1');
    assert.notEqual(await page.evaluate(() => document.activeElement && document.activeElement.id), 'text-input',
        'no text field was activated by Ctrl+Z');
    // Then the merge, the external id and the rename, one Ctrl+Z each.
    await press(page, 'Control+z');
    await press(page, 'Control+z');
    p = await project(page);
    assert.equal(p.entities.find((e) => e.id === 'e1').external_id, original.external_id, 'external id undone');
    await press(page, 'Control+z');
    p = await project(page);
    assert.equal(p.entities.find((e) => e.id === 'e1').name, original.name, 'rename undone');
    await press(page, 'Control+Shift+z');
    p = await project(page);
    assert.equal(p.entities.find((e) => e.id === 'e1').name, 'Dario Amodei — PDG d’Anthropic', 'rename redone');
    assert.deepEqual(problems, []);
    await page.close();
});

test('Schema editor: add a type with a hotkey and use it; refusals are shown, nothing changes', async () => {
    const { page, problems } = await start();
    await page.evaluate(() => window.postil.fontsReady).catch(() => {});
    let p = await loadFixture(page);
    const types0 = p.schema.entity_types.length;

    await clickItem(page, 'menu:View');
    await clickItem(page, 'menu:View:Schema');
    await clickItem(page, 'schema:add-type');
    p = await project(page);
    assert.equal(p.schema.entity_types.length, types0 + 1);
    const row = `schema:type:${types0}:`;
    const added = p.schema.entity_types[types0];
    assert.equal(added.id, 'TYPE1');

    await typeInto(page, row + 'id', 'WEAPON');
    await typeInto(page, row + 'name', 'Arme à feu');
    await clickItem(page, row + 'key');
    await page.keyboard.type('9');
    await press(page, 'Enter');
    p = await project(page);
    const t = p.schema.entity_types[types0];
    assert.equal(t.id, 'WEAPON');
    assert.equal(t.name, 'Arme à feu');
    assert.equal(t.hotkey, '9');
    assert.equal((await uiState(page)).schemaMessage, '');

    // Refused: hotkey 1 is PER's.
    const before = JSON.stringify((await project(page)).schema);
    await clickItem(page, row + 'key');
    await press(page, 'Backspace');
    await page.keyboard.type('1');
    await press(page, 'Enter');
    let ui = await uiState(page);
    assert.match(ui.schemaMessage, /Hotkey "1" is used by two entity types/);
    assert.ok(ui.items['schema:message'], 'the refusal is drawn in the window');
    assert.equal(JSON.stringify((await project(page)).schema), before, 'schema unchanged');

    // Refused: PER is used by mentions.
    const mentionsBefore = JSON.stringify((await project(page)).mentions);
    await clickItem(page, 'schema:type:0:remove');
    ui = await uiState(page);
    assert.match(ui.schemaMessage, /entity type PER is used by mentions/);
    p = await project(page);
    assert.equal(JSON.stringify(p.schema), before, 'schema unchanged');
    assert.equal(JSON.stringify(p.mentions), mentionsBefore, 'mentions unchanged');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'web-panel-schema-refusal.png') });

    // Close the editor (View > Schema) and use the new hotkey: select "Dario Amodei" in the
    // fourth document, press 9.
    await clickItem(page, 'menu:View');
    await clickItem(page, 'menu:View:Schema');
    const text = p.documents.find((d) => d.id === 'demo-4').text;
    const r = cpRange(text, 'la sécurité');
    const rects = await page.evaluate(([s, e]) => window.postil.locate('demo-4', s, e), [r.start, r.end]);
    await dragOver(page, rects);
    await press(page, '9');
    p = await project(page);
    const weapon = p.mentions.find((m) => m.doc === 'demo-4' && m.type === 'WEAPON');
    assert.ok(weapon, 'hotkey 9 marked a WEAPON mention');
    assert.equal(surface(text, weapon), 'la sécurité');
    assert.deepEqual(problems, []);
    await page.close();
});
