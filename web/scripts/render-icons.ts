/**
 * Draws the app's PNG icons from web/public/icons/icon.svg in Chromium (npx tsx web/scripts/render-icons.ts): red and
 * yellow of the national flag, the pulse of the logo kept inside the middle 80 % so that a round mask leaves it whole.
 */
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const dir = new URL('../public/icons/', import.meta.url);
const svg = readFileSync(new URL('icon.svg', dir), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>*{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  await page.screenshot({ path: new URL(`icon-${size}.png`, dir).pathname });
  await page.close();
}
await browser.close();
