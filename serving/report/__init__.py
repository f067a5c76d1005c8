"""The report: a static site of charts, tables and country pages built from each release. No Dagster here.

serving/report/data.py reads the serving file read-only, pages.py shapes each page, charts.py builds the
Vega-Lite specs (Vega-Altair), site.py renders templates/ and publishes the site; orchestration/report_site.py is
the asset.
"""
