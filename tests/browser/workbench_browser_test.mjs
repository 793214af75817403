// The workbench in a real browser (issue #18): Debian's chromium, driven by puppeteer-core, does
// what an officer does on the demo's store through the real `xunkao serve`: logs in through the
// form, filters the findings, opens a gap finding whose page shows its stills and timeline and
// plays its clip (served by byte ranges), builds its evidence packet and downloads it, hands the finding over through
// the form, sees it among the overdue cases once its deadline is past (moved there with the form's
// correction: the server judges against the real clock), and downloads the inspection record
// (.docx) of the unit.
//
//   node tests/browser/workbench_browser_test.mjs XUNKAO_BINARY SCRATCH_DIR
//
// Exit 0 passed, 1 failed, 77 skipped (puppeteer-core not installed: tools/setup.sh runs npm ci).
// Nothing is asked of any address but 127.0.0.1.
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, 'node_modules', 'puppeteer-core'))) {
  console.log(`SKIP: puppeteer-core is not installed in ${here}/node_modules (tools/setup.sh runs npm ci there)`);
  process.exit(77);
}
const {
  check,
  exitAfter,
  fail,
  kChromium,
  launchChromium,
  logIn,
  makeDemo,
  makeUsersFile,
  readZipFile,
  startServer,
} = await import('./workbench_session.mjs');

const [xunkaoArgument, scratchArgument] = process.argv.slice(2);
if (!xunkaoArgument || !scratchArgument) {
  console.error('usage: node tests/browser/workbench_browser_test.mjs XUNKAO_BINARY SCRATCH_DIR');
  process.exit(2);
}
const xunkao = resolve(xunkaoArgument);
const scratch = resolve(scratchArgument);
check(existsSync(kChromium), `${kChromium} is not installed (tools/setup.sh installs chromium)`);

// The whole test, demo included, is bounded; ctest's TIMEOUT is above this.
const watchdog = exitAfter(1500, 'the browser test');
const started = Date.now();
const step = (what) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);

rmSync(scratch, {recursive: true, force: true});
mkdirSync(scratch, {recursive: true});

// Dates as the form takes them, days from today (UTC; the server judges in the policy's zone, so
// the days used are far enough from today for a zone's day either side not to matter).
const dayFromToday = (days) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);

