"""Looking inside submission folders: untrusted input, read only, every probe bounded.

``folder`` lists and classifies an entry's files; ``safezip`` vets zip-based files
before any library opens them; ``bounded`` runs a probe in a child process under a time
and memory limit; ``documents``, ``wordcount`` and ``media`` read Word, PDF, image and
video files. The check plugins in ``rubric_engine.builtins.file_checks`` use these.
"""
