"""The iCalendar export read back by a separate library (PyPI `icalendar`): every task is a VTODO whose UID,
SUMMARY, DESCRIPTION, STATUS, PRIORITY (RFC 5545 mapping), CATEGORIES, DUE and RRULE match the task as the REST
API shows it.

    python ical_round_trip.py BASE_URL TOKEN

Creates its own tasks (a plain one, a dated repeating one, a done one, ...) with the token, then compares.
"""

import datetime
import json
import sys
import urllib.request

from icalendar import Calendar
from icalendar.prop import vRecur

BASE, TOKEN = sys.argv[1], sys.argv[2]
# todo_transfer::export::ical_priority
PRIORITY = {"urgent": 1, "high": 3, "medium": 5, "low": 9}


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(BASE + path, data=data, method=method)
    req.add_header("Authorization", "Bearer " + TOKEN)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req) as res:
        return res.headers, res.read()


def make(body):
    _, raw = call("POST", "/api/v1/tasks", body)
    return json.loads(raw)["id"]


mine = {
    make({"title": "Plain"}),
    make({"title": "Pay rent, on time; really", "description": "Line one\nline two, with \\ and ;",
          "priority": "urgent", "due_date": "2026-12-01", "due_time": "09:30", "tags": ["home", "money, bills"],
          "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1"}),
    make({"title": "Weekly review", "priority": "medium", "due_date": "2026-12-04",
          "recurrence": "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;COUNT=10", "repeat_from": "completion"}),
    make({"title": "Low one", "priority": "low", "tags": ["later"]}),
}
finished = make({"title": "Done already", "priority": "high", "due_date": "2026-11-30"})
call("POST", f"/api/v1/tasks/{finished}/complete")
mine.add(finished)

tasks = {}
cursor = None
while True:
    _, raw = call("GET", "/api/v1/tasks?limit=200" + (f"&cursor={cursor}" if cursor else ""))
    page = json.loads(raw)
    tasks.update({t["id"]: t for t in page["items"]})
    cursor = page["next_cursor"]
    if not cursor:
        break

headers, raw = call("GET", "/api/v1/export?format=ics")
assert headers["Content-Type"].startswith("text/calendar"), headers["Content-Type"]
calendar = Calendar.from_ical(raw)
todos = {str(c["UID"]): c for c in calendar.walk("VTODO")}
assert len(todos) == len(tasks), (len(todos), len(tasks))

for task_id, task in tasks.items():
    todo = todos.pop(f"task-{task_id}@todo-app")
    assert str(todo["SUMMARY"]) == task["title"], (todo["SUMMARY"], task)
    assert str(todo.get("DESCRIPTION")) == task["description"] if task["description"] else "DESCRIPTION" not in todo
    assert str(todo["STATUS"]) == ("COMPLETED" if task["done"] else "NEEDS-ACTION"), task
    if task["done"]:
        assert isinstance(todo.decoded("COMPLETED"), datetime.datetime), task
    if task["priority"] == "none":
        assert "PRIORITY" not in todo, task
    else:
        assert int(todo["PRIORITY"]) == PRIORITY[task["priority"]], (todo["PRIORITY"], task)
    categories = [str(c) for c in todo["CATEGORIES"].cats] if "CATEGORIES" in todo else []
    assert categories == task["tags"], (categories, task)
    if task["due_date"] is None:
        assert "DUE" not in todo and "RRULE" not in todo, task
    else:
        due = todo.decoded("DUE")
        if task["due_time"] is None:
            assert due == datetime.date.fromisoformat(task["due_date"]), (due, task)
        else:
            # The user's zone is UTC here: the time is local to it.
            expected = datetime.datetime.fromisoformat(f"{task['due_date']}T{task['due_time']}")
            assert due.replace(tzinfo=None) == expected and due.utcoffset() == datetime.timedelta(0), (due, task)
        assert todo.decoded("DTSTART") == due, task
    if task["recurrence"]:
        assert todo["RRULE"] == vRecur.from_ical(task["recurrence"]), (todo["RRULE"].to_ical(), task)
    else:
        assert "RRULE" not in todo, task
    mine.discard(task_id)

assert not todos, f"VTODOs of no task: {list(todos)}"
assert not mine, f"tasks missing from the export: {mine}"
print(f"icalendar {sys.modules['icalendar'].__version__}: {len(tasks)} VTODOs match their tasks")
