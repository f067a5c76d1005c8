"""The numbers behind each chart as a table: columns with units, the mart they come from, its CSV in the release."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # with its unit, as a reader sees it
    digits: int | None = None  # a number shown with this many decimals; None: shown as text
    link_key: str | None = None  # the row's column holding a URL for this cell
    href_key: str | None = None  # the row's column holding a page of the report for this cell


@dataclass
class Table:
    caption: str
    mart: str | None  # the release's CSV it comes from (data/<mart>.csv); None for the load log
    columns: list[Column]
    rows: list[dict]
    descriptions: dict[str, str] = field(default_factory=dict)  # column key -> the mart's description

    def describe(self, datapackage: dict) -> Table:
        """Headers get the mart's column descriptions (datapackage.json), shown on hover and to screen readers."""
        resource = next((r for r in datapackage.get("resources", []) if r["name"] == self.mart), None)
        if resource:
            fields = {f["name"]: f for f in resource["schema"]["fields"]}
            self.descriptions = {
                c.key: fields[c.key].get("description", "")
                + (f" Unit: {fields[c.key]['unit']}." if fields[c.key].get("unit") else "")
                for c in self.columns
                if c.key in fields
            }
        return self


def fmt_number(value, digits: int | None) -> str:
    """For display only: the mart's figure rounded to `digits`, thousands separated; an absent figure says so."""
    if value is None:
        return "–"
    if digits is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return f"{value:,.{digits}f}"
