"""The check of a year: each unit's deadline status and target, the counts, who to remind (pure)."""
