// Acceptance check: an unmodified @jupyterlab/services KernelConnection talks to the server.
//
//   node kernel-connection.mjs http://127.0.0.1:8765 [timeout-ms]
//
// Loads /counter (which issues the solara-session-id cookie), connects a KernelConnection with that
// cookie, gets kernel info, opens solara.control, runs the counter app, receives the widget
// comm_opens, clicks the button and waits for the update "Clicked: 1". Prints one line per step;
// exits 0 on success, 1 with a message on failure or timeout.
import { randomUUID } from 'node:crypto';
import services from '@jupyterlab/services';
import WebSocket from 'ws';

const { KernelConnection, ServerConnection } = services;

const base = (process.argv[2] ?? '').replace(/\/+$/, '');
const timeoutMs = Number(process.argv[3] ?? 30000);
if (!/^https?:\/\//.test(base)) {
  console.error('usage: node kernel-connection.mjs <server base URL, e.g. http://127.0.0.1:8765> [timeout-ms]');
  process.exit(2);
}

let step = 'starting';
const fail = (message) => {
  console.error(`FAIL at step "${step}": ${message}`);
  process.exit(1);
};
const watchdog = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
process.on('unhandledRejection', (e) => fail(e?.stack ?? String(e)));

// Keep the library's own chatter (console.debug/warn while connecting) off stdout.
console.debug = () => {};

/** Resolves when `predicate()` becomes true, re-checked by `notify()`. */
function waitable() {
  const waiters = [];
  return {
    until(predicate, what) {
      step = what;
      if (predicate()) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
    notify() {
      for (const w of [...waiters]) {
        if (w.predicate()) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    },
  };
}

async function sessionCookie() {
  step = 'GET /counter for the session cookie';
  const response = await fetch(`${base}/counter`);
  if (response.status !== 200) fail(`GET /counter answered ${response.status}`);
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('solara-session-id='));
  if (!setCookie) fail('GET /counter set no solara-session-id cookie');
  return setCookie.split(';')[0].slice('solara-session-id='.length);
}

async function main() {
  const session = await sessionCookie();
  console.log(`session cookie issued: ${session}`);

  // The `ws` client, made to behave like a browser's WebSocket for this server: it sends the page's
  // session cookie, and it offers the subprotocols KernelConnection asks for while accepting a server
  // that selects none (browsers do; `ws` itself would reject the handshake).
  class BrowserLikeWebSocket extends WebSocket {
    constructor(url, protocols) {
      const offered = protocols === undefined ? [] : [].concat(protocols);
      const headers = { Cookie: `solara-session-id=${session}` };
      if (offered.length > 0) headers['Sec-WebSocket-Protocol'] = offered.join(', ');
      super(url, [], { headers });
    }
  }

  const wsBase = 'ws' + base.slice('http'.length);
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: `${base}/jupyter/`,
    wsUrl: `${wsBase}/jupyter/`,
    WebSocket: BrowserLikeWebSocket,
    fetch,
  });

  const kernel = new KernelConnection({
    model: { id: randomUUID(), name: 'solara' },
    serverSettings,
    clientId: randomUUID(),
    username: 'node-acceptance',
    handleComms: true,
  });

  // Widgets the kernel opens, by comm id.
  const widgets = new Map();
  const events = waitable();
  kernel.statusChanged.connect(() => events.notify());
  kernel.registerCommTarget('jupyter.widget', (comm, msg) => {
    if (msg.metadata?.version !== '2.1.0') fail(`comm_open ${comm.commId} has widget protocol version ${msg.metadata?.version}, expected 2.1.0`);
    const entry = { comm, state: { ...msg.content.data.state }, updates: [] };
    widgets.set(comm.commId, entry);
    comm.onMsg = (update) => {
      entry.updates.push(update.content.data);
      Object.assign(entry.state, update.content.data.state ?? {});
      events.notify();
    };
    events.notify();
  });

  // On connect KernelConnection itself sends kernel_info_request; `info` resolves with the reply.
  step = 'connect and kernel_info_request';
  const info = await kernel.info;
  if (info.status !== 'ok') fail(`kernel_info_reply status ${info.status}`);
  if (kernel.connectionStatus !== 'connected') fail(`connection status is ${kernel.connectionStatus}`);
  console.log(`kernel_info_reply protocol_version=${info.protocol_version} implementation=${info.implementation}`);

  step = 'open solara.control';
  const control = kernel.createComm('solara.control');
  const controlReplies = [];
  control.onMsg = (msg) => {
    controlReplies.push(msg.content.data);
    events.notify();
  };
  await control.open({}).done;
  console.log('solara.control opened');

  step = 'run counter';
  await control.send({ method: 'run', args: { path: '/counter', appName: 'counter' } }).done;
  const finished = controlReplies.find((r) => r.method === 'finished');
  if (!finished) fail(`no 'finished' from run; got ${JSON.stringify(controlReplies)}`);
  if (!widgets.has(finished.widget_id)) fail(`finished names widget ${finished.widget_id}, which was never opened`);
  const button = [...widgets.values()].find((w) => w.state._model_name === 'ButtonModel');
  if (!button) fail(`no ButtonModel among ${widgets.size} opened widgets`);
  console.log(`run finished: ${widgets.size} widgets opened, container ${finished.widget_id}, button "${button.state.description}"`);

  step = 'click';
  await button.comm.send({ method: 'custom', content: { event: 'click' } }).done;
  await events.until(() => button.state.description === 'Clicked: 1', 'update "Clicked: 1" after the click');
  console.log(`click update: ${button.state.description}`);
  await events.until(() => kernel.status === 'idle', 'kernel status idle after the click');

  kernel.dispose();
  clearTimeout(watchdog);
  console.log('PASS');
  process.exit(0);
}

main().catch((e) => fail(e?.stack ?? String(e)));
