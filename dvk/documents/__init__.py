"""Official Word documents and the consolidated Excel workbook.

`pipeline` holds the two entry points (`build_reports`, `write_decision`); the other modules
each hold one concept: format profiles, the organisation's details, statistics, the chart,
the Excel workbook, template rendering, PDF conversion, and the template builder.
"""
