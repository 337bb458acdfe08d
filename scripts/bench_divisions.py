#!/usr/bin/env python3
"""Deterministic statistical divisions for scripts/bench, following 统计用区划代码 (2+2+2+3+3 digits).

    bench_divisions.py PREFECTURES OUT_CSV     one province (code 52, names carry a "基准" prefix)
    bench_divisions.py country OUT_CSV         a whole country, shaped like the 2021 list

A province has PREFECTURES prefectures (level 2), nine counties each (level 3), twenty towns per county (level 4)
and ten villages per town (level 5): 20 prefectures give 39,801 rows, about a real province.

The country has the 31 provinces' real two-digit codes and about the 2021 list's counts (333 prefectures,
2,843 counties, 38,558 township-level units, 618,000 village-level units; here 327, 2,788, 37,552 and 623,136:
663,834 rows, 47 MB). Every township and village kind appears: 街道 001–099 with 社区 001–199, 镇 100–199 and 乡 200–399
with 村 200–399, and in every other county one other township-level unit 400–599 (a development zone, a state
farm) with 虚拟社区 4xx and 虚拟生活区 5xx. Each row names its parent, and parents come before children, as in the
published tables.
"""
import csv
import sys

PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
             61, 62, 63, 64, 65]


def province(rows, prefectures):
    rows.append(["520000000000", "基准省", 1, ""])
    for p in range(1, prefectures + 1):
        pc = f"52{p:02d}00000000"
        rows.append([pc, f"基准{p}市", 2, "520000000000"])
        for c in range(1, 10):
            cc = f"52{p:02d}{c:02d}000000"
            rows.append([cc, f"基准{p}市{c}县", 3, pc])
            for t in range(1, 21):
                tc = f"52{p:02d}{c:02d}{t:03d}000"
                rows.append([tc, f"基准{p}市{c}县{t}镇", 4, cc])
                for v in range(1, 11):
                    rows.append([f"52{p:02d}{c:02d}{t:03d}{v:03d}", f"基准{p}-{c}-{t}-{v}村", 5, tc])


def townships(county_index):
    """(township digits, name suffix, village digits) for one county: 4 streets, 5 towns, 4 乡, maybe one other unit."""
    units = [(1 + i, "街道", [1 + v for v in range(17)]) for i in range(4)]
    units += [(101 + i, "镇", [1 + v for v in range(4)] + [201 + v for v in range(12)]) for i in range(5)]
    units += [(201 + i, "乡", [201 + v for v in range(17)]) for i in range(4)]
    if county_index % 2 == 0:
        units.append((400 + county_index % 200, "经济开发区", [400 + v for v in range(8)] + [500 + v for v in range(8)]))
    return units


def committee(village):
    """What the name of a village-level unit ends in, by its digits, as in the published list."""
    return "社区居委会" if village < 200 else "村委会" if village < 400 else "虚拟社区" if village < 500 else "虚拟生活区"


def country(rows):
    for pv in PROVINCES:
        pvc = f"{pv}0000000000"
        rows.append([pvc, f"第{pv}省", 1, ""])
        for p in range(1, 11 + pv % 2):
            pc = f"{pv}{p:02d}00000000"
            rows.append([pc, f"第{pv}省第{p}市", 2, pvc])
            for c in range(1, 9 + p % 2):
                cc = f"{pv}{p:02d}{c:02d}000000"
                rows.append([cc, f"第{pv}省第{p}市第{c}区县", 3, pc])
                for t, kind, villages in townships(p * 10 + c):
                    tc = f"{pv}{p:02d}{c:02d}{t:03d}000"
                    rows.append([tc, f"第{pv}省{p}市{c}区县第{t}{kind}", 4, cc])
                    for v in villages:
                        rows.append([f"{pv}{p:02d}{c:02d}{t:03d}{v:03d}", f"第{pv}省{p}市{c}区县{t}{kind}第{v}{committee(v)}", 5, tc])


def main() -> None:
    what, out = sys.argv[1], sys.argv[2]
    rows = []
    if what == "country":
        country(rows)
    elif what.isdigit() and 1 <= int(what) <= 99:
        province(rows, int(what))
    else:
        sys.exit("bench_divisions.py: the first argument is a number of prefectures (1 to 99) or country")
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "level", "parent_code"])
        w.writerows(rows)
    print(f"{len(rows)} divisions")


if __name__ == "__main__":
    main()
