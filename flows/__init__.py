"""Prefect flows: thin orchestration over the dvk package, one file per job staff do."""
