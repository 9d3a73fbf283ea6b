"""The demo report: the Lundby 2022 FCA follow-up from the public seed document."""

from __future__ import annotations

from forms.interchange import report_from_json
from forms.report import Report
from forms.resources import resource_path
from forms.template import TemplateLibrary

DEMO_FILE = ("demo", "lundby-2022.json")


def demo_report(library: TemplateLibrary) -> Report:
    return report_from_json(resource_path(*DEMO_FILE).read_text(encoding="utf-8"), library)
