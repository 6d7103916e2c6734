"""Peer 2 of bench/compare.sh: the `typst` Python package, one reused Compiler per process.

Usage: python3 peer_python.py ROOT FONTS OUT FILE... (FILE relative to ROOT)."""
import os
import sys

import typst

root, fonts, out, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
compiler = typst.Compiler(root=root, font_paths=[fonts], ignore_system_fonts=True)
for name in files:
    target = os.path.join(out, name[:-4] + ".pdf")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    compiler.compile(input=os.path.join(root, name), output=target, format="pdf")
