// The newsroom's header on a phone and on a desktop, as an admin sees it
// with every page (nine links: articles, statistics, comments, sections,
// tags, settings, duplicates, audit log, the site): on a phone the links
// and the account fold behind «القائمة», which opens them all in the
// screen's width; on a desktop they show without it. No page may get wider
// than the screen.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { chromium } = require("playwright-core");

const base = process.env.KHABAR_E2E_BASE;
const email = process.env.KHABAR_E2E_EMAIL;
const password = process.env.KHABAR_E2E_PASSWORD;
const FLAGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const PAGES = [
  "/newsroom/", "/newsroom/articles/new", "/newsroom/sections", "/newsroom/tags", "/newsroom/settings",
  "/newsroom/comments", "/newsroom/stats", "/newsroom/duplicates", "/newsroom/audit",
];

/** Where each header link and button is, and how wide the page is. */
function measure(page) {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll(".nr-nav a, .nr-account button")].map((el) => {
      const r = el.getBoundingClientRect();
      return { text: el.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom, shown: el.checkVisibility() && r.width > 0 && r.height > 0 };
    });
    return {
      boxes,
      header: document.querySelector(".nr-header").getBoundingClientRect().height,
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    };
  });
}

/** Returns true if and only if two boxes overlap. */
function overlap(a, b) {
  return a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
}

test("the newsroom header folds on phones and holds nine links without overflowing", async () => {
  assert.ok(base, "KHABAR_E2E_BASE is set by run.sh");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: FLAGS });
  try {
    const context = await browser.newContext({ locale: "ar" });
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/newsroom/login`);
    await page.fill("#email", email);
    await page.fill("#password", password);
    await page.click("button[type=submit]");
    await page.waitForURL(`${base}/newsroom/`);
    const shots = process.env.KHABAR_E2E_SCREENSHOTS;

    for (const path of PAGES) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(base + path);
      let m = await measure(page);
      assert.ok(m.header <= 70, `${path}: the folded header is one row (${m.header}px)`);
      assert.ok(m.boxes.every((b) => !b.shown), `${path}: links folded away`);
      assert.ok(m.scroll <= m.client, `${path} at 390px is ${m.scroll}px wide`);
      await page.click(".nr-menu > summary");
      m = await measure(page);
      assert.equal(m.boxes.length, 12, `nine links and three buttons: ${m.boxes.map((b) => b.text)}`);
      for (const b of m.boxes) {
        assert.ok(b.shown, `${path}: «${b.text}» shown once opened`);
        assert.ok(b.left >= 0 && b.right <= m.client, `${path}: «${b.text}» within the screen (${b.left}–${b.right})`);
      }
      for (let i = 0; i < m.boxes.length; i++) {
        for (let j = i + 1; j < m.boxes.length; j++) {
          assert.ok(!overlap(m.boxes[i], m.boxes[j]), `${path}: «${m.boxes[i].text}» and «${m.boxes[j].text}» overlap`);
        }
      }
      assert.ok(m.scroll <= m.client, `${path} at 390px, menu open, is ${m.scroll}px wide`);
      if (shots && path === "/newsroom/") await page.screenshot({ path: `${shots}/newsroom-menu-phone.png` });
      // A link in the open menu leads where it says.
      if (path === "/newsroom/") {
        await page.click(".nr-nav a[href='/newsroom/sections']");
        await page.waitForURL(`${base}/newsroom/sections`);
      }

      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(base + path);
      m = await measure(page);
      assert.ok(!(await page.isVisible(".nr-menu > summary")), `${path}: no menu button on a desktop`);
      assert.ok(m.boxes.every((b) => b.shown && b.left >= 0 && b.right <= m.client), `${path}: every link shown at 1280px`);
      assert.ok(m.header <= 100, `${path}: the desktop header takes at most two rows (${m.header}px)`);
      assert.ok(m.scroll <= m.client, `${path} at 1280px is ${m.scroll}px wide`);
      if (shots && path === "/newsroom/") await page.screenshot({ path: `${shots}/newsroom-header-desktop.png` });
    }
  } finally {
    await browser.close();
  }
});
