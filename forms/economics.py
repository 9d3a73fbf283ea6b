"""The economic table's arithmetic, in Decimal: sums, what goes back to the region, deviations,
and the checks (50/50 between the parties, outcome within the available funds)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from forms.numbers import format_amount
from forms.template import PARTIES, TOTAL_PARTY, MoneyTable, Template

ZERO = Decimal(0)
DEFICIT = "Underskott"
TOTAL_NOTE = ("Angiven summa", "stämmer inte med beräknad")


def amount_text(value: Decimal | None, decimals: int, role: str = "") -> str:
    """An amount of a money table as every export and the app show it: `1 553,5`; in the refund
    row a balance below zero is the deficit, `Underskott 202,4` (never a silent 0,0)."""
    if value is not None and role == "refund" and value < 0:
        return f"{DEFICIT} {format_amount(-value, decimals)}"
    return format_amount(value, decimals)


@dataclass(frozen=True)
class Deviation:
    row_id: str
    party: str
    amount: Decimal  # outcome − budget
    percent: Decimal | None  # of the budget; None when the budget is 0


@dataclass(frozen=True)
class TableIssue:
    row_id: str
    message: str


class TableCalc:
    """Everything derived from the amounts typed into one money table."""

    def __init__(self, template: Template, table: MoneyTable, amounts: dict, year: int, area: str = ""):
        self.template = template
        self.table = table
        self.amounts = amounts
        self.year = year
        self.area = area

    def typed(self, row_id: str, column_id: str) -> Decimal | None:
        return self.amounts.get(row_id, {}).get(column_id)

    def column_sum(self, column_id: str) -> Decimal | None:
        """SUMMA: the sum of the cost rows (not of the funds row); None when nothing is typed."""
        values = [self.typed(r.id, column_id) for r in self.table.rows if r.role == "cost"]
        present = [v for v in values if v is not None]
        return sum(present, ZERO) if present else None

    def funds(self, column_id: str) -> Decimal | None:
        values = [self.typed(r.id, column_id) for r in self.table.rows if r.role == "funds"]
        present = [v for v in values if v is not None]
        return sum(present, ZERO) if present else None

    def balance(self, column_id: str) -> Decimal | None:
        """The funds minus the costs: what goes back to the region, or below zero a deficit."""
        funds, costs = self.funds(column_id), self.column_sum(column_id)
        if funds is None or costs is None:
            return None
        return funds - costs

    def refund(self, column_id: str) -> Decimal | None:
        """What goes back to the region: the funds minus the costs; never below zero."""
        balance = self.balance(column_id)
        return None if balance is None else max(balance, ZERO)

    def applies(self, row_id: str, column_id: str) -> bool:
        row = self.table.row(row_id)
        return row.groups is None or self.table.column(column_id).group in row.groups

    def value(self, row_id: str, column_id: str) -> Decimal | None:
        """The value of a cell in the app's grid: typed, or computed for sum and refund rows (the
        refund row holds the balance: below zero it is a deficit, shown "Underskott …")."""
        row = self.table.row(row_id)
        if not self.applies(row_id, column_id):
            return None
        if row.role == "sum":
            return self.column_sum(column_id)
        if row.role == "refund":
            return self.balance(column_id)
        return self.typed(row_id, column_id)

    def printed(self, row_id: str, column_id: str) -> Decimal | None:
        """The value every export prints: as value(), but a total (a "Summa per år" row or column)
        computed from the amounts it adds up, whatever was typed (a differing typed total is named
        under the table: total_notes)."""
        computed = self.computed_total(row_id, column_id)
        return computed if self.is_total(row_id, column_id) else self.value(row_id, column_id)

    def is_total(self, row_id: str, column_id: str) -> bool:
        """A typed total's cell: in a total row or a total column."""
        return self.applies(row_id, column_id) and (
            self.table.row(row_id).role == "total" or self.table.column(column_id).party == TOTAL_PARTY)

    def computed_total(self, row_id: str, column_id: str) -> Decimal | None:
        """What a total cell adds up to: a total column the parties' amounts of its group in the
        row, a total row its column's cost rows; None when none of them is there."""
        if not self.is_total(row_id, column_id):
            return None
        column = self.table.column(column_id)
        columns = [column]
        if column.party == TOTAL_PARTY:
            columns = [c for c in self.table.columns if c.group == column.group and c.party in PARTIES]
        rows = [row_id]
        if self.table.row(row_id).role == "total":
            rows = [r.id for r in self.table.rows if r.role == "cost"]
        present = [v for r in rows for c in columns if (v := self.typed(r, c.id)) is not None]
        return sum(present, ZERO) if present else None

    def total_mismatches(self) -> list[tuple[str, str, Decimal, Decimal]]:
        """(row id, column id, typed, computed) for every typed total that is not what its parts add up to."""
        return [(row.id, column.id, typed, computed)
                for row in self.table.rows for column in self.table.columns
                if self.is_total(row.id, column.id)
                and (typed := self.typed(row.id, column.id)) is not None
                and (computed := self.computed_total(row.id, column.id)) is not None and typed != computed]

    @staticmethod
    def is_total_note(text: str) -> bool:
        """A line total_notes wrote (the Word import does not take it for an answer)."""
        return text.startswith(f"{TOTAL_NOTE[0]} ") and f" {TOTAL_NOTE[1]} " in text

    def total_notes(self) -> list[str]:
        """Under the table in every export: each typed total that differs from what is printed,
        "Angiven summa 151 stämmer inte med beräknad 351 (Folkhälsoarbete, Summa per år)."."""
        return [f"{TOTAL_NOTE[0]} {amount_text(typed, self.table.decimals)} {TOTAL_NOTE[1]} "
                f"{amount_text(computed, self.table.decimals)} ({self._label(self.table.row(row_id).label)}, "
                f"{self.template.column_label(self.table.column(column_id))})."
                for row_id, column_id, typed, computed in self.total_mismatches()]

    def deviations(self) -> list[Deviation]:
        """Per cost row and party: outcome − budget, in tkr and % of the budget."""
        result = []
        budget_cols = {c.party: c.id for c in self.table.columns if self._role(c.group) == "budget"}
        outcome_cols = {c.party: c.id for c in self.table.columns if self._role(c.group) == "outcome"}
        for row in self.table.rows:
            if row.role != "cost":
                continue
            for party in (p for p in PARTIES if p in budget_cols and p in outcome_cols):
                budget = self.typed(row.id, budget_cols[party])
                outcome = self.typed(row.id, outcome_cols[party])
                if budget is None or outcome is None:
                    continue
                diff = outcome - budget
                pct = (diff / budget * 100).quantize(Decimal("0.1")) if budget else None
                result.append(Deviation(row.id, party, diff, pct))
        return result

    def money(self, value: Decimal) -> str:
        """`1 553,5 tkr`, or `3 669 000 kr` in a table of whole kronor."""
        return f"{amount_text(value, self.table.decimals)} {self.table.unit}"

    def _label(self, text: str) -> str:
        return self.template.render(text, self.area, self.year).replace("¹", "")

    def issues(self) -> list[TableIssue]:
        """The warnings a coordinator should see before handing in the table: 50/50 between the
        parties, outcome within the funds, and typed totals that do not add up."""
        issues = []
        for group in self.table.groups:
            columns = [c for c in self.table.columns if c.group == group.id]
            group_label = self.template.render(group.label, year=self.year)
            issues += self._fifty_fifty(columns, group_label)
            if group.role == "outcome":
                issues += self._overspent(columns, group_label)
            issues += self._typed_totals(columns)
        return issues

    def _fifty_fifty(self, columns, group_label: str) -> list[TableIssue]:
        issues = []
        for row in self.table.rows:
            if row.role not in ("funds", "cost", "sum", "total"):
                continue
            region = self._party_total(row.id, columns, "region")
            city = self._party_total(row.id, columns, "city")
            if region is not None and city is not None and region != city:
                issues.append(TableIssue(row.id, (
                    f"{self._label(row.label)}, {group_label}: {self._side(columns, 'region')} {self.money(region)} "
                    f"och {self._side(columns, 'city')} {self.money(city)} är inte lika "
                    "(avtalet bygger på 50/50-finansiering)."
                )))
        return issues

    def _side(self, columns, party: str) -> str:
        """A party's side as its columns are headed: "SN", or "SN+FSN + GSN" with a co-financer."""
        return " + ".join(self.template.column_label(c) for c in columns if c.party == party)

    def _overspent(self, columns, group_label: str) -> list[TableIssue]:
        issues = []
        sum_row = next((r.id for r in self.table.rows if r.role == "sum"), "")
        for c in columns:
            balance = self.balance(c.id)
            if balance is not None and balance < 0:
                issues.append(TableIssue(sum_row, (
                    f"{group_label}, {self.template.column_label(c)}: {DEFICIT} {self.money(-balance)} – utfallet "
                    f"{self.money(self.column_sum(c.id))} är större än de ingående medlen {self.money(self.funds(c.id))}."
                )))
        return issues

    def _typed_totals(self, columns) -> list[TableIssue]:
        """Totals typed by hand (committee papers): each must equal the sum of its parts."""
        ids = {c.id for c in columns}
        issues = []
        for row_id, column_id, typed, computed in self.total_mismatches():
            if column_id not in ids:
                continue
            column, row = self.table.column(column_id), self.table.row(row_id)
            if column.party == TOTAL_PARTY:
                parts = [c for c in columns if c.party in PARTIES]
                what = f"delarna ({' + '.join(self.template.column_label(c) for c in parts)})"
                place = self._label(row.label)
            else:
                what, place = "raderna", f"{self._label(row.label)}, {self.template.column_label(column)}"
            issues.append(TableIssue(row_id, f"{place}: {what} summerar till {self.money(computed)}, inte {self.money(typed)}."))
        return issues

    def is_empty(self) -> bool:
        return not any(self.amounts.get(r.id) for r in self.table.rows if r.editable)

    def _party_total(self, row_id: str, columns, party: str) -> Decimal | None:
        values = [self.value(row_id, c.id) for c in columns if c.party == party]
        present = [v for v in values if v is not None]
        return sum(present, ZERO) if present else None

    def _role(self, group_id: str) -> str:
        return self.table.group(group_id).role


def table_calc(template: Template, report, field_id: str) -> TableCalc:
    """The calculator for one money table of a report."""
    table = template.field(field_id).table
    return TableCalc(template, table, report.tables.get(field_id, {}), report.year, report.area)
