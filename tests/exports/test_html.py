"""The print/PDF content: the same questions and answers as the Word export, in template order."""

from html import escape

from exports.content import answer_lines, questions, report_title
from exports.html import report_html


def test_every_question_and_answer_in_template_order(fca2022, lundby):
    html = report_html(fca2022, lundby, ["Verksamhetsplan.pdf"])
    position = html.index(report_title(fca2022, lundby))
    for q in questions(fca2022, lundby):
        position = html.index(escape(q.label), position)
        for line in answer_lines(q.answer):
            if line.strip():
                assert escape(line) in html
    assert "Nej ☒" in html and "Ja ☐" in html
    assert "<b>80 %</b>" in html
    assert "443,5" in html and "5,0" in html
    assert "Verksamhetsplan.pdf" in html


def test_user_text_is_escaped(fca2022, lundby):
    lundby.answers["nosam"] = "<script>alert(1)</script> & <b>"
    html = report_html(fca2022, lundby)
    assert "<script>" not in html and "&lt;script&gt;" in html
