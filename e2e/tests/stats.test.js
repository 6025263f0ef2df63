// View counting in a real browser: reading an article raises its «مشاهدة»
// count by one within seconds, reloading does not; the signed-in editor
// then sees the day's view on the statistics page, with its chart.
//
// The test starts its own server (demo articles, an admin made with the
// CLI, flushes every 200 ms) on a free port over a temporary database and
// waits on events and deadlines, never on a fixed sleep.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { spawn, execFileSync } = require("node:child_process");
const { mkdtempSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const net = require("node:net");
const { chromium } = require("playwright-core");

const BIN = process.env.KHABAR_BIN || "../target/debug/khabar";
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const FLAGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const EMAIL = "stats-editor@example.com";
const PASSWORD = "أرقام القراء 2026";
let server, browser, base, dir;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

async function waitFor(check, what, deadlineMs = 15_000) {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "khabar-e2e-stats-"));
  const db = `sqlite://${dir}/k.db`;
  execFileSync(BIN, ["user", "add", "--database", db, "--email", EMAIL, "--name", "محررة الأرقام",
    "--role", "editor", "--password-stdin"], { input: `${PASSWORD}\n`, env: { ...process.env, RUST_LOG: "warn" } });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(BIN, ["serve", "--demo", "--listen", `127.0.0.1:${port}`, "--database", db], {
    env: { ...process.env, RUST_LOG: "warn", KHABAR_STATS__FLUSH_INTERVAL_MS: "200" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitFor(async () => {
    try { return (await fetch(`${base}/healthz`)).ok; } catch { return false; }
  }, "the server", 60_000);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill("SIGTERM");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A reader's browser. Headless Chromium names itself "HeadlessChrome",
 * which the bot filter rightly does not count; a reader's Chrome does not. */
async function readerContext() {
  const probe = await browser.newPage();
  const ua = (await probe.evaluate(() => navigator.userAgent)).replace("HeadlessChrome", "Chrome");
  await probe.close();
  return browser.newContext({ userAgent: ua, locale: "ar", viewport: { width: 390, height: 844 } });
}

test("a read counts once, a reload does not, and the editor sees it", async () => {
  const list = await (await fetch(`${base}/api/v1/articles?limit=1`)).json();
  const { id, url, title } = list.items[0];
  const views = async () => (await (await fetch(`${base}/api/v1/articles/${id}/views`)).json()).views;
  assert.equal(await views(), 0, "a fresh site");

  const reader = await readerContext();
  const page = await reader.newPage();
  const beacon = page.waitForResponse((r) => r.url().endsWith("/api/v1/hits") && r.request().method() === "POST");
  await page.goto(url);
  assert.equal((await beacon).status(), 204);
  // The page's own count refreshes a moment after the beacon.
  await page.waitForFunction(
    (id) => document.querySelector(`[data-views-for='${id}']`)?.textContent.trim() === "مشاهدة واحدة",
    id, { timeout: 10_000 });
  assert.equal(await views(), 1);

  // A reload sends a beacon again, and the count stays one.
  const again = page.waitForResponse((r) => r.url().endsWith("/api/v1/hits") && r.request().method() === "POST");
  const refreshed = page.waitForResponse((r) => r.url().endsWith(`/api/v1/articles/${id}/views`), { timeout: 10_000 });
  await page.reload();
  assert.equal((await again).status(), 204);
  await refreshed;
  assert.equal((await page.textContent(`[data-views-for='${id}']`)).trim(), "مشاهدة واحدة");
  assert.equal(await views(), 1);
  await reader.close();

  // The editor's statistics: today's view, in a chart, the article on top.
  const editor = await browser.newContext({ locale: "ar", viewport: { width: 1280, height: 900 } });
  const nr = await editor.newPage();
  await nr.goto(`${base}/newsroom/login`);
  await nr.fill("#email", EMAIL);
  await nr.fill("#password", PASSWORD);
  await nr.click("button[type=submit]");
  await nr.waitForURL(`${base}/newsroom/`);
  await nr.click("nav.nr-nav a[href='/newsroom/stats']");
  await nr.waitForURL(`${base}/newsroom/stats`);
  await nr.click(".st-ranges a[href$='range=today']");
  // Counts reach the database with the next flush (every 200 ms here).
  await waitFor(async () => {
    await nr.reload();
    return (await nr.textContent("#card-views .st-value")).trim() === "مشاهدة واحدة";
  }, "the view on the statistics page");
  assert.equal((await nr.textContent("#card-visitors .st-value")).trim(), "زائر واحد");
  assert.equal((await nr.textContent("#top-articles tbody td a")).trim(), title);
  const chart = nr.locator(".st-chart-wide svg");
  assert.ok(await chart.isVisible(), "the chart is drawn");
  assert.equal(await nr.locator(".st-chart-wide svg rect.views").count(), 1);
  const bar = await nr.locator(".st-chart-wide svg rect.views").boundingBox();
  assert.ok(bar && bar.height > 10, "today's bar has a height");
  const shots = process.env.KHABAR_E2E_SCREENSHOTS;
  if (shots) await nr.screenshot({ path: `${shots}/stats-desktop.png`, fullPage: true });

  // At phone width: the phone drawing, and no sideways scrolling.
  await nr.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/newsroom/stats?range=30", `/newsroom/stats/articles/${id}`]) {
    await nr.goto(base + path);
    assert.ok(await nr.locator(".st-chart-narrow svg").isVisible(), path);
    assert.ok(!(await nr.locator(".st-chart-wide svg").isVisible()), path);
    const overflow = await nr.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} is ${overflow} px wider than the phone`);
  }
  if (shots) await nr.screenshot({ path: `${shots}/stats-phone.png`, fullPage: true });
  await editor.close();
});
