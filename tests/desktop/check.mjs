// Checks for the desktop tests (run by tests/desktop/run.sh after postil-desktop exits):
//   node check.mjs screenshot PNG                   the PNG exists and is not blank
//   node check.mjs imported PROJECT.json TEXT.txt   the text file is a document, text intact
//   node check.mjs unchanged PROJECT.json           still the demo project
//   node check.mjs same-project A.json B.json       the same project (parsed JSON deep-equal)
//   node check.mjs import-open SETTINGS.json        the app left its Import dialog open
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import assert from 'node:assert/strict';

import { assertNotBlank, decodePng, pixelStats } from '../e2e/png.mjs';

const [what, a, b] = process.argv.slice(2);
if (what === 'screenshot') {
    const img = decodePng(readFileSync(a));
    assert.ok(img.width >= 640 && img.height >= 400, `size ${img.width}x${img.height}`);
    const stats = pixelStats(img);
    assertNotBlank(stats, a);
    console.log(`${a}: ${img.width}x${img.height}, ${JSON.stringify(stats)}`);
} else if (what === 'imported') {
    const project = JSON.parse(readFileSync(a, 'utf8'));
    const name = basename(b);
    const doc = project.documents.find((d) => d.name === name);
    assert.ok(doc, `${name} among ${project.documents.map((d) => d.name)}`);
    const expected = readFileSync(b, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    assert.equal(doc.text, expected);
    assert.ok(project.documents.some((d) => d.id === 'demo-1'), 'imported into the demo project');
    console.log(`${name}: imported as ${doc.id}, ${doc.text.length} UTF-16 units intact`);
} else if (what === 'unchanged') {
    const project = JSON.parse(readFileSync(a, 'utf8'));
    assert.deepEqual(project.documents.map((d) => d.id).sort(), ['demo-1', 'demo-2', 'demo-3']);
    console.log('project unchanged');
} else if (what === 'same-project') {
    assert.deepEqual(JSON.parse(readFileSync(a, 'utf8')), JSON.parse(readFileSync(b, 'utf8')));
    console.log('restored project = autosaved project');
} else if (what === 'import-open') {
    const settings = JSON.parse(readFileSync(a, 'utf8'));
    assert.equal(settings.panels.import, true, 'Import dialog open');
    console.log('Import dialog open');
} else {
    console.error('usage: check.mjs screenshot PNG | imported PROJECT TEXT | unchanged PROJECT');
    process.exit(2);
}
