"""The printout and "Spara som PDF" content (exports/print_layout.py, laid out by desktop/printing.py):
the same questions and answers as the Word export, in template order, with the user's text escaped."""

import re
from html import escape, unescape

from exports.content import answer_lines, questions, report_title
from exports.print_layout import (
    ATTACHMENTS,
    BULLET,
    STYLES,
    KeepTogether,
    Paragraph,
    Table,
    report_blocks,
)


def flat(blocks) -> list:
    """The paragraphs and tables in print order, the signature's paragraphs included."""
    out = []
    for block in blocks:
        if isinstance(block, KeepTogether):
            out += block.blocks
        elif isinstance(block, Paragraph | Table):
            out.append(block)
    return out


def plain(html: str) -> str:
    """A block's inline HTML as the reader sees it: line breaks kept, tags gone, entities decoded."""
    return unescape(re.sub(r"<[^>]+>", "", html.replace("<br>", "\n")))


def printed_text(blocks) -> str:
    """Every paragraph and table cell, in print order, one per line."""
    texts = []
    for block in flat(blocks):
        if isinstance(block, Table):
            texts += [plain(cell.html) for row in block.header + block.rows for cell in row.cells]
        else:
            texts.append(plain(block.html))
    return "\n".join(texts)


def all_html(blocks) -> list[str]:
    """The inline HTML of every paragraph and table cell."""
    return [cell.html for b in flat(blocks) if isinstance(b, Table) for row in b.header + b.rows for cell in row.cells] + [
        b.html for b in flat(blocks) if isinstance(b, Paragraph)]


def test_every_question_and_answer_in_template_order(fca2022, lundby):
    blocks = report_blocks(fca2022, lundby, ["Verksamhetsplan.pdf"])
    text = printed_text(blocks)
    position = text.index(report_title(fca2022, lundby))
    for q in questions(fca2022, lundby):
        position = text.index(q.label, position)
        for line in answer_lines(q.answer):
            if line.strip():
                assert line in text
    paragraphs = [b for b in flat(blocks) if isinstance(b, Paragraph)]
    # The yes/no question in bold, then its boxes: "Nej" ticked, "Ja" not.
    label = fca2022.field("bemanning_tillracklig").label
    at = next(i for i, p in enumerate(paragraphs) if p.html == escape(label))
    assert paragraphs[at].style == "question" and STYLES["question"].bold
    assert plain(paragraphs[at + 1].html) == "Ja ☐\u00a0\u00a0\u00a0Nej ☒"
    assert f"{escape(fca2022.field('andel_koordinator').label)} <b>80 %</b>" in [p.html for p in paragraphs]
    money = next(b for b in flat(blocks) if isinstance(b, Table) and b.kind == "money")
    amounts = [cell.html for row in money.rows for cell in row.cells]
    assert "443,5" in amounts and "5,0" in amounts
    headings = [i for i, p in enumerate(paragraphs) if p.html == ATTACHMENTS and p.style == "heading"]
    assert headings and paragraphs[headings[0] + 1] == Paragraph(BULLET + "Verksamhetsplan.pdf", "bullet")


def test_user_text_is_escaped(fca2022, lundby):
    lundby.answers["nosam"] = "<script>alert(1)</script> & <b>"
    html = all_html(report_blocks(fca2022, lundby))
    assert not any("<script>" in h for h in html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in html
