#!/usr/bin/env python3
"""Write a synthetic archive in the roundup format, for benchmarks and scale tests.

    scripts/generate_archive.py --roundups 3650 --out /tmp/arch       # /tmp/arch/roundups/...
    scripts/generate_archive.py --roundups 400 --project /tmp/site    # plus mkdocs.yml, docs/, hooks/

The output is deterministic: the registry depends only on the seed, and each day's roundups only
on the seed and the date, so the archive of N roundups is the newest N of the archive of 2N.
Roundups run one a day back from ``--end``; about one day in forty has a second (evening)
edition. Each roundup has 6-10 stories and about 700 words; each story 2-5 companies (named in
English and Chinese in the text) and 1-3 topics. A few roundups carry corrections, a source, an
image or an AI-generated label. All names and text are made up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("mkdocs.yml", "docs", "hooks", "scripts/check")
END = dt.date(2025, 12, 31)
COMPANY_COUNT = 400
QUIET_COUNT = 8
"""Registry companies that no story tags: a registry is often filled in ahead of the news."""

# Registry ---------------------------------------------------------------------------------------

# slug: (name, Chinese name, description, company-name suffixes as (English, Chinese), things
# stories are about). Sector topics have suffixes; the others cut across sectors.
TOPICS: dict[str, tuple[str, str, str, tuple[tuple[str, str], ...], tuple[str, ...]]] = {
    "ev": ("Electric vehicles", "电动汽车", "Car makers, prices, deliveries and charging networks.",
           (("Motors", "汽车"), ("Auto", "汽车")), ("electric SUV", "plug-in hybrid", "compact sedan",
                                                   "charging network")),
    "batteries": ("Batteries", "电池", "Cells for cars and the grid, and the minerals that go into them.",
                  (("Energy", "能源"), ("Battery", "电池")), ("sodium-ion cell", "battery pack", "storage system")),
    "chips": ("Semiconductors", "半导体", "Chip design, foundries, memory and packaging.",
              (("Semiconductor", "半导体"), ("Microelectronics", "微电子")), ("AI accelerator", "memory chip",
                                                                               "7nm process", "chip packaging line")),
    "ai": ("Artificial intelligence", "人工智能", "Large models, chatbots and the money spent on computing power.",
           (("Intelligence", "智能"), ("AI", "智能科技")), ("language model", "video model", "AI assistant",
                                                           "reasoning model")),
    "cloud": ("Cloud computing", "云计算", "Data centres, cloud platforms and what they charge.",
              (("Cloud", "云"), ("Data", "数据")), ("data centre", "cloud platform", "GPU cluster")),
    "telecoms": ("Telecoms", "电信", "Operators, network gear, 5G and satellite links.",
                 (("Telecom", "通信"), ("Networks", "网络")), ("5G network", "base station", "fibre backbone")),
    "smartphones": ("Smartphones", "智能手机", "Handsets, wearables and the chips inside them.",
                    (("Mobile", "移动"), ("Electronics", "电子")), ("foldable phone", "flagship handset",
                                                                    "smartwatch")),
    "e-commerce": ("E-commerce", "电子商务", "Online shopping platforms, live-stream selling and price wars.",
                   (("Commerce", "商务"), ("Retail", "零售")), ("shopping app", "live-stream sales event",
                                                                "cross-border store")),
    "gaming": ("Gaming", "游戏", "Game studios, licences and the players who pay.",
               (("Games", "游戏"), ("Interactive", "互娱")), ("mobile game", "open-world title", "game licence")),
    "robotics": ("Robotics", "机器人", "Factory robots, humanoids and the parts that move them.",
                 (("Robotics", "机器人"),), ("humanoid robot", "industrial arm", "robot vacuum")),
    "solar": ("Solar power", "光伏", "Panels, polysilicon and the fight over overcapacity.",
              (("Solar", "光伏"), ("New Energy", "新能源")), ("solar panel", "polysilicon plant", "inverter")),
    "fintech": ("Fintech", "金融科技", "Payments, online lending and digital currencies.",
                (("Pay", "支付"), ("Finance", "金融")), ("payment app", "digital wallet", "lending platform")),
    "biotech": ("Biotech", "生物科技", "Drug developers, licensing deals and clinical trials.",
                (("Biotech", "生物"), ("Pharma", "医药")), ("cancer drug", "obesity treatment", "clinical trial")),
    "logistics": ("Logistics", "物流", "Parcel delivery, shipping and supply chains.",
                  (("Logistics", "物流"), ("Express", "快递")), ("parcel network", "warehouse", "cargo route")),
    "space": ("Space", "航天", "Rockets, satellites and commercial launches.",
              (("Aerospace", "航天"), ("Space", "空间")), ("reusable rocket", "satellite constellation",
                                                           "launch pad")),
    "drones": ("Drones", "无人机", "Consumer drones, delivery drones and the low-altitude economy.",
               (("Drones", "无人机"), ("Aviation", "航空")), ("delivery drone", "air taxi", "camera drone")),
    "social-media": ("Social media", "社交媒体", "Short video, messaging apps and content rules.",
                     (("Media", "传媒"), ("Social", "社交")), ("short-video app", "messaging app", "creator fund")),
    "autonomous-driving": ("Autonomous driving", "自动驾驶", "Robotaxis, driver assistance and road tests.",
                           (("Autonomous", "智驾"), ("Mobility", "出行")),
                           ("robotaxi fleet", "driver-assistance system", "lidar sensor")),
    "quantum": ("Quantum technology", "量子科技", "Quantum computers, sensors and encrypted links.",
                (("Quantum", "量子"),), ("quantum computer", "quantum-encrypted link")),
    "cybersecurity": ("Cybersecurity", "网络安全", "Breaches, data rules and security vendors.",
                      (("Security", "安全"),), ("security audit", "data-protection service")),
    "trade-policy": ("Trade policy", "贸易政策", "Tariffs, export controls and sanctions.", (), ()),
    "regulation": ("Regulation", "监管", "Rules, fines and antitrust reviews at home and abroad.", (), ()),
    "venture-capital": ("Venture capital", "风险投资", "Funding rounds and the investors behind them.", (), ()),
    "earnings": ("Earnings", "业绩", "Quarterly and annual results.", (), ()),
    "ipo": ("Listings", "上市", "Initial public offerings and share sales.", (), ()),
}
SECTORS = [slug for slug, topic in TOPICS.items() if topic[3]]
CROSS = [slug for slug, topic in TOPICS.items() if not topic[3]]

SYLLABLES = (
    ("Hua", "华"), ("Xin", "新"), ("Tian", "天"), ("Zhong", "中"), ("Yun", "云"), ("Lan", "蓝"), ("Hai", "海"),
    ("Shan", "山"), ("Feng", "丰"), ("Long", "龙"), ("Guang", "光"), ("Ming", "明"), ("Chen", "辰"), ("Rui", "瑞"),
    ("Jing", "晶"), ("Kai", "凯"), ("Bo", "博"), ("Heng", "恒"), ("Hong", "鸿"), ("Yu", "宇"), ("Xing", "星"),
    ("Da", "达"), ("Tong", "通"), ("Wei", "维"), ("Sheng", "盛"), ("Jia", "嘉"), ("Ding", "鼎"), ("Fei", "飞"),
    ("Qi", "启"), ("Zhi", "智"), ("Lian", "联"), ("Chuang", "创"), ("Yuan", "远"), ("Mei", "美"), ("Jun", "骏"),
    ("Hao", "浩"), ("Teng", "腾"), ("Ling", "灵"),
)
CITIES = ("Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Guangzhou", "Hefei", "Wuhan", "Chengdu", "Suzhou",
          "Nanjing", "Xi'an", "Chongqing", "Hong Kong", "Taipei", "Singapore", "Seoul", "Tokyo", "Bengaluru")


@dataclass(frozen=True)
class Company:
    slug: str
    short: str
    """The name used after the first mention, e.g. ``Huaxin``."""
    name: str
    name_zh: str
    short_zh: str
    sector: str
    tickers: tuple[str, ...]
    hq: str


def make_companies(rng: random.Random, count: int = COMPANY_COUNT) -> list[Company]:
    """``count`` companies with unique short names, spread over the sector topics."""
    pairs = list(itertools.permutations(SYLLABLES, 2))
    rng.shuffle(pairs)
    companies = []
    for (first, second), sector in zip(pairs[:count], itertools.cycle(SECTORS)):
        short, short_zh = first[0] + second[0].lower(), first[1] + second[1]
        suffix, suffix_zh = rng.choice(TOPICS[sector][3])
        legal = rng.choice(("", "", " Co.", " Group", " Holdings", " Technology"))
        companies.append(Company(
            slug=f"{short.lower()}-{suffix.lower().replace(' ', '-')}",
            short=short, name=f"{short} {suffix}{legal}", name_zh=short_zh + suffix_zh, short_zh=short_zh,
            sector=sector, tickers=_tickers(rng), hq=rng.choice(CITIES),
        ))
    return companies


def _tickers(rng: random.Random) -> tuple[str, ...]:
    kinds = [
        lambda: f"{rng.randrange(1, 10000):04d}.HK",
        lambda: f"{rng.choice(('000', '002', '300'))}{rng.randrange(1000):03d}.SZ",
        lambda: f"{rng.choice(('600', '601', '688'))}{rng.randrange(1000):03d}.SS",
        lambda: "".join(rng.choices("ABCDEFGHJKLMNPRSTUVWXYZ", k=rng.randint(2, 4))),
    ]
    count = rng.choices((0, 1, 2), weights=(6, 3, 1))[0]
    return tuple(kind() for kind in rng.sample(kinds, count))


def companies_yaml(companies: list[Company]) -> str:
    out = ["# Synthetic company registry written by scripts/generate_archive.py.\n"]
    for c in companies:
        out.append(
            f"{c.slug}:\n  name: {q(c.name)}\n  name_zh: {c.name_zh}\n  aliases: [{q(c.short)}, {c.short_zh}]\n"
            + (f"  tickers: [{', '.join(q(t) for t in c.tickers)}]\n" if c.tickers else "")
            + f"  hq: {q(c.hq)}\n  url: https://www.{c.short.lower()}.example/\n"
            f"  description: {q(f'{TOPICS[c.sector][0]} company based in {c.hq}.')}\n"
        )
    return "".join(out)


def topics_yaml() -> str:
    out = ["# Synthetic topic registry written by scripts/generate_archive.py.\n"]
    for slug, (name, name_zh, description, *_rest) in TOPICS.items():
        out.append(f"{slug}:\n  name: {q(name)}\n  name_zh: {name_zh}\n  description: {q(description)}\n")
    return "".join(out)


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# Stories ----------------------------------------------------------------------------------------

HEADLINES = (
    "{a} raises {n} million dollars to expand its {thing} business",
    "{a} cuts prices on its {thing} as competition heats up",
    "{a} and {b} team up on a new {thing}",
    "{a} profit rises {pct}% on strong {thing} demand",
    "Regulators question {a} over its {thing}",
    "{a} opens a {thing} plant in {city}",
    "{a} delays its {thing} launch to next year",
    "{a} wins a large {thing} order from {b}",
    "{a} shares jump after {thing} unveiling",
    "{a} plans a Hong Kong listing to fund its {thing}",
    "{a} hires a former {b} executive to run its {thing} unit",
    "{a} sues {b} over a {thing} patent",
    "{a} ships its first {thing} to Europe",
    "{a} revenue falls {pct}% as {thing} sales slow",
    "{a} bets on {thing} with a new research centre in {city}",
    "{a} lays off staff in its {thing} division",
)
ZH_HEADLINES = ("{z}发布新一代产品", "{z}获得新一轮融资", "{z}公布季度业绩", "{z}加快海外扩张")
OPENERS = (
    "{A} said on {weekday} that it would invest {yuan} billion yuan in its {thing} business over the next {n} years.",
    "{A} reported a {pct}% rise in revenue for the {quarter}, helped by demand for its {thing}.",
    "{A} has started selling a new {thing} priced at about {usd} dollars, undercutting most rivals.",
    "Shares of {A} rose {pct}% in {city} trading after the company showed off its latest {thing}.",
    "{A} confirmed a funding round of {usd} million yuan led by {B}, according to a filing.",
    "Officials in {city} have asked {A} to explain delays to its {thing} programme.",
)
SENTENCES = (
    "The company said it expected the {thing} to reach {n} million users by the end of {year}.",
    "{B} is also working on a rival {thing}, and analysts expect a price war before long.",
    "Sales in the {quarter} came to {yuan} billion yuan, {pct}% more than a year earlier.",
    "Executives told investors that margins would stay under pressure until at least {year}.",
    "{B} declined to comment on the report when asked on {weekday}.",
    "Industry data show that {B} and {C} together hold about {pct}% of the market.",
    "The deal values the business at roughly {usd} million dollars, people familiar with it said.",
    "Local governments in {city} have offered subsidies to attract more {thing} makers.",
    "Exports of the {thing} grew {pct}% in {month}, with most going to Southeast Asia and the Middle East.",
    "Critics say the plan relies too heavily on state support and cheap loans.",
    "Suppliers including {B} have been told to prepare for larger orders in the second half.",
    "The company now employs about {n} thousand people, most of them engineers.",
    "Brokers at several banks raised their price targets after the announcement.",
    "A spokesperson said the {thing} had passed its final safety tests in {month}.",
    "The move follows a similar step by {B} earlier this year.",
    "Overseas buyers account for about {pct}% of orders, up from a tenth two years ago.",
)
INTROS = (
    "Today's briefing covers {n} stories, from {thing0} to {thing1}.",
    "Good morning. The {thing0} leads the news today, with more on {thing1} further down.",
    "A busy day for {topic0} and {topic1}; here is what happened.",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
PUBLICATIONS = (("Pearl River Tech Review", "https://pearlriver.example/"),
                ("Yangtze Business Weekly", "https://yangtze-weekly.example/"),
                ("Harbour Markets Daily", "https://harbour-markets.example/"))


PEOPLE = {"ada-lin": ("Ada Lin", True), "omar-haddad": ("Omar Haddad", True), "mei-zhou": ("Mei Zhou", False),
          "tom-reyes": ("Tom Reyes", False), "sun-hee-park": ("Sun-hee Park", False), "lu-wei": ("Lu Wei", False)}
"""The synthetic archive's people: slug -> (name, editor). Every roundup names one or two writers
and an editor; an editor reviews the machine-written ones."""
WRITERS = [slug for slug, (_, editor) in PEOPLE.items() if not editor]
EDITORS = [slug for slug, (_, editor) in PEOPLE.items() if editor]


def people_yaml() -> str:
    return "# Synthetic people written by scripts/generate_archive.py.\n" + "".join(
        f"{slug}:\n  name: {name}\n  role: {'Editor' if editor else 'Reporter'}\n"
        f"  bio: {q(f'{name} writes for the synthetic archive.')}\n" + ("  editor: true\n" if editor else "")
        for slug, (name, editor) in PEOPLE.items())


class Writer:
    """Writes roundups from a fixed registry, each seeded by its own date."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.registry = make_companies(random.Random(seed), COMPANY_COUNT + QUIET_COUNT)  # noqa: S311 - seeded test content, not a secret
        self.companies = self.registry[:COMPANY_COUNT]
        # A few companies make most of the news, as in real life (weights fall with rank).
        self.pools = {sector: [c for c in self.companies if c.sector == sector] for sector in SECTORS}
        self.pool_weights = {
            sector: list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(pool))))
            for sector, pool in self.pools.items()
        }
        self.sector_weights = list(itertools.accumulate(1 / (rank + 1) ** 0.5 for rank in range(len(SECTORS))))

    def roundup(self, day: dt.date, edition: str) -> str:
        rng = random.Random(f"{self.seed}/{day}/{edition}")  # noqa: S311 - seeded test content, not a secret
        ai = rng.random() < 0.03
        mentioned: set[str] = set()
        leads: set[str] = set()
        stories, headlines, things, topics = [], [], [], []
        for _ in range(rng.randint(6, 10)):
            story, headline, lead, thing, topic = self._story(rng, day, leads, mentioned, ai)
            stories.append(story)
            headlines.append(headline)
            leads.add(lead)
            things.append(thing)
            topics.append(topic)
        title = headlines[0]
        fields = {"thing0": things[0], "thing1": things[1], "topic0": TOPICS[topics[0]][0].lower(),
                  "topic1": TOPICS[topics[1]][0].lower(), "n": len(stories)}
        intro = rng.choice(INTROS).format(**fields) + "\n\n" if rng.random() < 0.6 else ""
        return (
            f"---\ntitle: {q(title)}\ndate: {day}\nsummary: {q(f'{headlines[1]}; {headlines[2]}.')}\n"
            + self._extras(rng, day, ai)
            + f"---\n\n{intro}" + "\n\n".join(stories) + "\n"
        )

    def _extras(self, rng: random.Random, day: dt.date, ai: bool) -> str:
        writers = rng.sample(WRITERS, rng.randint(1, 2))
        editor = rng.choice(EDITORS)
        out = f"authors: [{', '.join(writers)}]\neditor: {editor}\ntime: \"{rng.randint(6, 9):02d}:30\"\n"
        if rng.random() < 0.15:
            out += (f"image:\n  src: https://images.example/{day.year}/{day}.jpg\n"
                    f"  alt: {q('A product on show at a trade fair')}\n  credit: Archive photo\n")
        if ai or rng.random() < 0.08:
            name, url = rng.choice(PUBLICATIONS)
            out += f"source:\n  name: {q(name)}\n  url: {url}{day.year}/{day:%m/%d}/briefing/\n"
        if ai:
            out += f"ai_generated: true\nreviewed_by: {editor}\nreviewed: {day}\n"
        if rng.random() < 0.02:
            when = day + dt.timedelta(days=rng.randint(0, 3))
            note = q("An earlier version gave the wrong figure for quarterly sales.")
            out += f"corrections:\n  - date: {when}\n    note: {note}\n"
        return out

    def _story(
        self, rng: random.Random, day: dt.date, leads: set[str], mentioned: set[str], ai: bool
    ) -> tuple[str, str, str, str, str]:
        sector = rng.choices(SECTORS, cum_weights=self.sector_weights)[0]
        pool, weights = self.pools[sector], self.pool_weights[sector]
        lead = rng.choices(pool, cum_weights=weights)[0]
        while lead.slug in leads:  # one story per lead company keeps headlines and anchors unique
            lead = rng.choice(self.companies)
        chosen = {lead.slug: lead}
        wanted = rng.randint(2, 5)
        while len(chosen) < wanted:
            other = rng.choice(self.companies) if rng.random() < 0.25 else rng.choices(pool, cum_weights=weights)[0]
            chosen.setdefault(other.slug, other)
        others = list(chosen.values())[1:]
        topics = [sector, *rng.sample(CROSS, rng.choice((0, 0, 1, 1, 2)))]
        if len(topics) < 3 and lead.sector != sector and rng.random() < 0.15:
            topics.append(lead.sector)
        thing = rng.choice(TOPICS[sector][4])
        fields = {"a": lead.short, "b": others[0].short, "thing": thing, "n": rng.randint(2, 900),
                  "pct": rng.randint(2, 85), "city": rng.choice(CITIES)}
        if rng.random() < 0.005:
            headline = rng.choice(ZH_HEADLINES).format(z=lead.short_zh)
        else:
            headline = rng.choice(HEADLINES).format(**fields)
            headline = headline[0].upper() + headline[1:]
        # No sentence twice in a story: an opening paragraph of two sentences, then one or two more.
        sentences = rng.sample(SENTENCES, 5)
        paragraphs = [[rng.choice(OPENERS), sentences.pop()]]
        paragraphs += [[sentences.pop() for _ in range(rng.randint(1, 2))] for _ in range(rng.randint(1, 2))]
        companies = {"A": lead, "B": others[0], "C": others[1] if len(others) > 1 else lead}
        fields = _Fields(rng, day, thing, companies, mentioned)
        para = f" [para. {rng.randint(1, 12)}]" if ai else ""
        text = "\n\n".join(" ".join(t.format_map(fields) + para for t in p) for p in paragraphs)
        tags = ", ".join([*chosen, *topics])
        return f"## {headline}\n\nTags: {tags}\n\n{text}", headline, lead.slug, thing, sector