// Clicks the download link `href` and waits until the browser has saved a file into `folder`
// that was not there before; returns its path and the status and type the server answered with.
async function download(page, href, folder, seconds) {
  const listed = () => (existsSync(folder) ? readdirSync(folder) : []);
  const before = new Set(listed());
  const [response] = await Promise.all([
    page.waitForResponse((answer) => new URL(answer.url()).pathname === href, {timeout: seconds * 1000}),
    page.click(`main a[href="${href}"]`),
  ]);
  const answered = {status: response.status(), type: response.headers()['content-type']};
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const files = listed().filter((name) => !before.has(name) && !name.endsWith('.crdownload'));
    if (files.length > 0) return {file: join(folder, files[0]), ...answered};
    if (Date.now() > deadline) fail(`nothing was downloaded into ${folder} within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// The count the findings list shows ("共 N 个问题").
async function listedCount(page) {
  const text = await page.$eval('main', (main) => main.textContent);
  const count = /共 (\d+) 个问题/.exec(text);
  check(count, `the findings list shows no count: ${text.slice(0, 200)}`);
  return Number(count[1]);
}

// The ids of the findings in the list on the page, with the rule of each.
async function listedFindings(page) {
  return page.$$eval(
      'main table tr',
      (rows) => rows.slice(1)
                    .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent.trim()))
                    .map((cells) => ({id: cells[0], institution: cells[1], rule: cells[2], state: cells[6]})),
  );
}

// The heading of a finding's page that says its case state ("整改闭环：…"), "" when none.
async function caseHeading(page) {
  const headings = await page.$$eval('main h2', (all) => all.map((h2) => h2.textContent));
  return headings.find((text) => text.startsWith('整改闭环')) ?? '';
}

// Fills the findings filter form (text inputs and selects by name) and sends it.
async function filterFindings(page, fields) {
  await page.goto(`${page.url().split('/findings')[0]}/findings`, {waitUntil: 'load'});
  for (const [name, value] of Object.entries(fields)) {
    const tag = await page.$eval(`form[action="/findings"] [name="${name}"]`, (element) => element.tagName);
    if (tag === 'SELECT') {
      await page.select(`form[action="/findings"] select[name="${name}"]`, value);
    } else {
      await page.type(`form[action="/findings"] input[name="${name}"]`, value);
    }
  }
  await Promise.all([page.waitForNavigation({waitUntil: 'load'}), page.click('form[action="/findings"] button')]);
}

// A form on the page: fills the fields by name (a date input takes its value as YYYY-MM-DD, which
// typing would enter in the browser's locale order) and clicks its button.
async function sendForm(page, formSelector, fields) {
  for (const [name, value] of Object.entries(fields)) {
    const field = `${formSelector} [name="${name}"]`;
    const type = await page.$eval(field, (element) => element.type);
    if (type === 'date') {
      await page.$eval(field, (element, date) => {
        element.value = date;
        element.dispatchEvent(new Event('input', {bubbles: true}));
      }, value);
    } else {
      await page.$eval(field, (element) => {
        element.value = '';
      });
      await page.type(field, String(value));
    }
  }
  await Promise.all([page.waitForNavigation({waitUntil: 'load'}), page.click(`${formSelector} button`)]);
}

let server;
let browser;
try {
  step('xunkao demo (the store to work on)');
  const store = makeDemo(xunkao, join(scratch, 'demo'), 1200);
  const users = makeUsersFile(xunkao, join(scratch, 'users'));
  step('xunkao serve');
  server = await startServer(xunkao, {...store, users}, 120);
  const {url} = server;
  step(`serving at ${url}; chromium`);

  browser = await launchChromium({profile: join(scratch, 'profile')});
  const downloads = join(scratch, 'downloads');
  const context = await browser.createBrowserContext({downloadBehavior: {policy: 'allow', downloadPath: downloads}});
  const page = await context.newPage();
  page.setDefaultTimeout(120000);
  page.setDefaultNavigationTimeout(120000);
  // Every request the pages make: only the workbench (and the packet's own files).
  const elsewhere = [];
  page.on('request', (request) => {
    const address = request.url();
    if (!address.startsWith(`${url}/`) && !address.startsWith('file://') && !address.startsWith('data:'))
      elsewhere.push(address);
  });
  const consoleErrors = [];
  page.on('pageerror', (error) => consoleErrors.push(String(error)));

  // 1. Log in through the form.
  step('log in');
  await logIn(page, url);
  const dashboard = await page.$eval('main h1', (h1) => h1.textContent);
  check(dashboard.includes('检查总览'), `the dashboard's title, got "${dashboard}"`);

  // 2. Filter the findings: all open ones, then one institution's, then one rule of those.
  step('filter the findings');
  await Promise.all([page.waitForNavigation({waitUntil: 'load'}), page.click('header a[href="/findings"]')]);
  const everyOpen = await listedCount(page);
  check(everyOpen > 50, `the demo's open findings should fill more than one page, got ${everyOpen}`);
  await filterFindings(page, {institution: 'KS01'});
  check(new URL(page.url()).searchParams.get('institution') === 'KS01', `the filter's address: ${page.url()}`);
  const atKs01 = await listedCount(page);
  const ks01Rows = await listedFindings(page);
  check(atKs01 > 0 && atKs01 < everyOpen, `KS01's open findings should be some of the ${everyOpen}, got ${atKs01}`);
  check(ks01Rows.every((row) => row.institution === 'KS01'), `every row should be KS01's: ${JSON.stringify(ks01Rows)}`);
  await filterFindings(page, {institution: 'KS01', rule: 'EXM-VIDEO-GAP'});
  const gapCount = await listedCount(page);
  const gaps = await listedFindings(page);
  check(
      gapCount === 2 && gaps.length === 2,
      `the demo has 2 EXM-VIDEO-GAP findings at KS01, the list showed ${gapCount}`);
  check(
      gaps.every((row) => row.rule === 'EXM-VIDEO-GAP' && row.institution === 'KS01'),
      `every row should be KS01's EXM-VIDEO-GAP: ${JSON.stringify(gaps)}`,
  );
  console.log(`  ${everyOpen} open findings; at KS01: ${atKs01}; of them EXM-VIDEO-GAP: ${gapCount}`);

  // 3. Open a gap finding, see its stills and timeline, play its clip on its page, build and
  // download its evidence packet.
  step('open a gap finding');
  const finding = gaps[0];
  await Promise.all([
    page.waitForNavigation({waitUntil: 'load'}),
    page.click(`main table a[href="/findings/${finding.id}"]`),
  ]);
  const findingUrl = page.url();
  check(
      (await page.$eval('main h1', (h1) => h1.textContent)) === `问题 ${finding.id}`,
      `the finding's page: ${findingUrl}`);
  check(
      (await caseHeading(page)) === '整改闭环：未处理',
      'the gap finding should be open (未处理) before the test hands it over',
  );
  // Its own page shows its video evidence, made on this first view: the stills and the coverage
  // timeline as pictures, the stream-copied clips in players.
  step('the finding\'s stills, timeline and clip on its own page');
  const pictures = await page.$$eval(
      'main figure.media img', (images) => images.map((image) => ({
                                                        src: image.getAttribute('src'),
                                                        width: image.naturalWidth,
                                                        timeline: image.classList.contains('timeline'),
                                                      })));
  check(
      pictures.some((picture) => !picture.timeline) && pictures.some((picture) => picture.timeline),
      `the gap finding's page should show stills and a timeline: ${JSON.stringify(pictures)}`);
  check(
      pictures.every((picture) => picture.width > 0 && picture.src.startsWith('/downloads/')),
      `every picture should load from the workbench: ${JSON.stringify(pictures)}`);
  const players = await page.$$eval('main video', (videos) => videos.map((video) => video.getAttribute('src')));
  check(players.length > 0, 'the gap finding\'s page should show its clips in players');
  step(`play the finding's clip on its page (${pictures.length} pictures, ${players.length} players)`);
  // Asked for from here with the browser's session (the page's CSP lets no script fetch).
  const sessionCookie = (await page.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  const answer =
      await fetch(new URL(players[0], page.url()).href, {headers: {Range: 'bytes=0-1023', Cookie: sessionCookie}});
  const clipBytes = Buffer.from(await answer.arrayBuffer());
  const clipAnswer = {
    status: answer.status,
    type: answer.headers.get('content-type'),
    size: clipBytes.length,
    box: clipBytes.subarray(4, 8).toString('latin1'),
  };
  check(
      clipAnswer.status === 206 && clipAnswer.type === 'video/mp4' && clipAnswer.size === 1024 &&
          clipAnswer.box === 'ftyp',
      `the clip should be served by byte ranges as video/mp4: ${JSON.stringify(clipAnswer)}`);
  await page.waitForFunction(() => document.querySelector('main video')?.readyState >= 2, {timeout: 60000});
  const loaded = await page.$eval('main video', (video) => ({
                                                  width: video.videoWidth,
                                                  height: video.videoHeight,
                                                  duration: video.duration,
                                                  error: video.error && video.error.message,
                                                }));
  check(
      loaded.width > 0 && loaded.height > 0 && loaded.duration > 1, `the clip should load: ${JSON.stringify(loaded)}`);
  await page.$eval('main video', (video) => {
    video.muted = true;
    return video.play();
  });
  await page.waitForFunction(() => document.querySelector('main video').currentTime > 0.5, {timeout: 60000});
  const played = await page.$eval('main video', (video) => video.currentTime);
  console.log(`  ${players[0]}: ${loaded.width}x${loaded.height}, ${loaded.duration.toFixed(1)} s, played to ${
      played.toFixed(2)} s`);

  // Its evidence packet, made with the page's form: the packet's page shows the same clips.
  step('build its evidence packet');
  await Promise.all([
    page.waitForNavigation({waitUntil: 'load'}),
    page.click(`form[action="/findings/${finding.id}/packet"] button`),
  ]);
  check(
      (await page.$eval('main h1', (h1) => h1.textContent)) === '证据包已生成', 'the packet form should make a packet');
  const packetPlayers = await page.$$eval('main video', (videos) => videos.map((video) => video.getAttribute('src')));
  check(
      packetPlayers.length === players.length,
      `the packet page should show the gap's ${players.length} clips in players, showed ${packetPlayers.length}`);

  // The packet itself downloads as a zip holding the clips.
  const packetHref = await page.$eval('main a[href^="/downloads/"]', (link) => link.getAttribute('href'));
  const packetDownload = await download(page, packetHref, downloads, 120);
  check(
      packetDownload.status === 200 && packetDownload.type === 'application/zip',
      `the packet's download: ${JSON.stringify(packetDownload)}`,
  );
  const packetZip = packetDownload.file;
  check(packetZip.endsWith('.zip'), `the packet should be saved as a .zip, got ${packetZip}`);
  const packet = readZipFile(packetZip);
  const clips = [...packet.keys()].filter((name) => /\/data\/clips\/.+\.mp4$/.test(name));
  check(
      clips.length === players.length, `the packet should hold the finding's clips: ${[...packet.keys()].join(', ')}`);

  // 4. Hand it over through the form with a deadline to come: handed over, not overdue.
  step('hand the finding over');
  await page.goto(findingUrl, {waitUntil: 'load'});
  const handover = `form[action="/findings/${finding.id}/case/handover"]`;
  const laterDeadline = dayFromToday(30);
  await sendForm(
      page, handover, {to: '衡阳市安全生产考试考核中心', doc_no: '衡应急责改〔2026〕901号', deadline: laterDeadline});
  check(page.url() === findingUrl, `after the hand-over the finding's page should show again, got ${page.url()}`);
  check(
      (await caseHeading(page)) === '整改闭环：已交办',
      'the case should be handed over (已交办)',
  );
  const timeline = await page.$eval('ol.timeline', (list) => list.textContent);
  const handoverEvent = /#(\d+) 交办/.exec(timeline);
  check(
      handoverEvent && timeline.includes(`整改期限：${laterDeadline}`) && timeline.includes('zhaolei'),
      `the timeline: ${timeline}`);
  await filterFindings(page, {state: 'overdue'});
  check(
      !(await listedFindings(page)).some((row) => row.id === finding.id),
      'a case whose deadline is to come is not overdue',
  );
  await filterFindings(page, {state: 'handed_over'});
  check((await listedFindings(page)).some((row) => row.id === finding.id), 'the case should be listed as 已交办');

  // 5. After the deadline: the server judges with the real clock and has no clock to set, so the
  // deadline is moved into the past, as an officer corrects a deadline typed wrongly (the form's
  // 更正记录编号): the case is then overdue and listed so.
  step('correct the deadline into the past; the overdue list');
  await page.goto(findingUrl, {waitUntil: 'load'});
  const pastDeadline = dayFromToday(-10);
  await sendForm(page, handover, {
    to: '衡阳市安全生产考试考核中心',
    doc_no: '衡应急责改〔2026〕901号',
    deadline: pastDeadline,
    correct: handoverEvent[1],
  });
  const stateHeading = await caseHeading(page);
  check(
      stateHeading.includes('已交办') && stateHeading.includes(`逾期未整改：整改期限 ${pastDeadline}`),
      `the finding's page should say it is overdue, got "${stateHeading}"`,
  );
  const struck = await page.$$eval('ol.timeline .corrected', (items) => items.length);
  check(struck === 1, `the corrected hand-over should be struck through (${struck})`);
  await filterFindings(page, {state: 'overdue'});
  const overdue = await listedFindings(page);
  const ours = overdue.find((row) => row.id === finding.id);
  check(
      ours && ours.state.includes('逾期'),
      `the overdue list should hold ${finding.id} marked 逾期: ${JSON.stringify(overdue)}`);
  console.log(`  overdue list: ${overdue.length} cases, ${finding.id} among them ("${ours.state}")`);

  // 6. The inspection record of the finding's unit, downloaded from its documents page.
  step('download the inspection record');
  await page.goto(findingUrl, {waitUntil: 'load'});
  await Promise.all([
    page.waitForNavigation({waitUntil: 'load'}),
    page.click(`main a[href="/documents?institution=${finding.institution}"]`),
  ]);
  await Promise.all([
    page.waitForNavigation({waitUntil: 'load'}),
    page.click('form[action="/documents"]:has(input[name="kind"][value="inspection-record"]) button'),
  ]);
  check(
      (await page.$eval('main h1', (h1) => h1.textContent)) === '现场检查记录 已生成',
      'the document form should make it');
  const docxHref = await page.$eval('main a[href$="-docx"]', (link) => link.getAttribute('href'));
  const docxDownload = await download(page, docxHref, downloads, 120);
  check(
      docxDownload.status === 200 &&
          docxDownload.type === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      `the .docx download: ${JSON.stringify(docxDownload)}`,
  );
  const docx = docxDownload.file;
  check(docx.endsWith('.docx'), `the record should be saved as a .docx, got ${docx}`);
  const docxBytes = readFileSync(docx);
  check(docxBytes.subarray(0, 2).toString() === 'PK', 'a .docx is a zip: it starts with PK');
  const parts = readZipFile(docx);
  check(parts.has('word/document.xml') && parts.has('[Content_Types].xml'), `the .docx parts: ${[...parts.keys()]}`);
  // The text a reader sees: the runs' text joined.
  const documentText = parts.get('word/document.xml').toString('utf8').replace(/<[^>]+>/g, '');
  check(
      documentText.includes('现场检查记录') &&
          documentText.includes('被检查单位：衡阳市安全生产考试考核中心（机构编码 KS01）'),
      `the record should be titled 现场检查记录 and name KS01 as the unit inspected: ${documentText.slice(0, 300)}`,
  );
  check(documentText.includes(`问题编号 ${finding.id}`), `the record should list the open finding ${finding.id}`);
  console.log(`  ${docx}: ${docxBytes.length} bytes, ${parts.size} parts`);

  check(elsewhere.length === 0, `the pages asked for addresses elsewhere: ${elsewhere.join(', ')}`);
  check(consoleErrors.length === 0, `script errors on the pages: ${consoleErrors.join('; ')}`);

  await browser.close();
  browser = undefined;
  step('stop the server');
  const stopped = await server.stop();
  server = undefined;
  check(stopped.code === 0, `xunkao serve should stop with exit 0 on SIGTERM, got ${JSON.stringify(stopped)}`);
  // Passed: the scratch folder goes (the demo's archive alone is some 200 MB); kept on failure.
  rmSync(scratch, {recursive: true, force: true});
  step('PASS');
} catch (error) {
  console.error(`FAIL: ${error.stack ?? error}`);
  if (server)
    console.error(`--- xunkao serve's log (last lines) ---\n${server.log().split('\n').slice(-40).join('\n')}`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close().catch(() => undefined);
  if (server) await server.stop(5).catch(() => undefined);
  clearTimeout(watchdog);
}
