"""The document every export walks (exports/document.py): the same questions and answers as the
template, in template order, every text formatted once."""

from exports.content import answer_lines, questions, report_title
from exports.document import (
    ATTACHMENTS,
    STYLES,
    KeepTogether,
    Paragraph,
    Run,
    Table,
    build,
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


def printed_text(blocks) -> str:
    """Every paragraph and table cell, in print order, one per line."""
    texts = []
    for block in flat(blocks):
        if isinstance(block, Table):
            texts += [cell.text for row in block.header + block.rows for cell in row.cells]
        else:
            texts.append(block.text)
    return "\n".join(texts)


def test_every_question_and_answer_in_template_order(fca2022, lundby):
    blocks = build(fca2022, lundby, ["Verksamhetsplan.pdf"])
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
    at = next(i for i, p in enumerate(paragraphs) if p.text == label)
    assert paragraphs[at].style == "question" and STYLES["question"].bold and STYLES["question"].keep_with_next
    assert paragraphs[at + 1].text == "Ja ☐   Nej ☒"
    assert [r for r in paragraphs[at + 1].runs if r.symbol] == [Run("☐", symbol=True), Run("☒", symbol=True)]
    share = Paragraph((Run(fca2022.field("andel_koordinator").label, bold=True), Run(" "), Run("80 %")))
    assert share in paragraphs
    money = next(b for b in flat(blocks) if isinstance(b, Table) and b.kind == "money")
    amounts = [cell.text for row in money.rows for cell in row.cells]
    assert "443,5" in amounts and "5,0" in amounts
    headings = [i for i, p in enumerate(paragraphs) if p.text == ATTACHMENTS and p.style == "heading"]
    attachment = paragraphs[headings[0] + 1]
    assert (attachment.text, attachment.style) == ("Verksamhetsplan.pdf", "bullet")


