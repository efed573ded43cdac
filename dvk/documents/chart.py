"""The results report's chart: registrations by field and form, as a PNG.

Lettered in the document's serif face (Times New Roman, or Liberation Serif) when installed, with
the words the tables use ("Mô hình tập thể", "Mô hình cá nhân").
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from dvk.documents.statistics import Statistics  # noqa: E402
from dvk.documents.text_width import serif_family  # noqa: E402

_COLLECTIVE = "#1f4e79"
_INDIVIDUAL = "#c55a11"
LABELS = ("Mô hình tập thể", "Mô hình cá nhân")


def chart_figure(statistics: Statistics) -> Figure:
    """Grouped bars per field: collective and individual models registered (caller closes it)."""
    family = serif_family() or "serif"
    labels = [textwrap.fill(row.label, 16) for row in statistics.rows]
    collective = [row.collective for row in statistics.rows]
    individual = [row.individual for row in statistics.rows]
    positions = range(len(labels))
    with plt.rc_context({"font.family": family}):
        figure, axes = plt.subplots(figsize=(7.0, 3.6), dpi=200)
        width = 0.38
        left = [p - width / 2 for p in positions]
        right = [p + width / 2 for p in positions]
        bars = [
            axes.bar(left, collective, width, label=LABELS[0], color=_COLLECTIVE),
            axes.bar(right, individual, width, label=LABELS[1], color=_INDIVIDUAL),
        ]
        for group in bars:
            axes.bar_label(group, padding=2, fontsize=10)
        axes.set_xticks(list(positions), labels, fontsize=10)
        axes.set_ylabel("Số mô hình, điển hình", fontsize=10)
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.spines[["top", "right"]].set_visible(False)
        axes.margins(y=0.15)
        axes.legend(fontsize=10, frameon=False)
        figure.tight_layout()
    return figure


def registrations_chart(statistics: Statistics, path: Path) -> Path:
    figure = chart_figure(statistics)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(path)
    finally:
        plt.close(figure)
    return path
