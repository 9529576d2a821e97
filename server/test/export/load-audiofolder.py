"""Loads an exported emovox dataset the way the `datasets` audiofolder builder does, with the standard library only.

Usage: python3 load-audiofolder.py DIR
Per split folder (train, validation, test): reads metadata.csv or metadata.jsonl, resolves each file_name relative
to that folder, opens the WAV and checks it is 16 kHz mono PCM16; reads the README.md YAML header's top-level keys,
its split list and the class-label names; and infers each split's column types as `datasets` does (pandas for CSV,
Arrow's JSON reader for JSONL), naming the columns whose type differs between splits (audiofolder refuses those).
Prints one JSON object with what it found; exits 1 on any violation.
"""
import csv
import json
import os
import re
import sys
import wave

SPLITS = ("train", "validation", "test")


def fail(message):
    print(json.dumps({"error": message}))
    sys.exit(1)


def read_metadata(folder):
    csv_path = os.path.join(folder, "metadata.csv")
    jsonl_path = os.path.join(folder, "metadata.jsonl")
    if os.path.exists(csv_path) == os.path.exists(jsonl_path):
        fail(f"{folder}: exactly one metadata file expected")
    if os.path.exists(csv_path):
        with open(csv_path, newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    with open(jsonl_path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


INT = re.compile(r"-?\d+")
FLOAT = re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


def csv_type(values):
    """What pandas.read_csv infers for one column, as the Arrow type it becomes."""
    known = [value for value in values if value != ""]
    if not known:
        return "float"
    if all(value in ("true", "false", "True", "False", "TRUE", "FALSE") for value in known):
        return "bool"
    if all(INT.fullmatch(value) for value in known):
        return "int" if len(known) == len(values) else "float"
    if all(FLOAT.fullmatch(value) for value in known):
        return "float"
    return "string"


def json_type(values):
    """What Arrow's JSON reader infers for one column."""
    known = [value for value in values if value is not None and value != []]
    if not known:
        return "list<null>" if any(value == [] for value in values) else "null"
    kinds = set()
    for value in known:
        if isinstance(value, bool):
            kinds.add("bool")
        elif isinstance(value, int):
            kinds.add("int")
        elif isinstance(value, float):
            kinds.add("float")
        elif isinstance(value, str):
            kinds.add("string")
        elif isinstance(value, list):
            kinds.add("list")
        else:
            kinds.add("struct")
    if kinds == {"int", "float"}:
        return "float"
    return kinds.pop() if len(kinds) == 1 else "mixed"


def read_card(root):
    with open(os.path.join(root, "README.md"), encoding="utf-8") as handle:
        text = handle.read()
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not match:
        fail("README.md has no YAML header")
    header = match.group(1).splitlines()
    keys = [line.split(":")[0] for line in header if re.match(r"^[a-z_]+:", line)]
    splits = [line.split(":", 1)[1].strip() for line in header if line.startswith("  - split:")]
    labels, current = {}, None
    for line in header:
        name = re.match(r'^  - name: "(.*)"$', line)
        if name:
            current = name.group(1)
        label = re.match(r"^          '(\d+)': \"(.*)\"$", line)
        if label and current:
            labels.setdefault(current, []).append(label.group(2))
    return {"keys": keys, "splits": splits, "class_labels": labels}


def main(root):
    found, types, columns = {}, {}, None
    for split in SPLITS:
        folder = os.path.join(root, split)
        if not os.path.isdir(folder):
            continue
        rows = read_metadata(folder)
        columns = columns or list(rows[0].keys())
        infer = json_type if os.path.exists(os.path.join(folder, "metadata.jsonl")) else csv_type
        types[split] = {column: infer([row[column] for row in rows]) for column in columns}
        emotions = {}
        seconds = 0.0
        for row in rows:
            name = row["file_name"]
            if os.path.isabs(name) or "/" in name:
                fail(f"{split}: file_name {name} is not relative to its folder")
            with wave.open(os.path.join(folder, name), "rb") as audio:
                if (audio.getframerate(), audio.getnchannels(), audio.getsampwidth()) != (16000, 1, 2):
                    fail(f"{split}/{name}: not 16 kHz mono PCM16")
                if audio.getnframes() == 0:
                    fail(f"{split}/{name}: no audio")
                seconds += audio.getnframes() / audio.getframerate()
            emotions[row["emotion"]] = emotions.get(row["emotion"], 0) + 1
        wavs = sorted(entry for entry in os.listdir(folder) if entry.endswith(".wav"))
        if wavs != sorted(row["file_name"] for row in rows):
            fail(f"{split}: WAV files and metadata rows differ")
        found[split] = {"rows": len(rows), "emotions": emotions, "seconds": round(seconds, 1)}
    with open(os.path.join(root, "ratings.csv"), newline="", encoding="utf-8") as handle:
        ratings = list(csv.DictReader(handle))
    for rating in ratings:
        if not os.path.exists(os.path.join(root, rating["take_file"])):
            fail(f"ratings.csv names a missing file {rating['take_file']}")
    differing = [column for column in columns or [] if len({split_types[column] for split_types in types.values()}) > 1]
    print(json.dumps({"splits": found, "ratings": len(ratings), "card": read_card(root), "types": types, "differing": differing}))


if __name__ == "__main__":
    main(sys.argv[1])
