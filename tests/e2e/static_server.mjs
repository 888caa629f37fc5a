// A static file server for tests: serves one folder on 127.0.0.1 at a free port, with the MIME
// types the site needs (application/wasm lets the browser compile while downloading).
// Node built-ins only. Also used by scripts/serve when asked (node static_server.mjs DIR PORT).
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
    '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
    '.json': 'application/json', '.webmanifest': 'application/manifest+json',
    '.wasm': 'application/wasm', '.data': 'application/octet-stream',
    '.svg': 'image/svg+xml', '.png': 'image/png', '.ttf': 'font/ttf', '.txt': 'text/plain; charset=utf-8',
};

export function serve(root, port = 0, host = '127.0.0.1') {
    root = resolve(root);
    const server = createServer((req, res) => {
        let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
        if (path.endsWith('/')) path += 'index.html';
        const file = normalize(join(root, path));
        if (file !== root && !file.startsWith(root + sep)) {
            res.writeHead(403).end();
            return;
        }
        let st;
        try {
            st = statSync(file);
        } catch {
            res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
            return;
        }
        if (!st.isFile()) {
            res.writeHead(404).end();
            return;
        }
        res.writeHead(200, {
            'content-type': TYPES[extname(file)] || 'application/octet-stream',
            'content-length': st.size,
            'cache-control': 'no-cache',
        });
        createReadStream(file).pipe(res);
    });
    return new Promise((ok, fail) => {
        server.once('error', fail);
        server.listen(port, host, () => ok({ server, url: `http://${host}:${server.address().port}/` }));
    });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
    const [dir = '.', port = '8080'] = process.argv.slice(2);
    const { url } = await serve(dir, Number(port));
    console.log(`Serving ${resolve(dir)} at ${url}  (Ctrl+C to stop)`);
}
