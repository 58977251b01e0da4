"""python -m lexkb.stats: regenerate kb/generated/statistics.ttl from statistics/."""
from . import GENERATED, write_graph

if __name__ == "__main__":
    print(f"{GENERATED}: {write_graph()} triples")
