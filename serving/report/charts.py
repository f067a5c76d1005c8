"""Vega-Lite specs (built with Vega-Altair) for the report's charts, each with a one-sentence text alternative.

Colour-blind-safe throughout: the Okabe-Ito palette, assigned by meaning (status, scenario), never by order.
Every spec is sized to its container (width "container"), so a chart fits a phone as well as a desktop.
"""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass

import altair as alt

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
GREY = "#9A9A9A"
STATUS_COLOURS = {
    "operational": OKABE_ITO["bluish_green"],
    "under_construction": OKABE_ITO["blue"],
    "permitted": OKABE_ITO["sky_blue"],
    "announced": OKABE_ITO["orange"],
    "paused": OKABE_ITO["reddish_purple"],
    "cancelled": OKABE_ITO["black"],
    "letter_of_intent": OKABE_ITO["yellow"],
    "talks": GREY,
}
SCENARIO_COLOURS = {"low": OKABE_ITO["sky_blue"], "base": OKABE_ITO["blue"], "high": OKABE_ITO["vermillion"]}
STATUS_LEGEND = alt.Legend(labelExpr="replace(datum.label, /_/g, ' ')")  # under_construction -> under construction
ROW_STEP_PX = 22  # height per bar of a ranked chart: readable labels at any width


@dataclass(frozen=True)
class Chart:
    chart_id: str  # the element id on its page
    spec: dict  # Vega-Lite, data inline
    alt_text: str  # one sentence from the data, for screen readers and as the caption


def _title_lines(title: str, width_chars: int = 46) -> list[str]:
    """A long title on several lines: a phone's 375 px would clip it on one."""
    lines = [""]
    for word in title.split():
        if lines[-1] and len(lines[-1]) + len(word) >= width_chars:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    return lines


def _spec(chart: alt.TopLevelMixin, title: str) -> dict:
    sized = chart.properties(
        width="container",
        title=alt.TitleParams(_title_lines(title), anchor="start", fontSize=13),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )
    return (
        sized.configure_axis(labelFontSize=11, titleFontSize=12, labelLimit=160)
        .configure_legend(
            orient="bottom",
            labelFontSize=11,
            titleFontSize=12,
            columns=2,
            labelLimit=150,
        )
        .configure_view(strokeWidth=0)
        .to_dict()
    )


# A chart drawn on every country page is built and validated once per shape (Altair's validation is what takes
# time); each page's rows go into the spec's named dataset "rows".
ROWS = alt.Data(name="rows")


def _filled(template: dict, title: str, rows: list[dict]) -> dict:
    spec = copy.deepcopy(template)
    spec["title"]["text"] = _title_lines(title)
    spec["datasets"] = {"rows": rows}
    return spec


def _present(rows: list[dict], key: str = "status") -> tuple[str, ...]:
    return tuple(sorted({r[key] for r in rows}))


def _scale(colours: dict[str, str], present: list[str]) -> alt.Scale:
    domain = [key for key in colours if key in present]
    return alt.Scale(domain=domain, range=[colours[key] for key in domain])


def _fmt(value: float | None, digits: int = 0) -> str:
    return "no figure" if value is None else f"{value:,.{digits}f}"


def capacity_ranked(rows: list[dict], statuses: tuple[str, ...], limit: int = 20) -> Chart:
    """IT MW per country, stacked by status, the `limit` largest (the table lists all). rows: country_name, status, it_mw."""
    rows = [r for r in rows if r["status"] in statuses and r["it_mw"]]
    totals: dict[str, float] = {}
    for r in rows:
        totals[r["country_name"]] = totals.get(r["country_name"], 0) + r["it_mw"]
    shown = set(sorted(totals, key=lambda name: -totals[name])[:limit])
    rows = [r for r in rows if r["country_name"] in shown]
    leader = max(totals, key=totals.get) if totals else None
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("sum(it_mw):Q", title="IT capacity (MW)"),
            y=alt.Y("country_name:N", sort="-x", title=None),
            color=alt.Color(
                "status:N",
                title="Status",
                legend=STATUS_LEGEND,
                scale=_scale(STATUS_COLOURS, [r["status"] for r in rows]),
            ),
            order=alt.Order("status_order:Q"),
            tooltip=["country_name:N", "status:N", alt.Tooltip("it_mw:Q", title="IT MW", format=",.1f")],
        )
        .transform_calculate(
            status_order=" + ".join(f"(datum.status == '{s}' ? {i} : 0)" for i, s in enumerate(statuses))
        )
        .properties(height=alt.Step(ROW_STEP_PX))
    )
    alt_text = (
        f"Ranked bar chart of IT capacity in MW for the {len(shown)} largest of {len(totals)} countries, split by status; "
        f"{leader} leads with {_fmt(totals.get(leader))} MW across all statuses."
        if leader
        else "No capacity figures."
    )
    return Chart(
        "chart-capacity-ranked", _spec(chart, f"IT capacity by country and status, top {limit} (MW)"), alt_text
    )


