"""The ground floor: what every layer above may use, and which itself knows nothing of plans.

The one error type (`errors.SuizhouError`), a `Finding` and its words, plan text made
harmless for each medium (`escapes`), display width (`textwidth`), unit-name matching
(`names`), file names (`file_names`), today's date for the CLI only (`clock`), and the one way
to write files: atomically one at a time (`writing`) or a whole `--out` set (`output_files`)."""
