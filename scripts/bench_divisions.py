#!/usr/bin/env python3
"""A deterministic province of statistical divisions for scripts/bench.

    bench_divisions.py PREFECTURES OUT_CSV

One province (code 52, names carry a "基准" prefix), PREFECTURES prefectures (level 2), nine counties each
(level 3), twenty towns per county (level 4) and ten villages per town (level 5): 20 prefectures give
39,801 rows, about a real province. Codes follow 统计用区划代码 (2+2+2+3+3 digits), each row names its
parent, and parents come before children, as in the published tables.
"""
import csv
import sys


def main() -> None:
    prefectures, out = int(sys.argv[1]), sys.argv[2]
    if not 1 <= prefectures <= 99:
        sys.exit("bench_divisions.py: PREFECTURES must be 1 to 99")
    rows = [["520000000000", "基准省", 1, ""]]
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
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "level", "parent_code"])
        w.writerows(rows)
    print(f"{len(rows)} divisions")


if __name__ == "__main__":
    main()
