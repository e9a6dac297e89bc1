#!/usr/bin/env python3
"""A clinic's folder of N summaries for timing `skin-intake report` (BENCHMARKS.md).

Usage: report_folder.py SKIN_INTAKE OUT [N]

Scores the four answers fixtures once with SKIN_INTAKE, then writes N summaries into OUT
from them in turn, over two years of days, each a new intake; one in five has a second version
(a sign-off), so N files hold fewer intakes, each to be counted once at its latest version.
"""
import json
import os
import subprocess
import sys
from datetime import date, timedelta

binary, out = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 20_000
root = os.path.join(os.path.dirname(__file__), "..", "..")
fixtures = ["suitable", "delay", "not_suitable", "physician_review"]
templates = [
    json.loads(
        subprocess.run(
            [binary, "score", "--today", "2026-11-24",
             os.path.join(root, "tests", "fixtures", "answers", f + ".json")],
            check=True, capture_output=True, text=True,
        ).stdout
    )
    for f in fixtures
]
os.makedirs(out, exist_ok=True)
written, n = 0, 0
while written < count:
    s = dict(templates[n % len(templates)])
    day = date(2026, 11, 24) - timedelta(days=n % 730)
    intake = f"{n:08x}-0000-4000-8000-{n:012x}"
    s.update(id=intake, intake_id=intake, version=1, supersedes=None,
             reference_date=day.isoformat(), completed_at=f"{day.isoformat()}T10:00:00+01:00")
    with open(os.path.join(out, f"{day}_{intake}.json"), "w") as f:
        json.dump(s, f)
    written += 1
    if n % 5 == 0 and written < count:
        v2 = dict(s, id=f"{intake}-v2", version=2, supersedes=intake,
                  review={"by": "KL", "decision": "approved", "note": None,
                          "at": s["completed_at"]})
        with open(os.path.join(out, f"{day}_{intake}.v002.json"), "w") as f:
            json.dump(v2, f)
        written += 1
    n += 1
