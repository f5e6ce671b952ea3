"""`python -m bench` runs the build benchmark (see bench/README.md for the others)."""

from bench.bench_build import main

raise SystemExit(main())
