from .templates import Maturity, TemplateIndexPage, TemplatePage
from .versions import PageVersion, VersionedPage

__all__ = ["Maturity", "PageVersion", "TemplateIndexPage", "TemplatePage", "VersionedPage"]
