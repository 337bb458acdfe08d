#!/usr/bin/env python3
"""Deterministic household and resident CSVs for scripts/bench.

    bench_data.py GRID_CODES_FILE N_HOUSEHOLDS HOUSEHOLDS_CSV RESIDENTS_CSV

The same arguments always give byte-identical files, so figures from different runs
compare like with like (no random module, no clock).

Layout: households are dealt round-robin over the grids (so every grid gets some); within
a grid the j-th household goes to compound j % 4 and building (j // 4) % 4, so each grid has
several compounds and each compound several buildings; the room number comes from j // 16,
which is unique per building. Compound names carry a "基准" prefix the demo never uses, so
the import creates new compounds instead of colliding with demo rooms.

Residents: household sizes cycle through SIZES (mean 2.9). Identity numbers are valid
GB 11643 numbers made unique by deriving them from the global resident index: region
310000 + index // 1000 (the demo uses 5134xx, so no clash with demo residents) and
sequence index % 1000. Sex and birth date are written out and agree with the number,
because the importer rejects a row whose sex or birth date contradicts it.
"""
import csv
import datetime
import sys

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
SIZES = [3, 3, 2, 4, 3, 2, 3, 3, 2, 4]  # sum 29 over 10 households → 2.9 residents each
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉兵文辉力斌梅琴云飞鹏燕亮莉海波宇浩凯晨阳"
EPOCH = datetime.date(1940, 1, 1)


def identity(index: int, birth: datetime.date) -> str:
    """A valid 18-character number, unique for each index below 1,000,000 × 1000 regions."""
    first17 = f"{310000 + index // 1000:06d}{birth:%Y%m%d}{index % 1000:03d}"
    return first17 + CHECK[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def main() -> None:
    grid_file, n_households, households_path, residents_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    with open(grid_file, encoding="utf-8") as f:
        grids = sorted({line.strip() for line in f if line.strip()})
    if not grids:
        sys.exit("bench_data.py: no grid codes in " + grid_file)

    resident = 0
    with open(households_path, "w", newline="", encoding="utf-8") as hf, \
         open(residents_path, "w", newline="", encoding="utf-8") as rf:
        hw, rw = csv.writer(hf, lineterminator="\n"), csv.writer(rf, lineterminator="\n")
        hw.writerow(["grid_code", "compound", "building", "room", "address"])
        rw.writerow(["grid_code", "compound", "building", "room", "name", "sex", "birth_date", "id_number",
                     "phone", "political_status", "residence_status", "categories", "is_head"])
        for h in range(n_households):
            g, j = h % len(grids), h // len(grids)
            grid = grids[g]
            compound = f"基准{g + 1}-{j % 4 + 1}区"
            building = f"{(j // 4) % 4 + 1}栋"
            k = j // 16
            room = f"{k // 4 + 1}{k % 4 + 1:02d}"
            hw.writerow([grid, compound, building, room, f"西昌市{compound}{building}{room}室"])
            for member in range(SIZES[h % len(SIZES)]):
                # Multiplicative hash spreads birth dates over ~75 years without randomness.
                birth = EPOCH + datetime.timedelta(days=(resident * 2654435761) % 27000)
                sex = "M" if (resident % 1000) % 2 == 1 else "F"
                name = SURNAMES[h % len(SURNAMES)] + GIVEN[(resident * 7) % len(GIVEN)] + GIVEN[(resident * 13 + 5) % len(GIVEN)]
                rw.writerow([grid, compound, building, room, name, sex, birth.isoformat(), identity(resident, birth),
                             f"13{resident:09d}", "party_member" if resident % 7 == 0 else "masses",
                             "registered_living", "", 1 if member == 0 else 0])
                resident += 1
    print(f"{n_households} households, {resident} residents over {len(grids)} grids")


if __name__ == "__main__":
    main()
