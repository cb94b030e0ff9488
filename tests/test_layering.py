import subprocess
import sys


def test_core_imports_without_discord() -> None:
    code = (
        "import sys, importlib, pkgutil, bot.core\n"
        "for m in pkgutil.iter_modules(bot.core.__path__):\n"
        "    importlib.import_module('bot.core.' + m.name)\n"
        "assert 'discord' not in sys.modules, sorted(k for k in sys.modules if 'discord' in k)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
