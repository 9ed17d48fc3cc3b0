"""delib: French council deliberation records → validated data.

For notebooks: ``pipeline.load(output_dir)`` returns the output tables as pandas DataFrames.
"""

from pipeline.load import load

__all__ = ["load"]
