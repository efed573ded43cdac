"""Official Word documents and the consolidated Excel workbook.

`pipeline` holds the two entry points (`build_reports`, `write_decision`); the other modules
each hold one concept: format profiles, the organisation's details, statistics, the chart,
the Excel workbook, template rendering and the profile's page layout (`layout`, `text_width`),
PDF conversion, the template builder (`build_templates`, `template_blocks`, `review_template`),
the multi-year review's report (`review_document`), district-address warnings, and the printed
pages read back for the tests and the README images (`page_images`).
"""
