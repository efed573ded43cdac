"""What happened to each province in a national run, for the summary staff read."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class ProvinceState(StrEnum):
    COMPLETED = "completed"  # ran in this national run and finished
    FAILED = "failed"  # ran and failed (or crashed, or never finished): its reason is shown
    KEPT = "kept"  # not run this time; the register of an earlier run is merged
    MISSING = "missing"  # not run this time and no register yet


STATE_LABELS = {
    ProvinceState.COMPLETED: "Hoàn thành",
    ProvinceState.FAILED: "Lỗi",
    ProvinceState.KEPT: "Không chạy lại lần này, dùng sổ theo dõi đã có",
    ProvinceState.MISSING: "Chưa có sổ theo dõi",
}


@dataclass
class ProvinceOutcome:
    code: str
    name: str
    state: ProvinceState
    message: str = ""  # the failure's reason in Vietnamese, or what the run counted
    flow_run: str = ""  # the province's run in the Prefect UI
    rows: int = 0  # its rows in the national register
    rejected: int = 0  # its rows rejected, with their reasons, in the national register's rejects
    recognised: int = 0  # its models recognised at province level

    @property
    def merged(self) -> bool:
        return self.state in (ProvinceState.COMPLETED, ProvinceState.KEPT)

    def as_dict(self) -> dict:
        return asdict(self)


def summary_lines(outcomes: list[ProvinceOutcome], year: int) -> list[str]:
    """One line for the whole run, then one per province that did not complete, with the reason."""
    done = [o for o in outcomes if o.state == ProvinceState.COMPLETED]
    failed = [o for o in outcomes if o.state == ProvinceState.FAILED]
    rows = sum(o.rows for o in outcomes)
    merged = sum(1 for o in outcomes if o.merged)
    lines = [
        f"- Năm {year}: {len(done)}/{len(outcomes)} tỉnh, thành phố chạy xong; "
        f"sổ theo dõi toàn quốc gộp {merged} tỉnh, {rows} mô hình, điển hình."
    ]
    lines += [f"- **{o.name}** ({o.code}) — lỗi: {o.message}" for o in failed]
    lines += [
        f"- {o.name} ({o.code}): {STATE_LABELS[o.state].lower()}."
        for o in outcomes
        if o.state in (ProvinceState.KEPT, ProvinceState.MISSING)
    ]
    return lines


def failure_message(outcomes: list[ProvinceOutcome], year: int) -> str:
    """The national run's failure message when a province failed; empty when none did."""
    failed = [o for o in outcomes if o.state == ProvinceState.FAILED]
    if not failed:
        return ""
    names = "; ".join(f"{o.name}: {o.message}" for o in failed)
    return (
        f"Tổng hợp toàn quốc năm {year} chưa đủ: {len(failed)}/{len(outcomes)} tỉnh, thành phố lỗi "
        f"({names}). "
        "Các tỉnh khác đã được gộp vào sổ theo dõi toàn quốc; sửa lỗi rồi chạy lại riêng các tỉnh lỗi."
    )
