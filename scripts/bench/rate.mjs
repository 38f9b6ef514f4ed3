// Open-loop, constant-rate HTTP load (what wrk2/`oha -q` do; Debian's wrk cannot limit its rate).
// Usage: node rate.mjs URL RATE_PER_S DURATION_S
// Env: BENCH_METHOD, BENCH_HEADERS ("Name: value" lines), BENCH_BODY, BENCH_CONNECTIONS (default 32).
// Requests are scheduled every 1/RATE s on keep-alive connections. Latency is measured two ways:
//   from_send      — from the moment the request was written (what wrk reports);
//   from_schedule  — from its scheduled time, so a stalled server is not hidden by the client waiting
//                    (coordinated omission corrected; includes up to ~1 ms of timer granularity).
// Prints one line: BENCH_JSON {...} (microseconds).
import http from "node:http";

const [url, rateArg, durArg] = process.argv.slice(2);
const rate = Number(rateArg);
const duration = Number(durArg);
if (!url || !(rate > 0) || !(duration > 0)) {
  console.error("usage: node rate.mjs URL RATE DURATION_S");
  process.exit(2);
}
const method = process.env.BENCH_METHOD ?? "GET";
const body = process.env.BENCH_BODY ?? null;
const headers = {};
for (const line of (process.env.BENCH_HEADERS ?? "").split("\n")) {
  const m = line.match(/^\s*([^:]+):\s*(.*?)\s*$/);
  if (m) headers[m[1]] = m[2];
}
if (body !== null) headers["Content-Length"] = Buffer.byteLength(body);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(process.env.BENCH_CONNECTIONS ?? 32) });
const target = new URL(url);

const total = Math.round(rate * duration);
const fromSend = new Float64Array(total).fill(NaN);
const fromSchedule = new Float64Array(total).fill(NaN);
let done = 0, errors = 0, sent = 0;
const now = () => Number(process.hrtime.bigint()) / 1e3; // µs
const interval = 1e6 / rate;
const start = now() + 20_000;

function fire(i, scheduled) {
  const req = http.request(
    { host: target.hostname, port: target.port, path: target.pathname + target.search, method, headers, agent },
    (res) => {
      res.on("data", () => {});
      res.on("end", () => {
        const t = now();
        if (res.statusCode >= 400) errors++;
        fromSchedule[done] = t - scheduled;
        fromSend[done] = t - sentAt;
        done++;
        if (done === total) finish();
      });
    },
  );
  let sentAt = now();
  req.on("socket", () => { sentAt = now(); });
  req.on("error", () => { errors++; fromSchedule[done] = fromSend[done] = NaN; done++; if (done === total) finish(); });
  if (body !== null) req.write(body);
  req.end();
}

function tick() {
  const t = now();
  while (sent < total && start + sent * interval <= t) {
    fire(sent, start + sent * interval);
    sent++;
  }
  if (sent < total) setTimeout(tick, Math.max(0, (start + sent * interval - now()) / 1e3 - 0.5));
}

function pct(arr, p) {
  const a = Array.from(arr).filter((x) => !Number.isNaN(x)).sort((x, y) => x - y);
  if (!a.length) return null;
  return Math.round(a[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)]);
}

function finish() {
  const elapsed = (now() - start) / 1e6;
  const out = {
    target_rate: rate, requests: total, errors, achieved_rate: Math.round(total / elapsed),
    p50_us: pct(fromSend, 50), p90_us: pct(fromSend, 90), p99_us: pct(fromSend, 99), max_us: pct(fromSend, 100),
    co_p50_us: pct(fromSchedule, 50), co_p99_us: pct(fromSchedule, 99), co_max_us: pct(fromSchedule, 100),
  };
  console.log("BENCH_JSON " + JSON.stringify(out));
  agent.destroy();
  process.exit(0);
}

setTimeout(tick, 20);
setTimeout(() => { console.error(`rate.mjs: only ${done}/${total} answered`); finish(); }, (duration + 30) * 1e3);
