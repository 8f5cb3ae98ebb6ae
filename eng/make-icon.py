#!/usr/bin/env python3
"""Draws eng/icon.png, the packages' 128x128 icon: a pulse line across a green disc. Standard library only."""
import math
import struct
import zlib
from pathlib import Path

SIZE = 128
GREEN = (27, 127, 59)
WHITE = (255, 255, 255)
# The pulse: flat, a sharp peak, a dip, flat again (x, y in 0..1).
PULSE = [(0.12, 0.55), (0.38, 0.55), (0.47, 0.25), (0.57, 0.78), (0.65, 0.48), (0.70, 0.55), (0.88, 0.55)]


def segment_distance(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def pixel(x, y):
    cx = cy = SIZE / 2
    r = math.hypot(x + 0.5 - cx, y + 0.5 - cy)
    disc = max(0.0, min(1.0, SIZE / 2 - 2 - r + 0.5))  # antialiased edge
    if disc == 0:
        return (0, 0, 0, 0)
    d = min(segment_distance(x + 0.5, y + 0.5, ax * SIZE, ay * SIZE, bx * SIZE, by * SIZE)
            for (ax, ay), (bx, by) in zip(PULSE, PULSE[1:]))
    line = max(0.0, min(1.0, 5.0 - d))
    colour = tuple(round(g + (w - g) * line) for g, w in zip(GREEN, WHITE))
    return colour + (round(255 * disc),)


def main():
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(SIZE)) for y in range(SIZE))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    Path(__file__).with_name("icon.png").write_bytes(png)


if __name__ == "__main__":
    main()
