// The comment moderation flow in a real browser, without JavaScript tricks:
// a reader leaves an Arabic comment, which waits; the e2e admin account of
// run.sh signs in to the newsroom, finds it in the queue and approves it; it
// appears under the article. Then the moderator replies and the reply shows
// with the staff badge; the reader deletes their own comment with the key
// their browser kept.
//
// The test starts its own server (every comment waits: moderation = all)
// over a temporary database with the demo articles, and creates the admin
// account there with the CLI, as run.sh does for its own server.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import net from "node:net";
import { chromium } from "playwright-core";

const BIN = process.env.KHABAR_BIN || "../target/debug/khabar";
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const EMAIL = process.env.KHABAR_E2E_EMAIL || "editor-in-chief@example.com";
const PASSWORD = process.env.KHABAR_E2E_PASSWORD || "حبر وورق 2026";
const SHOTS = process.env.KHABAR_E2E_SCREENSHOTS;
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
  dir = mkdtempSync(join(tmpdir(), "khabar-e2e-mod-"));
  const db = `sqlite://${dir}/k.db`;
  const add = spawnSync(BIN, ["user", "add", "--database", db, "--email", EMAIL,
    "--name", "رئيسة التحرير", "--role", "admin", "--password-stdin"],
  { input: `${PASSWORD}\n`, env: { ...process.env, RUST_LOG: "warn" } });
  assert.equal(add.status, 0, String(add.stderr));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(BIN, ["serve", "--demo", "--listen", `127.0.0.1:${port}`, "--database", db], {
    env: {
      ...process.env,
      RUST_LOG: "warn",
      KHABAR_COMMENTS__MODERATION: "all",
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

test("a reader comments, a moderator approves and replies, the reader deletes", async () => {
  const body = `أتابع هذا الملف منذ بدايته، شكرًا على التغطية ${Date.now() % 10000}`;
  // The reader, with JavaScript: the comment waits for review.
  const reader = await browser.newContext({ locale: "ar" });
  const rp = await reader.newPage();
  const dialogs = [];
  rp.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await rp.goto(articleUrl);
  await rp.fill("#comment-name", "سلمى الحربي");
  await rp.fill("#comment-body", body);
  await rp.click(".comment-form button[type=submit]");
  await rp.locator(".comment-status:not([hidden])").waitFor({ timeout: 15_000 });
  assert.match(await rp.locator(".comment-status").textContent(),
    /وصل تعليقك، وسيظهر بعد أن يراجعه فريق التحرير/);
  assert.equal(await rp.locator(".comment-body", { hasText: body }).count(), 0, "not shown yet");

  // The moderator, at phone width: sign in, the header counts the queue.
  const staff = await browser.newContext({ locale: "ar", viewport: { width: 390, height: 844 } });
  const sp = await staff.newPage();
  await sp.goto(`${base}/newsroom/comments`);
  assert.match(sp.url(), /\/newsroom\/login/);
  await sp.fill("#email", EMAIL);
  await sp.fill("#password", PASSWORD);
  await Promise.all([sp.waitForURL(/\/newsroom\/comments$/), sp.click("button[type=submit]")]);
  const row = sp.locator(".nr-cm", { hasText: body });
  await row.waitFor();
  assert.equal((await row.locator(".nr-cm-author").textContent()).trim(), "سلمى الحربي");
  assert.equal(await sp.getAttribute("html", "dir"), "rtl");
  const { scroll, client } = await sp.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `the queue at 390 px is ${scroll}px wide`);
  if (SHOTS) await sp.screenshot({ path: `${SHOTS}/queue-phone.png`, fullPage: true });
  await Promise.all([sp.waitForURL(/done=approve&n=1/), row.locator(".nr-cm-do-approve").click()]);
  assert.equal((await sp.locator(".nr-notice").textContent()).trim(), "نُشر تعليق واحد.");

  // It is under the article now.
  await rp.reload();
  const mine = rp.locator(".comment", { hasText: body });
  await mine.waitFor();

  // A reply from the queue's published tab, published at once as staff.
  await sp.goto(`${base}/newsroom/comments?status=approved`);
  const approved = sp.locator(".nr-cm", { hasText: body });
  await approved.locator("summary").click();
  await approved.locator("textarea").fill("شكرًا لك يا سلمى، سننشر المتابعة غدًا.");
  await Promise.all([sp.waitForURL(/done=reply/), approved.locator(".nr-cm-reply .nr-primary").click()]);
  await rp.reload();
  const reply = rp.locator(".comment-replies .comment-staff", { hasText: "سننشر المتابعة غدًا" });
  await reply.waitFor();
  assert.equal((await reply.locator(".comment-badge").textContent()).trim(), "من فريق التحرير");
  if (SHOTS) await rp.screenshot({ path: `${SHOTS}/article-comments.png`, fullPage: true });

  // The reader deletes their own comment with the key this browser kept;
  // the staff reply stays, under the line that says what happened.
  const del = mine.locator("button.comment-delete");
  await del.click();
  assert.equal((await del.textContent()).trim(), "اضغط مرة أخرى لتأكيد الحذف");
  await del.click();
  await rp.locator(".comment-deleted").waitFor({ timeout: 15_000 });
  assert.equal((await rp.locator(".comment-deleted").textContent()).trim(), "حذف صاحب التعليق تعليقه.");
  await rp.reload();
  assert.equal(await rp.locator(".comment-body", { hasText: body }).count(), 0);
  assert.equal(await rp.locator(".comment-deleted").count(), 1);
  assert.equal(await reply.count(), 1, "the reply stays");
  assert.deepEqual(dialogs, [], "no dialog boxes");

  // Staff still read what was written, under the writers' own tab.
  await sp.goto(`${base}/newsroom/comments?status=deleted`);
  await sp.locator(".nr-cm", { hasText: body }).waitFor();
  await staff.close();
  await reader.close();
});
