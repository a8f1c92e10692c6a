"""The plan as the office reads it on a date: computed once, shown by every medium.

`index` (every item with its due date, units, lead, phase and `record`), `holding` (who holds
what on the date, renames and successors), `state` (an item's state on a date: light, days
late, due in force), then the views each command shows: `board`, `duties`, `bulletin`,
`assessment`, `periods`, `reminders`, `export`, `plan_diff`, `scope`.  Nothing here reads a
file, the clock or the environment, and nothing formats for a medium."""
