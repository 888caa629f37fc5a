// Browser import benchmark of the web build (not a test, not in ctest; run by hand like
// bench_frames.mjs). Imports the 100 MB JSONL corpus of bench/import_bench.cpp (same generator,
// same sizes: that program writes the file) the way a user does: File > Import…, "Choose
// files…" (the page's file input), then the dialog's Import button. Measures, in the page:
//   - read: from the file input's change event until the dialog lists the file (File ->
//     ArrayBuffer -> wasm heap -> the dialog's file list);
//   - import: from the Import click (mouseup) until window.postil.uiState().documents counts
//     the new documents (parse, layer import, one undo step), polled every animation frame
//     once the click helper has waited its 3 frames (up to ~50 ms more than the import);
//   - autosave: from then until the autosave (project file -> IndexedDB) is written;
// and memory: the wasm heap (WebAssembly.Memory byteLength: it never shrinks, so after the run
// it is the peak; it grows in 20 % steps), malloc's own peak inside it (uiState().heap, dlmalloc's
// max footprint), Chromium's JS heap (performance.memory, precise), and the renderer
// process's peak resident set (VmHWM from /proc, Linux), before and after; and the slowest
// frame (C++ update + render, frameStats) of the import phase and of the autosave phase.
// Prints "key: value" lines and a Markdown table row.
//   node tests/e2e/bench_import.mjs [--mb 100] [--file /tmp/postil-bench-jsonl.jsonl]
//        [--import-bench build/native/bench/import_bench] [--timeout 300]
// Without --file's file, runs import_bench --keep to write it (its native figures go to
// stderr). Env: POSTIL_SITE_DIR (default build/web/site), POSTIL_CHROMIUM (/usr/bin/chromium).
// Does not do: assert anything (bench, not test), drop files (a drop reaches the same Import
// dialog: e2e.import covers that path).
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { serve } from './static_server.mjs';
import { CHROMIUM_ARGS, chromiumPath, clickItem } from './ui_helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const siteDir = process.env.POSTIL_SITE_DIR || join(repo, 'build/web/site');

const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : dflt;
};
const mb = Number(arg('--mb', '100'));
const file = arg('--file', `/tmp/postil-bench-jsonl-${mb}mb.jsonl`);
const importBench = arg('--import-bench', join(repo, 'build/native/bench/import_bench'));
const timeoutMs = Number(arg('--timeout', '300')) * 1000;

// [SECTION] the corpus (bench/import_bench.cpp writes it)
if (!existsSync(file)) {
    if (!existsSync(importBench)) {
        console.error(`no ${file} and no ${importBench} (configure native with -DPOSTIL_BUILD_BENCH=ON, build import_bench)`);
        process.exit(2);
    }
    const r = spawnSync(importBench, ['--mb', String(mb), '--format', 'jsonl', '--file', file, '--keep'], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) process.exit(1);
}
const fileBytes = statSync(file).size;
const lines = await new Promise((res, rej) => { // one document a line
    let n = 0;
    createReadStream(file).on('data', (b) => { for (let i = 0; i < b.length; i++) if (b[i] === 10) n++; })
        .on('end', () => res(n)).on('error', rej);
});

// [SECTION] the renderer's memory (/proc): the page's renderer is the biggest one at the end
// CPU time (user + system, all threads) of a process in seconds: wall time on a shared
// machine mostly measures the queue.
function procCpu(pid) {
    try {
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
        return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
    } catch { return NaN; }
}
function procStatus(pid) {
    try {
        const s = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = (k) => Number((s.match(new RegExp(`^${k}:\\s+(\\d+)`, 'm')) || [0, 0])[1]);
        return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
    } catch { return null; }
}
function renderers(profile) {
    // Chromium rewrites its argv into one string (setproctitle): match on the whole line.
    const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((pid) => {
        try {
            const line = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
            const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]);
            return { pid: Number(pid), ppid, line, type: (line.match(/--type=(\S+)/) || [null, ''])[1] };
        } catch { return null; }
    }).filter(Boolean);
    // The browser process: names the profile, has no --type (crashpad handlers name it too).
    const browser = all.find((p) => p.line.includes(profile) && !p.type && !p.line.includes('crashpad_handler'));
    if (!browser) return [];
    const mine = new Set([browser.pid]);
    for (let grew = true; grew;) { // descendants (zygotes, then renderers)
        grew = false;
        for (const p of all) if (!mine.has(p.pid) && mine.has(p.ppid)) { mine.add(p.pid); grew = true; }
    }
    return all.filter((p) => mine.has(p.pid) && p.type === 'renderer').map((p) => p.pid);
}
const biggestRenderer = (profile) => renderers(profile).map((pid) => ({ pid, ...procStatus(pid) }))
    .filter((p) => p.rss).sort((a, b) => b.rss - a.rss)[0] || { pid: 0, rss: 0, hwm: 0 };

