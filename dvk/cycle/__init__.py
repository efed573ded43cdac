"""The yearly cycle, one path for everyone: the CLI and the Prefect flows run these jobs.

`jobs` holds each job of the year (collect, check, remind, report, decide, review) with every
guard; `steps` holds the single steps the jobs are made of. A job takes a `Steps` bundle: the
CLI passes the plain functions (`DIRECT`), the flows pass the same functions wrapped as
Prefect tasks, so both paths run the same sequence and the same guards.
"""
