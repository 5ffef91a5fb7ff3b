"""The companies index lists names by their first letter, A to Z, after one "#" group of the
names that start with a digit, a sign or a character of another script."""

from __future__ import annotations

import re

from newsarchive import urls
from newsarchive.settings import Settings

from tests.conftest import COMPANIES, roundup_text
from tests.core_build import build

NAMED = {  # slug: registry entry, each company's display name first in its aliases
    "qihoo": "  name: Qihoo 360 Technology\n  aliases: ['360']\n",
    "alibaba": "  name: Alibaba Group\n  aliases: [Alibaba]\n",
    "tencent": "  name: 腾讯控股\n",
    "at-home": "  name: '@Home Robotics'\n",
    "zeekr": "  name: Zeekr Intelligent Technology\n  aliases: [Zeekr]\n",
    "eleme": "  name: Ele.me\n  short: Élan Delivery\n",
    "ubtech": "  name: UBTech\n",
    "n1": "  name: 1 Robotics\n",
}


def test_names_without_a_letter_a_to_z_form_one_group_first(content) -> None:
    content("roundups/companies.yml", COMPANIES + "".join(f"{slug}:\n{entry}" for slug, entry in NAMED.items()))
    tags = ", ".join(NAMED)
    content("roundups/2024/2024-03-12.md", roundup_text(body=f"## Many makers\n\nTags: {tags}, ev\n\nText.\n"))
    site = build(Settings.read(content.root))
    assert site.loaded.problems == []
    (page,) = [o.page for o in site.outputs if o.address.url == urls.COMPANIES and o.page]
    letters = re.findall(r'<h2 id="letter-([^"]+)">', page.body)
    assert letters == ["#", "a", "e", "q", "u", "z"]
    groups = dict(zip(letters, re.split(r'<h2 id="letter-[^"]+">', page.body)[1:], strict=True))
    assert re.findall(r">([^<>]+)</a>", groups["#"]) == ["1 Robotics", "360", "@Home Robotics", "腾讯控股"]
    assert groups["e"].index(">Élan Delivery<") < groups["e"].index(">Ele.me → ")  # by letter, then accent
