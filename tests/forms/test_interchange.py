"""The JSON form of a report: round trips, and invalid files are refused with a clear message."""

import json

import pytest

from forms.interchange import InterchangeError, report_from_json, report_to_dict, report_to_json


def test_demo_json_round_trips(store, lundby, library):
    text = report_to_json(lundby, library)
    report_id = store.create_report(report_from_json(text, library))
    assert report_to_json(store.load_report(report_id), library) == text


def _variant(lundby, library, **changes):
    data = report_to_dict(lundby, library)
    data.update(changes)
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("changes, message", [
    ({"format": "något annat"}, "ingen rapport från Avtalsuppföljning"),
    ({"version": 7}, "version 7 stöds inte"),
    ({"extra": 1}, "okända fält: extra"),
    ({"template": {"id": "fca-uppfoljning", "revision": "1999"}}, "version 1999 finns inte"),
    ({"year": "2022"}, "ska vara ett årtal"),
    ({"status": "färdig"}, "”status” ska vara en av"),
    ({"answers": {"finns_inte": "x"}}, "Frågan ”finns_inte” finns inte"),
    ({"answers": {"bemanning_tillracklig": "kanske"}}, "ska vara ja eller nej"),
    ({"answers": {"andel_koordinator": 80}}, "ska vara text"),
    ({"answers": {"nosam": 5}}, "ska vara text"),
    ({"tables": {"ekonomi": {"summa": {"budget_region": "459"}}}}, "ingen ifyllbar rad ”summa”"),
    ({"tables": {"ekonomi": {"lon": {"budget_region": 459.5}}}}, "ska skrivas som text"),
    ({"tables": {"ekonomi": {"lon": {"budget_region": "1e5"}}}}, "inte ett tal"),
    ({"compiled_date": "20 januari"}, "ska vara ett datum"),
])
def test_invalid_reports_are_refused(lundby, library, changes, message):
    with pytest.raises(InterchangeError, match=message):
        report_from_json(_variant(lundby, library, **changes), library)


def test_truncated_file_is_refused(lundby, library):
    text = report_to_json(lundby, library)
    with pytest.raises(InterchangeError, match="inte giltig JSON"):
        report_from_json(text[: len(text) // 2], library)


def test_rows_and_numbers_round_trip_and_bad_rows_are_refused(tmp_path):
    from pathlib import Path

    from forms.report import Report
    from forms.template import TemplateLibrary

    library = TemplateLibrary.load(Path(__file__).resolve().parent.parent / "data")
    report = Report("testplan", "2030", "Centrum", 2030)
    report.set_rows("delmal_1", [{"insats": "ABC – föräldrar", "ansvar": "ÖF"}, {"insats": "", "ansvar": ""}])
    report.set_answer("arsarbetare", "3.5")
    text = report_to_json(report, library)
    data = json.loads(text)
    assert data["answers"]["delmal_1"] == [{"insats": "ABC – föräldrar", "ansvar": "ÖF"}]  # the empty row is gone
    assert report_to_json(report_from_json(text, library), library) == text
    data["answers"]["delmal_1"] = [{"insats": "x", "okänd": "y"}]
    with pytest.raises(InterchangeError, match="rad 1: en rad ska ha text för kolumnerna insats, ansvar"):
        report_from_json(json.dumps(data), library)
    data["answers"]["delmal_1"] = "en text"
    with pytest.raises(InterchangeError, match="ska vara en lista med rader"):
        report_from_json(json.dumps(data), library)
