"""Latency summaries shared by every bench measurement."""
from __future__ import annotations

import numpy as np


def ms_summary(name: str, values: list[float]) -> dict[str, float | None]:
    """{name_p50, name_p95} in milliseconds, rounded; None when nothing was measured."""
    if not values:
        return {f"{name}_p50": None, f"{name}_p95": None}
    p50, p95 = np.percentile(np.asarray(values, dtype=float), [50, 95])
    return {f"{name}_p50": round(float(p50), 2), f"{name}_p95": round(float(p95), 2)}
