// Phone widths: no page may be wider than the screen (a header search box
// once pushed every page sideways on phones).
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { chromium } = require("playwright-core");

const base = process.env.KHABAR_E2E_BASE;
const FLAGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

test("pages fit phone screens without sideways scrolling", async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: FLAGS,
  });
  try {
    for (const width of [360, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      for (const path of ["/", "/search?q=%D8%A7%D8%AD%D9%85%D8%AF", "/newsroom/login", "/no-such-page"]) {
        await page.goto(base + path);
        const { scroll, client } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        assert.ok(scroll <= client, `${path} at ${width}px is ${scroll}px wide`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
});
