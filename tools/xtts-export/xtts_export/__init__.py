"""Our own PyTorch modules of the XTTS v2 inference path and the exporter to Brief Audio's model directory."""
