"""The economic table with the seed's figures: SUMMA 459 and 443,5, Återbetalning 5,0 per party."""

from decimal import Decimal

from forms.economics import table_calc


def test_seed_sums_and_refund(fca2022, lundby):
    calc = table_calc(fca2022, lundby, "ekonomi")
    assert calc.value("summa", "budget_region") == Decimal("459")
    assert calc.value("summa", "budget_stad") == Decimal("459")
    assert calc.value("summa", "utfall_region") == Decimal("443.5")
    assert calc.value("summa", "utfall_stad") == Decimal("443.5")
    assert calc.value("aterbetalning", "utfall_region") == Decimal("5.0")
    assert calc.value("aterbetalning", "utfall_stad") == Decimal("5.0")
    assert calc.value("aterbetalning", "budget_region") is None  # only in the Utfall columns
    assert calc.issues() == []


def test_deviation_per_cost_row(fca2022, lundby):
    devs = {(d.row_id, d.party): d for d in table_calc(fca2022, lundby, "ekonomi").deviations()}
    assert devs[("lon", "region")].amount == Decimal("-10.5")
    assert devs[("lon", "region")].percent == Decimal("-4.0")
    assert devs[("ovrigt", "city")].amount == Decimal("-5.0")
    assert devs[("kompetensutveckling", "city")].amount == 0


def test_fifty_fifty_slip_is_named(fca2022, lundby):
    lundby.set_amount("ekonomi", "lon", "utfall_stad", Decimal("260.5"))
    messages = [i.message for i in table_calc(fca2022, lundby, "ekonomi").issues()]
    assert any("Koordinator/samordnare" in m and "HSNG 250,5" in m and "SDN 260,5" in m for m in messages)
    assert any(m.startswith("SUMMA, Utfall 2022-12-31") for m in messages)


def test_outcome_above_funds_warns(fca2022, lundby):
    for col in ("utfall_region", "utfall_stad"):
        lundby.set_amount("ekonomi", "ovrigt", col, Decimal("100"))
    calc = table_calc(fca2022, lundby, "ekonomi")
    assert calc.refund("utfall_region") == 0  # nothing goes back …
    assert calc.value("aterbetalning", "utfall_region") == Decimal("-24.5")  # … and the deficit is shown
    assert any("Underskott 24,5 tkr – utfallet 473,0 tkr är större än de ingående medlen 448,5" in i.message
               for i in calc.issues())


def test_empty_table_has_no_sums(fca2022, library):
    from forms.report import Report
    report = Report("fca-uppfoljning", "2022", "Lundby", 2022)
    calc = table_calc(fca2022, report, "ekonomi")
    assert calc.is_empty()
    assert calc.value("summa", "budget_region") is None
