#!/usr/bin/env python3
"""Copies each tagged example region into the README block that cites it.

A library README marks a fenced block with `<!-- snippet: src/test/java/.../ReadmeExampleTest.java#usage -->`; the
block must equal the lines between `// tag::usage[]` and `// end::usage[]` of that test, less their common indent.
Each module's ReadmeExampleTest fails when they differ; after editing the example, run from the repository root:

    python3 docs/tools/sync_readme_snippets.py export-core upload-hashing memory-monitor
"""
import os
import re
import sys

MARKED = re.compile(r"(<!-- snippet: (\S+)#(\S+) -->\n```java\n)(.*?)(\n```)", re.S)


def region(module, source, tag):
    lines = open(os.path.join(module, source), encoding="utf-8").read().split("\n")
    start = next(i for i, l in enumerate(lines) if l.strip() == "// tag::%s[]" % tag)
    end = next(i for i, l in enumerate(lines) if l.strip() == "// end::%s[]" % tag)
    body = lines[start + 1:end]
    indent = min(len(l) - len(l.lstrip()) for l in body if l.strip())
    return "\n".join(l[indent:].rstrip() if l.strip() else "" for l in body)


for module in sys.argv[1:]:
    path = os.path.join(module, "README.md")
    text = open(path, encoding="utf-8").read()
    text = MARKED.sub(lambda m: m.group(1) + region(module, m.group(2), m.group(3)) + m.group(5), text)
    open(path, "w", encoding="utf-8").write(text)
