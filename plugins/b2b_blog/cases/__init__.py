"""Teaching-case library: load the cases, render their PDFs and download bundles.

Pure library code (no Pelican signals): the generator calls it. The PDF and bundle
modules are imported on demand because WeasyPrint is slow to import.
"""

from .model import Case, Edition, Exhibit, TeachingNote, load_case_library
from .reader import markdown_to_html

__all__ = ["Case", "Edition", "Exhibit", "TeachingNote", "load_case_library", "markdown_to_html"]