class _Fields(dict):
    """A sentence template's fields, drawn only when the template uses them. A company is named in
    English and Chinese at its first mention in a roundup, and by its short name after."""

    def __init__(self, rng: random.Random, day: dt.date, thing: str, companies: dict[str, Company],
                 mentioned: set[str]) -> None:
        super().__init__(thing=thing, year=day.year + 1)
        self.rng, self.companies, self.mentioned = rng, companies, mentioned

    def __missing__(self, key: str) -> object:
        if key in self.companies:
            company = self.companies[key]
            if company.slug in self.mentioned:
                return company.short
            self.mentioned.add(company.slug)
            return f"{company.name} ({company.name_zh})"
        return _DRAWS[key](self.rng)


_DRAWS = {
    "n": lambda rng: rng.randint(2, 40), "pct": lambda rng: rng.randint(2, 85), "yuan": lambda rng: rng.randint(1, 120),
    "usd": lambda rng: rng.randint(150, 9000), "city": lambda rng: rng.choice(CITIES),
    "weekday": lambda rng: rng.choice(WEEKDAYS), "month": lambda rng: rng.choice(MONTHS),
    "quarter": lambda rng: f"{rng.choice(('first', 'second', 'third', 'fourth'))} quarter",
}


# Files ------------------------------------------------------------------------------------------

