"""Paragraphs wrapped by display width: a CJK character is two columns, a closing mark never starts a line."""
from rich.cells import cell_len

from rubric_engine.render.terminal import wrap_cells


def test_cjk_is_wrapped_by_display_width_and_punctuation_stays_with_its_word():
    lines = wrap_cells("甲乙丙丁戊己庚辛，壬癸", 16)
    assert lines == ["甲乙丙丁戊己庚", "辛，壬癸"]  # "，" would start the second line: 辛 goes with it
    assert all(cell_len(line) <= 16 for line in lines)


def test_latin_words_are_not_split_and_spaces_are_not_carried():
    assert wrap_cells("abc defgh ij", 8) == ["abc", "defgh ij"]
    assert wrap_cells("一二三 --final 四五", 10) == ["一二三", "--final 四", "五"]
    assert wrap_cells("one\ntwo", 20) == ["one", "two"]
