"""`suizhou import`: a 實施方案 (implementation plan) document → a plan directory skeleton.

The loader (`load/`) refuses to guess; this package is the one place that does, and it says
so: every spot it is unsure of becomes an `ImportFinding` with the document's line.  The steps,
one module each: `reading` (DOC → numbered blocks), `numbering` (一、 （一） 1. （1） ①),
`structure` (items, sections, tasks, phases), `assignment` (the unit clause of a task),
`unit_list` (splitting a list of units), `deadlines` (dates from phrases), `units`
(merging forms and matching a registry), `tables` (task-division tables), `emit` (YAML),
`import_report` (the report) and `pipeline` (the whole import, validated by the loader).
"""
