// Starts what the WebKit suite needs (a virtual display and WebKitWebDriver) and stops it
// afterwards. MiniBrowser has no headless mode, so it needs Xvfb even on a server.
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import net from 'node:net';

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

async function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts Xvfb (when there is no display) and WebKitWebDriver; returns a stop function. */
export async function startWebKitServices({port = 4445} = {}) {
  const children = [];
  const env = {...process.env};
  if (!env.DISPLAY) {
    const display = ':' + (90 + Math.floor(Math.random() * 9));
    children.push(
      spawn('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
        stdio: 'ignore',
      }),
    );
    env.DISPLAY = display;
    process.env.DISPLAY = display;
    await wait(500);
  }
  if (!(await portOpen(port))) {
    if (!existsSync('/usr/bin/WebKitWebDriver')) {
      throw new Error('WebKitWebDriver is missing: apt-get install webkit2gtk-driver xvfb xauth');
    }
    children.push(spawn('WebKitWebDriver', [`--port=${port}`], {stdio: 'ignore', env}));
    for (let i = 0; i < 50 && !(await portOpen(port)); i++) await wait(100);
  }
  return () => {
    for (const child of children.reverse()) child.kill();
  };
}
