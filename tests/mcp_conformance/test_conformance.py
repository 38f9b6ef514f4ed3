"""Conformance of todo-mcp with a client nobody here wrote: the official Python MCP SDK.

Run by scripts/test-mcp-conformance.sh, which starts the server and creates two users with personal
access tokens. Environment: MCP_URL (…/mcp), TOKEN_A and TOKEN_B (the two users' tokens).
Exits non-zero on the first failed check.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator

import httpx2
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client

URL = os.environ["MCP_URL"]
TOKEN_A = os.environ["TOKEN_A"]
TOKEN_B = os.environ["TOKEN_B"]
TOOLS = {"add_task", "list_tasks", "complete_task", "delete_task", "update_task", "list_tags"}


def check(condition: bool, what: str) -> None:
    if not condition:
        raise AssertionError(what)
    print(f"ok - {what}")


@asynccontextmanager
async def connect(token: str) -> AsyncIterator[ClientSession]:
    """An initialized session whose every request carries `Authorization: Bearer <token>`."""
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx2.AsyncClient(headers=headers, timeout=httpx2.Timeout(30.0)) as http:
        async with streamable_http_client(URL, http_client=http) as (read, write):
            async with ClientSession(read, write) as session:
                init = await session.initialize()
                check(init.server_info.name == "todo-mcp", f"initialize: server is todo-mcp ({init.protocol_version})")
                yield session


async def ok(session: ClientSession, tool: str, args: dict[str, Any]) -> dict[str, Any]:
    """Calls a tool that must succeed; checks its text content is its structured content."""
    result = await session.call_tool(tool, args)
    check(not result.is_error, f"{tool}({args}) succeeds")
    structured = result.structured_content
    check(isinstance(structured, dict), f"{tool} returns structuredContent")
    text = result.content[0].text  # type: ignore[union-attr]
    check(json.loads(text) == structured, f"{tool} text content matches structuredContent")
    return structured


async def tool_error(session: ClientSession, tool: str, args: dict[str, Any]) -> str:
    """Calls a tool that must fail with a tool error (isError), not a protocol error."""
    result = await session.call_tool(tool, args)
    message = result.content[0].text if result.content else ""  # type: ignore[union-attr]
    check(result.is_error, f"{tool}({args}) is a tool error: {message!r}")
    return message


async def unauthenticated_is_401() -> None:
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    headers = {"Accept": "application/json, text/event-stream"}
    async with httpx2.AsyncClient(timeout=10.0) as http:
        missing = await http.post(URL, json=body, headers=headers)
        check(missing.status_code == 401, "no token -> 401")
        check(missing.headers.get("www-authenticate", "").startswith("Bearer"), "401 carries WWW-Authenticate: Bearer")
        bad = await http.post(URL, json=body, headers={**headers, "Authorization": "Bearer todo_pat_nope"})
        check(bad.status_code == 401, "bad token -> 401")


async def tools_are_listed(session: ClientSession) -> None:
    tools = {t.name: t for t in (await session.list_tools()).tools}
    check(set(tools) == TOOLS, f"tools/list names the six tools: {sorted(tools)}")
    for tool in tools.values():
        check(tool.input_schema.get("type") == "object", f"{tool.name} has an object input schema")
        check(bool(tool.description), f"{tool.name} has a description")
        check(tool.annotations is not None, f"{tool.name} has annotations")
    check(tools["list_tasks"].annotations.read_only_hint is True, "list_tasks is read-only")
    check(tools["delete_task"].annotations.destructive_hint is True, "delete_task is destructive")
    check(tools["add_task"].annotations.destructive_hint is False, "add_task is not destructive")
    check("title" in tools["add_task"].input_schema.get("required", []), "add_task requires a title")
    props = tools["list_tasks"].input_schema["properties"]
    check(props["view"].get("enum") == ["all", "today", "upcoming"], "list_tasks view is an enum")
    check(props["sort"].get("enum") == ["created", "due", "priority", "title"], "list_tasks sort is an enum")
    check(props["due_before"].get("format") == "date", "list_tasks due_before is a date")
    check(props["limit"].get("maximum") == 200, "list_tasks limit is capped at 200")
    check("cursor" in props, "list_tasks takes a cursor")
    add = tools["add_task"].input_schema["properties"]
    check(add["priority"].get("enum") == ["none", "low", "medium", "high", "urgent"], "add_task priority is an enum")
    check(add["due_date"].get("format") == "date" and "pattern" in add["due_time"], "add_task due date/time formats")
    check("quick_add" in add and "recurrence" in add and "tags" in add, "add_task takes quick_add, recurrence, tags")
    check(tools["list_tags"].annotations.read_only_hint is True, "list_tags is read-only")


async def every_tool_works(a: ClientSession) -> int:
    added = await ok(a, "add_task", {"title": "Buy milk", "description": "2 litres"})
    task_id = added["task_id"]
    check(added == {"task_id": task_id, "status": "created", "title": "Buy milk"}, "add_task result shape")

    listed = await ok(a, "list_tasks", {"status": "pending"})
    check(listed["count"] == 1 and listed["tasks"][0]["task_id"] == task_id, "list_tasks finds the new task")
    check(
        listed["tasks"][0] == {"task_id": task_id, "title": "Buy milk", "description": "2 litres", "done": False},
        "list_tasks item shape",
    )

    updated = await ok(a, "update_task", {"task_id": task_id, "title": "Buy oat milk"})
    check(updated == {"task_id": task_id, "status": "updated", "title": "Buy oat milk"}, "update_task result")

    done = await ok(a, "complete_task", {"task_id": task_id})
    check(done == {"task_id": task_id, "status": "completed", "title": "Buy oat milk"}, "complete_task result")
    completed = await ok(a, "list_tasks", {"status": "completed"})
    check([t["task_id"] for t in completed["tasks"]] == [task_id], "completed task is listed as completed")

    doomed = (await ok(a, "add_task", {"title": "Temporary"}))["task_id"]
    deleted = await ok(a, "delete_task", {"task_id": doomed})
    check(deleted == {"task_id": doomed, "status": "deleted", "title": "Temporary"}, "delete_task result")
    remaining = await ok(a, "list_tasks", {})
    check([t["task_id"] for t in remaining["tasks"]] == [task_id], "deleted task is gone")
    return task_id


async def organising_and_paging(a: ClientSession) -> list[int]:
    """The issue-12 arguments: quick add, fields, repeats, filters, sorts, tags, cursor paging. Returns the ids made."""
    quick = await ok(a, "add_task", {"title": "report friday 5pm !high #work", "quick_add": True})
    check(quick["title"] == "report" and quick["priority"] == "high", "quick add takes the priority out of the title")
    check(quick["due_time"] == "17:00" and quick["tags"] == ["work"], "quick add takes the time and the tag")
    check("#work" in quick["taken"] and any(t.startswith("due ") for t in quick["taken"]), "the result says what was taken")
    standup = await ok(
        a,
        "add_task",
        {"title": "Standup", "due_date": "2026-12-01", "due_time": "09:30", "recurrence": "FREQ=DAILY", "tags": ["work"]},
    )
    check(standup["repeat"] == "every day" and standup["repeat_from"] == "due", "a repeat is saved and described")
    done = await ok(a, "complete_task", {"task_id": standup["task_id"]})
    check(done["next"]["due_time"] == "09:30" and done["next"]["done"] is False, "completing creates the next occurrence")
    again = await ok(a, "complete_task", {"task_id": standup["task_id"]})
    check(again["next"]["task_id"] == done["next"]["task_id"], "completing twice creates it once")
    moved = await ok(a, "update_task", {"task_id": quick["task_id"], "due_date": "2030-01-04", "priority": "urgent"})
    check(moved["due_date"] == "2030-01-04" and moved["priority"] == "urgent", "update_task sets fields")
    urgent = await ok(a, "list_tasks", {"priority": "urgent"})
    check([t["task_id"] for t in urgent["tasks"]] == [quick["task_id"]], "list_tasks filters by priority")
    work = await ok(a, "list_tasks", {"tag": "work", "status": "pending", "sort": "due"})
    check([t["task_id"] for t in work["tasks"]] == [done["next"]["task_id"], quick["task_id"]], "tag + status + due sort")
    found = await ok(a, "list_tasks", {"search": "rep"})
    check([t["task_id"] for t in found["tasks"]] == [quick["task_id"]], "search matches word prefixes")
    tags = await ok(a, "list_tags", {})
    check(tags["tags"] == [{"name": "work", "tasks": 3, "open": 2}], f"list_tags counts: {tags}")

    ids = [quick["task_id"], standup["task_id"], done["next"]["task_id"]]
    for i in range(5):
        ids.append((await ok(a, "add_task", {"title": f"bulk {i}"}))["task_id"])
    seen: list[int] = []
    args: dict[str, Any] = {"limit": 3, "sort": "title"}
    while True:
        page = await ok(a, "list_tasks", args)
        check(page["count"] <= 3, "a page holds at most limit tasks")
        seen += [t["task_id"] for t in page["tasks"]]
        if "next_cursor" not in page:
            break
        args["cursor"] = page["next_cursor"]
    everything = await ok(a, "list_tasks", {"sort": "title"})
    check(seen == [t["task_id"] for t in everything["tasks"]], "cursor pages: every task once, in order")
    check("200" in await tool_error(a, "list_tasks", {"limit": 500}), "limit above 200 is refused")
    check("cursor" in await tool_error(a, "list_tasks", {"cursor": "bogus"}), "a bad cursor is refused")
    check("priority" in await tool_error(a, "add_task", {"title": "x", "priority": "critical"}), "bad priority is refused")
    check("date" in await tool_error(a, "add_task", {"title": "x", "due_time": "17:00"}), "a time needs a date")
    return ids


async def bad_arguments_are_tool_errors(a: ClientSession) -> None:
    check("Title is required" in await tool_error(a, "add_task", {"title": "  "}), "blank title is refused")
    await tool_error(a, "add_task", {})
    await tool_error(a, "complete_task", {"task_id": "not-a-number"})
    await tool_error(a, "list_tasks", {"status": "someday"})
    check("not found" in await tool_error(a, "delete_task", {"task_id": 987654}), "unknown id is 'not found'")


async def other_users_cannot_touch(b: ClientSession, task_id: int) -> None:
    listed = await ok(b, "list_tasks", {})
    check(all(t["task_id"] != task_id for t in listed["tasks"]), "user B does not see A's task")
    check((await ok(b, "list_tags", {}))["tags"] == [], "user B does not see A's tags")
    check((await ok(b, "list_tasks", {"search": "milk"}))["count"] == 0, "user B's search does not find A's task")
    for tool, args in [
        ("complete_task", {"task_id": task_id}),
        ("update_task", {"task_id": task_id, "title": "hijacked"}),
        ("delete_task", {"task_id": task_id}),
    ]:
        message = await tool_error(b, tool, args)
        check("not found" in message and "oat milk" not in message, f"B's {tool} on A's task reveals nothing")


async def main() -> None:
    await unauthenticated_is_401()
    async with connect(TOKEN_A) as a:
        await tools_are_listed(a)
        task_id = await every_tool_works(a)
        await bad_arguments_are_tool_errors(a)
        organised = await organising_and_paging(a)
        for made in organised:
            await ok(a, "delete_task", {"task_id": made})
        async with connect(TOKEN_B) as b:
            await other_users_cannot_touch(b, task_id)
        after = await ok(a, "list_tasks", {})
        check(
            after["tasks"] == [{"task_id": task_id, "title": "Buy oat milk", "description": "2 litres", "done": True}],
            "A's task is untouched after B's attempts",
        )
    print("conformance: all checks passed")


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except AssertionError as e:
        print(f"FAILED: {e}", file=sys.stderr)
        sys.exit(1)
