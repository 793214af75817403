// What the browser test and tools/screenshot-workbench.sh share: the demo store made by the real
// binary, a users file made by `xunkao serve --add-user`, the real `xunkao serve` as a child on a
// loopback port the kernel picks, Debian's chromium driven by puppeteer-core (no browser is
// downloaded), the login through the form, and a small zip reader for what the workbench hands out
// (.docx, evidence packets). Every wait is bounded; the server and the browser are killed on every
// way out of the process.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {inflateRawSync} from 'node:zlib';

export const kChromium = process.env.XUNKAO_CHROMIUM || '/usr/bin/chromium';
export const kOfficer = {
  name: 'zhaolei',
  password: 'correct horse battery'
};

// Children to kill when the process ends, however it ends: a ChildProcess, or a process group
// (its leader's pid, negated) for the server under `timeout`.
const children = new Set();
function killChildren() {
  for (const child of children) {
    try {
      if (typeof child === 'number') {
        process.kill(child, 'SIGKILL');
      } else {
        child.kill('SIGKILL');
      }
    } catch {
      // gone already
    }
  }
  children.clear();
}
process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`stopped by ${signal}`);
    process.exit(1);
  });
}

// Ends the process after `seconds` whatever is going on (the children die with it).
export function exitAfter(seconds, what) {
  return setTimeout(() => {
    console.error(`FAIL: ${what} took longer than ${seconds} s`);
    process.exit(1);
  }, seconds * 1000);
}

export function fail(message) {
  throw new Error(message);
}

export function check(condition, message) {
  if (!condition) fail(message);
}

// Runs `args` of the xunkao binary to its end within `seconds`; fails with its output otherwise.
export function runXunkao(xunkao, args, {seconds, input, env} = {}) {
  const result = spawnSync(xunkao, args, {
    input,
    env: env ?? process.env,
    encoding: 'utf8',
    timeout: seconds * 1000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 << 20,
  });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-30).join('\n');
    fail(`xunkao ${args.join(' ')} failed (${result.error ?? `exit ${result.status}`}):\n${output}`);
  }
  return result.stdout;
}

// `xunkao demo DIR`: the demo archive in DIR/archive, audited into DIR/out/xunkao.db. Under
// AddressSanitizer the leaks of libx265 (which the demo's generator encodes some recordings
// with) are suppressed, as tests/media/lsan_suppressions.cc does for the test binary; the server's
// own run is not.
export function makeDemo(xunkao, folder, seconds) {
  mkdirSync(folder, {recursive: true});
  const suppressions = join(folder, 'lsan-suppressions.txt');
  writeFileSync(suppressions, 'leak:libx265.so\n');
  const lsan = [process.env.LSAN_OPTIONS, `suppressions=${suppressions}`].filter(Boolean).join(':');
  runXunkao(xunkao, ['demo', folder], {seconds, env: {...process.env, LSAN_OPTIONS: lsan}});
  const store = {db: join(folder, 'out', 'xunkao.db'), archive: join(folder, 'archive')};
  check(existsSync(store.db), `the demo wrote no store at ${store.db}`);
  return store;
}

// A users file with the officer account, through `xunkao serve --add-user` (password on stdin).
export function makeUsersFile(xunkao, file) {
  runXunkao(xunkao, ['serve', '--add-user', kOfficer.name, '--role', 'officer', '--users', file], {
    seconds: 60,
    input: `${kOfficer.password}\n`,
  });
  return file;
}

// Starts `xunkao serve` on 127.0.0.1 at a port the kernel picks (--listen 127.0.0.1:0; the
// server prints the port it got) and waits until it answers. Returns { url, stop, log }.
export async function startServer(xunkao, {db, archive, users}, seconds) {
  // `timeout` bounds the server's life even if this process is killed without a chance to clean up;
  // the two are a process group of their own, killed together.
  const serve = ['serve', '--db', db, ...(archive ? ['--archive', archive] : []), '--listen', '127.0.0.1:0'];
  const child = spawn('timeout', ['-k', '10', '3600', xunkao, ...serve, '--users', users], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const group = -child.pid;
  children.add(group);
  let log = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({code, signal})));
  const url = await new Promise((resolve, reject) => {
    const timer =
        setTimeout(() => reject(new Error(`xunkao serve did not start within ${seconds} s:\n${log}`)), seconds * 1000);
    const read = (chunk) => {
      log += chunk;
      const started = /工作台 (http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
      if (started) {
        clearTimeout(timer);
        resolve(started[1]);
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', read);
    exited.then(({code, signal}) => {
      clearTimeout(timer);
      reject(new Error(`xunkao serve ended (${code ?? signal}) before it listened:\n${log}`));
    });
  });
  // Listening: wait until it answers a page.
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      const response = await fetch(`${url}/login`, {redirect: 'manual', signal: AbortSignal.timeout(10000)});
      if (response.status === 200) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) fail(`xunkao serve at ${url} did not answer within ${seconds} s:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // SIGTERM, as an operator stops it; resolves with its exit code (killed after `grace` seconds).
  const stop = async (grace = 30) => {
    if (child.exitCode !== null || child.signalCode !== null) return await exited;
    child.kill('SIGTERM');
    const timer = setTimeout(() => process.kill(group, 'SIGKILL'), grace * 1000);
    const result = await exited;
    clearTimeout(timer);
    children.delete(group);
    return result;
  };
  return {url, stop, log: () => log};
}

// Debian's chromium, headless, through a pipe (it quits when this process goes), asking nothing
// of the network but 127.0.0.1.
export async function launchChromium({profile, width = 1280, height = 900}) {
  const {default: puppeteer} = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    executablePath: kChromium,
    headless: true,
    pipe: true,
    userDataDir: profile,
    protocolTimeout: 120000,
    defaultViewport: {width, height},
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  const chromium = browser.process();
  if (chromium) children.add(chromium);
  return browser;
}

// Opens /login, types the account into the form and sends it, as an officer does.
export async function logIn(page, url, account = kOfficer) {
  await page.goto(`${url}/`, {waitUntil: 'load'});
  check(new URL(page.url()).pathname === '/login', `/ without a session should lead to /login, got ${page.url()}`);
  await page.type('input[name="name"]', account.name);
  await page.type('input[name="password"]', account.password);
  await Promise.all([page.waitForNavigation({waitUntil: 'load'}), page.click('form[action="/login"] button')]);
  check(new URL(page.url()).pathname === '/', `after the login the dashboard should show, got ${page.url()}`);
  const who = await page.$eval('header .who', (element) => element.textContent);
  check(who.includes(`${account.name}（执法人员）`), `the header should name the officer logged in, got "${who}"`);
}

// The entries of a zip (stored or deflated, as libzip writes them): name -> Buffer.
export function readZip(bytes) {
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end -= 1;
  check(end >= 0, 'not a zip: no end of central directory');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i += 1) {
    check(bytes.readUInt32LE(at) === 0x02014b50, 'bad central directory entry');
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localHeader = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    check(bytes.readUInt32LE(localHeader) === 0x04034b50, `bad local header of ${name}`);
    const dataStart = localHeader + 30 + bytes.readUInt16LE(localHeader + 26) + bytes.readUInt16LE(localHeader + 28);
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    check(method === 0 || method === 8, `${name}: compression method ${method}`);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export function readZipFile(path) {
  return readZip(readFileSync(path));
}
