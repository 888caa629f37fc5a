// Shared by the browser tests and benches: serve the site, launch Debian's Chromium
// (persistent profile: IndexedDB survives reloads and new pages of the same context), open the
// app, wait for frames, click UI items by name, drag over text, find code point ranges. Items are the rectangles the app notes for
// tests (window.postil.uiState().items, canvas pixels) - real mouse events at real places.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { serve } from './static_server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '../..');
export const siteDir = process.env.POSTIL_SITE_DIR || join(repo, 'build/web/site');
export const artifacts = process.env.POSTIL_ARTIFACTS_DIR || join(repo, 'build/artifacts');
export const chromiumPath = process.env.POSTIL_CHROMIUM || '/usr/bin/chromium';

// Exit 77 (ctest: skipped) without a web build, unless CI wants a failure.
export function requireSite(name) {
    if (existsSync(join(siteDir, 'index.html')) && existsSync(join(siteDir, 'postil.wasm'))) return;
    const message = `${name}: no web build in ${siteDir} (run: cmake --preset web && cmake --build --preset web)`;
    if (process.env.CI) {
        console.error(message);
        process.exit(1);
    }
    console.log(`SKIP ${message}`);
    process.exit(77);
}

// Headless Chromium as every test and bench starts it (software GL: no GPU on test machines).
export const CHROMIUM_ARGS = [
    '--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu',
    '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
];

export async function startBrowser() {
    const { server, url } = await serve(siteDir);
    const profileDir = mkdtempSync(join(tmpdir(), 'postil-e2e-profile-'));
    const context = await chromium.launchPersistentContext(profileDir, {
        executablePath: chromiumPath,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1280, height: 800 },
        deviceScaleFactor: 1,
        acceptDownloads: true,
    });
    return {
        url,
        context,
        async close() {
            await context.close();
            server.close();
            rmSync(profileDir, { recursive: true, force: true });
        },
    };
}

// A new page with the app started; console errors, page errors and failed requests collected.
export async function openApp(browser) {
    const page = await browser.context.newPage();
    const problems = watch(page);
    await page.goto(browser.url);
    await page.evaluate(() => window.postil.ready);
    return { page, problems };
}

export function watch(page) {
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });
    // Known, not ours: Emscripten's GLFW asks for fullscreen when the canvas is resized to the
    // screen's size (headless: viewport = screen), which Chromium refuses outside a gesture with
    // this TypeError. web.test.mjs keeps asserting it; these tests are about storage and export.
    page.on('pageerror', (e) => e.message === 'Permissions check failed' || problems.push(`page error: ${e.message}${e.stack ? ' at ' + e.stack.split('\n').slice(1, 3).join(' ') : ''}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    return problems;
}

export function frames(page, n = 2) {
    return page.evaluate((count) => new Promise((res) => {
        let left = count;
        const step = () => (--left <= 0 ? res() : requestAnimationFrame(step));
        requestAnimationFrame(step);
    }), n);
}

// Waits until the app has drawn an item named `key` and returns its centre in page pixels.
export async function itemCentre(page, key, timeout = 5000) {
    const handle = await page.waitForFunction((k) => {
        const items = window.postil.uiState().items || {};
        const r = items[k];
        if (!r) return null;
        const box = document.getElementById('canvas').getBoundingClientRect();
        const s = devicePixelRatio;
        return { x: box.left + (r[0] + r[2]) / 2 / s, y: box.top + (r[1] + r[3]) / 2 / s };
    }, key, { timeout, polling: 'raf' });
    return handle.jsonValue();
}

// Returns Date.now() just before the click (for timing what the click started).
export async function clickItem(page, key, options = {}) {
    const c = await itemCentre(page, key);
    await page.mouse.move(c.x, c.y);
    await frames(page, 2); // hover first: ImGui menus open on hover/click of the hovered item
    const t = Date.now();
    await page.mouse.click(c.x, c.y, options);
    await frames(page, 3);
    return t;
}

// Resolves once the app reports every change written (autosave idle, nothing pending).
export async function autosaved(page, timeout = 5000) {
    await page.waitForFunction(() => {
        const a = window.postil.uiState().autosave;
        return a && !a.pending && !a.inFlight && !a.error;
    }, null, { timeout, polling: 100 });
}

// Code point range of `needle` in `text` (searched from UTF-16 index `from`); `unit` is its
// UTF-16 index. Asserts that it is there.
export function cpRange(text, needle, from = 0) {
    const unit = text.indexOf(needle, from);
    assert.ok(unit >= 0, `"${needle}" in the text`);
    const start = Array.from(text.slice(0, unit)).length;
    return { start, end: start + Array.from(needle).length, unit };
}

// A real mouse drag from inside the first rectangle's left edge to inside the last one's right
// edge (through the middle, for ranges over several lines), with frames between press, moves
// and release (ImGui takes queued input events a few per frame), keys held while dragging,
// then `settle` frames.
export async function dragOver(page, rects, { inset = 3, modifiers = [], settle = 3 } = {}) {
    const a = rects[0], b = rects[rects.length - 1];
    for (const m of modifiers) await page.keyboard.down(m);
    await page.mouse.move(a.x + inset, a.y + a.height / 2);
    await page.mouse.down();
    await frames(page, 2);
    await page.mouse.move((a.x + b.x + b.width) / 2, (a.y + b.y) / 2 + a.height / 2, { steps: 4 });
    await page.mouse.move(b.x + b.width - inset, b.y + b.height / 2, { steps: 4 });
    await frames(page, 2);
    await page.mouse.up();
    for (const m of modifiers) await page.keyboard.up(m);
    if (settle > 0) await frames(page, settle);
}

export function surface(text, m) {
    return Array.from(text).slice(m.start, m.end).join('');
}
