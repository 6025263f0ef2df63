// Comments in a real browser: a reader posts with JavaScript on and off, and
// hostile comments never run (no dialog, no request to another host).
//
// Run by scripts/test after `cargo test`: it sets KHABAR_BIN to the built
// binary. The test starts its own server on a free port over a temporary
// database and polls /healthz with a deadline (never a fixed sleep).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import net from "node:net";
import { chromium } from "playwright-core";

const BIN = process.env.KHABAR_BIN || "../target/debug/khabar";
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
let server, browser, base, dir, articleUrl;

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

async function waitForHealth(url, deadlineMs) {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not healthy after ${deadlineMs} ms`);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "khabar-e2e-"));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(BIN, ["serve", "--demo", "--listen", `127.0.0.1:${port}`,
    "--database", `sqlite://${dir}/k.db`], {
    env: {
      ...process.env,
      RUST_LOG: "warn",
      // Publish at once and do not wait between comments: the rules
      // themselves are covered by the Rust tests.
      KHABAR_COMMENTS__MODERATION: "none",
      KHABAR_COMMENTS__MIN_SECONDS: "0",
      KHABAR_COMMENTS__MIN_INTERVAL_SECS: "0",
      KHABAR_COMMENTS__PER_HOUR: "1000",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForHealth(`${base}/healthz`, 60_000);
  const list = await (await fetch(`${base}/api/v1/articles?limit=1`)).json();
  articleUrl = list.items[0].url;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill("SIGTERM");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A page that fails the test on any dialog and records foreign requests. */
async function watchedPage(javaScriptEnabled) {
  const context = await browser.newContext({ javaScriptEnabled, locale: "ar" });
  const page = await context.newPage();
  const alarms = [];
  page.on("dialog", async (d) => {
    alarms.push(`dialog: ${d.message()}`);
    await d.dismiss();
  });
  page.on("request", (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith("data:")) {
      alarms.push(`request: ${r.url()}`);
    }
  });
  return { context, page, alarms };
}

async function fill(page, name, body) {
  await page.fill("#comment-name", name);
  await page.fill("#comment-body", body);
}

test("with JavaScript, a comment appears without a reload", async () => {
  const { context, page, alarms } = await watchedPage(true);
  await page.goto(articleUrl);
  let navigations = 0;
  page.on("framenavigated", () => navigations++);
  await fill(page, "هالة منصور", "تعليق من المتصفح مع جافاسكربت");
  await page.click(".comment-form button[type=submit]");
  const item = page.locator(".comment-body", { hasText: "تعليق من المتصفح مع جافاسكربت" });
  await item.waitFor({ timeout: 15_000 });
  assert.equal(navigations, 0, "no page load");
  assert.equal(await page.locator(".comment-status").textContent(), "نُشر تعليقك. شكرًا لمشاركتك.");
  assert.equal(await page.inputValue("#comment-body"), "");
  assert.deepEqual(alarms, []);
  await context.close();
});

test("without JavaScript, the form posts and comes back with a message", async () => {
  const { context, page, alarms } = await watchedPage(false);
  await page.goto(articleUrl);
  await fill(page, "علي", "تعليق بلا جافاسكربت");
  await Promise.all([page.waitForURL(/comment=published/), page.click(".comment-form button[type=submit]")]);
  await page.locator(".comment-body", { hasText: "تعليق بلا جافاسكربت" }).waitFor();
  assert.equal(await page.locator(".comment-message").textContent(), "نُشر تعليقك. شكرًا لمشاركتك.");
  assert.deepEqual(alarms, []);
  await context.close();
});

const PAYLOADS = [
  "<script>alert('xss-script')</script>",
  "<img src=http://evil.invalid/img.png onerror=alert('xss-img')>",
  "<svg/onload=alert('xss-svg')>",
  "\"><script>alert('xss-quote')</script>",
  "'><img src=x onerror=alert('xss-single')>",
  "<a href=\"javascript:alert('xss-href')\">اضغط</a>",
  "javascript:alert('xss-text')",
  "https://example.invalid/\"onmouseover=\"alert('xss-attr')",
  "</textarea><script>alert('xss-textarea')</script>",
  "<iframe src=\"http://evil.invalid/frame\"></iframe>",
  "<style>@import 'http://evil.invalid/x.css';</style>",
  "</script><script>alert('xss-json')</script>",
];

test("hostile comments never run, with or without JavaScript", async () => {
  for (const js of [true, false]) {
    const { context, page, alarms } = await watchedPage(js);
    for (const [i, payload] of PAYLOADS.entries()) {
      // A distinct URL each time: the browser may reuse a cached page, and
      // with it a form token this reader has already used.
      await page.goto(`${articleUrl}?n=${i}`);
      // Names are at most 60 characters: keep the payload's start.
      await fill(page, `${payload.slice(0, 50)} ${js}`, `${payload} #${i} ${js}`);
      if (js) {
        await page.click(".comment-form button[type=submit]");
        await page.locator(".comment-status:not([hidden])").waitFor({ timeout: 15_000 });
      } else {
        // Published (a redirect), or refused (the page again, with a status).
        await Promise.all([page.waitForNavigation(), page.click(".comment-form button[type=submit]")]);
        assert.ok(page.url().includes("comment=published"), `${payload}: ${page.url()}`);
      }
    }
    // Everything again, from the server-rendered page, with scripts on.
    const view = await watchedPage(true);
    await view.page.goto(articleUrl);
    await view.page.mouse.move(200, 200);
    const links = await view.page.$$eval(".comment-body a", (as) => as.map((a) => a.getAttribute("href")));
    assert.ok(links.every((h) => /^https?:\/\//.test(h)), links.join(" "));
    const shown = await view.page.locator(".comment-body").allTextContents();
    assert.ok(shown.some((t) => t.includes("<script>alert('xss-script')</script>")), "payloads shown as text");
    assert.deepEqual(alarms, [], `js=${js}`);
    assert.deepEqual(view.alarms, []);
    await view.context.close();
    await context.close();
  }
});
