"""Reports a coordinator wrote freely in Word, read by what their sections and questions mean
(forms/word_import/meaning.py): headings in other words ("Målområde 1 – …", "Genomförda insatser",
"Effekter och lärdomar"), answers as bullet lists, the area only in the title. Every match says how
sure it is; an unsure one is proposed, never silently taken.

The wording follows the region's real papers (seeds 000 and 001: the Centrum and Hisingen follow-ups
and handlingsplaner 2023–2024), written as a coordinator would in a document of their own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exports.bundle import docx_bytes
from forms.template import TemplateLibrary
from forms.word_import import import_docx, match_document
from forms.word_import.meaning import LIKELY, SURE, UNSURE
from tests.forms import word_builders as wb

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"

# What a coordinator in Centrum wrote about 2024 under each målområde (seed 001's own sentences).
ACTIVITIES_1 = [
    "Bokgåvor till barnfamiljer som läsfrämjande insats.",
    "Barnvagnspromenader med teman kring småbarn och föräldraskap, även i Kallebäck.",
    "Uppstart av barnhälsonätverk i Centrum.",
]
EFFECTS_1 = ("Barnhälsonätverken har skapat bättre förutsättningar för att tidigt identifiera och stödja familjer "
             "med barn 0–6 år som behöver ett anpassat stöd.")
ACTIVITIES_2 = [
    "Utbildning för personal inom socialtjänst, anhörigstöd och föräldrastöd om psykisk ohälsa.",
    "Samordnare för samordnad individuell plan (SIP) under första halvåret.",
]
EFFECTS_2 = ("Personalen stöttar invånare med psykisk ohälsa att förstå sin situation. "
             "En lärdom är att riktad marknadsföring når målgrupper med förhöjd risk.")
ACTIVITIES_3 = [
    "Föreningslivet har uppmuntrats att göra sociala insatser utöver sin ordinarie verksamhet.",
    "Grannskapsarbete i Kallebäck.",
]
EFFECTS_3 = "Ett bredare utbud av öppna sociala sammanhang för invånare i Centrum."
ACTIVITIES_4 = [
    "Uppsökande arbete för att fler ska låna fritidshjälpmedel hos Fritidsbanken.",
    "Hjälterundan under Parapulsfestivalen.",
]
LAST_YEAR_4 = ("Förra året lärde vi oss att FaR-mottagningarna var viktiga; de har nu lagts ner av VGR, "
               "vilket är en oroande utveckling.")
ACTIVITIES_5 = "Samarbete med äldre samt vård- och omsorgsförvaltningen om ofrivillig ensamhet hos seniorer."


def free_folkhalsa_report() -> bytes:
    """The Centrum 2024 folkhälsa follow-up as a coordinator writes it: the area only in the title,
    målområden shortened, "Genomförda insatser"/"Effekter och lärdomar" and other words instead of the
    template's "Insatser"/"Effekter/lärdomar", answers as Word lists, typed dashes and "1)"."""
    doc = wb.new_document("Uppföljning av folkhälsoarbetet 2024 – Centrum")
    doc.add_paragraph("Här följer en sammanfattning av årets arbete per målområde i handlingsplanen.")
    doc.add_heading("Målområde 1 – En god start i livet", level=1)
    doc.add_heading("Genomförda insatser", level=2)
    for line in ACTIVITIES_1:
        doc.add_paragraph(line, style="List Bullet")
    doc.add_heading("Effekter och lärdomar", level=2)
    doc.add_paragraph(EFFECTS_1)
    doc.add_heading("Målområde 2 – Psykisk hälsa", level=1)
    doc.add_paragraph("Vad vi har gjort:")
    for line in ACTIVITIES_2:
        doc.add_paragraph(f"- {line}")
    doc.add_paragraph("Resultat och lärdomar:")
    doc.add_paragraph(EFFECTS_2)
    doc.add_heading("Målområde 3 – Delaktighet, inflytande och tillit", level=1)
    doc.add_heading("Aktiviteter under året", level=2)
    for number, line in enumerate(ACTIVITIES_3, start=1):
        doc.add_paragraph(f"{number}) {line}")
    doc.add_heading("Effekter", level=2)
    doc.add_paragraph(EFFECTS_3)
    doc.add_heading("Målområde 4 – Hälsosamma och hållbara livsmiljöer", level=1)
    doc.add_heading("Genomförda insatser", level=2)
    for line in ACTIVITIES_4:
        doc.add_paragraph(line, style="List Bullet")
    doc.add_heading("Lärdomar från föregående år", level=2)  # misleading: last year's, not this year's
    doc.add_paragraph(LAST_YEAR_4)
    doc.add_heading("Målområde 5 – Åldrande med livskvalitet", level=1)
    doc.add_heading("Genomförda insatser", level=2)
    doc.add_paragraph(ACTIVITIES_5)
    return wb.to_bytes(doc)


