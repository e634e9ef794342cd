"""The build's idea of today: the real date, or CALF_GUIDE_TODAY=YYYY-MM-DD (tests use it to pin dates)."""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    value = os.environ.get("CALF_GUIDE_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()