def demand_share_ranked(rows: list[dict], limit: int = 15) -> Chart:
    """The countries whose pipeline would draw the largest share of national demand, base point on a low-high rule.
    rows: country_name, low, base, high (dc_share_of_demand_pct per scenario, the latest actual year)."""
    rows = sorted((r for r in rows if r["base"] is not None), key=lambda r: -r["base"])[:limit]
    base = alt.Chart().encode(
        y=alt.Y("country_name:N", sort=alt.EncodingSortField("base", order="descending"), title=None)
    )
    rule = base.mark_rule(strokeWidth=3, color=SCENARIO_COLOURS["low"]).encode(
        x=alt.X("low:Q", title="Share of national electricity demand (%)"),
        x2="high:Q",
        tooltip=[
            alt.Tooltip("low:Q", format=".2f"),
            alt.Tooltip("base:Q", format=".2f"),
            alt.Tooltip("high:Q", format=".2f"),
        ],
    )
    point = base.mark_point(filled=True, size=70, color=SCENARIO_COLOURS["base"]).encode(x="base:Q")
    chart = alt.layer(rule, point, data=alt.Data(values=rows)).properties(height=alt.Step(ROW_STEP_PX))
    top = rows[0] if rows else None
    alt_text = (
        f"Dot-and-range chart of the {len(rows)} countries whose AI pipeline at full build would draw the largest share "
        f"of national electricity demand; {top['country_name']} is first at {_fmt(top['base'], 2)} % in the base "
        f"scenario ({_fmt(top['low'], 2)} to {_fmt(top['high'], 2)} % from low to high)."
        if top
        else "No demand figures."
    )
    return Chart(
        "chart-demand-share", _spec(chart, "Pipeline's share of national demand, low to high scenario (%)"), alt_text
    )


def iea_comparison(rows: list[dict]) -> Chart:
    """The atlas's TWh against the IEA's, per area and year. rows: label, iea_twh, low, base, high."""
    iea = (
        alt.Chart()
        .mark_bar(color=OKABE_ITO["sky_blue"], opacity=0.8)
        .encode(
            x=alt.X("iea_twh:Q", title="Electricity (TWh per year)"),
            y=alt.Y("label:N", sort=None, title=None),
            tooltip=[
                "label:N",
                alt.Tooltip("iea_twh:Q", title="IEA TWh", format=",.1f"),
                alt.Tooltip("base:Q", title="atlas base TWh", format=",.1f"),
            ],
        )
    )
    rule = (
        alt.Chart()
        .mark_rule(strokeWidth=2, color=OKABE_ITO["black"])
        .encode(x="low:Q", x2="high:Q", y=alt.Y("label:N", sort=None))
    )
    point = (
        alt.Chart()
        .mark_point(filled=True, size=70, shape="diamond", color=OKABE_ITO["vermillion"])
        .encode(x="base:Q", y=alt.Y("label:N", sort=None))
    )
    chart = alt.layer(iea, rule, point, data=alt.Data(values=rows)).properties(height=alt.Step(ROW_STEP_PX + 4))
    world = next((r for r in rows if r["area_code"] == "world" and r["is_estimate"]), None)
    alt_text = (
        f"Bars are the IEA's data-centre electricity, diamonds the atlas's tracked AI pipeline (base scenario, line from "
        f"low to high), for {len(rows)} area-years; for the world in {world['iea_year']} the IEA estimates "
        f"{_fmt(world['iea_twh'], 1)} TWh against the atlas's {_fmt(world['base'], 1)} TWh."
        if world
        else f"Bars are the IEA's estimates, diamonds the atlas's pipeline, for {len(rows)} area-years."
    )
    return Chart(
        "chart-iea", _spec(chart, "Tracked AI pipeline against the IEA's data-centre electricity (TWh)"), alt_text
    )


