// End-to-end test of the web build in Debian's Chromium (headless, WebGL2 on SwiftShader),
// driven by playwright-core: the site in build/web/site is served on a free loopback port,
// the app must start cleanly, show the demo project, draw a non-blank screen, and open a
// text file through the real file-picker input.
// Run: node tests/e2e/web.test.mjs   (ctest runs it as e2e.web; exit 77 = skipped)
// Env: POSTIL_SITE_DIR (default build/web/site), POSTIL_ARTIFACTS_DIR (default build/artifacts),
//      POSTIL_CORPUS_DIR (default ../shared/corpus/fr-ai-geopolitics next to the repo).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { assertNotBlank, decodePng, pixelStats } from './png.mjs';
import { serve } from './static_server.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './ui_helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const siteDir = process.env.POSTIL_SITE_DIR || join(repo, 'build/web/site');
const artifacts = process.env.POSTIL_ARTIFACTS_DIR || join(repo, 'build/artifacts');
const corpusDir = process.env.POSTIL_CORPUS_DIR || resolve(repo, '../shared/corpus/fr-ai-geopolitics');

if (!existsSync(join(siteDir, 'index.html')) || !existsSync(join(siteDir, 'postil.wasm'))) {
    const message = `e2e.web: no web build in ${siteDir} (run: cmake --preset web && cmake --build --preset web)`;
    if (process.env.CI) {
        console.error(message);
        process.exit(1);
    }
    console.log(`SKIP ${message}`);
    process.exit(77);
}

// Flags that make WebGL2 work headless here and keep Chromium off the network.

let server, baseUrl, context, profileDir;

before(async () => {
    ({ server, url: baseUrl } = await serve(siteDir));
    profileDir = mkdtempSync(join(tmpdir(), 'postil-e2e-profile-'));
    context = await chromium.launchPersistentContext(profileDir, {
        executablePath: chromiumPath,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1280, height: 800 },
        deviceScaleFactor: 1,
    });
});

after(async () => {
    if (context) await context.close();
    if (server) server.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

// Opens the app in a new page and records every console error, page error and failed request.
async function openApp() {
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    await page.goto(baseUrl);
    await page.evaluate(() => window.postil.ready);
    return { page, problems };
}

async function screenshotStats(page, file) {
    const png = await page.screenshot({ path: file });
    return pixelStats(decodePng(png));
}

test('first screen: starts cleanly, shows the demo project, draws it', async () => {
    const { page, problems } = await openApp();
    await page.evaluate(() => window.postil.fontsReady);

    const project = await page.evaluate(() => window.postil.project());
    const ids = project.documents.map((d) => d.id);
    for (const id of ['demo-1', 'demo-2', 'demo-3'])
        assert.ok(ids.includes(id), `demo document ${id} in ${JSON.stringify(ids)}`);
    const texts = project.documents.map((d) => d.text).join('\n');
    for (const s of ['contrôles d’exportation', '« Nous', '翻译', '🔴', '🤩'])
        assert.ok(texts.includes(s), `demo text contains ${s}`);

    const ui = await page.evaluate(() => window.postil.uiState());
    assert.equal(ui.selected, 'demo-1');
    assert.deepEqual(ui.fonts, ['Symbola', 'Droid Sans Fallback']);
    assert.equal(ui.problems.title, '');

    // The canvas backs the whole window at device resolution.
    const canvas = await page.evaluate(() => {
        const c = document.getElementById('canvas');
        return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight, dpr: devicePixelRatio };
    });
    assert.equal(canvas.w, Math.round(canvas.cssW * canvas.dpr));
    assert.equal(canvas.h, Math.round(canvas.cssH * canvas.dpr));

    mkdirSync(artifacts, { recursive: true });
    const stats = await screenshotStats(page, join(artifacts, 'web-first-screen.png'));
    assertNotBlank(stats, 'web first screen');

    // The second demo document has the CJK and the emoji: keep a picture of it too.
    assert.ok(await page.evaluate(() => window.postil.select('demo-2')));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assertNotBlank(await screenshotStats(page, join(artifacts, 'web-demo-2.png')), 'web demo-2 screen');

    assert.deepEqual(problems, []);
    await page.close();
});

test('file picker: a French text file becomes a document, text intact', async () => {
    let file;
    const candidates = existsSync(corpusDir) ? readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).sort() : [];
    if (candidates.length) {
        file = join(corpusDir, candidates[0]);
    } else {
        // No shared corpus here (e.g. a bare clone): a text with the same hazards.
        const dir = mkdtempSync(join(tmpdir(), 'postil-e2e-text-'));
        file = join(dir, 'fixture_fr.txt');
        writeFileSync(file, 'Titre\n\nL’été à Pékin\u00a0: « déjà vu » — 翻译 🔴.\n');
        console.log(`corpus not found in ${corpusDir}; using ${file}`);
    }
    const expected = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

    const { page, problems } = await openApp();
    await page.setInputFiles('#file-input', file);
    const name = basename(file);
    const doc = await page.waitForFunction((n) => {
        const p = window.postil.project();
        return p.documents.find((d) => d.name === n) || null;
    }, name, { timeout: 15000 }).then((h) => h.jsonValue());
    assert.equal(doc.id, name.replace(/\.txt$/, ''));
    assert.equal(doc.text, expected);

    const ui = await page.evaluate(() => window.postil.uiState());
    assert.equal(ui.selected, doc.id, 'the imported document is selected');
    assert.equal(ui.problems.title, '');
    mkdirSync(artifacts, { recursive: true });
    assertNotBlank(await screenshotStats(page, join(artifacts, 'web-imported-text.png')), 'web imported text');
    assert.deepEqual(problems, []);
    await page.close();
});

