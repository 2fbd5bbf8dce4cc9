"""Runs MISP 2.5.1's own tests/testlive_security.py against a server over HTTP.

Usage: run_testlive_security.py PATH/TO/testlive_security.py URL AUTHKEY
Prints one JSON object: {"results": {"<test name>": "pass"|"fail"|"error"|"skip"}}.

The only change to MISP's file is its MISPSetting helper: MISP's edits app/Config/config.php
through tests/modify_config.php, which needs the server's disk. This one makes the same change
through the settings API (POST /servers/serverSettingsEdit/<name>, with force) and puts every
previous value back afterwards. The file is read and run as MISP ships it otherwise.

MISP's own set-up leaves `debug` at 1 and `Security.advanced_authkeys` off on the server it ran
against (it never resets them); on a real MISP whose admin key is an advanced key, pass the
legacy key first ("legacy,advanced") and reset both with `cake Admin setSetting` afterwards.
"""
import io
import json
import os
import sys
import types
import unittest

SOURCE, URL, KEY = sys.argv[1], sys.argv[2], sys.argv[3]


class MISPSetting:
    """MISP's settings helper, through the settings API instead of config.php."""

    def __init__(self, admin_connector, new_setting: dict):
        self.admin_connector = admin_connector
        self.new_setting = new_setting
        self.original = {}

    def __enter__(self):
        for name, value in self.__flatten(self.new_setting).items():
            before = self.admin_connector.get_server_setting(name)
            self.original[name] = before.get('value') if isinstance(before, dict) else None
            self.__set(name, value)
        self.admin_connector.get_server_setting("MISP.live")

    def __exit__(self, exc_type, exc_val, exc_tb):
        for name, value in self.original.items():
            self.__set(name, value)
        self.admin_connector.get_server_setting("MISP.live")

    def __set(self, name, value):
        answer = self.admin_connector.set_server_setting(name, value, force=True)
        if not isinstance(answer, dict) or 'errors' in answer:
            raise Exception([name, answer])

    @staticmethod
    def __flatten(new_setting: dict) -> dict:
        """config.php's nesting ({"Security": {"auth": …}}) as the settings API names it."""
        flat = {}
        for key, value in new_setting.items():
            if '.' not in key and isinstance(value, dict):
                for inner, inner_value in value.items():
                    flat[f'{key}.{inner}'] = inner_value
            else:
                flat[key] = value
        return flat


def load_suite():
    with open(SOURCE, encoding='utf-8') as handle:
        text = handle.read()
    start = text.index('class MISPSetting:')
    end = text.index('\ndef send(', start)
    os.environ['HOST'] = URL.split('://', 1)[1]
    os.environ['AUTH'] = KEY
    module = types.ModuleType('testlive_security')
    module.__file__ = SOURCE
    # The helper's lines become blank lines, so tracebacks keep MISP's line numbers.
    blank = '\n' * text[start:end].count('\n')
    exec(compile(text[:start] + 'MISPSetting = None' + blank + text[end:], SOURCE, 'exec'), module.__dict__)
    module.MISPSetting = MISPSetting
    return module


def main():
    module = load_suite()
    if not URL.startswith('http://'):
        module.url = URL  # MISP's file prefixes http:// to HOST
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(module.TestSecurity)
    # Only tests that ran and succeeded pass: a set-up that fails leaves the others "error".
    outcomes = {test.id().rsplit('.', 1)[-1]: 'error' for test in _tests(suite)}

    class Recording(unittest.TextTestResult):
        def addSuccess(self, test):
            super().addSuccess(test)
            outcomes[test.id().rsplit('.', 1)[-1]] = 'pass'

        def addFailure(self, test, err):
            super().addFailure(test, err)
            outcomes[test.id().rsplit('.', 1)[-1]] = 'fail'

        def addSkip(self, test, reason):
            super().addSkip(test, reason)
            outcomes[test.id().rsplit('.', 1)[-1]] = 'skip'

    runner = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0, resultclass=Recording)
    result = runner.run(suite)
    if '--details' in sys.argv:
        for test, trace in result.failures + result.errors:
            print(f'--- {test.id()}\n{trace[-1500:]}', file=sys.stderr)
    print(json.dumps({'results': outcomes}, sort_keys=True))


def _tests(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from _tests(item)
        else:
            yield item


if __name__ == '__main__':
    main()
