#!/usr/bin/env python3
"""How the briefs use their pages, on A4 and US Letter (issue 20).

Builds every brief and the binders on both papers (or reads output folders already built) and
reports, with pymupdf (`pip install pymupdf`):

- delegation briefs whose last page holds only the colophon, or less than a quarter page of
  content (content: text, drawings and images between the running head and footer);
- blank pages in each two-sided binder (no content between head and footer);
- the smallest type sizes used, with an example of each;
- pages and sheets (two-sided: pages / 2, rounded up) per brief on A4 against Letter;
- delegation briefs whose migrants chart and the note under it fall on different pages;
- list ends alone: a page that opens with a list's last item (or the end of it), the list's
  other items on the page before.

Usage:
    bench/pages.py                       # builds with target/release/imrf-briefs into a temp dir
    bench/pages.py --bin PATH            # another executable
    bench/pages.py --a4 DIR --letter DIR # output folders already built with --binder
    bench/pages.py --list                # also name every brief that fails a criterion

Exit status 1 when a target of issue 20 is missed (a delegation brief ending on the colophon
alone or on less than a quarter page, more than 20 blank pages in the A4 delegations binder or
40 in the Letter one, type under 7 pt, a list end alone on a page).
"""

import argparse
import collections
import math
import os
import pathlib
import subprocess
import sys
import tempfile

try:
    import pymupdf
except ImportError:  # older releases
    import fitz as pymupdf

MM = 72 / 25.4
# The page margins of lib/page.typ: top 26 mm, bottom 24 mm (the head and footer sit outside).
TOP, BOTTOM = 26 * MM, 24 * MM
QUARTER = 0.25
LIMITS = {"a4": 20, "us-letter": 40}
MIN_TYPE = 7.0


def body_boxes(page):
    """Bounding boxes of what a page holds between its running head and footer."""
    top, bottom = TOP - 2, page.rect.height - BOTTOM + 2
    boxes = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            if any(s["text"].strip() for s in line["spans"]):
                boxes.append(pymupdf.Rect(line["bbox"]))
    for d in page.get_drawings():
        boxes.append(pymupdf.Rect(d["rect"]))
    for img in page.get_image_info():
        boxes.append(pymupdf.Rect(img["bbox"]))
    return [b for b in boxes if b.y0 >= top and b.y1 <= bottom]


def first_body_text(page):
    top, bottom = TOP - 2, page.rect.height - BOTTOM + 2
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            y0, y1 = line["bbox"][1], line["bbox"][3]
            text = "".join(s["text"] for s in line["spans"]).strip()
            if text and y0 >= top and y1 <= bottom:
                return text
    return ""


def filled(page):
    """The share of the page's body height its content reaches down to."""
    boxes = body_boxes(page)
    if not boxes:
        return 0.0
    height = page.rect.height - TOP - BOTTOM
    return max(0.0, (max(b.y1 for b in boxes) - TOP) / height)


def list_lines(page):
    """The body's text lines and list markers (the drawn squares of lib/page.typ), x measured
    from the page's left margin (briefs are laid out two-sided: 30 mm inside, 20 mm outside)."""
    top, bottom = TOP - 12, page.rect.height - BOTTOM + 2
    shift = (30 if page.number % 2 == 0 else 20) * MM
    lines = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            text = "".join(s["text"] for s in line["spans"]).strip()
            r = pymupdf.Rect(line["bbox"])
            if text and r.y0 >= top and r.y1 <= bottom:
                lines.append((r + (-shift, 0, -shift, 0), text))
    lines.sort(key=lambda line: (round(line[0].y0), line[0].x0))
    marks = []
    for d in page.get_drawings():
        r = pymupdf.Rect(d["rect"])
        if d.get("fill") and abs(r.width - r.height) < 0.3 and 2 < r.width < 4.5 and top <= r.y0 <= bottom:
            marks.append(r + (-shift, 0, -shift, 0))
    return lines, marks


def marker_of(line, marks):
    """The list marker that starts `line`, if any."""
    r = line[0]
    return next((m for m in marks if m.y0 >= r.y0 - 1 and m.y1 <= r.y1 + 1
                 and m.x1 <= r.x0 + 1 and r.x0 - m.x1 < 12), None)


def list_ends_alone(doc):
    """Pages (1-based) that open with the last item of a list, or the end of it, whose other
    items are on the page before."""
    found = []
    pages = [list_lines(p) for p in doc]
    for i in range(1, len(pages)):
        (prev, prev_marks), (cur, marks) = pages[i - 1], pages[i]
        if not prev or not cur:
            continue
        # Does the page before end inside a list item (its last line in an item's text column)?
        last = prev[-1]
        above = [m for m in prev_marks if m.y0 <= last[0].y1]
        if not above:
            continue
        marker = max(above, key=lambda m: m.y0)
        column = min((line[0].x0 for line in prev if marker_of(line, prev_marks) is marker),
                     default=None)
        if column is None or abs(last[0].x0 - column) > 1.5:
            continue
        # This page's lines of that list: items (a marker at the same x) and their text lines.
        items, in_list = 0, 0
        for line in cur:
            m = marker_of(line, marks)
            if m is not None and abs(m.x0 - marker.x0) < 1.5:
                items += 1
            elif abs(line[0].x0 - column) > 1.5:
                break
            in_list += 1
        # The list's items on the page before (walking up its lines from the page's end).
        before = 0
        for line in reversed(prev):
            m = marker_of(line, prev_marks)
            if m is not None and abs(m.x0 - marker.x0) < 1.5:
                before += 1
            elif abs(line[0].x0 - column) > 1.5:
                break
        # A one-item list split like any paragraph (two lines or more on each page) is not one.
        whole = before - (1 if items == 0 else 0)
        if in_list and items <= 1 and whole >= 1 and (items == 0 or marker_of(cur[0], marks)):
            found.append(i + 1)
    return found


