"""Reference renderer for ChatTemplateCorpusTests: Python's Jinja2 set up exactly as Hugging Face transformers'
apply_chat_template sets it up (chat_template_utils._compile_jinja_template):

  ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
  filters["tojson"]       = json.dumps(x, ensure_ascii=False, indent=indent, separators=separators, sort_keys=sort_keys)
  globals["raise_exception"] raises TemplateError(message)
  globals["strftime_now"]   datetime.now().strftime(format)   (here: a fixed clock given by the caller)

Reads one JSON object on stdin: {"now": "YYYY-MM-DDTHH:MM:SS", "jobs": [{"template": "...", "variables": {...}}]}
and writes one JSON array: per job {"text": "..."} or {"error": "...", "kind": "TemplateError" | "<Python type>"}.
The tests run it once per test run, so the expected outputs always come from Jinja2 itself, never from a stored copy.
"""
import json
import sys
from datetime import datetime

import jinja2
import jinja2.ext
from jinja2.sandbox import ImmutableSandboxedEnvironment


def main():
    request = json.load(sys.stdin)
    now = datetime.fromisoformat(request["now"])

    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def strftime_now(format):
        return now.strftime(format)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[jinja2.ext.loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now

    compiled = {}
    results = []
    for job in request["jobs"]:
        source = job["template"]
        try:
            if source not in compiled:
                compiled[source] = env.from_string(source)
            results.append({"text": compiled[source].render(**job["variables"])})
        except jinja2.exceptions.TemplateError as e:
            kind = "TemplateError" if type(e) is jinja2.exceptions.TemplateError else type(e).__name__
            results.append({"error": str(e), "kind": kind})
        except Exception as e:  # a Python error inside the template (TypeError, ...): the render fails
            results.append({"error": str(e), "kind": type(e).__name__})
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
