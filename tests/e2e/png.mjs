// Tiny PNG reader for tests (8-bit greyscale/RGB/RGBA, not interlaced; what Chromium and
// postil-desktop write) and pixel statistics to tell a drawn screen from a blank one.
// Node built-ins only.
import { inflateSync } from 'node:zlib';

export function decodePng(buf) {
    if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
    let pos = 8, width = 0, height = 0, colorType = 0, depth = 0, interlace = 0;
    const idat = [];
    while (pos < buf.length) {
        const len = buf.readUInt32BE(pos);
        const type = buf.toString('latin1', pos + 4, pos + 8);
        const data = buf.subarray(pos + 8, pos + 8 + len);
        if (type === 'IHDR') {
            width = data.readUInt32BE(0);
            height = data.readUInt32BE(4);
            depth = data[8];
            colorType = data[9];
            interlace = data[12];
        } else if (type === 'IDAT') {
            idat.push(data);
        } else if (type === 'IEND') {
            break;
        }
        pos += 12 + len;
    }
    const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType];
    if (depth !== 8 || !channels || interlace) throw new Error(`unsupported PNG (depth ${depth}, colour type ${colorType})`);
    const raw = inflateSync(Buffer.concat(idat));
    const stride = width * channels;
    const out = Buffer.alloc(width * height * 4);
    let prev = Buffer.alloc(stride);
    for (let y = 0; y < height; y++) {
        const filter = raw[y * (stride + 1)];
        const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
        for (let i = 0; i < stride; i++) {
            const a = i >= channels ? line[i - channels] : 0, b = prev[i], c = i >= channels ? prev[i - channels] : 0;
            let p;
            switch (filter) {
            case 0: p = 0; break;
            case 1: p = a; break;
            case 2: p = b; break;
            case 3: p = (a + b) >> 1; break;
            case 4: { const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
                      p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c; break; }
            default: throw new Error('bad PNG filter ' + filter);
            }
            line[i] = (line[i] + p) & 0xff;
        }
        for (let x = 0; x < width; x++) {
            const s = x * channels, d = (y * width + x) * 4;
            if (channels >= 3) { out[d] = line[s]; out[d + 1] = line[s + 1]; out[d + 2] = line[s + 2]; }
            else { out[d] = out[d + 1] = out[d + 2] = line[s]; }
            out[d + 3] = channels === 4 ? line[s + 3] : channels === 2 ? line[s + 1] : 255;
        }
        prev = line;
    }
    return { width, height, rgba: out };
}

// Distinct colours, share of pixels unlike the most common colour, and the luma spread: a
// blank or single-colour screen has ~1 colour and ~0 share.
export function pixelStats({ width, height, rgba }) {
    const counts = new Map();
    let lumaMin = 255, lumaMax = 0;
    for (let i = 0; i < width * height * 4; i += 4) {
        const key = (rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2];
        counts.set(key, (counts.get(key) || 0) + 1);
        const luma = (rgba[i] * 299 + rgba[i + 1] * 587 + rgba[i + 2] * 114) / 1000;
        lumaMin = Math.min(lumaMin, luma);
        lumaMax = Math.max(lumaMax, luma);
    }
    let top = 0;
    for (const n of counts.values()) top = Math.max(top, n);
    return { colors: counts.size, notBackground: 1 - top / (width * height), lumaSpread: lumaMax - lumaMin };
}

export function assertNotBlank(stats, what) {
    if (stats.colors < 50 || stats.notBackground < 0.02 || stats.lumaSpread < 60)
        throw new Error(`${what} looks blank: ${JSON.stringify(stats)}`);
}
