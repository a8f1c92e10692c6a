"""Application operations: everything that changes files in a plan directory.

The writers of the ledger (`progress_edit`, `progress_batch`, `progress_add`), the sheet import
(`sheet_import`), the plan import's checking and writing (`plan_import`), the workspace
(`workspace`), the write lock (`plan_lock`) and the cache of `check` (`check_cache`).  Each
writer locks the plan, re-reads it, validates the result with the rules and writes it
atomically; a refusal is a `SuizhouError`."""
