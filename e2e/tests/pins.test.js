// Pinned «اقرأ أيضا» links in a real browser: an editor finds an article by
// its title in the pin box (the site's own suggestions), saves, and the
// article's page links to it in the middle of the text.
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

/** Saves a new published article through the editor; returns its id. */
async function publish(page, title, body) {
  await page.goto(`${base}/newsroom/articles/new`);
  await page.fill("#f-title", title);
  await page.fill("#f-body", body);
  await page.selectOption("#f-status", "published");
  await page.click(".nr-actions button[type=submit]");
  await page.waitForURL(/\/newsroom\/articles\/\d+\?saved=1/);
  return page.url().match(/articles\/(\d+)/)[1];
}

/** Polls `check` until it is true, for at most `ms` (the indexer runs every two seconds). */
async function eventually(check, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not true after ${ms} ms`);
}

test("an editor pins a related article by its title", async () => {
  assert.ok(base, "KHABAR_E2E_BASE is set by run.sh");
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ar" });
    const page = await context.newPage();
    await page.goto(`${base}/newsroom/login`);
    await page.fill("#email", email);
    await page.fill("#password", password);
    await page.click("button[type=submit]");
    await page.waitForURL(`${base}/newsroom/`);

    const stamp = Date.now() % 100000;
    const parkTitle = `افتتاح حديقة الزيتون العامة في حي الورود ${stamp}`;
    const parkId = await publish(page, parkTitle, "افتتحت البلدية حديقة الزيتون على مساحة عشرة آلاف متر مربع.");
    const paragraphs = [
      "أقر مجلس المدينة خطة جديدة للنقل العام تمتد على ثلاث مراحل.",
      "تشمل المرحلة الأولى خطوط حافلات سريعة بين الأحياء الشرقية ووسط المدينة.",
      "وتضيف المرحلة الثانية مواقف للدراجات قرب المحطات الكبرى.",
      "أما المرحلة الثالثة فتربط المطار بالمدينة بقطار خفيف.",
      "ويبدأ التنفيذ مطلع العام المقبل بحسب المجلس.",
    ];
    const planId = await publish(page, `مجلس المدينة يقر خطة للنقل العام ${stamp}`, paragraphs.join("\n\n"));

    // The park becomes suggestible once the indexer has seen it.
    await eventually(async () => {
      const r = await fetch(`${base}/api/v1/search/suggest?q=${encodeURIComponent("حديقة الزيتون")}`);
      const items = r.ok ? await r.json() : [];
      return items.some((i) => i.title === parkTitle);
    }, 30_000);

    await page.goto(`${base}/newsroom/articles/${planId}`);
    assert.equal(await page.isVisible("#pin-search"), true, "the title box shows with JavaScript");
    await page.fill("#pin-search", "حديقة الزيتون");
    await page.waitForSelector(`#pin-suggestions option[value="${parkTitle}"]`, { state: "attached" });
    // Picking a suggestion puts its title in the box, as the browser does.
    await page.fill("#pin-search", parkTitle);
    assert.match(await page.inputValue("#f-pins"), new RegExp(`^/article/${parkId}/`));
    assert.equal(await page.inputValue("#pin-search"), "");
    await page.click(".nr-actions button[type=submit]");
    await page.waitForURL(/\?saved=1/);
    assert.match(await page.textContent(".nr-pinned"), /ظاهر للقراء/);

    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`${base}/article/${planId}`);
    assert.equal((await reader.textContent(".article-body .read-also a")).trim(), parkTitle);
    assert.equal((await reader.textContent(".related li a")).trim(), parkTitle);
  } finally {
    await browser.close();
  }
});
