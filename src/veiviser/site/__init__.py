"""Build-time code: catalogue, pages, charts, open data, vendored assets.

Imports third-party packages (jsonschema, yaml, pandas, altair); never loaded in the browser.
"""
