"""Google Workspace for dvk: Forms, Sheets and Drive as sources, the register and documents as outputs.

Public entry points:
- `dvk.google.sources.read_google_source` — "gform:", "gsheet:", "gdrive:" source specs;
- `dvk.google.outputs.push_register` and `dvk.google.outputs.upload_files` — outputs to Google;
- `dvk.google.formbuilder.create_registration_form` — the official registration form as a Google Form.

Only `dvk.google.api` speaks HTTP to Google (through dvk.google.retry, dvk.google.quota's shared
rate limit and dvk.google.failures' Vietnamese messages); the other modules build requests (a
large register is cut into bodies under 8 MB by dvk.google.chunks) or turn answers into plain data.
"""
