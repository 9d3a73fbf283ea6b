"""The economic table's arithmetic, in Decimal: sums, what goes back to the region, deviations,
and the checks (50/50 between the parties, outcome within the available funds)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from forms.numbers import format_amount
from forms.template import PARTIES, TOTAL_PARTY, MoneyTable, Template

ZERO = Decimal(0)


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

    def refund(self, column_id: str) -> Decimal | None:
        """What goes back to the region: the funds minus the costs; never below zero."""
        funds, costs = self.funds(column_id), self.column_sum(column_id)
        if funds is None or costs is None:
            return None
        return max(funds - costs, ZERO)

    def applies(self, row_id: str, column_id: str) -> bool:
        row = self.table.row(row_id)
        return row.groups is None or self.table.column(column_id).group in row.groups

    def value(self, row_id: str, column_id: str) -> Decimal | None:
        """The shown value of any cell: typed, or computed for sum and refund rows."""
        row = self.table.row(row_id)
        if not self.applies(row_id, column_id):
            return None
        if row.role == "sum":
            return self.column_sum(column_id)
        if row.role == "refund":
            return self.refund(column_id)
        return self.typed(row_id, column_id)

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
        return f"{format_amount(value, self.table.decimals)} {self.table.unit}"

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
            funds, costs = self.funds(c.id), self.column_sum(c.id)
            if funds is not None and costs is not None and costs > funds:
                issues.append(TableIssue(sum_row, (
                    f"{group_label}, {self.template.column_label(c)}: utfallet {self.money(costs)} är större "
                    f"än de ingående medlen {self.money(funds)}."
                )))
        return issues

    def _typed_totals(self, columns) -> list[TableIssue]:
        """Totals typed by hand (committee papers): each must equal the sum of its parts."""
        issues = []
        parts = [c for c in columns if c.party in PARTIES]
        for total in (c for c in columns if c.party == TOTAL_PARTY):
            for row in self.table.rows:
                typed = self.typed(row.id, total.id)
                values = [self.typed(row.id, c.id) for c in parts]
                if typed is None or any(v is None for v in values):
                    continue
                computed = sum(values, ZERO)
                if computed != typed:
                    issues.append(TableIssue(row.id, (
                        f"{self._label(row.label)}: delarna ({' + '.join(self.template.column_label(c) for c in parts)}) "
                        f"summerar till {self.money(computed)}, inte {self.money(typed)}.")))
        for row in (r for r in self.table.rows if r.role == "total"):
            for c in columns:
                typed, computed = self.typed(row.id, c.id), self.column_sum(c.id)
                if typed is not None and computed is not None and typed != computed:
                    issues.append(TableIssue(row.id, (
                        f"{self._label(row.label)}, {self.template.column_label(c)}: raderna summerar till "
                        f"{self.money(computed)}, inte {self.money(typed)}.")))
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
