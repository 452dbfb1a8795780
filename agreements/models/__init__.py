from agreements.models.templates import Maturity, TemplateIndexPage, TemplatePage

__all__ = [
    "Maturity",
    "TemplateIndexPage",
    "TemplatePage",
]
