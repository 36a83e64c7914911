"""Renders every .jinja template here with Python's Jinja2, configured as transformers' apply_chat_template
configures it, and writes expected.json for ChatTemplateOracleTests.

transformers (chat_template_utils._compile_jinja_template): ImmutableSandboxedEnvironment(trim_blocks=True,
lstrip_blocks=True, extensions=[loopcontrols]), a json.dumps-based tojson filter, a raise_exception global; the
render receives messages, tools=None, documents=None, add_generation_prompt and the special tokens.
Regenerate with: python3 generate_expected.py   (Jinja2 3.1.x)
"""
import json, pathlib
import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

HERE = pathlib.Path(__file__).parent

def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)

def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.loopcontrols"])
env.filters["tojson"] = tojson
env.globals["raise_exception"] = raise_exception

# llama.cpp's test conversation (tests/test-chat-template.cpp).
SYSTEM = [{"role": "system", "content": "You are a helpful assistant"}]
TURNS = [
    {"role": "user", "content": "Hello"},
    {"role": "assistant", "content": "Hi there"},
    {"role": "user", "content": "Who are you"},
    {"role": "assistant", "content": "   I am an assistant   "},
    {"role": "user", "content": "Another question"},
]
MERGED = [{"role": "user", "content": "You are a helpful assistant\nHello"}] + TURNS[1:]
CONVERSATIONS = {
    "system": SYSTEM + TURNS,
    "no_system": TURNS,
    "merged_system": MERGED,
    "single_user": [{"role": "user", "content": "Hi! \u00e9\u4f60\u597d \"quoted\" {{ not a tag }}"}],
    "bad_alternation": [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}],
}

TOKENS = {
    "default": ("<s>", "</s>"),
    "llama3": ("<|begin_of_text|>", "<|eot_id|>"),
    "llama-3.1": ("<|begin_of_text|>", "<|eot_id|>"),
    "gemma": ("<bos>", "<eos>"),
    "qwen": ("", "<|im_end|>"),
    "chatml": ("", "<|im_end|>"),
    "phi-3": ("<s>", "<|endoftext|>"),
    "phi-4": ("", "<|im_end|>"),
    "deepseek-r1": ("<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>"),
    "seed": ("<seed:bos>", "<seed:eos>"),
}

def tokens_for(name):
    for prefix, pair in TOKENS.items():
        if name.startswith(prefix):
            return pair
    return TOKENS["default"]

result = {}
for path in sorted(HERE.glob("*.jinja")):
    name = path.stem
    source = path.read_text(encoding="utf-8")
    bos, eos = tokens_for(name)
    template = env.from_string(source)
    cases = {}
    for conv_name, messages in CONVERSATIONS.items():
        for agp in (True, False):
            key = f"{conv_name}/{'gen' if agp else 'nogen'}"
            try:
                out = template.render(messages=messages, tools=None, documents=None, add_generation_prompt=agp,
                                      bos_token=bos, eos_token=eos)
                cases[key] = {"output": out}
            except Exception as e:  # raise_exception gives TemplateError; template bugs give TypeError etc.
                cases[key] = {"error": str(e), "type": type(e).__name__}
    result[name] = {"bos_token": bos, "eos_token": eos, "cases": cases}

(HERE / "expected.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(len(result), "templates,", sum(len(v["cases"]) for v in result.values()), "cases")