@functools.cache
def _quarters_template(statuses: tuple[str, ...]) -> dict:
    chart = (
        alt.Chart(ROWS)
        .mark_bar()
        .encode(
            x=alt.X("online_quarter:O", title="Quarter online (planned or actual)", sort="ascending"),
            y=alt.Y("sum(it_mw):Q", title="IT capacity (MW)"),
            color=alt.Color(
                "status:N", title="Status", legend=STATUS_LEGEND, scale=_scale(STATUS_COLOURS, list(statuses))
            ),
            tooltip=["online_quarter:O", "status:N", alt.Tooltip("it_mw:Q", title="IT MW", format=",.1f")],
        )
        .properties(height=260)
    )
    return _spec(chart, "")


def capacity_by_quarter(rows: list[dict], country: str) -> Chart:
    """IT MW coming online per quarter, stacked by status. rows: online_quarter, status, it_mw."""
    rows = [r for r in rows if r["it_mw"]]
    quarters = sorted({r["online_quarter"] for r in rows})
    alt_text = (
        f"Stacked bar chart of {country}'s IT capacity in MW by the quarter it came or is planned to come online, "
        f"from {quarters[0]} to {quarters[-1]}, coloured by status."
        if quarters
        else f"{country} has no capacity figures."
    )
    title = f"{country}: IT capacity by quarter online and status (MW)"
    return Chart("chart-capacity-quarters", _filled(_quarters_template(_present(rows)), title, rows), alt_text)


@functools.cache
def _range_template(axis_title: str, digits: int) -> dict:
    rule = (
        alt.Chart()
        .mark_rule(strokeWidth=4, color=SCENARIO_COLOURS["low"])
        .encode(
            x=alt.X("year:O", title="Year"),
            y=alt.Y("low:Q", title=axis_title, scale=alt.Scale(zero=True)),
            y2="high:Q",
            tooltip=[
                "year:O",
                alt.Tooltip("low:Q", format=f",.{digits}f"),
                alt.Tooltip("base:Q", format=f",.{digits}f"),
                alt.Tooltip("high:Q", format=f",.{digits}f"),
            ],
        )
    )
    point = alt.Chart().mark_point(filled=True, size=90, color=SCENARIO_COLOURS["base"]).encode(x="year:O", y="base:Q")
    return _spec(alt.layer(rule, point, data=ROWS).properties(height=220), "")


def scenario_range(
    rows: list[dict], country: str, chart_id: str, title: str, axis_title: str, what: str, digits: int
) -> Chart:
    """A base point on a low-high rule per year. rows: year, low, base, high."""
    rows = [r for r in rows if r["base"] is not None]
    first = rows[0] if rows else None
    alt_text = (
        f"{country}: {what} in the base scenario is {_fmt(first['base'], digits)} in {first['year']} "
        f"({_fmt(first['low'], digits)} to {_fmt(first['high'], digits)} from the low to the high scenario); "
        f"the chart shows {len(rows)} year(s) as a dot on a low-to-high line."
        if first
        else f"{country}: no {what} figures."
    )
    return Chart(chart_id, _filled(_range_template(axis_title, digits), title, rows), alt_text)