def bullets(lines: list[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


@pytest.fixture
def free_folkhalsa(library):
    return import_docx(free_folkhalsa_report(), library, name="Årsrapport.docx")


def test_a_freely_written_follow_up_is_read_by_meaning(free_folkhalsa):
    result = free_folkhalsa
    assert (result.template_id, result.revision, result.year) == ("folkhalsa-uppfoljning", "2024", 2024)
    assert result.area == "Centrum"
    report = result.report
    assert report.answer("malomrade_1_insatser") == bullets(ACTIVITIES_1)
    assert report.answer("malomrade_1_effekter") == EFFECTS_1
    assert report.answer("malomrade_2_insatser") == "\n".join(f"- {line}" for line in ACTIVITIES_2)
    assert report.answer("malomrade_2_effekter") == EFFECTS_2
    assert report.answer("malomrade_3_insatser") == "\n".join(f"{n}) {line}" for n, line in enumerate(ACTIVITIES_3, 1))
    assert report.answer("malomrade_3_effekter") == EFFECTS_3
    assert report.answer("malomrade_4_insatser") == bullets(ACTIVITIES_4)
    assert report.answer("malomrade_5_insatser") == ACTIVITIES_5


def test_each_match_says_how_sure_it_is_and_why(free_folkhalsa):
    q = {m.field_id: m for m in free_folkhalsa.questions}
    insatser = q["malomrade_1_insatser"]
    assert (insatser.confidence, insatser.document_label) == (LIKELY, "Genomförda insatser")
    assert "Genomförda insatser" in insatser.reason and "Insatser" in insatser.reason
    assert "Målområde 1 – En god start i livet" in insatser.reason  # the section it sits in
    for field_id in ("malomrade_1_effekter", "malomrade_2_insatser", "malomrade_2_effekter", "malomrade_3_insatser",
                     "malomrade_3_effekter", "malomrade_4_insatser", "malomrade_5_insatser"):
        assert q[field_id].confidence == LIKELY and not q[field_id].proposed, field_id
    sections = {s.section_id: s for s in free_folkhalsa.sections}
    assert sections["malomrade_2"].document_text == "Målområde 2 – Psykisk hälsa"
    assert sections["malomrade_2"].confidence == SURE  # its number and its words agree
    assert "2" in sections["malomrade_2"].reason and "psykisk" in sections["malomrade_2"].reason.lower()


def test_the_area_only_in_the_title_is_recognised_with_its_confidence(free_folkhalsa):
    assert free_folkhalsa.area == "Centrum"
    assert free_folkhalsa.area_confidence == LIKELY
    assert "Uppföljning av folkhälsoarbetet 2024 – Centrum" in free_folkhalsa.area_reason


def test_a_misleading_heading_is_proposed_not_taken(free_folkhalsa):
    q = {m.field_id: m for m in free_folkhalsa.questions}
    last_year = q["malomrade_4_effekter"]
    assert last_year.confidence == UNSURE and last_year.proposed and not last_year.accepted
    assert last_year.document_label == "Lärdomar från föregående år"
    assert last_year.answer == LAST_YEAR_4  # what would be imported, if the user accepts it
    assert free_folkhalsa.report.answer("malomrade_4_effekter") == ""  # not silently taken
    assert free_folkhalsa.needs_look
    free_folkhalsa.accept("malomrade_4_effekter")
    assert free_folkhalsa.report.answer("malomrade_4_effekter") == LAST_YEAR_4
    free_folkhalsa.accept("malomrade_4_effekter", False)
    assert free_folkhalsa.report.answer("malomrade_4_effekter") == ""


def test_stray_text_stays_listed_and_an_unwritten_question_is_not_found(free_folkhalsa):
    q = {m.field_id: m for m in free_folkhalsa.questions}
    assert not q["malomrade_5_effekter"].found  # nothing written about it
    assert free_folkhalsa.unmatched == ["Här följer en sammanfattning av årets arbete per målområde i handlingsplanen."]


def test_a_heading_that_fits_two_questions_goes_to_one_and_is_only_proposed(library):
    doc = wb.new_document("Uppföljning av folkhälsoarbetet 2024 – Lundby")
    doc.add_heading("Målområde 2 – Psykisk hälsa", level=1)
    doc.add_heading("Insatser och effekter", level=2)
    doc.add_paragraph(EFFECTS_2)
    result = import_docx(wb.to_bytes(doc), library)
    q = {m.field_id: m for m in result.questions}
    taking = [m for m in (q["malomrade_2_insatser"], q["malomrade_2_effekter"]) if m.found]
    assert [m.document_label for m in taking] == ["Insatser och effekter"]  # one question, never both
    assert taking[0].confidence == UNSURE and "liknar lika mycket en annan fråga" in taking[0].reason
    assert result.report.answer(taking[0].field_id) == ""  # proposed, not taken
    assert EFFECTS_2 not in result.unmatched


def test_the_same_report_without_its_vocabulary_is_not_read(tmp_path):
    """The vocabulary in the template files does the work: without their `keywords`, "Vad vi har gjort"
    and "Resultat och lärdomar" are not known as the template's questions (the målområden still are, by their
    numbers and words)."""
    for path in TEMPLATES.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        (tmp_path / path.name).write_text(re.sub(r"(?m)^keywords = .*$", "", text), encoding="utf-8")
    bare = TemplateLibrary.load(tmp_path)
    result = import_docx(free_folkhalsa_report(), bare, template_id="folkhalsa-uppfoljning", revision="2024")
    q = {m.field_id: m for m in result.questions}
    assert not q["malomrade_2_insatser"].found and not q["malomrade_2_effekter"].taken
    assert import_docx(free_folkhalsa_report(), bare).template_id == "folkhalsa-uppfoljning"


# --- a freely written action plan -------------------------------------------------------------

ABC = ["ABC-grupper för föräldrar till barn 3–12 år i Biskopsgården och Backa – familjecentralen",
       "Gemensam planering av kursutbudet med förskola och skola – koordinatorerna"]
PARENTING = ["Föräldraträffar på öppna förskolan om språkutveckling",
             "Trygghetscirkeln för föräldrar med barn 0–12 år"]
KNOWLEDGE = ["Lilla hjärnans utveckling med eller utan digitala verktyg – föreläsning och workshop för "
             "stadsområdets barnhälsonätverk",
             "Konferensen ”Värna våra yngsta” för familjecentralerna",
             "SIP-utbildningar"]
ORGANISATION = ["Koordinatorerna leder stadsområdets barnhälsonätverk.",
                "Styrgruppen för familjecentralerna träffas fyra gånger om året."]


def free_action_plan() -> bytes:
    """Hisingen's FCA plan for 2024 written freely (seed 000's own headings and bullets): "Målområde 1:"
    headings instead of "7.1 …", delmål in short words, planned activities as bullet lists, the area
    only in the title."""
    doc = wb.new_document("Handlingsplan FCA 2024 – Hisingen")
    doc.add_heading("Målområde 1 – Samordnat och välfungerande stöd till familjer utifrån barns behov", level=1)
    doc.add_heading("Delmål 1.1 Samordna utbudet av ABC", level=2)
    for line in ABC:
        doc.add_paragraph(line, style="List Bullet")
    doc.add_heading("Delmål 1.2 Generellt föräldraskapsstöd 0–18 år för alla målgrupper", level=2)
    for line in PARENTING:
        doc.add_paragraph(line, style="List Bullet")
    doc.add_heading("Målområde 3 – Kompetensutveckling för personal, chefer och beslutsfattare", level=1)
    doc.add_heading("Delmål 3.1 Grundläggande kunskap om FCA", level=2)
    for line in KNOWLEDGE:
        doc.add_paragraph(f"- {line}")
    doc.add_heading("Så är arbetet organiserat", level=1)
    for line in ORGANISATION:
        doc.add_paragraph(line, style="List Bullet")
    return wb.to_bytes(doc)


def test_a_freely_written_action_plan_is_read_by_meaning(library):
    result = import_docx(free_action_plan(), library, name="plan.docx")
    assert (result.template_id, result.area, result.year) == ("fca-handlingsplan", "Hisingen", 2024)
    report = result.report
    assert [r["insats"] for r in report.rows("delmal_7_1_1")] == ABC
    assert [r["insats"] for r in report.rows("delmal_7_1_2")] == PARENTING
    assert [r["insats"] for r in report.rows("delmal_7_3_1")] == KNOWLEDGE
    assert report.answer("organisering_text") == bullets(ORGANISATION)
    q = {m.field_id: m for m in result.questions}
    assert q["delmal_7_1_1"].confidence == LIKELY and "Delmål 1.1 Samordna utbudet av ABC" in q["delmal_7_1_1"].reason
    assert q["organisering_text"].confidence in (LIKELY, UNSURE)
    sections = {s.section_id: s for s in result.sections}
    assert sections["malomrade_7_3"].confidence == SURE  # "Målområde 3" is the third målområde, its words agree
    assert not q["delmal_7_2_1"].found  # målområde 2 was not written about


def test_the_area_only_in_the_file_name(library):
    doc = wb.new_document("Uppföljning av folkhälsoarbetet 2024")
    doc.add_heading("Målområde 2 – Psykisk hälsa", level=1)
    doc.add_heading("Genomförda insatser", level=2)
    doc.add_paragraph(ACTIVITIES_2[0])
    result = import_docx(wb.to_bytes(doc), library, name="Nordost folkhälsa.docx")
    assert (result.area, result.year, result.area_confidence) == ("Nordost", 2024, LIKELY)
    assert result.area_reason == "området ”Nordost” står i filnamnet ”Nordost folkhälsa”"


def test_bullet_answers_survive_our_export_and_a_second_import(library, free_folkhalsa):
    """The lists read from the free report, exported by the app and imported again: the same answers."""
    template = library.get("folkhalsa-uppfoljning", "2024")
    again = import_docx(docx_bytes(template, free_folkhalsa.report), library)
    for field_id in ("malomrade_1_insatser", "malomrade_2_insatser", "malomrade_3_insatser", "malomrade_1_effekter"):
        assert again.report.answer(field_id) == free_folkhalsa.report.answer(field_id), field_id
        assert next(q for q in again.questions if q.field_id == field_id).confidence == SURE


def test_a_free_action_plan_survives_our_export_and_a_second_import(library):
    first = import_docx(free_action_plan(), library, name="plan.docx")
    again = import_docx(docx_bytes(library.get("fca-handlingsplan", "2024"), first.report), library)
    for field_id in ("delmal_7_1_1", "delmal_7_1_2", "delmal_7_3_1", "organisering_text"):
        assert again.report.answer(field_id) == first.report.answer(field_id), field_id


def test_a_freely_written_halsolots_report_with_lists_under_its_headings(library):
    """Hälsolots Hisingen 2023 in its own words (seed 000): "Fokusområde 1 – …", "Vad har gjorts:",
    "Lärdomar:", the local assignment as a list right under its heading."""
    doc = wb.new_document("Årsrapport Hälsolots Hisingen 2023")
    doc.add_heading("Fokusområde 1 – Kostnadsfria aktiviteter", level=1)
    doc.add_heading("Genomförda insatser", level=2)
    activities = ["Yoga och cirkelträning i Biskopsgården", "Vattengympa för transpersoner", "Familjeträning och promenader"]
    for line in activities:
        doc.add_paragraph(line, style="List Bullet")
    doc.add_heading("Effekter och lärdomar", level=2)
    doc.add_paragraph("Den sociala gemenskapen bidrar till glädje och att bryta isolering.")
    doc.add_heading("Fokusområde 3 – Samverkan mellan invånare och aktörer", level=1)
    doc.add_paragraph("Vad har gjorts:")
    doc.add_paragraph("- Inventering av behov tillsammans med bostadsbolag och civilsamhället")
    doc.add_paragraph("Lärdomar:")
    doc.add_paragraph("Den tvärsektoriella samverkan är central.")
    doc.add_heading("Lokalt uppdrag", level=1)
    doc.add_paragraph("Utbildning för Hisingens invånarguider i hälsa och kostfrågor.", style="List Bullet")
    result = import_docx(wb.to_bytes(doc), library)
    assert (result.template_id, result.area, result.year) == ("halsolots-uppfoljning", "Hisingen", 2023)
    report = result.report
    assert report.answer("fokusomrade_1_insatser") == bullets(activities)
    assert report.answer("fokusomrade_1_resultat") == "Den sociala gemenskapen bidrar till glädje och att bryta isolering."
    assert report.answer("fokusomrade_3_insatser") == "- Inventering av behov tillsammans med bostadsbolag och civilsamhället"
    assert report.answer("fokusomrade_3_resultat") == "Den tvärsektoriella samverkan är central."
    assert [r["mal"] for r in report.rows("lokalt_uppdrag")] == ["Utbildning för Hisingens invånarguider i hälsa och kostfrågor."]
    q = {m.field_id: m for m in result.questions}
    assert {q[f].confidence for f in ("fokusomrade_1_insatser", "fokusomrade_1_resultat", "fokusomrade_3_insatser",
                                      "fokusomrade_3_resultat", "lokalt_uppdrag")} == {LIKELY}
    assert result.unmatched == []


def test_the_smoke_tests_copy_of_the_free_report_is_read_as_the_built_one(library):
    """scripts/smoke-app.sh imports tests/data/word/fritt-skriven-folkhalsa-centrum-2024.docx with the
    frozen app and expects "8 av 10 frågor hittades": the same here, and the same as the built document."""
    from pathlib import Path

    from forms.word_reader import read_docx

    copy = Path(__file__).parents[1] / "data" / "word" / "fritt-skriven-folkhalsa-centrum-2024.docx"
    committed = match_document(read_docx(copy.read_bytes(), copy.name), library)
    built = match_document(read_docx(free_folkhalsa_report(), copy.name), library)
    assert committed.summary().startswith("8 av 10 frågor hittades")
    assert [(q.field_id, q.answer) for q in committed.questions] == [(q.field_id, q.answer) for q in built.questions]
