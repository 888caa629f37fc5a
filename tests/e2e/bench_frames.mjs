// Browser frame benchmark of the web build (not a test, not in ctest): opens the synthetic
// Label Studio tasks of /work/shared/bench/gen_task.js (5k tokens / 500 mentions, 25k / 2.5k,
// 200k / 20k) as Postil projects through the page's file input, then scrolls through the whole
// document with the mouse wheel (page.mouse.wheel, one notch per animation frame) and reads
// window.postil.frameStats(): CPU time of each frame's update + render on the C++ side.
// Prints a Markdown table: open (the slowest frame while the project loads and shows),
// switch (the slowest frame after a real click on the document in the document list, coming
// from a small second document: the document's layout is built again, the project is not
// parsed), scroll p50 / p99 / max, frames. Targets: first frame <= 150 ms, scroll p99 <= 8 ms.
//   node tests/e2e/bench_frames.mjs [--sizes 5000:500,25000:2500,200000:20000] [--wheel 240] [--open-only]
// Env: POSTIL_SITE_DIR (default build/web/site), POSTIL_CHROMIUM (default /usr/bin/chromium).
// Headless Chromium draws with SwiftShader (software GL): GPU work is on the CPU too, but it
// runs in the GPU process, not in the frame's measured time.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { serve } from './static_server.mjs';
import { CHROMIUM_ARGS, chromiumPath, clickItem } from './ui_helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const siteDir = process.env.POSTIL_SITE_DIR || join(repo, 'build/web/site');
const require = createRequire(import.meta.url);
const { makeTask } = require(process.env.POSTIL_GEN_TASK || '/work/shared/bench/gen_task.js');

const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : dflt;
};
const sizes = arg('--sizes', '5000:500,25000:2500,200000:20000').split(',').map((s) => s.split(':').map(Number));
const wheel = Number(arg('--wheel', '240')); // CSS pixels per wheel event
const openOnly = process.argv.includes('--open-only'); // no scroll: just the open frames

const frames = (page, n = 1) => page.evaluate((k) => new Promise((res) => {
    const step = () => (k-- <= 0 ? res() : requestAnimationFrame(step));
    step();
}), n);

function projectFromTask(base, task) {
    const text = task.data.text;
    const known = new Set(base.schema.entity_types.map((t) => t.id));
    const mentions = task.annotations[0].result.map((r, i) => ({
        id: `m${i + 1}`, doc: 'bench', start: r.value.start, end: r.value.end,
        type: known.has(r.value.labels[0]) ? r.value.labels[0] : 'MISC', annotator: 'bench',
    }));
    return {
        ...base, name: 'bench', entities: [], stances: [], document_stances: [], mentions,
        documents: [{ id: 'bench', name: 'bench.txt', status: 'todo', text },
            { id: 'other', name: 'other.txt', status: 'todo', text: 'Un autre document, court.' }],
    };
}

