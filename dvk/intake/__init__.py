"""Intake: raw tables → registrations in the official schema, rejects with reasons, replaced rows (pure)."""
