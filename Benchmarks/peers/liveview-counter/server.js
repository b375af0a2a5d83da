"use strict";
// The counter sample rebuilt on LiveViewJS (a stateful LiveView per page over one WebSocket, the
// Phoenix LiveView design) so the benchmark suite can drive it with the same browser pages as the
// Solara.Orleans counter. Usage: node --expose-gc server.js [port]  (default 4001)
// GET /_bench/memory reports the process memory after a full collection (with --expose-gc), CPU time
// and open sockets, with the same field names as the .NET server's benchmark endpoint.
const http = require("node:http");
const path = require("node:path");
const crypto = require("node:crypto");
const express = require("express");
const session = require("express-session");
const { WebSocketServer } = require("ws");
const { NodeExpressLiveViewServer } = require("@liveviewjs/express");
const { createLiveView, html } = require("liveviewjs");

const port = Number(process.argv[2] ?? process.env.PORT ?? 4001);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`port '${process.argv[2] ?? process.env.PORT}' is not a port number (1-65535)`);
  process.exit(2);
}

const counter = createLiveView({
  mount: (socket) => socket.assign({ clicks: 0 }),
  handleEvent: (event, socket) => {
    if (event.type === "click") socket.assign({ clicks: socket.context.clicks + 1 });
  },
  render: (context) => html`<button id="counter" phx-click="click">Clicked: ${context.clicks}</button>`,
});

const pageTemplate = (title, csrfToken, content) => html`<!DOCTYPE html>
<html>
  <head>
    <meta name="csrf-token" content="${csrfToken}" />
    <title>${title.title}</title>
    <script src="/js/phoenix.min.js"></script>
    <script src="/js/phoenix_live_view.min.js"></script>
    <script>
      window.addEventListener("DOMContentLoaded", () => {
        const token = document.querySelector("meta[name='csrf-token']").getAttribute("content");
        const liveSocket = new LiveView.LiveSocket("/live", Phoenix.Socket, { params: { _csrf_token: token } });
        liveSocket.connect();
      });
    </script>
  </head>
  <body>${content}</body>
</html>`;

const secret = crypto.randomBytes(32).toString("hex");
const liveServer = new NodeExpressLiveViewServer(
  { "/counter": counter },
  pageTemplate,
  { title: "Counter" },
  { serDeSigningSecret: secret },
);

const app = express();
for (const name of ["phoenix", "phoenix_live_view"])
  app.use("/js", express.static(path.join(__dirname, "node_modules", name, "priv", "static")));
app.use(session({ secret, resave: false, saveUninitialized: true }));

const sockets = new WebSocketServer({ noServer: true });
app.get("/_bench/memory", (_req, res) => {
  if (global.gc) {
    global.gc();
    global.gc();
  }
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  res.json({ rss: memory.rss, heapUsed: memory.heapUsed, cpuSeconds: (cpu.user + cpu.system) / 1e6, fullGc: Boolean(global.gc), sockets: sockets.clients.size });
});
app.use(liveServer.httpMiddleware());

const server = http.createServer(app);
liveServer.wsMiddleware()(sockets);
server.on("upgrade", (request, socket, head) => {
  sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit("connection", ws, request));
});
server.listen(port, "127.0.0.1", () => console.log(`liveview-counter listening on http://127.0.0.1:${port}/counter`));
