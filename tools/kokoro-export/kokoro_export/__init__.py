"""Kokoro-82M checkpoint → Brief Audio's Kokoro model directory (see README.md)."""
