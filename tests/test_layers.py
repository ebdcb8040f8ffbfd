"""The data layer stands alone: the CLI, the tests and the benchmark use it without Streamlit."""

import subprocess
import sys

from data_access.core.config import PROJECT_ROOT


def test_data_access_never_imports_streamlit():
    code = ("import pkgutil, importlib, sys, data_access\n"
            "for m in pkgutil.walk_packages(data_access.__path__, 'data_access.'):\n"
            "    if '.migrations' not in m.name and not m.name.endswith('__main__'):\n"
            "        importlib.import_module(m.name)\n"
            "import reports.urging_workbook\n"
            "print('streamlit' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
