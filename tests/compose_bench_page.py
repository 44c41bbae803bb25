"""The paged galley the composition benchmark times (benchmarks/bench_compose.py), kept in one
place so the CLI test of paged columns sets exactly what is timed: A3 (297 × 420 mm), 15 mm
margins, 6 columns with 4 mm gutters, 9/13.5 pt.

No newsdesk imports here: the benchmark imports this before it profiles the package."""

BENCH_PAGE_ARGS = [
    "--page",
    "297x420mm",
    "--margins",
    "15mm",
    "--columns",
    "6",
    "--gutter",
    "4mm",
    "--size",
    "9",
    "--leading",
    "13.5",
]
