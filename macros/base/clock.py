"""The build's idea of today, and the date the build publishes.

today(): the real date, or CALF_GUIDE_TODAY=YYYY-MM-DD (tests use it to pin dates); review dates are checked against it.
build_date(): the date printed on the built site (the checker-testing figures, the downloadable edition): the
CALF_GUIDE_TODAY pin, else SOURCE_DATE_EPOCH (the reproducible-builds convention, which `make build` sets from the last
commit: macros/pipeline/download.py), else today. So the same commit builds the same pages on any day.
"""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    value = os.environ.get("CALF_GUIDE_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if os.environ.get("CALF_GUIDE_TODAY") or not epoch.isdigit():
        return today()
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
