"""Official Word documents and the consolidated Excel workbook.

`reports` (`build_reports`, `write_reminder_letter`) and `decision` (`write_decision`) are the
entry points the cycle's jobs call; the other modules each hold one concept: format profiles,
the organisation's details, statistics, the chart, the Excel workbook, the reminder list,
template rendering (`render`; `prepared` for one template filled for many units) and the
profile's page layout (`layout`, `text_width`), PDF conversion, the template builder
(`build_templates`, `template_blocks`, `review_template`), document numbers (`numbering`), the
multi-year review (`review`, `review_files`, `review_document`) and district-address warnings.
The printed pages read back for the tests and the README images are made by
`dvk.demo.page_images`, since that runs the whole cycle.
"""
