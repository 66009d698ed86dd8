"""One helper for the forms in several steps ("Créer un dossier" in members, "Devenir membre" in
membership): the numbered steps, moving between them and what a step page shows. Where the
answers wait is the caller's choice: the session (`SessionAnswers`) or a draft in the database."""

from collections.abc import Iterable, Mapping


class Wizard:
    """Numbered steps with their titles, e.g. `Wizard({1: _("Identity"), 2: _("Coordinates")})`."""

    def __init__(self, titles: Mapping[int, str]) -> None:
        self.titles = dict(sorted(titles.items()))
        self.numbers = list(self.titles)

    def __contains__(self, step: int) -> bool:
        return step in self.titles

    @property
    def first(self) -> int:
        return self.numbers[0]

    @property
    def last(self) -> int:
        return self.numbers[-1]

    def following(self, step: int) -> int | None:
        """The step after `step`, or None after the last one."""
        later = [number for number in self.numbers if number > step]
        return later[0] if later else None

    def preceding(self, step: int) -> int:
        """The step before `step` (the first step for the first one)."""
        earlier = [number for number in self.numbers if number < step]
        return earlier[-1] if earlier else self.first

    def only(self, numbers: Iterable[int]) -> "Wizard":
        """The same wizard with some steps only (e.g. without the one that creates a file)."""
        kept = set(numbers)
        return Wizard({n: title for n, title in self.titles.items() if n in kept})

    def context(self, step: int) -> dict:
        """What a step's template shows: the list of steps, which one this is, and where."""
        return {
            "step": step,
            "step_title": self.titles[step],
            "steps": list(self.titles.items()),
            "position": self.numbers.index(step) + 1,
            "count": len(self.numbers),
            "is_first": step == self.first,
            "is_last": step == self.last,
        }


class SessionAnswers:
    """The answers of a wizard kept in the session until its last step: the cleaned data of each
    step, the furthest step reached, and what was typed on a step left with "Previous"."""

    def __init__(self, session, key: str) -> None:
        self.session = session
        self.key = key
        state = session.get(key) or {}
        self.data = state.get("data", {})
        self.reached = state.get("reached", 1)
        self.drafts = state.get("drafts", {})

    def answers(self, step: int) -> dict:
        return self.data.get(str(step), {})

    def keep(self, step: int, answers: dict) -> None:
        self.data[str(step)] = answers
        self.drafts.pop(str(step), None)

    def keep_draft(self, step: int, typed: dict) -> None:
        self.drafts[str(step)] = typed

    def draft(self, step: int) -> dict | None:
        return self.drafts.get(str(step))

    def missing(self, numbers: Iterable[int]) -> list[int]:
        return [number for number in numbers if str(number) not in self.data]

    def save(self) -> None:
        self.session[self.key] = {
            "data": self.data,
            "reached": self.reached,
            "drafts": self.drafts,
        }
        self.session.modified = True

    def clear(self) -> None:
        self.session.pop(self.key, None)
