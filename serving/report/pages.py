"""Each page's charts, tables and key figures, shaped from the marts' rows (reshaped, never recomputed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from serving.release_files import DATA_DIR
from serving.report import charts
from serving.report.data import CAPACITY_STATUSES, Figures
from serving.report.tables import Column, Table

SCENARIOS = ("low", "base", "high")
CAPACITY_SOURCES = {"epoch_data_center": "epoch__data_centers", "epoch_gpu_cluster": "epoch__gpu_clusters"}


@dataclass
class Section:
    heading: str
    chart: charts.Chart | None
    tables: list[Table]
    note: str = ""


@dataclass
class Page:
    path: str  # relative to the site's root
    title: str
    sections: list[Section]
    key_figures: list[dict] = field(default_factory=list)  # id, label, value (the mart's), digits, unit
    extra: dict = field(default_factory=dict)


def _by_scenario(rows: list[dict], keys: tuple[str, ...], value: str) -> list[dict]:
    """One row per `keys` with the low / base / high values of `value` side by side."""
    out: dict[tuple, dict] = {}
    for r in rows:
        row = out.setdefault(tuple(r[k] for k in keys), {k: r[k] for k in keys})
        row[r["scenario"]] = r[value]
    return list(out.values())


def _status_columns(statuses) -> list[Column]:
    return [Column(s, f"{s.replace('_', ' ')} (IT MW)", 1) for s in statuses]


def capacity_pivot(rows: list[dict]) -> list[dict]:
    """country -> it_mw per status (the saved question's sums), largest first by it_mw over these statuses."""
    pivot: dict[str, dict] = {}
    for r in rows:
        if r["status"] in CAPACITY_STATUSES:
            row = pivot.setdefault(
                r["country_iso3"],
                {
                    "country_iso3": r["country_iso3"],
                    "country_name": r["country_name"],
                    "page": f"country/{r['country_iso3']}.html",
                },
            )
            row[r["status"]] = r["it_mw"]
    order = {iso3: sum(v for s, v in row.items() if s in CAPACITY_STATUSES and v) for iso3, row in pivot.items()}
    return sorted(pivot.values(), key=lambda row: -order[row["country_iso3"]])


def latest_actual_share(energy: list[dict]) -> list[dict]:
    actual = [r for r in energy if not r["is_projected_demand"]]
    return _by_scenario(actual, ("country_iso3", "country_name", "year"), "dc_share_of_demand_pct")


def overview(figures: Figures, feeds: list[dict]) -> Page:
    capacity = capacity_pivot(figures["capacity_by_status"])
    shares = sorted(latest_actual_share(figures["energy"]), key=lambda r: -(r["base"] or 0))
    for row in shares:
        row["page"] = f"country/{row['country_iso3']}.html"
    iea = iea_rows(figures["iea"])
    present = [s for s in CAPACITY_STATUSES if any(s in row for row in capacity)]
    country = Column("country_name", "Country", href_key="page")
    return Page(
        "index.html",
        "Capacity Atlas: the AI data-centre buildout at a glance",
        [
            Section(
                "Capacity by country and status",
                charts.capacity_ranked(figures["capacity_by_status"], CAPACITY_STATUSES),
                [
                    Table(
                        "IT capacity per country and status, all online quarters (MW)",
                        "mart_country_capacity",
                        [country, *_status_columns(present)],
                        capacity,
                    )
                ],
                note="Talks and letters of intent are never capacity and are left out; it_mw is the full build as announced.",
            ),
            Section(
                "Against the IEA's estimates",
                charts.iea_comparison(iea),
                [
                    Table(
                        "The atlas's pipeline against the IEA (TWh per year)",
                        "mart_dc_electricity_vs_iea",
                        [
                            Column("label", "Area and year"),
                            Column("basis", "Basis"),
                            Column("iea_twh", "IEA (TWh)", 1),
                            Column("low", "atlas low (TWh)", 1),
                            Column("base", "atlas base (TWh)", 1),
                            Column("high", "atlas high (TWh)", 1),
                            Column("base_share", "atlas base as % of IEA", 1),
                        ],
                        iea,
                    )
                ],
            ),
            Section(
                "Share of national demand",
                charts.demand_share_ranked(shares),
                [
                    Table(
                        "Pipeline at full build as a share of national demand, latest actual year (%)",
                        "mart_country_energy",
                        [country, Column("year", "Demand year"), *[Column(s, f"{s} (%)", 2) for s in SCENARIOS]],
                        shares,
                    )
                ],
            ),
            Section("The date of each feed's data", None, [feed_table(feeds, "Each feed's last good file")]),
        ],
        extra={"sources": [{"what": f["feed"], "url": f["url"]} for f in feeds]},
    )


def iea_rows(rows: list[dict]) -> list[dict]:
    out: dict[tuple, dict] = {}
    for r in rows:
        key = (r["area_code"], r["iea_year"], r["atlas_basis"])
        row = out.setdefault(
            key,
            {
                "area_code": r["area_code"],
                "iea_year": r["iea_year"],
                "is_estimate": r["iea_scenario"] == "estimate",
                "label": f"{r['area_name']} {r['iea_year']} ({'estimate' if r['iea_scenario'] == 'estimate' else 'projection'})",
                "basis": f"IEA {r['iea_scenario']}; atlas {r['atlas_basis']}",
                "iea_twh": r["iea_dc_electricity_twh"],
            },
        )
        row[r["scenario"]] = r["atlas_dc_energy_twh"]
        if r["scenario"] == "base":
            row["base_share"] = r["atlas_share_of_iea_pct"]
    return list(out.values())


def feed_table(feeds: list[dict], caption: str) -> Table:
    return Table(
        caption,
        None,
        [
            Column("feed", "Feed", link_key="url"),
            Column("family", "Family"),
            Column("state", "State"),
            Column("last_good_loaded", "Last good file loaded (UTC)"),
            Column("age_hours", "Age (hours)", 1),
            Column("freshness", "Freshness"),
        ],
        feeds,
    )


def timeline_rows(pipeline: list[dict]) -> list[dict]:
    """Each phase with the dates its timeline draws; the overdue period ends on the registry's date (mart columns)."""
    rows = []
    for r in pipeline:
        reported = [d for d in (r["announced_reported_on"], r["first_online_reported_on"]) if d]
        overdue_to = r["registry_on"] if r["overdue_days"] else None
        rows.append(
            {
                "label": f"{r['project_name']} · {r['phase_id']}",
                "status": r["status"],
                "first_reported_on": min(reported) if reported else None,
                "first_online_on": r["first_online_on"],
                "latest_online_on": r["latest_online_on"],
                "slip_end": r["latest_online_on"],
                "slippage_days": r["slippage_days"],
                "overdue_days": r["overdue_days"],
                "overdue_to": overdue_to,
                "overdue_from": (date.fromisoformat(overdue_to) - timedelta(days=r["overdue_days"])).isoformat()
                if overdue_to
                else None,
            }
        )
    return rows


def project_table(pipeline: list[dict], caption: str) -> Table:
    return Table(
        caption,
        "mart_project_pipeline",
        [
            Column("project_name", "Project"),
            Column("phase_id", "Phase"),
            Column("phase_name", "Phase name"),
            Column("status", "Status", link_key="status_source_url"),
            Column("status_reported_on", "Status reported on"),
            Column("capacity_it_mw", "IT capacity (MW)", 1, link_key="mw_source_url"),
            Column("first_online_on", "First planned online", link_key="first_online_source_url"),
            Column("latest_online_on", "Latest planned online", link_key="latest_online_source_url"),
            Column("slippage_days", "Slip (days)", 0),
            Column("overdue_days", "Overdue (days)", 0),
        ],
        pipeline,
    )


def country(figures: Figures, iso3: str, name: str, feed_urls: dict[str, str | None]) -> Page:
    quarters = figures.for_country("capacity_by_quarter", iso3)
    by_status = {r["status"]: r["it_mw"] for r in figures.for_country("capacity_by_status", iso3)}
    energy = figures.for_country("energy", iso3)
    pipeline = figures.for_country("pipeline", iso3)
    cost_rows = figures["country_cost_latest"]
    actual = next((r for r in energy if r["scenario"] == "base" and not r["is_projected_demand"]), None)
    quarter_pivot = _quarter_pivot(quarters)
    statuses = [s for s in CAPACITY_STATUSES if s in by_status]
    key_figures = [
        {"id": f"it-mw-{s}", "label": f"{s.replace('_', ' ')}", "value": by_status.get(s), "digits": 1, "unit": "MW IT"}
        for s in ("operational", "under_construction", "announced")
    ] + [
        {
            "id": "share-base",
            "label": f"share of national demand, base scenario, {actual['year'] if actual else 'latest year'}",
            "value": actual["dc_share_of_demand_pct"] if actual else None,
            "digits": 2,
            "unit": "%",
        }
    ]
    sections = [
        Section(
            "Capacity by status over quarters",
            charts.capacity_by_quarter(quarters, name),
            [
                Table(
                    f"{name}: IT capacity by quarter online and status (MW)",
                    "mart_country_capacity",
                    [Column("online_quarter", "Quarter online"), *_status_columns(statuses)],
                    quarter_pivot,
                )
            ],
        ),
        *_energy_sections(energy, name),
        Section(
            "Build cost per watt against other markets",
            charts.cost_against_markets(cost_rows, iso3, name),
            [
                Table(
                    f"{name}: build cost by year (2025 USD per W)",
                    "mart_country_cost",
                    [
                        Column("cost_year", "Year"),
                        Column("markets", "Markets"),
                        Column("usd_per_w_2025", "mean (2025 USD/W)", 2),
                        Column("usd_per_w_2025_min", "min (2025 USD/W)", 2),
                        Column("usd_per_w_2025_max", "max (2025 USD/W)", 2),
                        Column("unbuilt_build_cost_usd_bn_2025", "cost of what is left to build (2025 USD bn)", 2),
                    ],
                    figures.for_country("country_cost", iso3),
                ),
                Table(
                    f"{name}: markets in the cost index (2025 USD per W)",
                    "mart_market_cost",
                    [
                        Column("market", "Market", link_key="source_url"),
                        Column("cost_year", "Year"),
                        Column("usd_per_w_nominal", "nominal (USD/W)", 2),
                        Column("usd_per_w_2025", "2025 USD/W", 2),
                    ],
                    figures.for_country("market_cost", iso3),
                ),
            ],
        ),
        Section(
            "Projects",
            charts.project_timeline(timeline_rows(pipeline), "chart-projects", f"{name}'s registry")
            if pipeline
            else None,
            [project_table(pipeline, f"{name}: the registry's projects by phase")],
            note="" if pipeline else "The registry has no project here: the capacity comes from Epoch AI's tracking.",
        ),
    ]
    return Page(
        f"country/{iso3}.html",
        f"{name}: AI data-centre capacity",
        sections,
        key_figures,
        {
            "iso3": iso3,
            "sources": country_sources(quarters, pipeline, figures.for_country("market_cost", iso3), feed_urls),
        },
    )


def _energy_sections(energy: list[dict], name: str) -> list[Section]:
    """Share of national demand, emissions and the bill: each year's low / base / high as a range."""
    sections = []
    for heading, column, unit, what, digits in (
        ("Share of national demand", "dc_share_of_demand_pct", "%", "the pipeline's share of national demand", 2),
        (
            "Emissions",
            "dc_emissions_tco2",
            "tCO2 per year",
            "the pipeline's yearly emissions at national average intensity",
            0,
        ),
        (
            "The electricity bill",
            "dc_electricity_bill_usd_bn_nominal",
            "USD bn per year, nominal",
            "the pipeline's yearly bill at the day-ahead wholesale price",
            3,
        ),
    ):
        rows = _by_scenario(energy, ("year",), column)
        has_figures = any(r.get("base") is not None for r in rows)
        chart = (
            charts.scenario_range(
                rows,
                name,
                f"chart-{column.replace('_', '-')}",
                f"{name}: {what} ({unit}), low to high scenario",
                f"{heading.removeprefix('The ')} ({unit})",
                f"{what} ({unit})",
                digits,
            )
            if has_figures
            else None
        )
        table = Table(
            f"{name}: {what} by year and scenario ({unit})",
            "mart_country_energy",
            [Column("year", "Year"), *[Column(s, f"{s} ({unit})", digits) for s in SCENARIOS]],
            rows,
        )
        note = (
            ""
            if has_figures
            else (
                "No bill: Ember publishes wholesale prices for European countries only."
                if "bill" in column
                else "No figures."
            )
        )
        sections.append(Section(heading, chart, [table], note))
    return sections


def _quarter_pivot(quarters: list[dict]) -> list[dict]:
    pivot: dict[str, dict] = {}
    for r in quarters:
        if r["status"] in CAPACITY_STATUSES and r["it_mw"] is not None:
            pivot.setdefault(r["online_quarter"], {"online_quarter": r["online_quarter"]})[r["status"]] = r["it_mw"]
    return [pivot[q] for q in sorted(pivot)]


def country_sources(quarters, pipeline, markets, feed_urls) -> list[dict]:
    """Every page behind the country's figures: the feeds that supplied capacity and energy, each cited report."""
    named = {s.strip() for r in quarters if r["it_mw_sources"] for s in r["it_mw_sources"].split(";")}
    sources = [
        {"what": f"capacity ({s})", "url": feed_urls.get(CAPACITY_SOURCES[s])}
        for s in sorted(named)
        if s in CAPACITY_SOURCES
    ]
    sources += [
        {"what": f"energy: {feed}", "url": feed_urls.get(feed)}
        for feed in ("ember__country_overview_yearly", "ember__price_monthly", "worldbank__population")
    ]
    sources += [{"what": f"cost: {m['market']} {m['cost_year']}", "url": m["source_url"]} for m in markets]
    cited = {}
    for r in pipeline:
        for column in ("status_source_url", "mw_source_url", "first_online_source_url", "latest_online_source_url"):
            if r[column]:
                cited.setdefault(r[column], f"registry: {r['project_name']}")
    sources += [{"what": what, "url": url} for url, what in cited.items()]
    return sources


def programme(figures: Figures) -> Page:
    rows = figures["programme"]
    last = max(rows, key=lambda r: r["cumulative_capex_committed_usd_bn_2025"]) if rows else {}
    envelopes = {
        "first phase": last.get("programme_envelope_first_phase_usd_bn"),
        "long term": last.get("programme_envelope_long_term_usd_bn"),
    }
    envelopes = {k: v for k, v in envelopes.items() if v is not None}
    pipeline = [r for r in figures["pipeline"] if r["programmes"]]
    for r in rows:
        r["page"] = f"country/{r['country_iso3']}.html"
    key_figures = [
        {
            "id": "envelope-share-long-term",
            "label": "committed capex, programme-wide share of the long-term envelope",
            "value": last.get("cumulative_programme_wide_long_term_envelope_share_pct"),
            "digits": 1,
            "unit": "%",
        },
        {
            "id": "envelope-share-first-phase",
            "label": "committed capex, programme-wide share of the first-phase envelope",
            "value": last.get("cumulative_programme_wide_first_phase_envelope_share_pct"),
            "digits": 1,
            "unit": "%",
        },
        {
            "id": "capex-committed",
            "label": "capex committed",
            "value": last.get("cumulative_capex_committed_usd_bn_2025"),
            "digits": 1,
            "unit": "USD bn (2025)",
        },
    ]
    table = Table(
        "Programme by country: capacity and capex by basis",
        "mart_country_programme",
        [
            Column("country_name", "Country", href_key="page"),
            Column("project_count", "Projects", 0),
            Column("announced_it_mw", "Announced (IT MW)", 1),
            Column("online_it_mw", "Online (IT MW)", 1),
            Column("capex_committed_usd_bn_2025", "Committed (2025 USD bn)", 1),
            Column("capex_announced_up_to_usd_bn_2025", "Up to (2025 USD bn)", 1),
            Column("capex_partner_plan_usd_bn_2025", "Partner plan (2025 USD bn)", 1),
            Column("capex_press_figure_usd_bn_2025", "Press figure (2025 USD bn)", 1),
            Column("cumulative_capex_committed_usd_bn_2025", "Cumulative committed (2025 USD bn)", 1),
            Column(
                "cumulative_programme_wide_long_term_envelope_share_pct",
                "Cumulative share of long-term envelope (%)",
                2,
            ),
            Column("us_only_long_term_envelope_share_pct", "US-only share of long-term envelope (%)", 2),
        ],
        sorted(rows, key=lambda r: r["cumulative_capex_committed_usd_bn_2025"]),
    )
    readings = [
        {"what": "US-only reading", "url": last.get("us_only_reading_source_url")},
        {"what": "programme-wide reading", "url": last.get("programme_wide_reading_source_url")},
    ]
    return Page(
        "programme.html",
        "The programme: Stargate and OpenAI for Countries",
        [
            Section(
                "Capex committed against the envelope",
                charts.envelope(rows, envelopes),
                [table],
                note="Only committed capex counts against the envelope; 'up to' figures, partners' plans and press figures are beside it.",
            ),
            Section(
                "Each project's timeline",
                charts.project_timeline(timeline_rows(pipeline), "chart-programme-timeline", "programme"),
                [project_table(pipeline, "Programme projects by phase")],
                note="Grey: from the first report to the latest planned online date. Open circle: the first planned date; "
                "diamond: the latest. Thick vermillion: a slip; dashed vermillion: overdue (planned period over, no go-live report).",
            ),
        ],
        key_figures,
        {"sources": readings},
    )


def feed_health(figures: Figures, catalogue: dict[str, dict], built_at) -> list[dict]:
    """Each feed's state, latest load and freshness against its family's windows (orchestration/cadence.py)."""
    loads = {r["feed"]: r for r in figures["feed_loads"]}
    out = []
    for state in figures["feed_state"]:
        info = catalogue.get(state["feed"], {})
        good = state["last_good_loaded_at"]
        age = (built_at - datetime.fromisoformat(good)).total_seconds() / 3600 if good else None
        freshness = (
            "never loaded"
            if age is None
            else (
                "fresh"
                if age <= info.get("warn_hours", float("inf"))
                else "overdue"
                if age <= info.get("fail_hours", float("inf"))
                else "stale"
            )
        )
        out.append(
            {
                **state,
                **{k: v for k, v in loads.get(state["feed"], {}).items() if k != "feed"},
                "last_good_loaded": _minute(good),
                "last_attempt": _minute(state["last_attempt_at"]),
                "family": info.get("family"),
                "url": info.get("url"),
                "age_hours": age,
                "freshness": freshness,
                "contract": "passed" if loads.get(state["feed"], {}).get("contract_passed") else "failed",
                "last_good_sha256_short": (state["last_good_sha256"] or "")[:12],
            }
        )
    return out


def _minute(timestamp: str | None) -> str | None:
    """An ISO timestamp as a reader scans it: to the minute, UTC (the load log's times are UTC)."""
    return timestamp[:16].replace("T", " ") if timestamp else None


def health(feeds: list[dict], changes: dict) -> Page:
    trusted = all(f["state"] == "ok" and f["freshness"] == "fresh" for f in feeds)
    loads = Table(
        "Per feed: the latest file's rows and contract, the last good file and its freshness",
        None,
        [
            Column("feed", "Feed", link_key="url"),
            Column("state", "State"),
            Column("contract", "Contract"),
            Column("rows_read", "Rows read", 0),
            Column("rows_loaded", "Rows loaded", 0),
            Column("rows_quarantined", "Rows quarantined", 0),
            Column("last_good_sha256_short", "Last good file (sha256)"),
            Column("last_good_loaded", "Last good load (UTC)"),
            Column("last_attempt", "Last attempt (UTC)"),
            Column("freshness", "Freshness"),
            Column("error", "Error"),
        ],
        feeds,
    )
    marts = [
        {"mart": m, **c, "changed_columns": ", ".join(c.get("changed_columns") or []) or "–"}
        for m, c in sorted(changes.get("marts", {}).items())
    ]
    change_table = Table(
        "What changed since the previous release, per mart (rows)",
        None,
        [
            Column("mart", "Mart", href_key="csv"),
            Column("rows_added", "Added", 0),
            Column("rows_removed", "Removed", 0),
            Column("rows_changed", "Changed", 0),
            Column("changed_columns", "Changed columns"),
        ],
        marts,
    )
    for m in marts:
        m["csv"] = f"{DATA_DIR}/{m['mart']}.csv"
    return Page(
        "health.html",
        "Data health: can today's numbers be trusted?",
        [
            Section("Feeds", charts.feed_rows(feeds), [loads]),
            Section("The latest change report", None, [change_table]),
        ],
        [],
        {
            "trusted": trusted,
            "changes": changes,
            "stale": [f["feed"] for f in feeds if f["state"] != "ok" or f["freshness"] != "fresh"],
        },
    )
