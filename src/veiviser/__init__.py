"""Veiviser: a directory of municipal ROP services and anonymous feedback forms.

Packages are split by where their code may run:
  veiviser.core  standard library only; runs in CPython and in the browser (Pyodide)
  veiviser.site  build time only (MkDocs, jsonschema, pandas, altair)
"""
__version__ = "0.1.0"