def page_of(doc, text):
    """The index of the first page whose text holds `text`, or None."""
    return next((i for i, p in enumerate(doc) if text in p.get_text()), None)


def type_sizes(doc, sizes):
    for page in doc:
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                for s in line["spans"]:
                    if s["text"].strip():
                        size = round(s["size"], 1)
                        sizes[size][0] += len(s["text"])
                        if not sizes[size][1]:
                            sizes[size][1] = s["text"].strip()[:40]


def briefs(out):
    for kind in ("objectives", "regions", "delegations"):
        for pdf in sorted((out / kind).glob("*.pdf")):
            yield kind, pdf
    if (out / "overview.pdf").exists():
        yield "overview", out / "overview.pdf"


def survey(out, paper, listing):
    print(f"== {paper}: {out}")
    failed = False
    pages = {}
    colophon_only, short, notes_apart, list_ends = [], [], [], []
    sizes = collections.defaultdict(lambda: [0, ""])
    for kind, pdf in briefs(out):
        doc = pymupdf.open(pdf)
        pages[(kind, pdf.stem)] = doc.page_count
        type_sizes(doc, sizes)
        list_ends += [f"{kind}/{pdf.stem} p{p}" for p in list_ends_alone(doc)]
        if kind == "delegations":
            last = doc[doc.page_count - 1]
            if first_body_text(last).startswith("About this brief"):
                colophon_only.append(pdf.stem)
            elif doc.page_count > 1 and filled(last) < QUARTER:
                short.append(f"{pdf.stem} ({filled(last):.0%})")
            # The migrants chart and the note under it (what the figures are, their source).
            chart, note = page_of(doc, "International migrants, "), page_of(doc, "International migrant stock:")
            if chart is not None and note is not None and chart != note:
                notes_apart.append(pdf.stem)
    n = sum(1 for k in pages if k[0] == "delegations")
    print(f"delegation briefs: {n}; ending on the colophon alone: {len(colophon_only)};"
          f" ending on less than a quarter page otherwise: {len(short)}")
    print(f"delegation briefs whose migrants chart and its note fall on different pages:"
          f" {len(notes_apart)} (reported, not a target)")
    if listing:
        for name in notes_apart:
            print(f"  chart note on the next page: {name}")
        for name in colophon_only:
            print(f"  colophon alone: {name}")
        for name in short:
            print(f"  short last page: {name}")
    print(f"list ends alone at the top of a page (all briefs): {len(list_ends)}")
    for name in list_ends if listing else []:
        print(f"  list end alone: {name}")
    failed |= bool(colophon_only or short or list_ends)
    by_kind = collections.Counter()
    for (kind, _), count in pages.items():
        by_kind[kind] += count
    print("pages by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items()))
          + f"; all {sum(by_kind.values())}")
    small = sorted(sizes.items())
    print("smallest type: " + "; ".join(f"{s} pt ({c} chars, e.g. {e!r})" for s, (c, e) in small[:4]))
    if small and small[0][0] < MIN_TYPE:
        failed = True
    binders = out / "binders"
    for pdf in sorted(binders.glob("*.pdf")) if binders.exists() else []:
        doc = pymupdf.open(pdf)
        blank = sum(1 for p in doc if not body_boxes(p))
        limit = LIMITS[paper] if pdf.stem == "delegations" else None
        mark = ""
        if limit is not None and blank > limit:
            mark, failed = f"  (over {limit})", True
        print(f"binder {pdf.stem}: {doc.page_count} pages, {blank} blank{mark}")
    return pages, failed


def build(exe, out, paper):
    subprocess.run([exe, "build", "--binder", "--force", "-q", "--paper", paper, "--out", str(out)],
                   check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.environ.get("CARGO_TARGET_DIR", "target") + "/release/imrf-briefs")
    ap.add_argument("--a4", type=pathlib.Path)
    ap.add_argument("--letter", type=pathlib.Path)
    ap.add_argument("--list", action="store_true", help="name every brief that fails a criterion")
    args = ap.parse_args()
    tmp = None
    if args.a4 is None or args.letter is None:
        tmp = tempfile.TemporaryDirectory(prefix="imrf-pages-")
        args.a4 = args.a4 or pathlib.Path(tmp.name) / "a4"
        args.letter = args.letter or pathlib.Path(tmp.name) / "letter"
        for out, paper in ((args.a4, "a4"), (args.letter, "us-letter")):
            if not out.exists():
                build(args.bin, out, paper)
    a4, fail_a4 = survey(args.a4, "a4", args.list)
    # A Letter build writes its files under its variant's folder (see the README's Variants).
    if (args.letter / "us-letter").is_dir():
        args.letter = args.letter / "us-letter"
    letter, fail_letter = survey(args.letter, "us-letter", args.list)
    differ = [(k, a4[k], letter[k]) for k in sorted(a4) if k in letter
              and math.ceil(a4[k] / 2) != math.ceil(letter[k] / 2)]
    pages_differ = sum(1 for k in a4 if k in letter and a4[k] != letter[k])
    print(f"== sheets (two-sided): {len(differ)} of {len(a4)} briefs differ between A4 and Letter;"
          f" pages differ in {pages_differ}")
    sheets = collections.Counter((a, b) for _, a, b in differ)
    for (a, b), c in sorted(sheets.items()):
        print(f"  {c} briefs: {a} pages on A4, {b} on Letter")
    if args.list:
        for (kind, key), a, b in differ:
            print(f"  {kind}/{key}: A4 {a}, Letter {b}")
    return 1 if fail_a4 or fail_letter else 0


if __name__ == "__main__":
    sys.exit(main())
