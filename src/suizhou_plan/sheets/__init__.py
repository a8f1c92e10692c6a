"""Excel workbooks the office sends and gets back: duty lists, the 台賬 template each unit
fills in, and the importer that turns a returned template into ledger entries.

Written and read with openpyxl (`cells.py` writes every cell; `template.py` lays out a
template; `reading.py` and `import_rows.py` read one back).  Words shown in a workbook come
from `report/sheet_words.py`, the one place that holds them."""
