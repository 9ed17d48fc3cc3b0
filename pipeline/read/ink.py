"""Cheap ink analysis of grayscale page images (numpy only): thresholds, pooled masks, runs."""

from __future__ import annotations

import numpy as np


def otsu_threshold(gray: np.ndarray) -> int:
    """Otsu's global threshold of a uint8 image: pixels below it are ink."""
    histogram = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = histogram.sum()
    if total == 0:
        return 128
    levels = np.arange(256, dtype=np.float64)
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * levels)
    background = total - weight
    valid = (weight > 0) & (background > 0)
    between = np.zeros(256)
    between[valid] = (mean[-1] * weight[valid] / total - mean[valid]) ** 2 / (weight[valid] * background[valid])
    return int(np.argmax(between)) + 1


def page_threshold(gray: np.ndarray) -> int:
    """The ink threshold of a page, from a subsample (fast on 9-megapixel scans)."""
    return otsu_threshold(np.ascontiguousarray(gray[::3, ::3]))


def min_pool(gray: np.ndarray, factor: int) -> np.ndarray:
    """Downscale by ``factor`` keeping the darkest pixel of each block (thin strokes survive)."""
    height, width = (gray.shape[0] // factor) * factor, (gray.shape[1] // factor) * factor
    blocks = gray[:height, :width].reshape(height // factor, factor, width // factor, factor)
    return blocks.min(axis=(1, 3))


def runs(flags: np.ndarray, *, max_gap: int = 0) -> list[tuple[int, int]]:
    """``[start, end)`` runs of True in a 1-D boolean array, bridging gaps up to ``max_gap``."""
    indices = np.flatnonzero(flags)
    if indices.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(indices) > max_gap + 1)
    starts = np.concatenate(([indices[0]], indices[breaks + 1]))
    ends = np.concatenate((indices[breaks], [indices[-1]])) + 1
    return [(int(start), int(end)) for start, end in zip(starts, ends, strict=True)]
