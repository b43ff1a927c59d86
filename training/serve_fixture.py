"""A real `o1coder serve` for the Python tests (the binary `make test` builds, or $O1CODER_BIN)."""
import os
import subprocess
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("O1CODER_BIN") or os.path.join(ROOT, ".build", "debug", "o1coder")


def require_binary():
    """The o1coder binary; a skip outside CI and a failure under CI when it is missing."""
    if not os.access(BINARY, os.X_OK):
        message = "no o1coder binary at %s (make test builds it first)" % BINARY
        if os.environ.get("CI") == "true":
            raise RuntimeError(message)
        raise unittest.SkipTest(message)
    return BINARY


class Server:
    """Starts `o1coder serve --port 0`, reads the bound URL from its first line, exports it."""

    def __init__(self):
        self.process = subprocess.Popen([require_binary(), "serve", "--port", "0", "--workers", "2"],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if "listening on " not in line:
            self.process.kill()
            raise RuntimeError("o1coder serve did not start: %r %s" % (line, self.process.stderr.read()))
        self.url = line.split("listening on ")[1].split()[0]
        os.environ["O1CODER_SERVE_URL"] = self.url

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.process.stdout.close()
        self.process.stderr.close()