// [SECTION] the page
function memory(page) {
    return page.evaluate(() => {
        const heap = window.postil.uiState().heap || {}; // malloc's own counters (newer builds)
        return {
            wasm: Module.HEAPU8.buffer.byteLength,
            js: performance.memory ? performance.memory.usedJSHeapSize : 0,
            malloc: heap.footprint || 0, mallocPeak: heap.peak || 0,
        };
    });
}
const { server, url } = await serve(siteDir);
const profile = mkdtempSync(join(tmpdir(), 'postil-bench-import-'));
const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
});
// Cross-origin isolation: precise performance.now() (see bench_frames.mjs).
await context.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({
        response,
        headers: { ...response.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
    });
});
const out = { file, file_mb: fileBytes / 1e6, documents_in_file: lines, load_before: loadavg().map((x) => x.toFixed(2)).join(' ') };
let failed = false;
try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error: ' + e.message));
    page.on('console', (m) => { if (m.type() === 'error' || (m.type() === 'warning' && !m.text().includes('GL Driver'))) console.error('console: ' + m.text()); });
    await page.goto(url);
    await page.evaluate(() => window.postil.ready);
    await page.evaluate(() => window.postil.fontsReady).catch(() => {});
    const before = await page.evaluate(() => window.postil.uiState());
    const mem0 = await memory(page);
    const r0 = biggestRenderer(profile); // the page's renderer: it holds the wasm heap

    // File > Import…, then "Choose files…" opens the page's file chooser.
    await clickItem(page, 'menu:File');
    await clickItem(page, 'menu:Import');
    await page.evaluate(() => {
        window.__bench = {};
        document.getElementById('file-input').addEventListener('change', () => { window.__bench.change = performance.now(); }, { capture: true });
        document.getElementById('canvas').addEventListener('mouseup', () => { window.__bench.click = performance.now(); }, { capture: true });
    });
    out.phase = 'read';
    const chooser = page.waitForEvent('filechooser', { timeout: 10000 }).catch(() => null);
    await clickItem(page, 'import:choose');
    const fc = await chooser;
    const cpu0 = procCpu(r0.pid);
    if (fc) await fc.setFiles(file); // a local path: the browser reads the file itself
    else await page.setInputFiles('#file-input', file); // no chooser event: the same input, directly
    await page.waitForFunction(() => {
        if (!(window.postil.uiState().items || {})['import:file:0']) return false;
        window.__bench.listed = performance.now();
        return true;
    }, null, { timeout: timeoutMs, polling: 'raf' });
    const cpu1 = procCpu(r0.pid);
    const mem1 = await memory(page);
    out.read_cpu_s = cpu1 - cpu0;

    await page.evaluate(() => window.postil.frameStats()); // from here: the import's frames
    const cpu2 = procCpu(r0.pid);
    out.phase = 'import';
    await clickItem(page, 'import:run');
    const want = before.documents + lines;
    await page.waitForFunction((n) => {
        if (window.postil.uiState().documents < n) return false;
        window.__bench.imported = performance.now();
        return true;
    }, want, { timeout: timeoutMs, polling: 'raf' }).catch((e) => {
        out.import_cpu_s_so_far = procCpu(r0.pid) - cpu2; // how far it got
        throw e;
    });
    out.phase = 'autosave';
    const cpu3 = procCpu(r0.pid);
    const importFrames = await page.evaluate(() => window.postil.frameStats());
    const mem2 = await memory(page);
    const r2 = { pid: r0.pid, ...procStatus(r0.pid) };
    await page.waitForFunction(() => {
        const a = window.postil.uiState().autosave;
        if (!a || a.pending || a.inFlight) return false;
        window.__bench.autosaved = performance.now();
        return true;
    }, null, { timeout: timeoutMs, polling: 100 });
    const cpu4 = procCpu(r0.pid);
    const autosaveFrames = await page.evaluate(() => window.postil.frameStats());
    const mem3 = await memory(page);
    const r3 = { pid: r0.pid, ...procStatus(r0.pid) };
    const t = await page.evaluate(() => window.__bench);
    const after = await page.evaluate(() => window.postil.uiState());
    delete out.phase;
    Object.assign(out, {
        documents_added: after.documents - before.documents, mentions_added: after.mentions - before.mentions,
        autosave_error: after.autosave.error || '',
        read_s: (t.listed - t.change) / 1000, import_s: (t.imported - t.click) / 1000,
        total_s: (t.listed - t.change + t.imported - t.click) / 1000, autosave_s: (t.autosaved - t.imported) / 1000,
        // Renderer CPU over each phase (includes the harness's clicks and polling: a few frames).
        read_cpu_s: cpu1 - cpu0, import_cpu_s: cpu3 - cpu2, autosave_cpu_s: cpu4 - cpu3,
        wasm_mb_start: mem0.wasm / 1e6, wasm_mb_read: mem1.wasm / 1e6, wasm_mb_imported: mem2.wasm / 1e6, wasm_mb_autosaved: mem3.wasm / 1e6,
        // The slowest frame (the app's update + render, C++ side): the import's own frame, then
        // the autosave's.
        import_frames: importFrames.frames, import_slowest_frame_ms: importFrames.cpu_ms_max,
        autosave_frames: autosaveFrames.frames, autosave_slowest_frame_ms: autosaveFrames.cpu_ms_max,
        malloc_mb_start: mem0.malloc / 1e6, malloc_peak_mb_imported: mem2.mallocPeak / 1e6, malloc_peak_mb_end: mem3.mallocPeak / 1e6,
        js_heap_mb_start: mem0.js / 1e6, js_heap_mb_end: mem3.js / 1e6,
        renderer_rss_mb_start: r0.rss / 1e6, renderer_hwm_mb_imported: r2.hwm / 1e6, renderer_hwm_mb_end: r3.hwm / 1e6,
    });
    out.wasm_peak_x_file = (mem3.wasm - mem0.wasm) / fileBytes;
    if (mem3.mallocPeak) out.malloc_peak_x_file = (mem3.mallocPeak - mem0.malloc) / fileBytes;
    out.renderer_peak_x_file = (r3.hwm - r0.rss) / fileBytes;
} catch (e) {
    failed = true;
    console.error(`bench_import: ${out.phase || 'setup'} did not finish: ` + (e && e.message ? e.message : e));
} finally {
    out.load_after = loadavg().map((x) => x.toFixed(2)).join(' ');
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
}
const fmt = (v) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(v < 10 ? 3 : 1) : v);
for (const [k, v] of Object.entries(out)) console.log(`${k}: ${fmt(v)}`);
if (!failed) {
    console.log('| file | read: wall (renderer CPU) | import: wall (CPU) | total wall | autosave after: wall (CPU) | wasm heap: start -> end (growth / file) | renderer peak RSS (growth over start / file) | load before / after |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---|');
    console.log(`| ${fmt(out.file_mb)} MB, ${out.documents_added} docs | ${fmt(out.read_s)} s (${fmt(out.read_cpu_s)} s) | ${fmt(out.import_s)} s (${fmt(out.import_cpu_s)} s) | ` +
        `${fmt(out.total_s)} s | ${fmt(out.autosave_s)} s (${fmt(out.autosave_cpu_s)} s) | ` +
        `${fmt(out.wasm_mb_start)} -> ${fmt(out.wasm_mb_autosaved)} MB (${out.wasm_peak_x_file.toFixed(2)}x) | ` +
        `${fmt(out.renderer_hwm_mb_end)} MB (${out.renderer_peak_x_file.toFixed(2)}x) | ${out.load_before} / ${out.load_after} |`);
}
process.exit(failed ? 1 : 0);
