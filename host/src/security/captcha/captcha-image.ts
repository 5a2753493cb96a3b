import { randomInt } from 'node:crypto';
import { captchaAlphabet, captchaGlyphs } from './captcha-glyphs.js';

export const captchaLength = 5;
const width = 180;
const height = 50;
const cellWidth = width / (captchaLength + 1);
const scale = 5;

/** Random challenge text from the unambiguous alphabet. */
export function randomCaptchaText(length = captchaLength): string {
  let text = '';
  for (let i = 0; i < length; i += 1) text += captchaAlphabet[randomInt(captchaAlphabet.length)];
  return text;
}

/**
 * Draws the text as an SVG of jittered, rotated strokes with noise lines, as a data URL.
 * The characters are paths, not SVG text, so the answer is not in the markup as text.
 */
export function renderCaptchaImage(text: string): string {
  const parts: string[] = [`<rect width="${width}" height="${height}" fill="#f4f5f7"/>`];
  for (let i = 0; i < 6; i += 1) parts.push(noiseLine());
  [...text].forEach((character, index) => parts.push(glyphGroup(character, index)));
  for (let i = 0; i < 3; i += 1) parts.push(noiseLine());
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

function glyphGroup(character: string, index: number): string {
  const glyph = captchaGlyphs[character];
  if (!glyph) throw new TypeError(`the CAPTCHA alphabet has no glyph for ${JSON.stringify(character)}`);
  const x = cellWidth * (index + 0.5) + randomBetween(-3, 3);
  const y = 10 + randomBetween(-4, 4);
  const angle = randomBetween(-22, 22);
  const paths = glyph.map((stroke) => {
    const points = stroke.map(([px, py]) => `${format(px * scale + randomBetween(-1.4, 1.4))},${format(py * scale + randomBetween(-1.4, 1.4))}`);
    return `<polyline points="${points.join(' ')}"/>`;
  });
  const color = `hsl(${randomInt(360)},60%,30%)`;
  return `<g transform="translate(${format(x)} ${format(y)}) rotate(${format(angle)} 10 15)" fill="none" stroke="${color}" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round">${paths.join('')}</g>`;
}

function noiseLine(): string {
  const points = [0, 1, 2].map(() => `${format(randomBetween(0, width))},${format(randomBetween(0, height))}`);
  return `<polyline points="${points.join(' ')}" fill="none" stroke="hsl(${randomInt(360)},40%,60%)" stroke-width="1.2"/>`;
}

function randomBetween(low: number, high: number): number {
  return low + (randomInt(1_000_000) / 1_000_000) * (high - low);
}

function format(value: number): string {
  return value.toFixed(1);
}
