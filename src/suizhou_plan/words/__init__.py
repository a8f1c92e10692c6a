"""The words reports and workbooks show, each a `Word` (a catalogue key and its English text).

Below every layer that shows them, so a view, a sheet and a renderer say a status, a light or
a column heading in the same words: `labels` (statuses, lights, kinds, roles, report
headings), `sheet_words` (the 台賬 template and duty workbooks), `dashboard_words` (the
dashboard).  A new language adds a catalogue, never a branch here."""
