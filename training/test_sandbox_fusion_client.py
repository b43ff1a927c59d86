"""SandboxFusion's own Python client (sandbox-fusion, pinned in requirements.lock) against a real
`o1coder serve`: the requests it sends and the answers it parses, sync and async, unchanged."""
import asyncio
import unittest

import sandbox_fusion as sf

import serve_fixture

server = None


def setUpModule():
    global server
    server = serve_fixture.Server()


def tearDownModule():
    server.stop()


def request(code, language="python", **fields):
    return sf.RunCodeRequest(code=code, language=language, **fields)


class SandboxFusionClientTests(unittest.TestCase):
    def test_success_and_output(self):
        answer = sf.run_code(request("print(6 * 7)"), endpoint=server.url, max_attempts=1)
        self.assertEqual(answer.status, sf.RunStatus.Success)
        self.assertEqual(answer.run_result.status, sf.CommandRunStatus.Finished)
        self.assertEqual(answer.run_result.return_code, 0)
        self.assertEqual(answer.run_result.stdout, "42\n")

    def test_stdin_and_exit_code(self):
        code = "import sys\nprint(sys.stdin.read().strip()[::-1])\nsys.exit(3)"
        answer = sf.run_code(request(code, stdin="abc"), endpoint=server.url, max_attempts=1)
        self.assertEqual(answer.status, sf.RunStatus.Failed)
        self.assertEqual(answer.run_result.return_code, 3)
        self.assertEqual(answer.run_result.stdout, "cba\n")

    def test_time_limit(self):
        answer = sf.run_code(request("while True:\n    pass", run_timeout=1), endpoint=server.url, max_attempts=1)
        self.assertEqual(answer.status, sf.RunStatus.Failed)
        self.assertEqual(answer.run_result.status, sf.CommandRunStatus.TimeLimitExceeded)

    def test_other_language_is_a_sandbox_error(self):
        # The client raises on SandboxError, as it does against SandboxFusion itself.
        with self.assertRaises(Exception) as caught:
            sf.run_code(request("int main(){}", language="cpp"), endpoint=server.url, max_attempts=1)
        self.assertIn("not supported", str(caught.exception))

    def test_async_client(self):
        async def many():
            codes = ["print(%d)" % i for i in range(8)]
            return await asyncio.gather(*(sf.run_code_async(request(c), endpoint=server.url, max_attempts=1) for c in codes))
        answers = asyncio.run(many())
        self.assertEqual([a.run_result.stdout for a in answers], ["%d\n" % i for i in range(8)])

    def test_summary_helper_reads_our_answers(self):
        mapping = sf.SummaryMapping(RunFailed="run_failed", RunTimeout="run_timeout")
        cases = [("print('ok')", {}, "Success"), ("raise SystemExit(2)", {}, "run_failed"),
                 ("import time\ntime.sleep(5)", {"run_timeout": 1}, "run_timeout")]
        for code, fields, expected in cases:
            answer = sf.run_code(request(code, **fields), endpoint=server.url, max_attempts=1)
            self.assertEqual(sf.summary_run_code_result(answer, mapping), expected, code)


if __name__ == "__main__":
    unittest.main()