def editions(count: int, end: dt.date, seed: int) -> list[tuple[dt.date, str]]:
    """``count`` (date, edition) pairs, one a day back from ``end``, some days with an evening edition."""
    out: list[tuple[dt.date, str]] = []
    day = end
    while len(out) < count:
        out.append((day, ""))
        evening = random.Random(f"{seed}/{day}/evening?")  # noqa: S311 - seeded test content, not a secret
        if len(out) < count and evening.random() < 0.025:
            out.append((day, "evening"))
        day -= dt.timedelta(days=1)
    return out


def generate(out: Path, count: int, seed: int = 2024, end: dt.date = END) -> int:
    """Write ``out/roundups/`` (registry and ``count`` roundups), replacing any earlier one; return words."""
    folder = out / "roundups"
    if folder.resolve() == (ROOT / "roundups").resolve():
        raise SystemExit("refusing to overwrite the repository's own roundups/")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    writer = Writer(seed)
    (folder / "companies.yml").write_text(companies_yaml(writer.registry), encoding="utf-8")
    (folder / "topics.yml").write_text(topics_yaml(), encoding="utf-8")
    (folder / "people.yml").write_text(people_yaml(), encoding="utf-8")
    words = 0
    files = editions(count, end, seed)
    for year in {day.year for day, _ in files}:
        (folder / str(year)).mkdir()
    for day, edition in files:
        text = writer.roundup(day, edition)
        words += len(text.split("\n---\n", 1)[1].split())
        name = f"{day}-{edition}.md" if edition else f"{day}.md"
        (folder / str(day.year) / name).write_text(text, encoding="utf-8")
    return words


def copy_project(dest: Path, source_root: Path = ROOT) -> None:
    """Copy what ``mkdocs build`` and ``scripts/check`` need from the repository into ``dest``."""
    for name in PROJECT_FILES:
        source, target = source_root / name, dest / name
        if target.is_dir():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--roundups", type=int, required=True, metavar="N", help="number of roundup files")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, metavar="DIR", help="write DIR/roundups/")
    where.add_argument("--project", type=Path, metavar="DIR",
                       help="write DIR/roundups/ and copy mkdocs.yml, docs/, hooks/, scripts/check next to it")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--end", type=dt.date.fromisoformat, default=END, help=f"date of the newest roundup ({END})")
    args = parser.parse_args(argv)
    out = args.out or args.project
    words = generate(out, args.roundups, args.seed, args.end)
    if args.project:
        copy_project(out)
    print(f"Wrote {args.roundups} roundups ({words / max(args.roundups, 1):.0f} words each) to {out}/roundups")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
