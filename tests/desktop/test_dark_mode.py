"""Dark mode (Windows' own, and Qt 6's windows11 style follows it): no cell or box may keep a hard-coded
light background while the text turns white. Measured on the rendered pixels, in a light and a dark
palette: the text's contrast with its background is at least WCAG's 4.5:1.

Qt's `styleHints().setColorScheme(Qt.ColorScheme.Dark)` has no effect on the offscreen platform
(checked: the scheme stays Unknown and the palette light), so the dark scheme is set as a palette
like Windows 11's dark one."""

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QPushButton, QTableView

from desktop.fields import FieldContext
from desktop.registry import create_field_widget
from desktop.report_list import DEADLINE_COLUMN, ListRow, ReportListModel
from forms.report import Report

WINDOWS_DARK = {
    QPalette.ColorRole.Window: "#202020", QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#1c1c1c", QPalette.ColorRole.AlternateBase: "#2b2b2b",
    QPalette.ColorRole.Text: "#ffffff", QPalette.ColorRole.Button: "#2d2d2d",
    QPalette.ColorRole.ButtonText: "#ffffff", QPalette.ColorRole.Highlight: "#0078d4",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.PlaceholderText: "#9d9d9d",
}


@pytest.fixture(params=["light", "dark"])
def scheme(request, qapp):
    before = qapp.palette()
    if request.param == "dark":
        palette = QPalette(before)
        for role, color in WINDOWS_DARK.items():
            palette.setColor(role, QColor(color))
        qapp.setPalette(palette)
    yield request.param
    qapp.setPalette(before)


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_contrast(widget, rect: QRect | None = None, name: str = "") -> float:
    """The contrast of the text drawn in `rect` of `widget` with its background: the background is
    the commonest colour there, the text the colour farthest from it (the core of a glyph)."""
    image = widget.grab(rect or widget.rect()).toImage()
    if name:
        image.save(f"/tmp/dark-mode-{name}.png")
    pixels = Counter(image.pixelColor(x, y).rgb() for x in range(image.width()) for y in range(image.height()))
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    return max(contrast(QColor.fromRgb(rgb), background) for rgb in pixels)


def test_computed_and_not_applicable_money_cells_read_in_either_scheme(qtbot, fca2022, scheme):
    widget = create_field_widget(fca2022.field("ekonomi"), FieldContext(fca2022, Report(
        "fca-uppfoljning", "2022", "Lundby", 2022)))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.set_value({"lon": {"budget_region": Decimal("261"), "budget_stad": Decimal("261")}})
    grid = widget.grid
    computed = [grid.item(r, c) for r in range(grid.rowCount()) for c in range(1, grid.columnCount())
                if grid.item(r, c) and not grid.item(r, c).flags() & grid.item(r, c).flags().ItemIsEditable
                and grid.item(r, c).text()]
    assert computed, "no computed cell with a figure"
    for item in computed[:6]:
        rect = grid.visualItemRect(item)
        assert contrast_ok(grid.viewport(), rect), (scheme, item.text())
    text_contrast(widget, name=f"money-{scheme}")  # a picture to look at


def contrast_ok(widget, rect) -> bool:
    return text_contrast(widget, rect) >= 4.5


def test_deadline_cells_in_the_report_list_read_in_either_scheme(qtbot, scheme):
    model = ReportListModel(["Typ", "Område", "År", "Status", "Sista dag", "Ändrad"])
    model.set_rows([ListRow(1, ("Uppföljning", "Lundby", "2022", "Utkast", "1 feb 2023", "i går"), "past"),
                    ListRow(2, ("Uppföljning", "Centrum", "2022", "Utkast", "1 feb 2023", "i dag"), "soon")])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 200)
    view.show()
    for row in range(2):
        rect = view.visualRect(model.index(row, DEADLINE_COLUMN))
        assert contrast_ok(view.viewport(), rect), (scheme, row)
    text_contrast(view, name=f"list-{scheme}")


def test_last_years_answer_reads_in_either_scheme(qtbot, fca2023, lundby, scheme):
    context = FieldContext(fca2023, Report("fca-uppfoljning", "2023", "Lundby", 2023), previous=lundby)
    widget = create_field_widget(fca2023.field("nosam"), context)
    qtbot.addWidget(widget)
    widget.show()
    widget.findChild(QPushButton, "previous_toggle_nosam").click()
    shown = next(e for e in widget.previous_box.findChildren(type(widget.editor)) if e.isReadOnly())
    assert QApplication.palette().color(QPalette.ColorRole.Text) != QColor()
    assert text_contrast(shown.viewport(), name=f"previous-{scheme}") >= 4.5


# --- the colours of meaning (desktop/colors.py): error, warning, ok, info, muted text --------------

def test_every_colour_of_meaning_reads_on_the_window_in_either_scheme(qapp, scheme):
    from desktop.colors import COLORS, color

    palette = QApplication.palette()
    for kind in COLORS:
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
            ratio = contrast(color(kind), palette.color(role))
            assert ratio >= 4.5, f"{kind} on {role.name} in the {scheme} scheme: {ratio:.1f}:1"


def test_the_counter_over_the_limit_and_a_rows_tables_empty_line_read_in_either_scheme(qtbot, fca2022, library,
                                                                                          scheme):
    widget = create_field_widget(fca2022.field("nosam"), FieldContext(fca2022, Report(
        "fca-uppfoljning", "2022", "Lundby", 2022)))
    qtbot.addWidget(widget)
    widget.show()
    widget.set_value("Samverkan " * 70)  # 700 characters: the warning
    assert "Varning" in widget.counter.text()
    assert text_contrast(widget.counter, name=f"counter-{scheme}") >= 4.5
    plan = library.get("fca-handlingsplan", "2024")
    rows_field = next(f for s in plan.sections for f in s.fields if f.kind == "rows")
    rows = create_field_widget(rows_field, FieldContext(plan, Report(plan.id, plan.revision, "Centrum", 2024)))
    qtbot.addWidget(rows)
    rows.show()
    assert rows.empty.isVisible()
    assert text_contrast(rows.empty, name=f"rows-empty-{scheme}") >= 4.5


# Colours that may be written outside desktop/colors.py, each with why it reads in either scheme.
OWN_BACKGROUND = {
    "desktop/save_banner.py": "the banners set their own light background and dark text",
    "desktop/money_table.py": "the table's warning box sets its own light background and dark text",
    "desktop/printing.py": "the printed page: the document model's colours on white paper",
    "desktop/spelling.py": "the spelling underline: a red wave under the word, not text",
}
TEXT_COLOUR = re.compile(r"""(?<![-\w])color:\s*#[0-9a-fA-F]{3,8}|QColor\(\s*["']#|GlobalColor\.(?!transparent)""")


def test_no_text_colour_is_written_outside_desktop_colors():
    """A colour written into a widget elsewhere stays the same in the dark scheme (dark red on a dark
    window reads at ~2:1): every text colour comes from desktop/colors.py."""
    root = Path(__file__).resolve().parents[2]
    found = []
    for path in sorted((root / "desktop").glob("*.py")):
        name = path.relative_to(root).as_posix()
        if name == "desktop/colors.py" or name in OWN_BACKGROUND:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if TEXT_COLOUR.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    assert found == [], "use desktop.colors (color, text_style):\n" + "\n".join(found)
