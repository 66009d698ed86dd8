"""Registration questions across languages. Answers are stored against the French (source)
page: keyed by the source question's block id, choices stored as the source choice text. The
page a person reads (maybe the English translation) gives the labels, matched by position."""

from django.utils.translation import gettext as _

from .blocks import QuestionKind, YesNo


def paired_questions(source, page=None):
    """[(source block, question value to show)] in order."""
    source_blocks = list(source.questions)
    shown = list(page.questions) if page is not None and page.pk != source.pk else []
    if len(shown) != len(source_blocks):
        shown = source_blocks
    return [(s, p.value) for s, p in zip(source_blocks, shown, strict=True)]


def _choices(question):
    return [str(c) for c in (question.get("choices") or [])]


def shown_choice(source_question, shown_question, value):
    source_choices, shown = _choices(source_question), _choices(shown_question)
    if value in source_choices and len(shown) == len(source_choices):
        return shown[source_choices.index(value)]
    return value


def format_answer(source_question, shown_question, value):
    if value in (None, "", []):
        return ""
    kind = source_question["kind"]
    if kind == QuestionKind.YES_NO:
        return _("Yes") if value in (True, YesNo.YES) else _("No")
    if kind == QuestionKind.MULTIPLE_CHOICE and isinstance(value, list):
        return ", ".join(shown_choice(source_question, shown_question, v) for v in value)
    if kind == QuestionKind.SINGLE_CHOICE:
        return shown_choice(source_question, shown_question, value)
    return str(value)


def _rows(registration_answers, source, page, keep):
    """(question label, answer text) in the language of `page`, for the questions `keep`
    accepts (given the source question and its stored answer)."""
    rows = []
    for block, shown in paired_questions(source, page):
        value = registration_answers.get(block.id)
        if keep(block.value, value):
            rows.append((shown["label"], format_answer(block.value, shown, value)))
    return rows


def answer_rows(registration_answers, source, page=None, *, include_sensitive):
    """(question label, answer text) in the language of `page`."""
    return _rows(
        registration_answers,
        source,
        page,
        lambda question, value: include_sensitive or not question.get("sensitive"),
    )


def sensitive_rows(registration_answers, source, page=None):
    """(question label, answer text) of the sensitive questions answered (dietary needs,
    allergies), in the language of `page`."""
    return _rows(
        registration_answers,
        source,
        page,
        lambda question, value: question.get("sensitive") and value not in (None, "", []),
    )