@functools.cache
def _cost_template() -> dict:
    highlight = alt.condition("datum.is_this_country", alt.value(OKABE_ITO["vermillion"]), alt.value(GREY))
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            x=alt.X("usd_per_w_2025:Q", title="Build cost (2025 USD per W of IT load)"),
            y=alt.Y("country_name:N", sort="-x", title=None),
            color=highlight,
            tooltip=["country_name:N", alt.Tooltip("usd_per_w_2025:Q", format=".2f"), "cost_year:O", "markets:N"],
        )
    )
    spread = (
        alt.Chart()
        .mark_rule(color=OKABE_ITO["black"])
        .encode(x="usd_per_w_2025_min:Q", x2="usd_per_w_2025_max:Q", y=alt.Y("country_name:N", sort="-x"))
    )
    return _spec(alt.layer(bars, spread, data=ROWS).properties(height=alt.Step(ROW_STEP_PX)), "")


def cost_against_markets(rows: list[dict], iso3: str, country: str) -> Chart:
    """Each indexed country's latest build cost, USD per W (2025), this one highlighted; min-max of its markets."""
    rows = [{**r, "is_this_country": r["country_iso3"] == iso3} for r in rows]
    own = next((r for r in rows if r["is_this_country"]), None)
    rank = [r["country_iso3"] for r in sorted(rows, key=lambda r: -r["usd_per_w_2025"])]
    alt_text = (
        f"Bar chart of the latest build cost per watt in {len(rows)} countries of the cost index; {country} "
        f"(highlighted) costs {_fmt(own['usd_per_w_2025'], 2)} 2025 USD per W, rank {rank.index(iso3) + 1} of {len(rows)} "
        f"from the dearest."
        if own
        else f"Bar chart of the latest build cost per watt in {len(rows)} countries of the cost index; {country} has no "
        f"market in the index."
    )
    title = "Build cost per watt against other markets (2025 USD/W)"
    return Chart("chart-cost", _filled(_cost_template(), title, rows), alt_text)


@functools.cache
def _timeline_template(statuses: tuple[str, ...]) -> dict:
    y = alt.Y("label:N", sort=None, title=None)
    span = (
        alt.Chart()
        .mark_rule(color=GREY, strokeWidth=2)
        .encode(
            x=alt.X(
                "first_reported_on:T",
                title="Date (first report to latest planned online date)",
                axis=alt.Axis(labelAngle=-40, labelOverlap="greedy"),
            ),
            x2="latest_online_on:T",
            y=y,
        )
    )
    slip = (
        alt.Chart()
        .mark_rule(color=OKABE_ITO["vermillion"], strokeWidth=6)
        .encode(x="first_online_on:T", x2="slip_end:T", y=y)
        .transform_filter("datum.slippage_days > 0")
    )
    overdue = (
        alt.Chart()
        .mark_rule(color=OKABE_ITO["vermillion"], strokeWidth=3, strokeDash=[4, 3])
        .encode(x="overdue_from:T", x2="overdue_to:T", y=y)
        .transform_filter("datum.overdue_days > 0")
    )
    first = (
        alt.Chart()
        .mark_point(shape="circle", filled=False, size=60, color=OKABE_ITO["black"])
        .encode(
            x="first_online_on:T",
            y=y,
            tooltip=["label:N", "first_online_on:T", "latest_online_on:T", "slippage_days:Q", "overdue_days:Q"],
        )
    )
    latest = (
        alt.Chart()
        .mark_point(shape="diamond", filled=True, size=90)
        .encode(
            x="latest_online_on:T",
            y=y,
            color=alt.Color(
                "status:N", title="Status", legend=STATUS_LEGEND, scale=_scale(STATUS_COLOURS, list(statuses))
            ),
            tooltip=["label:N", "status:N", "latest_online_on:T"],
        )
    )
    chart = alt.layer(span, slip, overdue, first, latest, data=ROWS).properties(height=alt.Step(ROW_STEP_PX + 2))
    return _spec(chart, "")


