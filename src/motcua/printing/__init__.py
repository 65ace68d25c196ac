"""The legal forms of the one-stop mechanism as templates, rendered to HTML and PDF.

The form bodies are data (`FormTemplate` rows, seeded from `templates/printing/forms/`);
`services` renders them for a dossier or an agency and period.
"""
