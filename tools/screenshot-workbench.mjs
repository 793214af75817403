// The node half of tools/screenshot-workbench.sh: starts `xunkao serve` on the store with a
// throw-away account, logs in through the form in Debian's chromium (puppeteer-core from
// tests/browser/node_modules) and saves a PNG of each page. Sends no form but the login.
//   node tools/screenshot-workbench.mjs XUNKAO DB ARCHIVE|"" OUT_DIR WORK_DIR
import {join} from 'node:path';

import {check, exitAfter, launchChromium, logIn, makeUsersFile, startServer,} from '../tests/browser/workbench_session.mjs';

const [xunkao, db, archive, out, work] = process.argv.slice(2);
const watchdog = exitAfter(600, 'the screenshots');
let server;
let browser;
try {
  const users = makeUsersFile(xunkao, join(work, 'users'));
  server = await startServer(xunkao, {db, archive, users}, 120);
  browser = await launchChromium({profile: join(work, 'profile'), width: 1280, height: 900});
  const page = await browser.newPage();
  page.setDefaultTimeout(120000);
  page.setDefaultNavigationTimeout(120000);
  const {url} = server;
  const saved = [];
  const shoot = async (name, path, element) => {
    if (path) await page.goto(`${url}${path}`, {waitUntil: 'load'});
    // Players showing their first frame, not a spinner: the page preloads only their metadata
    // (bounded: a clip that does not load is shot as it is).
    await page.$$eval('main video', (videos) => videos.forEach((video) => {
      video.preload = 'auto';
      video.currentTime = 0.01;
    }));
    await page
        .waitForFunction(
            () => [...document.querySelectorAll('main video')].every((video) => video.readyState >= 2),
            {timeout: 15000})
        .catch(() => undefined);
    // Folded parts (a person's classes, exams and certificates) shown unfolded.
    await page.$$eval('details', (all) => all.forEach((details) => details.setAttribute('open', '')));
    const file = join(out, `${name}.png`);
    if (element) {
      await (await page.$(element)).screenshot({path: file});
    } else {
      await page.screenshot({path: file, fullPage: true});
    }
    saved.push(`${name}.png ${page.url().replace(url, '')}`);
  };
  const firstLink = (path, selector) =>
      page.goto(`${url}${path}`, {waitUntil: 'load'})
          .then(() => page.$eval(selector, (link) => link.getAttribute('href')).catch(() => null));

  await page.goto(`${url}/login`, {waitUntil: 'load'});
  await page.screenshot({path: join(out, '0-login.png')});
  saved.push('0-login.png /login');
  await logIn(page, url);
  await shoot('1-dashboard', '/');
  await shoot('2-findings', '/findings');
  // A finding with case events to show (one re-checked, else handed over, else the first).
  const finding = (await firstLink('/findings?state=rechecked_passed&all=1', 'main table a[href^="/findings/"]')) ??
      (await firstLink('/findings?state=handed_over', 'main table a[href^="/findings/"]')) ??
      (await firstLink('/findings', 'main table a[href^="/findings/"]'));
  check(finding, 'the store has no finding to show');
  await shoot('3-finding', finding);
  // A finding of a video rule, with its stills, timeline and clips (made on this first view).
  const videoFinding = (await firstLink('/findings?rule=EXM-VIDEO-GAP', 'main table a[href^="/findings/"]')) ??
      (await firstLink('/findings?rule=EXM-VIDEO-BLACK', 'main table a[href^="/findings/"]'));
  if (videoFinding) await shoot('3-video-finding', videoFinding);
  // The case forms: the part of the page from 记录处理 on.
  const forms = await page.$$('form.case');
  if (forms.length > 0) {
    const boxes = await Promise.all(forms.map((form) => form.boundingBox()));
    const top = Math.min(...boxes.map((box) => box.y)) - 48;
    const bottom = Math.max(...boxes.map((box) => box.y + box.height)) + 16;
    await page.screenshot({
      path: join(out, '4-case-forms.png'),
      clip: {x: 0, y: Math.max(0, top), width: 1280, height: bottom - Math.max(0, top)},
      captureBeyondViewport: true,
    });
    saved.push(`4-case-forms.png ${finding} (the forms)`);
  }
  await shoot('5-draws', '/draws');
  const draw = await page.$eval('main a[href^="/draws/"]', (link) => link.getAttribute('href')).catch(() => null);
  if (draw) await shoot('6-draw', draw.replace(/\/(public|verify).*$/, ''));
  // A person the finding names, else one a finding of a person rule names.
  const person = (await firstLink(finding, 'main a[href^="/people/"]')) ??
      (await firstLink('/findings?rule=TRN-ATTENDANCE-SHORT', 'main table a[href^="/findings/"]')
           .then(
               (href) => href ? firstLink(href, 'main a[href^="/people/"]') : null,
               ));
  if (person) await shoot('7-person', person);
  const documents = await firstLink(finding, 'main a[href^="/documents?institution="]');
  if (documents) await shoot('8-documents', documents);
  for (const line of saved) console.error(`  ${line}`);
  await browser.close();
  browser = undefined;
  await server.stop();
  server = undefined;
} catch (error) {
  console.error(`screenshot-workbench: ${error.stack ?? error}`);
  if (server) console.error(server.log().split('\n').slice(-20).join('\n'));
  process.exitCode = 1;
} finally {
  if (browser) await browser.close().catch(() => undefined);
  if (server) await server.stop(5).catch(() => undefined);
  clearTimeout(watchdog);
}
