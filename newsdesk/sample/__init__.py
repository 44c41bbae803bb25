"""The bundled sample edition (《滨江日报》, a fictional city daily): articles, pictures, ads."""

from newsdesk.sample.builder import build_sample_edition, write_sample

__all__ = ["build_sample_edition", "write_sample"]
