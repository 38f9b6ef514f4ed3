"""The bounded loopback load client of scripts/test-faults.sh.

Runs N concurrent workers against the web app on 127.0.0.1 until a stop file appears or --max-seconds pass
(whichever is first), records every request (when it started and ended, how it ended), prints a one-line summary,
writes the ids of acknowledged writes (2xx) to --ids-out, and exits 1 if the mode's checks fail:

  writes    POST /api/v1/tasks with a personal access token, while the database is stopped and started. Every
            answer is 201 or 503 with Retry-After (no 500, no hang, no reset), the slowest within --max-latency;
            at least one 503 was seen (the fault happened) and writes succeeded again after the last one.
  pages     GET /?q=MARKER with a session cookie, while todo-mcp is killed: every answer is 200 and lists the task.
  shutdown  a mix of GET /, GET /api/v1/tasks and POST /api/v1/tasks while the app gets SIGTERM (the time it was
            sent is read from --signal-file at the end): every request started before the signal completes with
            2xx; those started after it may be refused (counted apart). Workers stop at the first refusal.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import sys
import time
from dataclasses import dataclass, field

import httpx

# A request that takes longer than this is a hang, and fails the run whatever the mode.
REQUEST_TIMEOUT = 15.0


@dataclass
class Outcome:
    kind: str
    started: float  # wall clock (time.time()), comparable with the shell's `date +%s.%N`
    ended: float
    latency: float  # monotonic seconds
    status: int | None = None  # None: no HTTP answer
    error: str = ""  # the transport error's class when status is None
    refused: bool = False  # the connection was refused (nothing listens)
    retry_after: str | None = None
    problem: str = ""  # what was wrong with a 2xx answer's body
    task_id: int | None = None  # the task a 201 created


@dataclass
class Run:
    outcomes: list[Outcome] = field(default_factory=list)
    acked_ids: list[int] = field(default_factory=list)


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["writes", "pages", "shutdown"])
    p.add_argument("--base", required=True, help="http://127.0.0.1:PORT (loopback only)")
    p.add_argument("--name", required=True, help="the fault's name, in the summary")
    # Credentials come from the environment, not the command line (which any local user can read in ps).
    p.add_argument("--token", default=os.environ.get("FAULTS_TOKEN"),
                   help="a personal access token (writes, shutdown); default $FAULTS_TOKEN")
    p.add_argument("--cookie", default=os.environ.get("FAULTS_COOKIE"),
                   help="NAME=VALUE of a signed-in session (pages, shutdown); default $FAULTS_COOKIE")
    p.add_argument("--marker", default="", help="one word: task pages search for it and must list it")
    p.add_argument("--concurrency", type=int, default=8)
    p.add_argument("--max-seconds", type=float, default=60.0, help="hard bound on the run")
    p.add_argument("--stop-file", required=True, help="the run ends when this file exists")
    p.add_argument("--ready-file", help="created once the first request has answered")
    p.add_argument("--max-latency", type=float, default=REQUEST_TIMEOUT, help="the slowest answer allowed, s")
    p.add_argument("--ids-out", help="where to write the ids of acknowledged writes, one per line")
    p.add_argument("--signal-file", help="shutdown: holds the time SIGTERM was sent (epoch seconds)")
    p.add_argument("--summary-out", help="where to write the summary as JSON")
    args = p.parse_args()
    host = httpx.URL(args.base).host
    if host not in ("127.0.0.1", "localhost", "::1"):
        p.error(f"--base must be a loopback address, not {host}")
    return args


def connection_refused(error: BaseException) -> bool:
    """Whether a connect failed because nothing listens (ECONNREFUSED somewhere in the exception's chain)."""
    seen: BaseException | None = error
    for _ in range(10):
        if seen is None:
            break
        if isinstance(seen, ConnectionRefusedError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


async def one(client: httpx.AsyncClient, args: argparse.Namespace, kind: str, n: int, worker: int) -> Outcome:
    """Sends one request of `kind` and says how it ended."""
    headers: dict[str, str] = {}
    if args.token:
        headers["Authorization"] = f"Bearer {args.token}"
    if kind == "page":
        headers = {"Accept": "text/html"}
        if args.cookie:
            headers["Cookie"] = args.cookie
        # A search for the marker: the page must list that task however many others were written meanwhile.
        params = {"q": args.marker} if args.marker else {}
        request = client.build_request("GET", "/", params=params, headers=headers)
    elif kind == "list":
        request = client.build_request("GET", "/api/v1/tasks", params={"limit": "20"}, headers=headers)
    else:
        title = f"{args.name} write {worker}-{n}"
        request = client.build_request("POST", "/api/v1/tasks", json={"title": title}, headers=headers)
    started, t0 = time.time(), time.monotonic()
    try:
        response = await client.send(request)
    except httpx.ConnectError as e:
        return Outcome(kind, started, time.time(), time.monotonic() - t0, error=type(e).__name__,
                       refused=connection_refused(e))
    except httpx.HTTPError as e:
        return Outcome(kind, started, time.time(), time.monotonic() - t0, error=type(e).__name__)
    outcome = Outcome(kind, started, time.time(), time.monotonic() - t0, status=response.status_code,
                      retry_after=response.headers.get("retry-after"))
    if kind == "write" and response.status_code == 201:
        try:
            task_id = response.json().get("id")
        except (ValueError, AttributeError):
            task_id = None
        if isinstance(task_id, int):
            outcome.task_id = task_id
        else:
            outcome.problem = "201 whose body is not a task with an id"
    elif kind == "page" and response.status_code == 200 and args.marker and args.marker not in response.text:
        outcome.problem = f"the task page does not list {args.marker!r}"
    return outcome


async def worker(client: httpx.AsyncClient, args: argparse.Namespace, run: Run, index: int, deadline: float,
                 kinds: list[str]) -> None:
    counter = itertools.count()
    for kind in itertools.cycle(kinds):
        if time.monotonic() >= deadline or os.path.exists(args.stop_file):
            return
        n = next(counter)
        outcome = await one(client, args, kind, n, index)
        if outcome.task_id is not None:
            run.acked_ids.append(outcome.task_id)
        run.outcomes.append(outcome)
        if args.ready_file and not os.path.exists(args.ready_file):
            open(args.ready_file, "w").close()
        if outcome.status is None and args.mode == "shutdown":
            return  # the server is going away: do not spin on refused connections
        if outcome.status is None or outcome.status >= 500:
            await asyncio.sleep(0.05)  # a short pause, as a client honouring "try again in a moment" would


def stats(outcomes: list[Outcome]) -> dict:
    latencies = sorted(o.latency for o in outcomes) or [0.0]
    by_status: dict[str, int] = {}
    for o in outcomes:
        key = str(o.status) if o.status is not None else ("refused" if o.refused else o.error)
        by_status[key] = by_status.get(key, 0) + 1
    return {
        "requests": len(outcomes),
        "2xx": sum(1 for o in outcomes if o.status is not None and 200 <= o.status < 300),
        "503": sum(1 for o in outcomes if o.status == 503),
        "other": sum(1 for o in outcomes if o.status is not None and not (200 <= o.status < 300) and o.status != 503),
        "no_answer": sum(1 for o in outcomes if o.status is None),
        "by_status": by_status,
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
        "worst_s": round(latencies[-1], 3),
    }


def check_writes(args: argparse.Namespace, run: Run, s: dict) -> list[str]:
    failures = []
    bad = [o for o in run.outcomes if o.status not in (201, 503) or o.problem]
    for o in bad[:5]:
        failures.append(f"a write answered {o.status or o.error} {o.problem}".strip())
    if len(bad) > 5:
        failures.append(f"... {len(bad) - 5} more writes answered neither 201 nor 503")
    no_retry = [o for o in run.outcomes if o.status == 503 and not o.retry_after]
    if no_retry:
        failures.append(f"{len(no_retry)} 503 answers without Retry-After")
    if s["503"] == 0:
        failures.append("no write answered 503: the database outage was not seen")
    last_503 = max((o.ended for o in run.outcomes if o.status == 503), default=None)
    after = sum(1 for o in run.outcomes if o.status == 201 and last_503 is not None and o.started > last_503)
    s["2xx_after_last_503"] = after
    if last_503 is not None and after == 0:
        failures.append("no write succeeded after the last 503: the app did not recover")
    return failures


def check_pages(args: argparse.Namespace, run: Run, s: dict) -> list[str]:
    bad = [o for o in run.outcomes if o.status != 200 or o.problem]
    failures = [f"a task page answered {o.status or o.error} {o.problem}".strip() for o in bad[:5]]
    if len(bad) > 5:
        failures.append(f"... {len(bad) - 5} more task pages failed")
    return failures


def check_shutdown(args: argparse.Namespace, run: Run, s: dict) -> list[str]:
    try:
        signalled = float(open(args.signal_file).read().strip())
    except (OSError, ValueError, TypeError):
        return [f"no signal time in {args.signal_file}: SIGTERM was not sent"]
    ok = lambda o: o.status is not None and 200 <= o.status < 300 and not o.problem  # noqa: E731
    before = [o for o in run.outcomes if o.started < signalled]
    after = [o for o in run.outcomes if o.started >= signalled]
    s["started_before_sigterm"] = len(before)
    s["in_flight_at_sigterm"] = sum(1 for o in before if o.ended > signalled)
    s["in_flight_completed_2xx"] = sum(1 for o in before if o.ended > signalled and ok(o))
    s["after_sigterm_2xx"] = sum(1 for o in after if ok(o))
    s["after_sigterm_refused"] = sum(1 for o in after if o.status is None and o.refused)
    s["after_sigterm_dropped"] = sum(1 for o in after if o.status is None and not o.refused)
    failures = [f"a request started before SIGTERM ended with {o.status or o.error} {o.problem}".strip()
                for o in before if not ok(o)][:5]
    failed_before = sum(1 for o in before if not ok(o))
    s["failed_in_flight"] = failed_before
    if failed_before > 5:
        failures.append(f"... {failed_before - 5} more requests started before SIGTERM failed")
    answered_badly = [o for o in after if o.status is not None and not ok(o)]
    if answered_badly:
        failures.append(f"{len(answered_badly)} requests after SIGTERM got an error answer "
                        f"(first: {answered_badly[0].status})")
    if s["in_flight_at_sigterm"] == 0:
        failures.append("no request was in flight when SIGTERM was sent: nothing was tested")
    return failures


async def main() -> int:
    args = parse_args()
    kinds = {"writes": ["write"], "pages": ["page"], "shutdown": ["page", "write", "list"]}[args.mode]
    limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
    timeout = httpx.Timeout(REQUEST_TIMEOUT)
    run = Run()
    deadline = time.monotonic() + args.max_seconds
    async with httpx.AsyncClient(base_url=args.base, limits=limits, timeout=timeout) as client:
        await asyncio.gather(*(worker(client, args, run, i, deadline, kinds[i % len(kinds):] + kinds[:i % len(kinds)])
                               for i in range(args.concurrency)))
    s = stats(run.outcomes)
    s["acknowledged_writes"] = len(run.acked_ids)
    checks = {"writes": check_writes, "pages": check_pages, "shutdown": check_shutdown}[args.mode]
    failures = checks(args, run, s)
    if s["requests"] == 0:
        failures.append("no request was sent")
    hangs = [o for o in run.outcomes if o.error in ("ReadTimeout", "WriteTimeout", "PoolTimeout", "ConnectTimeout")]
    if hangs:
        failures.append(f"{len(hangs)} requests hung past {REQUEST_TIMEOUT:.0f} s")
    answered = [o for o in run.outcomes if o.status is not None]
    worst = max((o.latency for o in answered), default=0.0)
    if worst > args.max_latency:
        failures.append(f"the slowest answer took {worst:.2f} s, over the {args.max_latency:.1f} s bound")
    if args.ids_out:
        with open(args.ids_out, "w") as f:
            f.writelines(f"{i}\n" for i in run.acked_ids)
    if args.summary_out:
        with open(args.summary_out, "w") as f:
            json.dump(s, f)
    extra = {k: v for k, v in s.items() if k not in ("requests", "2xx", "503", "other", "no_answer", "p50_ms",
                                                      "worst_s")}
    print(f"  {args.name}: {s['requests']} requests, {s['2xx']} 2xx, {s['503']} 503, {s['other']} other, "
          f"{s['no_answer']} without answer; latency p50 {s['p50_ms']} ms, worst {s['worst_s']} s "
          f"(bound {args.max_latency:g} s); " + ", ".join(f"{k} {v}" for k, v in extra.items()))
    for failure in failures:
        print(f"  FAIL {args.name}: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
