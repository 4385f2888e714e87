"""Survey engine: standard library only, so it runs in CPython and in Pyodide.

definition -> response -> aggregate -> release/export -> merge -> summary/charts;
bridge is the JSON-string API the browser worker calls.
"""
