"""Issue 18, cases 1 and 2: a ``--template`` folder is hostile input — ``t()`` formats only the
catalogue's texts, the loader reads only regular files inside the folder, and a page renders
within a time, memory and size bound (docs/limits.md, "Templates")."""
from __future__ import annotations

import os

import pytest

from tests.render.test_templates_and_audit import private_contest  # noqa: F401


def _render(cli, private_contest, tmp_path, template: str, *, extra: dict | None = None, env=None):
    rubric, data = private_contest
    folder = tmp_path / "模板"
    folder.mkdir(exist_ok=True)
    (folder / "results.html.j2").write_text(template, encoding="utf-8")
    for name, text in (extra or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    page = tmp_path / "page.html"
    code, _, err = cli("evaluate", rubric, data, "--template", folder, "--output", page)
    assert "Traceback" not in err and "internal error" not in err
    return code, err, page, folder


def test_t_never_formats_a_key_the_catalogue_lacks(cli, private_contest, tmp_path, monkeypatch):
    monkeypatch.setenv("RUBRIC_SECRET_FOR_TEST", "s3cr3t-value")
    code, err, page, _ = _render(cli, private_contest, tmp_path,
                                 "<p>{{ t('{x.join.__globals__[t].sys.modules[os].environ}', x='a') }}</p>\n"
                                 "<p>{{ t('<b>{x}</b>', x='a') }}</p>\n")
    assert code == 0, err
    shown = page.read_text(encoding="utf-8")
    assert "s3cr3t-value" not in shown and "RUBRIC_SECRET_FOR_TEST" not in shown
    assert "<p>{x.join.__globals__[t].sys.modules[os].environ}</p>" in shown
    assert "<p>&lt;b&gt;{x}&lt;/b&gt;</p>" in shown  # shown as itself, escaped, not formatted


def test_t_still_gives_the_catalogue_text(cli, private_contest, tmp_path):
    code, err, page, _ = _render(cli, private_contest, tmp_path, "<html lang=\"{{ t('page.lang') }}\">\n")
    assert code == 0, err
    assert page.read_text(encoding="utf-8") == '<html lang="en">\n'


def test_a_symlinked_template_is_refused(cli, private_contest, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the secret", encoding="utf-8")
    rubric, data = private_contest
    folder = tmp_path / "模板"
    folder.mkdir()
    os.symlink(secret, folder / "x.j2")
    code, err, page, folder = _render(cli, private_contest, tmp_path, "<p>{% include 'x.j2' %}</p>\n")
    assert code == 1
    assert f"{folder / 'x.j2'}: error: this is a symbolic link (to {secret})" in err, err
    assert not page.exists()


def test_a_symlinked_folder_inside_the_template_folder_is_refused(cli, private_contest, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.j2").write_text("the secret", encoding="utf-8")
    folder = tmp_path / "模板"
    folder.mkdir()
    os.symlink(outside, folder / "parts")
    code, err, page, _ = _render(cli, private_contest, tmp_path, "<p>{% include 'parts/x.j2' %}</p>\n")
    assert code == 1 and "symbolic link" in err and not page.exists()


def test_a_path_out_of_the_folder_is_not_read(cli, private_contest, tmp_path):
    (tmp_path / "secret.j2").write_text("the secret", encoding="utf-8")
    code, err, page, _ = _render(cli, private_contest, tmp_path, "<p>{% include '../secret.j2' %}</p>\n")
    assert code == 1 and "../secret.j2" in err and not page.exists()


def test_the_results_template_itself_as_a_link_is_refused(cli, private_contest, tmp_path):
    rubric, data = private_contest
    (tmp_path / "elsewhere.j2").write_text("<p>elsewhere</p>\n", encoding="utf-8")
    folder = tmp_path / "模板"
    folder.mkdir()
    os.symlink(tmp_path / "elsewhere.j2", folder / "results.html.j2")
    code, _, err = cli("evaluate", rubric, data, "--template", folder, "--output", tmp_path / "page.html")
    assert code == 1 and "symbolic link" in err and not (tmp_path / "page.html").exists()


@pytest.mark.parametrize("template,words", [
    ("<p>\n{{ 'x' * 1500000000 }}\n", "memory"),
    ("<p>\n{% set big = 'x' * 80000000 %}{{ big ~ big ~ big }}\n", "memory"),  # 240 MB past a 200 MB bound
    ("<p>\n{{ 10 ** 100000000 }}\n", "more than 100 digits"),
    ("<p>\n{{ 1 | shown(100000000) }}\n", "more than 100 digits"),
    ("<p>\n{{ '1e100000000' | shown(2) }}\n", "more than 100 digits"),
    ("<p>\n{{ 1e100000000 | shown(2) }}\n", "more than 100 digits"),
])
def test_a_template_building_something_huge_is_a_clear_error(cli, private_contest, tmp_path, template, words,
                                                              monkeypatch):
    monkeypatch.setenv("RUBRIC_RENDER_MEMORY", str(200 * 1024 * 1024))  # the bound, lowered: less memory to fill
    code, err, page, folder = _render(cli, private_contest, tmp_path, template)
    assert code == 1, err
    assert f"{folder / 'results.html.j2'}:" in err and words in err, err
    assert "RUBRIC_" in err and not page.exists()


def test_a_page_longer_than_the_bound_is_refused(cli, private_contest, tmp_path, monkeypatch):
    monkeypatch.setenv("RUBRIC_MAX_PAGE_BYTES", "100000")
    code, err, page, _ = _render(cli, private_contest, tmp_path,
                                 "{% for i in range(1000) %}{{ 'y' * 1000 }}{% endfor %}\n")
    assert code == 1 and "longer than 100000 characters" in err and "RUBRIC_MAX_PAGE_BYTES" in err
    assert not page.exists()


def test_nested_ranges_stop_at_the_time_bound(cli, private_contest, tmp_path, monkeypatch):
    monkeypatch.setenv("RUBRIC_RENDER_SECONDS", "1")
    code, err, page, folder = _render(cli, private_contest, tmp_path,
                                      "<p>\n{% for a in range(100000) %}{% for b in range(100000) %}"
                                      "{% endfor %}{% endfor %}\n")
    assert code == 1 and "did not render within 1 s" in err and "RUBRIC_RENDER_SECONDS" in err, err
    assert f"{folder / 'results.html.j2'}:2:" in err and not page.exists()
