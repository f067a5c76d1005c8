"""Each mart's state in a release: whether it was rebuilt, and whether what it reads is stale. No Dagster here.

A mart built from a feed whose latest file failed is built from that feed's last good data: it says so. A mart
that dbt did not rebuild (it, or a model or test upstream of it, failed) keeps its last version: it says so too.
Lineage comes from dbt's manifest (parent_map), so a new model or source needs no edit here.
"""

from __future__ import annotations

from dataclasses import dataclass

OK, STALE, TEST_FAILED, NOT_REBUILT = "ok", "stale_inputs", "test_failed", "not_rebuilt"


@dataclass(frozen=True)
class DbtOutcome:
    failed: tuple[str, ...] = ()  # unique ids of the tests and models that failed in this run
    not_rebuilt: tuple[str, ...] = ()  # unique ids of the models dbt skipped or could not build


def _ancestors(parent_map: dict[str, list[str]], node: str) -> set[str]:
    seen, todo = set(), [node]
    while todo:
        for parent in parent_map.get(todo.pop(), []):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def _failed_at(manifest: dict, failed_id: str) -> set[str]:
    """Where a failure sits: a test at the nodes it tests, a model at itself."""
    node = manifest["nodes"].get(failed_id, {})
    if node.get("resource_type") != "test":
        return {failed_id}
    return set(node.get("depends_on", {}).get("nodes", [])) or {failed_id}


def mart_states(manifest: dict, feed_states: dict[str, str], outcome: DbtOutcome) -> list[dict]:
    """One row per mart: state (ok, stale_inputs, test_failed, not_rebuilt, the worst that applies), the feeds
    it reads, those of them not ok, the failed tests or models at or upstream of it, and a sentence saying why."""
    marts = sorted(
        (n for n in manifest["nodes"].values() if n["resource_type"] == "model" and n["schema"] == "marts"),
        key=lambda n: n["name"],
    )
    rows = []
    for mart in marts:
        lineage = _ancestors(manifest["parent_map"], mart["unique_id"]) | {mart["unique_id"]}
        feeds = sorted(uid.split(".")[-1] for uid in lineage if uid.startswith("source."))
        stale = [f for f in feeds if feed_states.get(f, "failed") != OK]
        failed = sorted(uid for uid in outcome.failed if _failed_at(manifest, uid) & lineage)
        if mart["unique_id"] in outcome.not_rebuilt:
            state, why = (
                NOT_REBUILT,
                f"not rebuilt in this release (upstream failure: {', '.join(failed) or 'see dbt'}): its last built version is kept",
            )
        elif failed:
            state, why = TEST_FAILED, f"rebuilt, but failed: {', '.join(failed)}"
        elif stale:
            state, why = STALE, f"built from the last good data of {', '.join(stale)} (the latest file did not load)"
        else:
            state, why = OK, "rebuilt from the latest file of every feed it reads"
        rows.append(
            {
                "mart": mart["name"],
                "state": state,
                "input_feeds": feeds,
                "stale_feeds": stale,
                "failed_nodes": failed,
                "note": why,
            }
        )
    return rows
