// Glue between the page and the Postil WebAssembly app (postil.js, made by Emscripten).
// - Module setup: canvas, loading status, fatal errors.
// - Files in: the hidden <input type=file> and drag-and-drop read files here and push their
//   bytes straight into a buffer the app made for each (postil_file_begin / _end); the app
//   polls its queue each frame.
// - Files out: downloads (Blob) for "Download project".
// - Fonts: Noto Sans ships in postil.data; the big emoji and CJK fallbacks are fetched after
//   the first frame and handed over with postil_add_font.
// - Clipboard: paste events in, navigator.clipboard out.
// - Text fields: while an ImGui text field is active, a hidden <textarea> (#text-input) at its
//   caret has the focus; what is typed, composed (dead keys, IME) or dropped there goes to the
//   app as UTF-8 (postil_text_input). Keys (Enter, arrows, Backspace, shortcuts) still reach the
//   app through Emscripten's GLFW keydown listener.
// - Storage: IndexedDB holds the autosaved project, settings and window layout (read before
//   main() runs, written when the app asks, one write at a time; the autosave arrives in
//   chunks and is stored as a Blob).
// - window.postil: { ready, fontsReady, project(), uiState(), select(id), openText(name, text),
//   loadProject(json),
//   locate(docId, start, end), frameStats(), viewState(), setTheme(name), agreementState(),
//   adjudicationState() }
//   for users, scripts and tests.
'use strict';
(function () {
    const canvas = document.getElementById('canvas');
    const loading = document.getElementById('loading');
    const loadingText = document.getElementById('loading-text');
    const fileInput = document.getElementById('file-input');
    const dropHint = document.getElementById('drop-hint');
    const textArea = document.getElementById('text-input');

    const FALLBACK_FONTS = [
        ['Symbola', 'fonts/Symbola_hint.ttf'],                   // emoji and symbols
        ['Droid Sans Fallback', 'fonts/DroidSansFallbackFull.ttf'], // CJK
    ];

    let resolveReady, rejectReady, resolveRuntime, resolveFonts, rejectFonts;
    const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
    const runtime = new Promise((res) => { resolveRuntime = res; });
    const fontsReady = new Promise((res, rej) => { resolveFonts = res; rejectFonts = rej; });
    fontsReady.catch(() => {}); // reported through console.error below; not an unhandled rejection
    let failed = false;

    function fatal(message) {
        if (failed) return;
        failed = true;
        console.error('Postil: ' + message);
        loading.classList.remove('done');
        loading.classList.add('failed');
        loadingText.textContent = 'Postil could not start.\n' + message;
        rejectReady(new Error(message));
    }

    // [SECTION] passing bytes and strings into the wasm heap
    function withString(text, fn) {
        const size = Module.lengthBytesUTF8(text) + 1;
        const ptr = Module._malloc(size);
        try {
            Module.stringToUTF8(text, ptr, size);
            return fn(ptr);
        } finally {
            Module._free(ptr);
        }
    }
    function withBytes(bytes, fn) {
        const ptr = Module._malloc(Math.max(1, bytes.length));
        try {
            Module.HEAPU8.set(bytes, ptr);
            return fn(ptr, bytes.length);
        } finally {
            Module._free(ptr);
        }
    }
    function nextFrame() { return new Promise((res) => requestAnimationFrame(() => res())); }

    // [SECTION] files in
    // Each file is streamed straight into the buffer the app made for it (postil_file_begin):
    // no whole-file ArrayBuffer in JS, no second copy in the wasm heap. Module.HEAPU8 is read
    // again for every chunk: the heap may grow (and its view change) between chunks. (Reading
    // 8 MB slices with file.slice().arrayBuffer() instead was slower: 0.52-0.53 s of renderer
    // CPU and 2.9-3.4 s of wall for the 100 MB corpus, against 0.34-0.44 s and 1.1-1.7 s.)
    async function openFiles(files) {
        await runtime;
        for (const file of Array.from(files)) {
            const ptr = Module._postil_file_begin(file.size);
            if (!ptr) throw new Error(file.name + ': not enough memory for ' + file.size + ' bytes');
            let ok = 0;
            try {
                const reader = file.stream().getReader();
                let at = 0;
                for (;;) {
                    const { done, value } = await reader.read();
                    if (done) break;
                    if (at + value.length > file.size) throw new Error(file.name + ' grew while it was read');
                    Module.HEAPU8.set(value, ptr + at);
                    at += value.length;
                }
                if (at !== file.size) throw new Error(file.name + ': read ' + at + ' of ' + file.size + ' bytes');
                ok = 1;
            } finally {
                withString(file.name, (name) => Module._postil_file_end(ptr, name, ok));
            }
        }
    }
    fileInput.addEventListener('change', () => {
        const files = Array.from(fileInput.files || []);
        fileInput.value = ''; // picking the same file again still fires 'change'
        openFiles(files).catch((e) => console.error('Postil: cannot open file: ' + e));
    });

    let dragDepth = 0;
    window.addEventListener('dragenter', (e) => {
        if (!e.dataTransfer || !Array.from(e.dataTransfer.types).includes('Files')) return;
        e.preventDefault();
        dragDepth++;
        dropHint.hidden = false;
    });
    window.addEventListener('dragleave', () => {
        dragDepth = Math.max(0, dragDepth - 1);
        if (dragDepth === 0) dropHint.hidden = true;
    });
    window.addEventListener('dragover', (e) => { e.preventDefault(); });
    window.addEventListener('drop', (e) => {
        e.preventDefault();
        dragDepth = 0;
        dropHint.hidden = true;
        if (e.dataTransfer && e.dataTransfer.files.length)
            openFiles(e.dataTransfer.files).catch((err) => console.error('Postil: cannot open file: ' + err));
    });

    // [SECTION] fonts (after the first frame: the first download stays small)
    async function loadFallbackFonts() {
        const buffers = await Promise.all(FALLBACK_FONTS.map(async ([, url]) => {
            const response = await fetch(url);
            if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
            return new Uint8Array(await response.arrayBuffer());
        }));
        // In a fixed order whatever arrived first: which font wins a shared glyph is stable.
        FALLBACK_FONTS.forEach(([name], i) =>
            withString(name, (n) => withBytes(buffers[i], (ptr, size) => Module._postil_add_font(n, ptr, size))));
        await nextFrame(); // merged before this frame
        await nextFrame(); // drawn with them
    }

    // [SECTION] storage: IndexedDB database "postil", object store "files" (key -> bytes).
    // Everything stored is read before main() runs (a run dependency, see Module.preRun), so
    // the app reads synchronously from `stored`. Writes run one at a time; a newer write of a key
    // replaces its queued one. Each outcome goes back to the app (postil_store_done), failures
    // included: the app shows them instead of pretending the work is safe.
    // A value is a Uint8Array, or a Blob (a chunked write: the autosave comes in ~1 MB chunks,
    // never whole in the wasm heap, each one handed to a Blob at once, so that the page never
    // holds the whole file in JS either; the browser keeps Blob bytes outside the page's heap).
    // Entries written before chunked writes existed are single ArrayBuffers and still load.
    // A Blob written in this session cannot be read back synchronously: the app reads its
    // stores once, at start (App::start_session), when every value is a Uint8Array.
    const DB_NAME = 'postil', DB_STORE = 'files';
    const stored = new Map();  // key -> value, what the app last wrote or what was loaded
    const queued = new Map();  // key -> value | null (delete), not yet written
    const building = new Map(); // chunked write handle -> { key, chunks }
    let nextHandle = 1;
    let writing = false;
    const valueSize = (v) => (v instanceof Blob ? v.size : v.length);
    const dbReady = new Promise((res, rej) => {
        if (!window.indexedDB) { rej(new Error('this browser has no IndexedDB')); return; }
        const req = indexedDB.open(DB_NAME, 1);
        req.onupgradeneeded = () => req.result.createObjectStore(DB_STORE);
        req.onsuccess = () => res(req.result);
        req.onerror = () => rej(req.error || new Error('IndexedDB open failed'));
        req.onblocked = () => rej(new Error('IndexedDB is blocked by another tab'));
    });
    const storageLoaded = dbReady.then((db) => new Promise((res, rej) => {
        const blobs = [];
        const req = db.transaction(DB_STORE, 'readonly').objectStore(DB_STORE).openCursor();
        req.onsuccess = () => {
            const c = req.result;
            if (!c) { res(blobs); return; }
            if (c.value instanceof Blob) blobs.push([String(c.key), c.value]); // read after the cursor
            else stored.set(String(c.key), new Uint8Array(c.value));
            c.continue();
        };
        req.onerror = () => rej(req.error);
    })).then((blobs) => Promise.all(blobs.map(async ([key, blob]) => {
        stored.set(key, new Uint8Array(await blob.arrayBuffer()));
    }))).catch((e) => console.warn('Postil: stored data not loaded (starting fresh): ' + e));
    function storeDone(key, ok, message) {
        withString(key, (k) => withString(message || '', (m) => Module._postil_store_done(k, ok ? 1 : 0, m)));
    }
    function pumpWrites() {
        if (writing || queued.size === 0) return;
        const [key, bytes] = queued.entries().next().value;
        queued.delete(key);
        writing = true;
        const finish = (ok, message) => {
            writing = false;
            try { storeDone(key, ok, message); } finally { pumpWrites(); }
        };
        dbReady.then((db) => {
            const tx = db.transaction(DB_STORE, 'readwrite');
            const st = tx.objectStore(DB_STORE);
            // A Blob as it is (no structured clone of the bytes). A single Uint8Array: its own
            // buffer when the bytes fill it (the app's writes do: HEAPU8.slice), not a copy.
            const whole = bytes && !(bytes instanceof Blob) && bytes.byteOffset === 0 && bytes.length === bytes.buffer.byteLength;
            if (bytes instanceof Blob) st.put(bytes, key);
            else if (bytes) st.put(whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), key);
            else st.delete(key);
            tx.oncomplete = () => finish(true);
            tx.onerror = () => finish(false, String(tx.error || 'IndexedDB write failed'));
            tx.onabort = () => finish(false, String(tx.error || 'IndexedDB write aborted (storage full?)'));
        }, (e) => finish(false, 'IndexedDB unavailable: ' + (e && e.message ? e.message : e)));
    }
    // Hidden or closing: write unsaved changes now instead of after the autosave delay.
    function flushAutosave() { if (Module._postil_flush_autosave) Module._postil_flush_autosave(); }
    window.addEventListener('pagehide', flushAutosave);
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flushAutosave(); });

    // [SECTION] the app calls these (EM_JS in src/platform/web/)
    window.postilGlue = {
        storageSize(key) { return stored.has(key) ? valueSize(stored.get(key)) : -1; },
        storageCopy(key, heap, dest) { // into the app's buffer (storageSize bytes)
            const v = stored.get(key);
            if (v instanceof Blob) throw new Error(`Postil: ${key} was written in this session; it is read at the next start`);
            heap.set(v, dest);
        },
        storageWrite(key, bytes) { // a Uint8Array, a Blob, or null: delete
            if (bytes) stored.set(key, bytes); else stored.delete(key);
            queued.set(key, bytes);
            pumpWrites();
        },
        // A chunked write: storageBegin returns a handle, storageChunk(handle, Uint8Array) in
        // order (a view of the wasm heap: the Blob copies it at once), storageEnd(handle, ok)
        // writes them (ok false: dropped, nothing changes).
        storageBegin(key) {
            const handle = nextHandle++;
            building.set(handle, { key, chunks: [] });
            return handle;
        },
        storageChunk(handle, bytes) { building.get(handle).chunks.push(new Blob([bytes])); },
        storageEnd(handle, ok) {
            const b = building.get(handle);
            building.delete(handle);
            if (ok) this.storageWrite(b.key, new Blob(b.chunks));
        },
        openPicker(accept, multiple) {
            fileInput.accept = accept;
            fileInput.multiple = multiple;
            fileInput.click();
            return true;
        },
        download(name, mime, bytes) {
            const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
            const a = document.createElement('a');
            a.href = url;
            a.download = name;
            document.body.appendChild(a);
            a.click();
            a.remove();
            setTimeout(() => URL.revokeObjectURL(url), 30000);
        },
        writeClipboard(text) {
            // Runs in the frame after the Ctrl+C keydown, still inside its user activation. If
            // the browser refuses, the app-local copy still works for Ctrl+V inside the app.
            if (navigator.clipboard && navigator.clipboard.writeText)
                navigator.clipboard.writeText(text).catch((e) => console.warn('Postil: copy to the system clipboard refused: ' + e));
        },
        // After each frame where it changed: does an ImGui text field want text, and where is
        // its caret (canvas pixels)? See [SECTION] text fields.
        textInput(active, x, y, lineHeight) { setTextInput(active, x, y, lineHeight); },
        firstFrameDrawn() {
            loading.classList.add('done');
            nextFrame().then(() => resolveReady());
            loadFallbackFonts().then(resolveFonts, (e) => {
                console.error('Postil: fallback fonts not loaded (emoji/CJK will show as boxes): ' + e);
                rejectFonts(e);
            });
        },
        fatal,
    };

    // [SECTION] text fields: the hidden text area
    // Emscripten's GLFW makes characters from `keypress`, which never sees dead keys or IME
    // composition. So while a field is active the text area has the focus and the text comes
    // from its `input` / `compositionend` events. These listeners are registered before
    // postil.js runs, so on `window` (capture) they run before GLFW's own.
    let textActive = false;  // an ImGui text field is active (the app says so after a frame)
    let composing = false;   // an IME or dead-key composition is under way in the text area
    let pasteKeyAt = -1;     // time of the last Ctrl/Cmd+V or Shift+Insert in the text area
    function sendText(text) {
        if (!text || !textActive || !Module._postil_text_input) return; // never to the document view
        withString(text.replace(/\r\n?/g, '\n'), (p) => Module._postil_text_input(p));
    }
    function flushText() {
        const text = textArea.value;
        textArea.value = '';
        sendText(text);
    }
    function setTextInput(active, x, y, lineHeight) {
        const box = canvas.getBoundingClientRect();
        const s = window.devicePixelRatio || 1;
        // At the caret: the IME's candidate window and the composition preview show there.
        textArea.style.left = (box.left + x / s) + 'px';
        textArea.style.top = (box.top + y / s) + 'px';
        textArea.style.fontSize = Math.max(10, (lineHeight || 16) / s * 0.82) + 'px';
        textActive = active;
        if (active) {
            if (document.activeElement !== textArea) textArea.focus({ preventScroll: true });
        } else if (document.activeElement === textArea) {
            textArea.value = '';
            canvas.focus({ preventScroll: true });
        }
    }
    window.addEventListener('keydown', (e) => {
        if (e.target !== textArea) return;
        // Keys that drive a composition (keyCode 229 in Chrome, also the Enter or Space that
        // commits it) and dead keys belong to the IME: the app must not act on them.
        if (e.isComposing || e.keyCode === 229 || e.key === 'Dead') {
            e.stopImmediatePropagation();
            return;
        }
        if (((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'v') || (e.shiftKey && e.key === 'Insert'))
            pasteKeyAt = performance.now();
    }, true);
    window.addEventListener('keypress', (e) => {
        if (e.target === textArea) e.stopImmediatePropagation(); // its text arrives through 'input'
    }, true);
    textArea.addEventListener('keydown', (e) => {
        if (e.isComposing || e.keyCode === 229) return;
        // Only text goes into the text area; the app handles every other key (GLFW saw it).
        // Ctrl/Cmd+C, X, V keep their default so that copy and paste events fire. AltGr (Ctrl+Alt
        // on Windows) produces characters, so it is not a shortcut.
        const shortcut = (e.ctrlKey || e.metaKey) && !e.altKey;
        const character = Array.from(e.key).length === 1;
        if (shortcut ? !['c', 'x', 'v'].includes(e.key.toLowerCase()) : !character && e.key !== 'Dead' && e.key !== 'Process' && e.key !== 'Unidentified')
            e.preventDefault();
    });
    textArea.addEventListener('compositionstart', () => {
        composing = true;
        textArea.classList.add('composing');
    });
    textArea.addEventListener('compositionend', () => {
        composing = false;
        textArea.classList.remove('composing');
        flushText();
    });
    textArea.addEventListener('input', (e) => {
        if (!composing && !e.isComposing) flushText();
    });
    textArea.addEventListener('blur', () => {
        composing = false;
        textArea.classList.remove('composing');
    });
    // A click on the canvas focuses it; while a field is active the text area keeps the keys.
    canvas.addEventListener('focus', () => { if (textActive) textArea.focus({ preventScroll: true }); });

    // [SECTION] clipboard and keys the browser would otherwise take
    // Paste: the browser gives the system clipboard's text only in this event, which fires
    // right after the Ctrl+V keydown, before the next frame: by then ImGui's own Ctrl+V reads
    // it through get_clipboard_text(). A paste without that key (a browser or touch menu) is
    // inserted into the active field directly.
    document.addEventListener('paste', (e) => {
        const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
        const inField = e.target === textArea;
        if (inField) e.preventDefault(); // not into the text area: no second copy via 'input'
        if (!text || !Module._postil_set_pasted_text) return;
        withString(text, (p) => Module._postil_set_pasted_text(p));
        if (inField && performance.now() - pasteKeyAt > 1000) sendText(text);
    });
    window.addEventListener('keydown', (e) => {
        // Ctrl/Cmd+S and +O are the app's Save and Open, not the browser's. Ctrl/Cmd+Z and +Y are
        // the app's undo/redo: the browser's own undo would replay the text area's last typing,
        // focus it, and the focus change would make the app drop the key (lost undo after a
        // side-panel field was edited).
        if ((e.ctrlKey || e.metaKey) && ['s', 'o', 'z', 'y'].includes(e.key.toLowerCase())) e.preventDefault();
    });
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());

    // [SECTION] Emscripten module
    window.Module = {
        canvas,
        print: (text) => console.log(text),
        printErr: (text) => console.warn(text), // app diagnostics; real failures go through fatal()
        setStatus: (text) => { if (text && !failed) loadingText.textContent = text.replace(/\(\d+\/\d+\)/, '').trim() || 'Loading Postil…'; },
        monitorRunDependencies: () => {},
        onRuntimeInitialized: () => resolveRuntime(),
        // main() waits for the stored project and settings (IndexedDB is asynchronous).
        preRun: [() => {
            Module.addRunDependency('postil-storage');
            storageLoaded.then(() => Module.removeRunDependency('postil-storage'));
        }],
        onAbort: (what) => fatal(String(what)),
    };
    window.addEventListener('error', (e) => { if (!window.postil || !loading.classList.contains('done')) fatal(e.message || 'script error'); });
    if (typeof WebAssembly !== 'object') fatal('This browser has no WebAssembly.');

    // [SECTION] public API
    window.postil = {
        ready,       // resolves after the first frame is drawn
        fontsReady,  // resolves once the emoji and CJK fonts are merged and drawn
        project() {  // the current project file, parsed
            return JSON.parse(Module.UTF8ToString(Module._postil_project_json()));
        },
        uiState() {  // selected document, open problems, merged fonts, noted widget rectangles, the
                     // Schema editor's last refusal (schemaMessage), autosave state, record counts (for tests)
            return JSON.parse(Module.UTF8ToString(Module._postil_ui_state_json()));
        },
        select(id) { // selects a document, as a click in the list would; false if unknown
            return withString(String(id), (p) => Module._postil_select_document(p)) === 1;
        },
        openText(name, text) { // as if the user opened a file with this content
            return openFiles([new File([text], name, { type: 'text/plain' })]);
        },
        // Replaces the project with a project file (JSON text or the parsed object). Returns true;
        // throws an Error listing every problem if it is not a valid project (nothing changes).
        loadProject(json) {
            const text = typeof json === 'string' ? json : JSON.stringify(json);
            const problems = withString(text, (p) => Module.UTF8ToString(Module._postil_load_project(p)));
            if (problems) throw new Error('postil.loadProject: ' + problems.trim());
            return true;
        },
        // Opens document docId if needed, scrolls code points [start, end) into view, draws a
        // frame, and returns the range's on-screen rectangles (one per line), in CSS pixels
        // relative to the page's viewport (client coordinates, what page.mouse uses).
        // Throws if the document or the range does not exist.
        locate(docId, start, end) {
            const r = JSON.parse(withString(String(docId), (p) =>
                Module.UTF8ToString(Module._postil_locate(p, start | 0, end | 0))));
            if (r.error) throw new Error('postil.locate: ' + r.error);
            const box = canvas.getBoundingClientRect();
            return r.rects.map((q) => ({ x: box.left + q.x, y: box.top + q.y, width: q.width, height: q.height }));
        },
        // {frames, cpu_ms_p50, cpu_ms_p99, cpu_ms_max}: CPU time of each frame's update + render
        // (C++ side) since the last call.
        frameStats() {
            return JSON.parse(Module.UTF8ToString(Module._postil_frame_stats()));
        },
        // The document view: shown document, text selection [start, end), selected mention,
        // stance gesture step and hint, search query and hit count.
        viewState() {
            return JSON.parse(Module.UTF8ToString(Module._postil_view_state()));
        },
        setTheme(name) { // 'dark' or 'light', as the View menu does; false for anything else
            return withString(String(name), (p) => Module._postil_set_theme(p)) === 1;
        },
        // Read only: the figures the Agreement window shows ({shown: false} before it opened).
        agreementState() {
            return JSON.parse(Module.UTF8ToString(Module._postil_agreement_state()));
        },
        // Read only: the Adjudication window's two layers and the selected document's differences.
        adjudicationState() {
            return JSON.parse(Module.UTF8ToString(Module._postil_adjudication_state()));
        },
    };
})();
