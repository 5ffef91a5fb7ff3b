"""The sample archive, built strictly as CI builds it, read back as a reader would."""

from __future__ import annotations

import gzip
import re
import subprocess

from tests.conftest import ROOT, mkdocs_build, roundup_text, site_project
from tests.sitecheck import broken_links


def read(site, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_every_generated_page_type_exists(sample_site):
    for url in ("/", "/companies/", "/companies/xiaomi/", "/topics/", "/topics/ev/", "/archive/",
                "/2024/", "/2024/03/", "/2024/03/12/", "/2024/03/12/evening/", "/about/"):
        assert (sample_site / url.strip("/") / "index.html").is_file(), url


def test_roundup_page_shows_its_stories_with_anchors_and_chips(sample_site):
    page = read(sample_site, "/2024/03/12/")
    assert re.search(r'<h2 id="[a-z0-9-]+">', page)
    assert '<ul class="na-tags" aria-label="Tagged"><li><a href="../../../companies/' in page
    assert 'rel="prev"' in page or 'rel="next"' in page


def test_story_is_listed_on_its_company_and_topic_pages(sample_site):
    page = read(sample_site, "/2024/03/12/")
    anchor = re.search(r'<section class="na-story"><h2 id="([^"]+)">', page).group(1)
    tags = page.split(f'id="{anchor}"')[1].split("</section>")[0].split('class="na-tags"')[1]
    chips = re.findall(r'<li(?: class="na-topic")?><a href="([^"]+)"', tags)
    assert any("/companies/" in chip for chip in chips) and any("/topics/" in chip for chip in chips)
    for href in chips:
        target = (sample_site / "2024/03/12" / href / "index.html").resolve()
        assert f"2024/03/12/#{anchor}" in target.read_text(encoding="utf-8"), href


def test_company_page_has_chinese_name_and_facts(sample_site):
    page = read(sample_site, "/companies/xiaomi/")
    assert "小米" in page
    assert "1810.HK" in page
    assert 'href="https://www.mi.com/"' in page


def test_companies_index_lists_every_company_with_chinese_name(sample_site):
    page = read(sample_site, "/companies/")
    assert "小米集团" in page and 'href="xiaomi/"' in page


def test_roundup_pages_are_not_in_the_nav(sample_site):
    nav = read(sample_site, "/about/").split('class="md-content"')[0]
    assert "2024/03/12/" not in nav
    for label in ("Home", "Topics", "Companies", "Archive", "About"):
        assert f">{label}<" in nav or f"{label}\n" in nav, label


def test_every_internal_link_resolves(sample_site):
    assert broken_links(sample_site) == []


def test_build_leaves_the_tree_clean(sample_site):
    status = subprocess.run(["git", "status", "--porcelain", "--ignored", "docs", "roundups"],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    assert status.stdout == ""


def test_broken_roundup_fails_strict_build_with_clear_message(tmp_path):
    project = site_project(tmp_path)
    (project / "roundups/2024/2024-03-12.md").write_text(
        roundup_text(body="## Xiaomi sets a date\n\nTags: xiaomy, ev\n\nText.\n"), encoding="utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site", "--strict")
    assert result.returncode == 1
    assert "roundups/2024/2024-03-12.md:9: error: Tags: unknown tag 'xiaomy' — did you mean 'xiaomi' (Xiaomi Corp., 小米集团)?" in result.stderr
    assert "Traceback" not in result.stderr


def test_plain_build_warns_and_leaves_out_only_the_unrenderable(tmp_path):
    project = site_project(tmp_path)
    (project / "roundups/2024/2024-03-12.md").write_text(roundup_text(date="2024-02-30"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "ERROR   -  roundups/2024/2024-03-12.md:3: error: date: '2024-02-30' is not a real date" in result.stderr
    assert "Left out of the site because of their errors: roundups/2024/2024-03-12.md" in result.stderr
    assert (tmp_path / "site/2024/03/12/evening/index.html").is_file()


def test_plain_build_leaves_a_roundup_with_an_error_out_of_every_output(tmp_path):
    project = site_project(tmp_path)
    path = project / "roundups/2024/2024-05-29.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Tags: byd, ev\n", "Tags: byd, ev, xiaomy\n", 1),
                    encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "roundups/2024/2024-05-29.md:17: error: Tags: unknown tag 'xiaomy'" in result.stderr
    assert "Left out of the site because of their errors: roundups/2024/2024-05-29.md" in result.stderr
    site = tmp_path / "site"
    assert not (site / "2024/05/29").exists() and (site / "2024/05/24/index.html").is_file()
    mentions = []
    for file in site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".xml", ".json", ".pf_fragment"):
            data = file.read_bytes()
            text = (gzip.decompress(data) if file.suffix == ".pf_fragment" else data).decode("utf-8", "replace")
            if "2024/05/29" in text or "fifth-generation DM" in text:
                mentions.append(file.relative_to(site).as_posix())
    assert mentions == [], "no page, listing, feed, sitemap or search record shows it"


def test_build_logs_one_summary_line(sample_build):
    summary = [line for line in sample_build[1].splitlines() if "Archive:" in line]
    assert len(summary) == 1 and re.search(r"\d+ roundups, \d+ stories, \d+ companies, \d+ topics -> \d+ pages", summary[0])
    assert "excluded from the built site" not in sample_build[1], "links from docs/ to the archive's files resolve"


def test_script_in_title_comes_out_escaped(tmp_path):
    project = site_project(tmp_path)
    payload = "\"'></title><img src=x onerror=alert(1)><script>alert(2)</script>"
    (project / "roundups/2024/2024-03-12.md").write_text(
        roundup_text(title="'" + payload.replace("'", "''") + "'"), encoding="utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/2024/03/12/index.html").read_text(encoding="utf-8")
    assert "<script>alert(2)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
