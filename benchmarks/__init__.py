"""Build benchmarks: a generated bilingual corpus, our build against vanilla Pelican and Hugo."""
