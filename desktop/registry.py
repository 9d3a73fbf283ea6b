"""The one registry from field kind to widget: every kind a template may use has its widget here."""

from __future__ import annotations

from desktop.fields import FieldContext, FieldWidget, InfoWidget, NumberEntry, PercentWidget, TextFieldWidget, YesNoWidget
from desktop.money_table import MoneyTableWidget
from desktop.row_fields import RowsWidget
from forms.template import Field

FIELD_WIDGETS: dict[str, type[FieldWidget]] = {
    "info": InfoWidget,
    "text": TextFieldWidget,
    "yesno": YesNoWidget,
    "percent": PercentWidget,
    "number": NumberEntry,
    "rows": RowsWidget,
    "money_table": MoneyTableWidget,
}


def create_field_widget(field: Field, context: FieldContext) -> FieldWidget:
    try:
        widget_class = FIELD_WIDGETS[field.kind]
    except KeyError:
        raise KeyError(f"no widget for field kind {field.kind!r} (field {field.id})") from None
    return widget_class(field, context)
