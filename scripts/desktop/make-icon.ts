import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

/**
 * Draws the KAM Desk icon (resources/icon.png and icon.svg) from a few shapes, so the artwork is ours
 * and reproducible: `node --import tsx scripts/desktop/make-icon.ts`. A blue rounded tile with a white
 * "K" and an amber dot (the key account).
 */

type Rgba = [number, number, number, number];
type Point = [number, number];

const BLUE: Rgba = [22, 93, 184, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const AMBER: Rgba = [245, 166, 35, 255];

/** Shapes on a 0..1 square: the tile, the K (a bar and two strokes) and the dot. */
const K_BAR: Point[] = [
  [0.22, 0.22],
  [0.34, 0.22],
  [0.34, 0.78],
  [0.22, 0.78],
];
const K_UPPER: Point[] = [
  [0.34, 0.5],
  [0.56, 0.22],
  [0.71, 0.22],
  [0.34, 0.68],
];
const K_LOWER: Point[] = [
  [0.45, 0.44],
  [0.7, 0.78],
  [0.55, 0.78],
  [0.38, 0.54],
];
const DOT = { cx: 0.81, cy: 0.72, r: 0.07 };

function insideRoundedSquare(x: number, y: number, radius: number): boolean {
  const dx = Math.max(radius - x, 0, x - (1 - radius));
  const dy = Math.max(radius - y, 0, y - (1 - radius));
  return dx * dx + dy * dy <= radius * radius;
}

function insidePolygon(x: number, y: number, polygon: Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function colourAt(x: number, y: number): Rgba | null {
  if (!insideRoundedSquare(x, y, 0.18)) return null;
  const d = Math.hypot(x - DOT.cx, y - DOT.cy);
  if (d <= DOT.r) return AMBER;
  if (d <= DOT.r + 0.025) return BLUE; // a ring of tile colour keeps the dot apart from the K
  if (insidePolygon(x, y, K_BAR) || insidePolygon(x, y, K_UPPER) || insidePolygon(x, y, K_LOWER))
    return WHITE;
  return BLUE;
}

/** Renders with 4×4 supersampling for smooth edges; returns RGBA rows. */
function render(size: number): Buffer {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          // Premultiplied accumulation, so edges blend towards transparent rather than black.
          sum[0]! += colour[0] * colour[3];
          sum[1]! += colour[1] * colour[3];
          sum[2]! += colour[2] * colour[3];
          sum[3]! += colour[3];
        }
      }
      const offset = (py * size + px) * 4;
      const alpha = sum[3]! / (samples * samples);
      pixels[offset] = alpha ? Math.round(sum[0]! / sum[3]!) : 0;
      pixels[offset + 1] = alpha ? Math.round(sum[1]! / sum[3]!) : 0;
      pixels[offset + 2] = alpha ? Math.round(sum[2]! / sum[3]!) : 0;
      pixels[offset + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels as a PNG (8-bit, colour type 6, no filtering). */
export function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg(): string {
  const points = (polygon: Point[]) => polygon.map(([x, y]) => `${x * 512},${y * 512}`).join(' ');
  const hex = ([r, g, b]: Rgba) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">',
    `  <rect width="512" height="512" rx="${0.18 * 512}" fill="${hex(BLUE)}"/>`,
    `  <polygon points="${points(K_BAR)}" fill="${hex(WHITE)}"/>`,
    `  <polygon points="${points(K_UPPER)}" fill="${hex(WHITE)}"/>`,
    `  <polygon points="${points(K_LOWER)}" fill="${hex(WHITE)}"/>`,
    `  <circle cx="${DOT.cx * 512}" cy="${DOT.cy * 512}" r="${(DOT.r + 0.025) * 512}" fill="${hex(BLUE)}"/>`,
    `  <circle cx="${DOT.cx * 512}" cy="${DOT.cy * 512}" r="${DOT.r * 512}" fill="${hex(AMBER)}"/>`,
    '</svg>',
    '',
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const out = resolve(import.meta.dirname, '..', '..', 'resources');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'icon.png'), encodePng(512, render(512)));
  writeFileSync(join(out, 'icon.svg'), svg());
  console.log(`icon.png and icon.svg written to ${out}`);
}