test('a broken project file is reported, not fatal', async () => {
    const { page, problems } = await openApp();
    const dir = mkdtempSync(join(tmpdir(), 'postil-e2e-bad-'));
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{"format": "postil-project", "documents": [ {"id": 1} ');
    await page.setInputFiles('#file-input', bad);
    const ui = await page.waitForFunction(() => {
        const s = window.postil.uiState();
        return s.problems.title ? s : null;
    }, null, { timeout: 15000 }).then((h) => h.jsonValue());
    assert.match(ui.problems.title, /broken\.json/);
    assert.ok(ui.problems.items.length >= 1);
    // The project is untouched and the app still draws.
    const project = await page.evaluate(() => window.postil.project());
    assert.ok(project.documents.some((d) => d.id === 'demo-1'));
    assertNotBlank(await screenshotStats(page, join(artifacts, 'web-problems.png')), 'web problems dialog');
    assert.deepEqual(problems, []);
    await page.close();
});

test('high-dpi: the canvas backbuffer is CSS size x devicePixelRatio, UI scaled to match', async () => {
    // A browser of its own: device scale is per context (Playwright gives it a fresh profile).
    const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
    try {
        const page = await browser.newPage({ viewport: { width: 900, height: 600 }, deviceScaleFactor: 2 });
        const problems = [];
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('console', (m) => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });
        await page.goto(baseUrl);
        await page.evaluate(() => window.postil.ready);
        const c = await page.evaluate(() => {
            const el = document.getElementById('canvas');
            return { w: el.width, h: el.height, cssW: el.clientWidth, cssH: el.clientHeight, dpr: devicePixelRatio };
        });
        assert.equal(c.dpr, 2);
        assert.equal(c.w, c.cssW * 2);
        assert.equal(c.h, c.cssH * 2);
        mkdirSync(artifacts, { recursive: true });
        assertNotBlank(await screenshotStats(page, join(artifacts, 'web-first-screen-2x.png')), 'web first screen at 2x');
        assert.deepEqual(problems, []);
    } finally {
        await browser.close();
    }
});
