"""dbt's `var()` for sqlfluff's jinja templater (pyproject.toml, [tool.sqlfluff.templater.jinja] library_path).

sqlfluff's dbt builtins answer every `var()` with a placeholder string, which a model that loops over a var
(the scenario presets, the scorecard weights) cannot render; this one answers with the values dbt_project.yml
sets, so the linter reads each model as dbt compiles it. Every name defined here lands in the jinja context.
"""


def var(name: str, default: object = None) -> object:
    """The value dbt_project.yml gives var `name`, else `default` (a build's --vars are not known here)."""
    import yaml

    from data_contracts.paths import DBT_PROJECT_DIR

    project = yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    return project["vars"].get(name, default)
