// The newsroom in a real browser: sign in, write an Arabic article with a
// sub-heading and a source, schedule it, and see it appear on the site at
// its time with nobody visiting in between; change the site's name and
// digits in the settings and see the reading site follow; type in the
// editor, let the autosave run, reload and get the text back.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { chromium } = require("playwright-core");

const base = process.env.KHABAR_E2E_BASE;
const email = process.env.KHABAR_E2E_EMAIL;
const password = process.env.KHABAR_E2E_PASSWORD;

// The flags from the project's conventions for headless Debian Chromium.
const FLAGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** `YYYY-MM-DDTHH:MM` of `date` in `zone`, for a datetime-local input. */
function localInput(date, zone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).formatToParts(date).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

test("log in, write an Arabic article, schedule it, it appears on time", async () => {
  assert.ok(base, "KHABAR_E2E_BASE is set by run.sh");
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "ar" });
    const page = await context.newPage();
    await page.goto(`${base}/newsroom/`);
    assert.match(page.url(), /\/newsroom\/login/);
    assert.equal(await page.getAttribute("html", "dir"), "rtl");
    await page.fill("#email", email);
    await page.fill("#password", password);
    await page.click("button[type=submit]");
    await page.waitForURL(`${base}/newsroom/`);

    await page.click("a[href='/newsroom/articles/new']");
    const title = `وزيرة النقل تفتتح خط المترو الجديد ${Date.now() % 100000}`;
    await page.fill("#f-title", title);
    await page.fill("#f-lead", "افتتحت الوزيرة الخط الثالث بطول 22 كيلومتراً.");
    await page.fill("#f-body", "افتتحت الوزيرة صباح اليوم الخط الجديد بحضور شركة Alstom.\n\n## محطات الخط\n\nيضم الخط 14 محطة.");
    await page.fill("#f-section", "محليات");
    await page.fill("#f-tags", "النقل، المترو");
    await page.fill("#f-source_name", "صحيفة الساحل");
    await page.fill("#f-source_url", "https://alsahel.example.com/metro");
    // The live preview renders the sub-heading as the site will.
    await page.waitForSelector("#preview h2");
    assert.equal((await page.textContent("#preview h2")).trim(), "محطات الخط");
    const shots = process.env.KHABAR_E2E_SCREENSHOTS;
    if (shots) await page.screenshot({ path: `${shots}/editor-phone.png`, fullPage: true });
    await page.selectOption("#f-status", "scheduled");
    // Two minutes ahead at most; the minute field means "at the next minute".
    const due = new Date(Date.now() + 90_000);
    await page.fill("#f-publish_at", localInput(due, "Asia/Riyadh"));
    await page.click(".nr-actions button[type=submit]");
    await page.waitForURL(/\/newsroom\/articles\/\d+\?saved=1/);
    assert.equal(await page.inputValue("#f-status"), "scheduled");

    // Nobody visits the site until the article is due; then it is there.
    const reader = await browser.newContext();
    const site = await reader.newPage();
    const wait = due.getTime() - due.getSeconds() * 1000 - due.getMilliseconds() - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait + 1500));
    let found = null;
    for (let i = 0; i < 40 && !found; i++) {
      await site.goto(`${base}/`);
      found = await site.$(`a:text("${title}")`);
      if (!found) await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(found, "the scheduled article is on the home page");
    await found.click();
    await site.waitForSelector("h1");
    assert.equal((await site.textContent("h1")).trim(), title);
    assert.equal((await site.textContent(".article-body h2")).trim(), "محطات الخط");
    assert.match(await site.textContent(".source"), /صحيفة الساحل/);
  } finally {
    await browser.close();
  }
});

async function signIn(browser, viewport) {
  const context = await browser.newContext({ viewport, locale: "ar" });
  const page = await context.newPage();
  await page.goto(`${base}/newsroom/login`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click("button[type=submit]");
  await page.waitForURL(`${base}/newsroom/`);
  return { context, page };
}

test("an admin renames the site and switches to Arabic-Indic digits; readers see it at once", async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
  try {
    const { page } = await signIn(browser, { width: 1280, height: 900 });
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`${base}/`);
    const before = (await reader.textContent(".brand-name")).trim();
    assert.match(await reader.textContent(".copyright"), /20\d\d/);

    await page.click(".nr-nav a[href='/newsroom/settings']");
    await page.fill("#f-site_name", "صحيفة الواحة");
    await page.selectOption("#f-digits", "arabic_indic");
    await page.click(".nr-settings button[type=submit]");
    await page.waitForURL(/\/newsroom\/settings\?notice=saved/);
    assert.equal(await page.inputValue("#f-site_name"), "صحيفة الواحة");

    // A new reader (a returning one's browser may keep the page for
    // site.page_max_age seconds; the server itself renders anew at once).
    const fresh = await (await browser.newContext()).newPage();
    await fresh.goto(`${base}/`);
    assert.equal((await fresh.textContent(".brand-name")).trim(), "صحيفة الواحة");
    assert.match(await fresh.title(), /صحيفة الواحة/);
    assert.match(await fresh.textContent(".copyright"), /[٠-٩]{4}/, "the year in Arabic-Indic digits");
    const shots = process.env.KHABAR_E2E_SCREENSHOTS;
    if (shots) await fresh.screenshot({ path: `${shots}/home-renamed.png` });

    // Back to the configuration's values, for the other tests.
    await page.click("form[action='/newsroom/settings/reset'] button");
    await page.waitForURL(/notice=reset/);
    const later = await (await browser.newContext()).newPage();
    await later.goto(`${base}/`);
    assert.equal((await later.textContent(".brand-name")).trim(), before);
  } finally {
    await browser.close();
  }
});

test("an editor types, the autosave keeps it on the server, a reload offers it back", async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
  try {
    const { page } = await signIn(browser, { width: 390, height: 844 });
    await page.goto(`${base}/newsroom/articles/new`);
    const title = `مسودة تحفظ نفسها ${Date.now() % 100000}`;
    await page.fill("#f-title", title);
    await page.fill("#f-body", "فقرة كتبت ولم تحفظ بعد، وفيها رقم 42 واسم Siemens.");
    // The background save runs every 20 seconds while the form changes.
    const saved = await page.waitForResponse(
      (r) => r.url().startsWith(`${base}/newsroom/autosave`) && r.request().method() === "POST",
      { timeout: 45_000 },
    );
    assert.equal(saved.status(), 200);
    await page.waitForFunction(() => document.querySelector(".nr-autosave").textContent.includes("الخادم"));

    await page.reload();
    // The server's notice (the browser's own copy is not offered twice).
    await page.waitForSelector("#autosave-offer");
    assert.equal(await page.inputValue("#f-title"), "");
    assert.equal(await page.locator("p.nr-notice button").count(), 0, "no second offer from this browser");
    await page.click("#autosave-offer a");
    await page.waitForURL(/restore=autosave/);
    assert.equal(await page.inputValue("#f-title"), title);
    assert.match(await page.inputValue("#f-body"), /Siemens/);
    // Done with it: discard, so the slot is empty again.
    await page.goto(`${base}/newsroom/articles/new`);
    await page.click("#autosave-offer form button");
    await page.waitForURL(`${base}/newsroom/articles/new`);
    assert.equal(await page.locator("#autosave-offer").count(), 0);
  } finally {
    await browser.close();
  }
});
