"""The committed Java fixtures are what make_fixtures.py writes today. Run: /usr/bin/python3 -m unittest"""
import os
import tempfile
import unittest

import make_fixtures
from xtts_export.compare import compare_dirs, RTOL, ATOL


class FixturesTest(unittest.TestCase):

    def test_committed_fixtures_are_reproduced_by_make_fixtures(self):
        with tempfile.TemporaryDirectory(prefix="xtts-fixtures-") as tmp:
            fresh = os.path.join(tmp, "xtts-tiny")
            make_fixtures.write(fresh)
            diffs = compare_dirs(make_fixtures.OUT, fresh)
        self.assertEqual([], diffs, f"tts-worker/src/test/resources/xtts-tiny is not what make_fixtures.py writes "
                                    f"(graphs by weights and structure, numbers within rtol {RTOL} atol {ATOL}); "
                                    f"regenerate with /usr/bin/python3 make_fixtures.py and rerun the Java Xtts* tests")


if __name__ == "__main__":
    unittest.main()
