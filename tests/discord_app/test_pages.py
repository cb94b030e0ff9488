"""Answers whose lists the core cut short are paged in full under the first page."""

from __future__ import annotations


def _resolution_answer(no: int, abstain: int, absent: int) -> object:
    from bot.core.models import CountryRef, Resolution, ResolutionAnswer

    def refs(prefix: str, n: int) -> tuple[CountryRef, ...]:
        return tuple(CountryRef(f"{prefix}{i:03d}", f"{prefix} Republic {i}") for i in range(n))

    resolution = Resolution(
        id=1,
        symbol="A/RES/1/1",
        date="2000-01-01",
        session="1",
        title="A long roll call",
        yes=193 - no - abstain - absent,
        no=no,
        abstain=abstain,
        non_voting=absent,
        total_members=193,
    )
    return ResolutionAnswer(
        resolution=resolution,
        no_votes=refs("Noland", no),
        abstentions=refs("Abstania", abstain),
        non_voting=refs("Absentia", absent),
    )


def test_lists_the_core_cut_short_are_paged_in_full() -> None:
    from bot.core.render.text import embed_data
    from bot.discord_app.pages import answer_pages

    answer = _resolution_answer(no=70, abstain=60, absent=20)
    first = embed_data(answer)
    assert "more" in first.description  # the core did cut the lists
    pages = answer_pages(answer, first)
    assert pages[0] == first  # the first page is what the core rendered
    assert len(pages) >= 3
    listed: list[str] = []
    for page in pages[1:]:
        for block in page.description.split("\n\n"):
            heading, _, names = block.partition("\n")
            assert heading.startswith("**") and heading.endswith("**")
            listed += names.split(", ")
    everyone = [*answer.no_votes, *answer.abstentions, *answer.non_voting]  # type: ignore[attr-defined]
    assert sorted(listed) == sorted(ref.name for ref in everyone)  # each exactly once
    for number, page in enumerate(pages[1:], start=2):
        assert len(page.description) <= 2000
        assert page.footer.endswith(f"page {number} of {len(pages)}")
        assert page.title == first.title
    assert "**Against (70)" in pages[1].description
    assert any("(continued)" in p.description for p in pages[2:])


def test_short_lists_are_not_paged() -> None:
    from bot.core.render.text import embed_data
    from bot.discord_app.pages import answer_pages

    answer = _resolution_answer(no=3, abstain=2, absent=0)
    first = embed_data(answer)
    assert answer_pages(answer, first) == [first]
