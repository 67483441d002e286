"""Batch-scoring a corpus on one machine: ``python -m service batch INPUT... --out DIR``.

``inputs`` expands files, directories and glob patterns; ``worker`` scores one document in a worker process (one
``Pipeline`` per process); ``runner`` drives the workers and records every outcome in the store, the ledger that
makes a run resumable; ``outputs`` writes JSON Lines and CSV files from the store; ``command`` is the front door.
"""
