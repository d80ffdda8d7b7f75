// e2e.js: sakip in a real browser. Starts `sakip serve` on a fresh demo
// database and drives Debian's Chromium through playwright-core:
//  - seed 000 (Perbaikan Data Kinerja, Perkim Kalbar): the Kepala Dinas
//    starts it from the SOP page, then each official signs in in turn and
//    does their step from the inbox, with one return (step 5 -> 4) and its
//    reason, until the Arsiparis archives it. Step 4's correction is proposed
//    through its form with an evidence file (again after the return, which
//    rejects it); the reviews and the archived case show it before -> after.
//  - seed 001 (Pengumpulan Data Kinerja, Biro Organisasi): the Karo starts
//    the collection with its deadline and requests the data; a Kepala Bagian
//    fills his unit's data form and submits it.
// Screenshots of every page go to build/e2e/ (not committed).
// Usage: node test/e2e/e2e.js build/sakip
'use strict';
const { chromium } = require('playwright-core');
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const BIN = path.resolve(process.argv[2] || 'build/sakip');
const SHOTS = path.resolve(path.dirname(BIN), 'e2e');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'sakip-e2e-'));
const DB = path.join(TMP, 'e2e.db');
const PASSWORD = 'sakip-demo';
const KEY_PASSPHRASE = 'frasa tanda tangan kadis';
let shot = 0, passed = 0;

