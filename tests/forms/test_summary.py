"""The committee's finance summary: the seed's Centrum 2024 table checks out; slips are named."""

from decimal import Decimal

import pytest

from forms.economics import table_calc
from forms.report import Report
from forms.summary import prefill
from forms.validate import validate

SEED = {  # seed 001_…, Centrum 2024, whole kronor
    "folkhalsa": ("3669000", "3669000", "7338000"),
    "fca": ("1553000", "1553000", "3106000"),
    "halsolots": ("1361000", "1361000", "2722000"),
    "summa_per_ar": ("6583000", "6583000", "13166000"),
}


@pytest.fixture
def summary_template(library):
    return library.get("ekonomisk-sammanstallning", "2023")


def seed_summary(figures=SEED):
    report = Report("ekonomisk-sammanstallning", "2023", "Centrum", 2024)
    for row_id, values in figures.items():
        for column_id, value in zip(("stad", "region", "summa"), values, strict=True):
            report.set_amount("finansiering", row_id, column_id, Decimal(value))
    return report


def test_the_seed_table_has_no_discrepancy(summary_template):
    calc = table_calc(summary_template, seed_summary(), "finansiering")
    assert calc.issues() == []
    assert calc.column_sum("stad") == Decimal("6583000")
    assert calc.column_sum("summa") == Decimal("13166000")
    assert [p for p in validate(summary_template, seed_summary()) if p.field_id == "finansiering"] == []


def test_a_slip_is_named_with_its_amounts(summary_template):
    figures = dict(SEED, halsolots=("1361000", "1339000", "2722000"))  # a typo in the region's part
    messages = [i.message for i in table_calc(summary_template, seed_summary(figures), "finansiering").issues()]
    assert ("Hälsolots Centrum: delarna (Göteborgs Stad + Västra Götalandsregionen) summerar till "
            "2\u00a0700\u00a0000 kr, inte 2\u00a0722\u00a0000 kr.") in messages
    assert any(m.startswith("Hälsolots Centrum, 2024: Västra Götalandsregionen 1\u00a0339\u00a0000 kr och Göteborgs "
                            "Stad 1\u00a0361\u00a0000 kr är inte lika") for m in messages)
    assert ("Summa per år, Västra Götalandsregionen: raderna summerar till 6\u00a0561\u00a0000 kr, "
            "inte 6\u00a0583\u00a0000 kr.") in messages


def test_prefilled_from_the_areas_reports(summary_template, library, lundby):
    lundby.area, lundby.year = "Centrum", 2024
    summary = Report("ekonomisk-sammanstallning", "2023", "Centrum", 2024)
    found = prefill(summary_template, summary, {"fca-uppfoljning": lundby}, library)
    assert found == ["fca-uppfoljning"]
    assert summary.amount("finansiering", "fca", "stad") == Decimal("459000")  # 459 tkr → kr
    assert summary.amount("finansiering", "fca", "summa") == Decimal("918000")
    assert summary.amount("finansiering", "summa_per_ar", "region") == Decimal("459000")
    assert summary.amount("finansiering", "folkhalsa", "stad") is None


def test_an_empty_report_fills_nothing_and_the_rows_without_figures_block(summary_template, library, lundby):
    """Issue 9: from an empty FCA report the summary got 0 in the FCA row and "Allt är ifyllt" with
    Folkhälsa and Hälsolots empty. Now an empty report gives nothing, and every agreement row without
    figures blocks "Klar" until it is filled or 0 is typed."""
    from forms.validate import blocking, validate

    empty_fca = Report("fca-uppfoljning", "2023", "Hisingen", 2023)
    summary = Report("ekonomisk-sammanstallning", "2023", "Hisingen", 2023, compiled_by="A", compiled_date=None)
    assert prefill(summary_template, summary, {"fca-uppfoljning": empty_fca}, library) == []
    assert summary.amount("finansiering", "fca", "stad") is None
    lundby.area, lundby.year = "Hisingen", 2023
    assert prefill(summary_template, summary, {"fca-uppfoljning": lundby}, library) == ["fca-uppfoljning"]
    must = [p.message for p in blocking(validate(summary_template, summary)) if p.field_id == "finansiering"]
    assert len(must) == 2 and must[0].startswith("Folkhälsoarbete: inga belopp") and "Hälsolots" in must[1]
    for column in ("stad", "region", "summa"):  # "this area has no Hälsolots": 0 is an answer
        summary.set_amount("finansiering", "halsolots", column, Decimal(0))
    must = [p.message for p in blocking(validate(summary_template, summary)) if p.field_id == "finansiering"]
    assert len(must) == 1 and must[0].startswith("Folkhälsoarbete")


def test_each_row_says_where_its_figures_come_from(summary_template, library, lundby):
    from forms.summary import row_origins

    lundby.area, lundby.year = "Hisingen", 2023
    summary = Report("ekonomisk-sammanstallning", "2023", "Hisingen", 2023)
    sources = {"fca-uppfoljning": lundby}
    prefill(summary_template, summary, sources, library)
    summary.set_amount("finansiering", "halsolots", "stad", Decimal(700000))
    origins = row_origins(summary_template, summary, sources, library)
    assert origins["fca"].startswith("från Uppföljning") and "Hisingen 2023" in origins["fca"]
    assert origins["halsolots"] == "inskrivna belopp"
    assert origins["folkhalsa"].startswith("inga belopp")
    summary.set_amount("finansiering", "fca", "stad", Decimal(1))
    assert origins != row_origins(summary_template, summary, sources, library)
    assert row_origins(summary_template, summary, sources, library)["fca"].startswith("inskrivna belopp (skiljer sig")
