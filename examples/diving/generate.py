"""Write the diving demo's data: 4 divers × 3 dives × 7 judges (deterministic)."""
import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
DIVERS = [("D1", "陈一", "广东队"), ("D2", "林二", "上海队"), ("D3", "王三", "四川队"), ("D4", "张四", "湖北队")]
DIVES = [("5152B", "3.0"), ("107B", "3.1"), ("405B", "3.4")]


def main() -> None:
    rng = random.Random(7)
    with open(HERE / "entries.csv", "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["id", "title", "unit", "participants"])
        for diver, name, team in DIVERS:
            writer.writerow([diver, name, team, name])
    with open(HERE / "scores.csv", "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["panel", "judge", "entry", "item", "factor", "execution"])
        for index, (diver, _, _) in enumerate(DIVERS):
            level = 8.5 - index * 0.5
            for dive, difficulty in DIVES:
                for judge in range(1, 8):
                    mark = max(0.0, min(10.0, round((level + rng.gauss(0, 0.6)) * 2) / 2))
                    writer.writerow(["judges", f"J{judge}", diver, dive, difficulty, mark])


if __name__ == "__main__":
    main()