def project_timeline(rows: list[dict], chart_id: str, subject: str) -> Chart:
    """Each phase from its first report to its latest planned online date; slips and overdue periods in vermillion.
    rows: label, status, first_reported_on, first_online_on, latest_online_on, slip_end, overdue_from, overdue_to."""
    rows = [r for r in rows if r["latest_online_on"] or r["first_reported_on"]]
    slipped = [r["label"] for r in rows if (r["slippage_days"] or 0) > 0 or (r["overdue_days"] or 0) > 0]
    alt_text = (
        f"Timeline of {len(rows)} {subject} phases from their first report to their latest planned online date; "
        f"{len(slipped)} slipped or are overdue (thick or dashed vermillion): {', '.join(slipped) or 'none'}."
    )
    title = f"Timeline of {subject} phases: first report to latest planned online date"
    return Chart(chart_id, _filled(_timeline_template(_present(rows)), title, rows), alt_text)


def envelope(rows: list[dict], envelopes: dict[str, float]) -> Chart:
    """Committed capex, stacked by country, against the programme's envelopes (USD bn). rows: country_name, capex."""
    rows = [r for r in rows if r["capex_committed_usd_bn_2025"]]
    names = [r["country_name"] for r in rows]
    palette = [
        OKABE_ITO[k]
        for k in ("blue", "orange", "bluish_green", "reddish_purple", "sky_blue", "vermillion", "yellow", "black")
    ]
    bars = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(height=36)
        .encode(
            x=alt.X(
                "capex_committed_usd_bn_2025:Q",
                title="Capex committed (billions of 2025 USD)",
                stack="zero",
                scale=alt.Scale(domain=[0, max(envelopes.values()) * 1.05]),
            ),
            color=alt.Color(
                "country_name:N", title="Country", scale=alt.Scale(domain=names, range=palette[: len(names)] or palette)
            ),
            tooltip=["country_name:N", alt.Tooltip("capex_committed_usd_bn_2025:Q", format=",.1f")],
        )
    )
    lines = [{"envelope": label, "usd_bn": value} for label, value in envelopes.items()]
    rules = (
        alt.Chart(alt.Data(values=lines))
        .mark_rule(color=OKABE_ITO["black"], strokeDash=[6, 3], strokeWidth=2)
        .encode(x="usd_bn:Q")
    )
    labels = (
        alt.Chart(alt.Data(values=lines))
        .mark_text(align="right", dx=-4, dy=-30, fontSize=11)
        .encode(x="usd_bn:Q", text="envelope:N")
    )
    chart = alt.layer(bars, rules, labels).properties(height=90)
    total = sum(r["capex_committed_usd_bn_2025"] for r in rows)
    alt_text = (
        f"Bar of the programme's committed capex, {_fmt(total, 1)} billion 2025 USD over {len(rows)} countries, "
        f"against dashed lines at the envelopes of "
        + " and ".join(f"{_fmt(v)} bn ({k})" for k, v in envelopes.items())
        + "."
    )
    return Chart("chart-envelope", _spec(chart, "Committed capex against the programme's envelope (USD bn)"), alt_text)


def feed_rows(rows: list[dict]) -> Chart:
    """Rows loaded and quarantined per feed, latest attempt. rows: feed, rows_loaded, rows_quarantined."""
    long = [
        {"feed": r["feed"], "outcome": outcome, "rows": r[column] or 0}
        for r in rows
        for outcome, column in (("loaded", "rows_loaded"), ("quarantined", "rows_quarantined"))
    ]
    colours = {"loaded": OKABE_ITO["bluish_green"], "quarantined": OKABE_ITO["vermillion"]}
    chart = (
        alt.Chart(alt.Data(values=long))
        .mark_bar()
        .encode(
            x=alt.X("rows:Q", title="Rows of the latest file (count, log scale)", scale=alt.Scale(type="symlog")),
            y=alt.Y("feed:N", title=None),
            color=alt.Color("outcome:N", title="Rows", scale=_scale(colours, list(colours))),
            yOffset="outcome:N",
            tooltip=["feed:N", "outcome:N", "rows:Q"],
        )
        .properties(height=alt.Step(12))
    )
    quarantined = sum(r["rows_quarantined"] or 0 for r in rows)
    alt_text = (
        f"Bar chart of the rows each of {len(rows)} feeds loaded and quarantined from its latest file; "
        f"{quarantined:,} rows quarantined in all."
    )
    return Chart("chart-feed-rows", _spec(chart, "Rows loaded and quarantined per feed (count)"), alt_text)