function sakip(...args) {
  return execFileSync(BIN, ['--db', DB, ...args], { encoding: 'utf8' });
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

function check(name, cond, detail) {
  if (!cond) throw new Error(`FAIL ${name}${detail ? ': ' + detail : ''}`);
  passed++;
  console.log(`ok ${name}`);
}

async function snap(page, name) {
  shot++;
  await page.screenshot({ path: path.join(SHOTS, `${String(shot).padStart(2, '0')}-${name}.png`),
                          fullPage: true });
}

async function main() {
  fs.rmSync(SHOTS, { recursive: true, force: true }); // this run's pictures only
  fs.mkdirSync(SHOTS, { recursive: true });
  sakip('demo', '--web-password', PASSWORD);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(BIN, ['--db', DB, 'serve', '--listen', `127.0.0.1:${port}`],
                       { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr.on('data', (d) => { log += d; });
  for (let i = 0; i < 100 && !log.includes('listening'); i++)
    await new Promise((r) => setTimeout(r, 50));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  try {
    // Sign in as login in a fresh browser context, run fn, sign out.
    const as = async (login, fn) => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      page.on('console', (m) => { if (m.type() === 'error') console.log(`console: ${m.text()}`); });
      await page.goto(`${base}/masuk`);
      await page.fill('input[name=login]', login);
      await page.fill('input[name=password]', PASSWORD);
      await Promise.all([page.waitForURL('**/kotak-masuk'), page.click('button:has-text("Masuk")')]);
      await fn(page);
      await Promise.all([page.waitForURL('**/masuk'), page.click('header button:has-text("Keluar")')]);
      await context.close();
    };
    // From the inbox, open the task of this case and do it.
    const doStep = async (page, subject, step, aksi, reason) => {
      const link = page.locator(`tr:has-text("${subject}") a[href^="/tugas/"]`).first();
      check(`inbox-${step}-${aksi}`, await link.count() === 1);
      await link.click();
      await page.waitForURL('**/tugas/*');
      await snap(page, `tugas-${step}-${aksi}`);
      if (aksi === 'kembalikan')
        await page.fill('textarea[name=alasan]', reason);
      // A paraf or sign step of someone with a signing key asks for its passphrase.
      const frasa = page.locator(`form:has(input[name=aksi][value=${aksi}]) input[name=frasa]`);
      if (await frasa.count() > 0)
        await frasa.fill(KEY_PASSPHRASE);
      await Promise.all([page.waitForURL('**/kasus/*'),
                         page.click(`form:has(input[name=aksi][value=${aksi}]) button`)]);
      await snap(page, `kasus-${step}-${aksi}`);
    };

    // ---- seed 000 ----
    const subject = `Perbaikan data kinerja TW III 2026 (${Date.now()})`;
    let caseId = 0;
    await as('yosafat', async (page) => {
      await snap(page, 'kotak-masuk-kadis');
      await page.click('header a:has-text("Pustaka SOP")');
      await snap(page, 'pustaka-sop');
      await page.click('tr:has(small:text-is("perkim-kalbar-perbaikan-data")) a');
      check('sop-page-flowchart', await page.locator('figure.bagan svg').count() === 1);
      await snap(page, 'sop-000');
      await page.fill('input[name=perihal]', subject);
      await page.fill('input[name=periode]', 'TW III 2026');
      await Promise.all([page.waitForURL('**/kasus/*'), page.click('button:has-text("Mulai")')]);
      caseId = Number(page.url().split('/').pop());
      check('case-started', caseId > 0, page.url());
    });
    const flow = [[1, 'yosafat', 'selesai'], [2, 'nurhayati', 'selesai'],
                  [3, 'agustinus', 'selesai'], [4, 'dewia', 'selesai'],
                  [5, 'agustinus', 'kembalikan'], [4, 'dewia', 'selesai'],
                  [5, 'agustinus', 'setujui'], [6, 'nurhayati', 'setujui'],
                  [7, 'yosafat', 'setujui'], [8, 'nurhayati', 'selesai'],
                  [9, 'agustinus', 'selesai'], [10, 'yuliana', 'selesai']];
    const evidence = path.join(TMP, 'berita-acara.pdf');
    fs.writeFileSync(evidence, '%PDF-1.4\n% berita acara\n');
    // Step 4: the correction through its form, with its evidence file.
    let proposals = 0;
    const propose = async (page) => {
      const link = page.locator(`tr:has-text("${subject}") a[href^="/tugas/"]`).first();
      await link.click();
      await page.waitForURL('**/tugas/*');
      check(`correction-form-${proposals}`,
            await page.locator('select[name=indikator] option[value="IK-01@TW2@2026"]').count() === 1);
      await page.selectOption('select[name=indikator]', 'IK-01@TW2@2026');
      await page.fill('input[name=nilai]', '54');
      await page.fill('textarea[name=alasan]', 'Sesuai berita acara <script>');
      await page.setInputFiles('input[name=bukti]', evidence);
      await Promise.all([page.waitForURL((u) => u.hash === '#perbaikan'),
                         page.click('button:has-text("Usulkan perbaikan")')]);
      const text = await page.textContent('main');
      check(`correction-proposed-${proposals}`,
            text.includes('54') && text.includes('Sesuai berita acara <script>') &&
            text.includes('diusulkan') && await page.locator('a:text-is("berita-acara.pdf")').count() >= 1,
            text.slice(0, 400));
      await snap(page, `perbaikan-${proposals}`);
      proposals++;
    };
    for (const [step, login, aksi] of flow) {
      await as(login, async (page) => {
        if (step === 4)
          await propose(page);
        if (step === 7) {
          // The Kepala Dinas makes a signing key, then signs the correction with it.
          await page.goto(`${base}/kunci`);
          await page.fill('input[name=frasa]', KEY_PASSPHRASE);
          await page.fill('input[name=ulang]', KEY_PASSPHRASE);
          await Promise.all([page.waitForURL('**/kunci'), page.click('button:has-text("Buat kunci")')]);
          check('key-created', (await page.textContent('main')).includes('Ganti frasa sandi'));
          await snap(page, 'kunci');
        }
        await page.goto(`${base}/kotak-masuk`);
        await doStep(page, subject, step, aksi, 'Angka TW2 belum sesuai berita acara <b>');
      });
    }
    await as('yosafat', async (page) => {
      await page.goto(`${base}/kasus/${caseId}`);
      const text = await page.textContent('main');
      check('seed000-closed', text.includes('Status: selesai dan diarsipkan'), text.slice(0, 200));
      check('seed000-return-reason', text.includes('Angka TW2 belum sesuai berita acara <b>'));
      check('seed000-correction-applied', text.includes('diterapkan') && text.includes('54'));
      // The evidence downloads with the signed-in session: its bytes, type and name.
      const href = await page.locator('a:text-is("berita-acara.pdf")').first().getAttribute('href');
      const got = await page.request.get(`${base}${href}`);
      const h = got.headers();
      check('seed000-evidence-download',
            got.status() === 200 && h['content-type'] === 'application/pdf' &&
            h['content-disposition'] ===
              'attachment; filename="berita-acara.pdf"; filename*=UTF-8\'\'berita-acara.pdf',
            `${got.status()} ${JSON.stringify(h)}`);
      check('seed000-evidence-bytes', (await got.body()).equals(fs.readFileSync(evidence)));
      check('seed000-flowchart-done',
            await page.locator('figure.bagan svg .s-done').count() >= 10);
      await snap(page, 'kasus-000-arsip');
    });
    // The issued correction, sealed by the Kepala Dinas: its public verification page,
    // the address its QR code carries, open to anyone.
    const docs = JSON.parse(sakip('case', 'documents', String(caseId), '--json'));
    const list = Array.isArray(docs) ? docs : (docs.documents || []);
    const issued = list.find((d) => d.status === 'terbit');
    check('seed000-document-issued', issued !== undefined, JSON.stringify(docs).slice(0, 300));
    if (issued) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(`${base}/verifikasi/${issued.hash}`);
      const text = await page.textContent('main');
      check('verify-page-signed', text.includes('Yosafat') && text.includes('sah'),
            text.slice(0, 400));
      await snap(page, 'verifikasi');
      await context.close();
      // The issued PDF itself: `sakip verify` passes it, and names it when one byte changed.
      const out = path.join(TMP, 'dokumen');
      sakip('case', 'documents', String(caseId), '--export', out);
      const signed = fs.readdirSync(out).filter((f) => /-ttd\d+\.pdf$/.test(f)).sort().pop();
      check('seed000-issued-exported', signed !== undefined, fs.readdirSync(out).join(' '));
      if (signed) {
        const file = path.join(out, signed);
        check('verify-issued-ok', sakip('verify', file).includes('verified'));
        const bytes = fs.readFileSync(file);
        bytes[Math.floor(bytes.length / 2)] ^= 1;
        fs.writeFileSync(file, bytes);
        let verdict = '';
        try {
          sakip('verify', file);
        } catch (e) {
          verdict = `${e.status} ${e.stdout}${e.stderr}`;
        }
        check('verify-altered-named', verdict.startsWith('2 ') && verdict.includes('ALTERED'),
              verdict.slice(0, 300));
      }
    }

    // ---- seed 001 ----
    const subject1 = `Pengumpulan data kinerja TW III 2026 (${Date.now()})`;
    let case1 = 0;
    await as('rita', async (page) => {
      await page.goto(`${base}/sop`);
      await page.click('tr:has(small:text-is("biroorg-kalbar-pengumpulan-data")) a');
      await page.fill('input[name=perihal]', subject1);
      await page.fill('input[name=periode]', 'TW III 2026');
      await page.fill('input[name=batas_2]', '2026-12-31');
      await Promise.all([page.waitForURL('**/kasus/*'), page.click('button:has-text("Mulai")')]);
      case1 = Number(page.url().split('/').pop());
      await page.click('a.tombol');
      await page.waitForURL('**/tugas/*');
      await Promise.all([page.waitForURL('**/kasus/*'),
                         page.click('form:has(input[name=aksi][value=selesai]) button')]);
      await snap(page, 'kasus-001-diminta');
    });
    await as('fauzi', async (page) => {
      await page.click(`tr:has-text("${subject1}") a[href^="/tugas/"]`);
      await page.waitForURL('**/tugas/*');
      check('data-form', await page.locator('input[name="nilai_IK-09"]').count() === 1);
      await page.fill('input[name="nilai_IK-09"]', 'empat puluh');
      await page.click('button:has-text("Simpan data")');
      check('data-form-error', (await page.textContent('#galat-IK-09') || '').includes('harus angka') &&
            await page.inputValue('input[name="nilai_IK-09"]') === 'empat puluh');
      await snap(page, 'data-galat');
      await page.fill('input[name="nilai_IK-09"]', '45.2');
      await page.fill('input[name="nilai_IK-11"]', '3');
      await page.click('button:has-text("Simpan data")');
      await page.waitForLoadState();
      check('data-saved', await page.inputValue('input[name="nilai_IK-09"]') === '45.2');
      await snap(page, 'data-tersimpan');
      await Promise.all([page.waitForURL('**/kasus/*'),
                         page.click('form:has(input[name=aksi][value=selesai]) button')]);
      await snap(page, 'kasus-001-dikirim');
    });
    const rows = execFileSync('sqlite3', [DB, `SELECT count(*) FROM realisasi WHERE case_id=${case1} AND status='submitted'`], { encoding: 'utf8' }).trim();
    check('data-submitted', rows === '2', rows);
    check('audit-verify', sakip('audit', 'verify').length > 0);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
  console.log(`e2e: ${passed} passed, screenshots in ${SHOTS}`);
  fs.rmSync(TMP, { recursive: true, force: true });
}

main().catch((e) => { console.error(e.message || e); process.exit(1); });
