"""Survey engine: standard library only, so the same code runs in CPython and Pyodide.

Modules follow the data flow: definition -> response -> aggregate -> export -> merge -> summary.
"""
