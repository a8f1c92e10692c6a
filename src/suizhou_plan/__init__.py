"""suizhou: compliance checker for 《數字隨州建設實施方案》 (Digital Suizhou implementation plan).

The package is importable without pulling in pydantic or rich: `suizhou --version` and
`suizhou --help` must stay fast, so heavy imports live in the modules that need them.
"""

__version__ = "0.1.0"