const { server, url } = await serve(siteDir);
const profile = mkdtempSync(join(tmpdir(), 'postil-bench-'));
const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1,
    args: CHROMIUM_ARGS,
});
// Cross-origin isolation (COOP + COEP headers): without it Chromium coarsens performance.now()
// (what the C++ side's emscripten_get_now() reads) to whole milliseconds here.
await context.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({
        response,
        headers: { ...response.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
    });
});
const rows = [];
try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error: ' + e.message));
    page.on('crash', () => console.error('page crashed (renderer gone)'));
    page.on('console', (m) => { if (m.type() === 'error') console.error('console.error: ' + m.text()); });
    await page.goto(url);
    await page.evaluate(() => window.postil.ready);
    await page.evaluate(() => window.postil.fontsReady).catch(() => {});
    if (!(await page.evaluate(() => window.crossOriginIsolated)))
        console.error('warning: not cross-origin isolated: frame times are rounded to ~1 ms');
    const base = await page.evaluate(() => window.postil.project());
    for (const [tokens, regions] of sizes) {
        const task = makeTask({ tokens, regions, seed: 1 });
        const json = JSON.stringify(projectFromTask(base, task));
        await page.evaluate(() => window.postil.frameStats()); // reset
        await page.setInputFiles('#file-input', { name: 'bench.json', mimeType: 'application/json', buffer: Buffer.from(json) });
        await page.waitForFunction(() => window.postil.viewState().doc === 'bench', null, { timeout: 60000 });
        await frames(page, 5);
        const open = await page.evaluate(() => window.postil.frameStats());
        // The app autosaves a newly opened project after a short delay (project file written to
        // IndexedDB: a long frame). Let it happen before measuring the scroll.
        await page.waitForFunction(() => {
            const a = window.postil.uiState().autosave;
            return !a || (!a.pending && !a.inFlight);
        }, null, { timeout: 120000, polling: 500 });

        // Opening the document from the list: to the small one, then back with a real click.
        await clickItem(page, 'doc-row:other');
        await page.waitForFunction(() => window.postil.viewState().doc === 'other', null, { timeout: 60000 });
        await frames(page, 5);
        await page.evaluate(() => window.postil.frameStats()); // reset
        await clickItem(page, 'doc-row:bench');
        await page.waitForFunction(() => window.postil.viewState().doc === 'bench', null, { timeout: 60000 });
        await frames(page, 5);
        const open_doc = await page.evaluate(() => window.postil.frameStats());
        console.error(`${tokens}/${regions}: switch to the document: slowest frame ${open_doc.cpu_ms_max} ms (${open_doc.frames} frames)`);

        if (openOnly) {
            rows.push({ tokens, regions, chars: Array.from(task.data.text).length, open, open_doc, scroll: null, events: 0 });
            console.error(`${tokens}/${regions}: open max ${open.cpu_ms_max} ms, second ${open.cpu_ms_second} ms (${open.frames} frames)`);
            continue;
        }
        const r = (await page.evaluate(() => window.postil.locate('bench', 0, 1)))[0];
        await page.mouse.move(r.x + 200, r.y + 200);
        await frames(page, 5);
        await page.evaluate(() => window.postil.frameStats()); // reset
        let last = null, stuck = 0, events = 0;
        while (stuck < 5 && events < 20000) {
            await page.mouse.wheel(0, wheel);
            await frames(page, 1);
            events++;
            if (events % 20 === 0) { // progress: has the view stopped moving (bottom reached)?
                const y = (await page.evaluate(() => window.postil.viewState())).scroll.y;
                stuck = y === last ? stuck + 1 : 0;
                last = y;
            }
        }
        const scroll = await page.evaluate(() => window.postil.frameStats());
        rows.push({ tokens, regions, chars: Array.from(task.data.text).length, open, open_doc, scroll, events });
        console.error(`${tokens}/${regions}: open max ${open.cpu_ms_max} ms (second ${open.cpu_ms_second}), scroll p50 ${scroll.cpu_ms_p50} p99 ${scroll.cpu_ms_p99} (${scroll.frames} frames)`);
    }
} finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
}

// "second slowest": a big project file opens over two frames (parse, then build + layout).
console.log('| task | chars | open file: slowest frame (ms) | open file: second slowest (ms) | open from the list: slowest frame (ms) | scroll p50 (ms) | scroll p99 (ms) | scroll max (ms) | frames | wheel events |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
    const sc = r.scroll || {};
    console.log(`| ${r.tokens / 1000}k tokens / ${r.regions} mentions | ${r.chars} | ${r.open.cpu_ms_max} | ${r.open.cpu_ms_second ?? '-'} | ${r.open_doc.cpu_ms_max} | ${sc.cpu_ms_p50 ?? '-'} | ${sc.cpu_ms_p99 ?? '-'} | ${sc.cpu_ms_max ?? '-'} | ${sc.frames ?? '-'} | ${r.events} |`);
}
