"""Small templates, one feature each, rendered by Python's Jinja2 with transformers' settings (see
generate_expected.py) into snippets.json for JinjaSnippetTests. A snippet whose render raises any exception is
recorded as an error; our interpreter must then throw ChatTemplateException.
Regenerate with: python3 generate_snippets.py
"""
import json, pathlib
from generate_expected import env

HERE = pathlib.Path(__file__).parent
MESSAGES = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "  Hello, World  "},
    {"role": "assistant", "content": "Hi"},
]

SNIPPETS = [
    # text and whitespace control (trim_blocks, lstrip_blocks, '-' and '+')
    "plain text",
    "a\n{% if true %}\nb\n{% endif %}\nc",
    "a\n    {% if true %}\n    b\n    {% endif %}\nc",
    "a  {%- if true -%}  b  {%- endif -%}  c",
    "a\n  {{ 'x' }}  \nb",
    "a\n  {{- 'x' -}}  \nb",
    "a\n  {%+ if true %}b{% endif %}",
    "{% if true +%}\nb{% endif %}",
    "a {# comment #}\nb",
    "a\n  {# comment #}\nb",
    "a {#- comment -#} b",
    "x\n",
    "x\n\n",
    "{% raw %}{{ not evaluated }}{% endraw %}",
    "{{ '{' }}{{ '}' }}{{ {'a': {'b': 1}}['a']['b'] }}",
    "line1\r\nline2",
    # literals
    "{{ 'a\\tb\\\\c\\'d\\\"e\\x41\\u00e9' }}",
    "{{ \"double\" 'adjacent' }}",
    "{{ 42 }} {{ -7 }} {{ 1_000 }} {{ 3.5 }} {{ 1e3 }} {{ 2.0 }} {{ 0.1 + 0.2 }}",
    "{{ true }} {{ false }} {{ none }} {{ True }} {{ None }}",
    "{{ [1, 'a', none, true, 2.5] }}",
    "{{ {'k': 'v', 'n': 1} }}",
    "{{ (1, 2) }} {{ () }} {{ [] }} {{ {} }}",
    "{{ 'it\\'s' }} {{ [\"it's\"] }}",
    # arithmetic and operators
    "{{ 7 + 3 }} {{ 7 - 3 }} {{ 7 * 3 }} {{ 7 / 2 }} {{ 7 // 2 }} {{ 7 % 3 }} {{ 2 ** 10 }}",
    "{{ -7 // 2 }} {{ -7 % 3 }} {{ 7.5 // 2 }} {{ 6 / 3 }}",
    "{{ 'ab' * 3 }} {{ [1] * 2 }} {{ 'a' + 'b' }} {{ [1] + [2] }}",
    "{{ 1 ~ 'a' ~ none ~ true }}",
    "{{ 1 == 1.0 }} {{ 'a' != 'b' }} {{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }} {{ 'a' < 'b' }} {{ 2 >= 2 }}",
    "{{ 'b' in 'abc' }} {{ 1 in [1, 2] }} {{ 'k' in {'k': 1} }} {{ 3 not in [1] }}",
    "{{ true and 'x' }} {{ false or 'y' }} {{ 0 or '' }} {{ not 0 }} {{ not not 'a' }}",
    "{{ 'yes' if 1 else 'no' }} {{ 'yes' if 0 else 'no' }} [{{ 'only' if false }}]",
    "{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 2 ** 3 ** 2 }} {{ -2 ** 2 }}",
    "{{ 'a' + 'b' | upper }} {{ not 1 == 2 }}",
    "{{ 1 + 'a' }}",
    "{{ 1 / 0 }}",
    "{{ 'a' < 1 }}",
    # variables, attributes, indexes, slices
    "{{ messages[0]['role'] }} {{ messages[0].content }} {{ messages[-1].role }}",
    "{{ messages[1:] | length }} {{ messages[:1][0].role }} {{ messages[::-1][0].role }} {{ messages[5:] }}",
    "{{ 'hello'[1:3] }} {{ 'hello'[::-1] }} {{ 'hello'[-2:] }} {{ 'hello'[0] }} {{ 'hello'[::2] }}",
    "{{ [1,2,3,4,5][1:4:2] }} {{ [1,2,3][-5:10] }} {{ [1,2,3][::-2] }}",
    "[{{ undefined_var }}] {{ undefined_var is defined }} {{ messages[9] is defined }} {{ messages[0].nope is defined }}",
    "{{ bos_token }}|{{ eos_token }}|{{ add_generation_prompt }}|{{ tools }}|{{ tools is none }}",
    # control flow
    "{% for m in messages %}{{ loop.index }}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.revindex }}/{% endfor %}",
    "{% for m in [] %}x{% else %}empty{% endfor %}",
    "{% for m in messages if m.role != 'system' %}{{ loop.index }}:{{ m.role }} {% endfor %}",
    "{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %}",
    "{% for k in {'a': 1, 'b': 2} %}{{ k }}{% endfor %}",
    "{% for c in 'abc' %}{{ c }}-{% endfor %}",
    "{% for i in range(5) %}{% if i == 1 %}{% continue %}{% endif %}{% if i == 3 %}{% break %}{% endif %}{{ i }}{% endfor %}",
    "{% for i in range(2) %}{% for j in range(2) %}{{ loop.index }}{% endfor %}{{ loop.index }}|{% endfor %}",
    "{% for x in [1,2,3] %}{{ loop.previtem }}-{{ loop.nextitem }} {% endfor %}",
    "{% for x in [1,2,3] %}{{ loop.cycle('odd', 'even') }} {% endfor %}",
    "{{ range(3) | list }} {{ range(1, 7, 2) | list }} {{ range(3, 0, -1) | list }} {{ range(0) | list }}",
    "{% if false %}a{% elif 0 %}b{% elif 'x' %}c{% else %}d{% endif %}",
    "{% set x = 1 %}{% for i in range(3) %}{% set x = x + i %}{{ x }}{% endfor %}|{{ x }}",
    "{% set ns = namespace(total=0) %}{% for i in range(4) %}{% set ns.total = ns.total + i %}{% endfor %}{{ ns.total }}",
    "{% set ns = namespace() %}{% set ns.a = 'v' %}{{ ns.a }}",
    "{% if true %}{% set y = 'set in if' %}{% endif %}{{ y }}",
    "{% set a, b = 1, 2 %}{{ a }}{{ b }}",
    "{% set t = (1, 2) %}{{ t[1] }}",
    "{% set block %}inner {{ 1 + 1 }}{% endset %}[{{ block }}]",
    "{% macro greet(name, greeting='Hello') %}{{ greeting }}, {{ name }}!{% endmacro %}{{ greet('Ann') }} {{ greet('Bob', greeting='Hi') }}",
    "{% macro r(n) %}{% if n > 0 %}{{ n }}{{ r(n - 1) }}{% endif %}{% endmacro %}{{ r(4) }}",
    "{% set v = 'outer' %}{% macro m() %}{{ v }}{% endmacro %}{{ m() }}",
    "{{ raise_exception('custom failure') }}",
    "{% if messages[0].role == 'system' %}{{ raise_exception('no system: ' ~ messages[0].content) }}{% endif %}",
    # tests
    "{{ 'a' is string }} {{ 1 is string }} {{ 1 is number }} {{ 1.5 is float }} {{ 1 is integer }} {{ none is none }} {{ {} is mapping }} {{ [] is iterable }} {{ 'x' is iterable }}",
    "{{ 4 is divisibleby 2 }} {{ 3 is divisibleby(2) }} {{ 3 is odd }} {{ 4 is even }} {{ 1 is sameas true }} {{ true is sameas true }}",
    "{{ 'a' is equalto 'a' }} {{ 5 is gt 3 }} {{ 'abc' is lower }} {{ 'ABC' is upper }} {{ true is boolean }} {{ false is false }}",
    "{{ x is not defined }} {{ none is not none }} {{ not x is defined }} {{ 2 is in [1, 2] }}",
    # filters
    "[{{ '  pad  ' | trim }}] [{{ 'xxhixx' | trim('x') }}] {{ 'aBc' | upper }} {{ 'aBc' | lower }} {{ 'hello world' | capitalize }} {{ 'hello wORLD x-y' | title }}",
    "{{ 'abc' | length }} {{ messages | length }} {{ {'a': 1} | length }} {{ [1,2] | count }}",
    "{{ x | default('dflt') }} {{ '' | default('dflt') }} {{ '' | default('dflt', true) }} {{ none | default('d') }} {{ x | d('short') }}",
    "{{ ['a', 'b'] | join(', ') }} {{ [1, 2] | join }} {{ messages | join('|', attribute='role') }}",
    "{{ 'aaa' | replace('a', 'b') }} {{ 'aaa' | replace('a', 'b', 2) }}",
    "{{ [3, 1, 2] | first }} {{ [3, 1, 2] | last }} {{ 'xyz' | first }} {{ [] | first is defined }}",
    "{{ 42 | string }} {{ '42' | int + 1 }} {{ '4.7' | int }} {{ 'x' | int }} {{ 'x' | int(5) }} {{ 3.9 | int }} {{ '2.5' | float }}",
    "{{ {'a': 1, 'b': [1, 2.5, none, true], 'c': 'é\"\\n'} | tojson }}",
    "{{ {'a': 1, 'b': {'c': [1, 2]}} | tojson(indent=2) }}",
    "{{ {'b': 1, 'a': 2} | tojson(sort_keys=true) }} {{ [1, 2] | tojson(separators=(',', ':')) }} {{ [] | tojson(indent=2) }} {{ {} | tojson }}",
    "{{ 'a<b' | tojson }} {{ 'x' | safe }} {{ '<&>' | e }}",
    "{{ messages | selectattr('role', 'equalto', 'user') | list | length }} {{ messages | rejectattr('role', 'equalto', 'user') | map(attribute='role') | join(',') }}",
    "{{ [0, 1, '', 'a'] | select | list }} {{ [1, 2, 3, 4] | select('odd') | list }} {{ [1, 2, 3] | reject('even') | list }}",
    "{{ ['a', 'b'] | map('upper') | list }} {{ [{'n': 1}, {}] | map(attribute='n', default=0) | list }}",
    "{% for k, v in {'x': 1, 'y': 2} | items %}{{ k }}{{ v }}{% endfor %} {{ {'b': 1, 'a': 2} | dictsort }}",
    "{{ [3, 1, 2] | sort }} {{ [3, 1, 2] | sort(reverse=true) }} {{ [1, 2, 2, 3, 1] | unique | list }} {{ [1, 2] | reverse | list }} {{ 'abc' | reverse }}",
    "{{ [1, 2, 3] | sum }} {{ [1, 5, 3] | max }} {{ [4, 2, 8] | min }} {{ -3 | abs }} {{ 2.567 | round(2) }} {{ 2.5 | round }} {{ 7 | round(0, 'floor') }}",
    "{{ 'a\\nb\\n\\nc' | indent(2) }}|{{ 'a\\nb' | indent(2, true) }}",
    "{{ 'one two  three' | wordcount }} {{ 'x' | list }}",
    "{{ 'x' | nosuchfilter }}",
    # methods
    "[{{ '  a b  '.strip() }}] [{{ '  a b  '.lstrip() }}] [{{ '  a b  '.rstrip() }}] [{{ 'xxaxx'.strip('x') }}]",
    "{{ 'Hello'.startswith('He') }} {{ 'Hello'.endswith(('x', 'lo')) }} {{ 'Hello'.upper() }} {{ 'Hello'.lower() }} {{ 'hello world'.title() }} {{ 'hELLO'.capitalize() }}",
    "{{ 'a,b,,c'.split(',') }} {{ '  a  b '.split() }} {{ 'a,b,c'.split(',', 1) }} {{ 'a b c'.split(none, 1) }}",
    "{{ 'aXbXc'.replace('X', '-') }} {{ 'aaa'.replace('a', 'b', 1) }} {{ 'hello'.find('l') }} {{ 'hello'.count('l') }} {{ '-'.join(['a', 'b']) }}",
    "{% set d = {'a': 1, 'b': 2} %}{{ d.get('a') }} {{ d.get('z') }} {{ d.get('z', 'dflt') }} {{ d.keys() | list }} {{ d.values() | list }} {{ d.items() | list }}",
    "{% set l = [1] %}{% set _ = l.append(2) %}{{ l }} {{ l.pop() }} {{ l }}",
    "{{ messages[0].get('role') }} {{ messages[0].get('missing', 'none here') }}",
    "{{ 'abc'.nosuchmethod() }}",
    # syntax errors (Jinja2 refuses to compile them)
    "{% if x %}unclosed",
    "{% for %}{% endfor %}",
    "{{ 1 + }}",
    "{% endif %}",
    "{{ 'unterminated }}",
    "{% if x %}{% endfor %}",
]

result = []
for src in SNIPPETS:
    entry = {"template": src}
    try:
        entry["output"] = env.from_string(src).render(messages=MESSAGES, tools=None, documents=None,
                                                      add_generation_prompt=True, bos_token="<s>", eos_token="</s>")
    except Exception as e:
        entry["error"] = f"{type(e).__name__}: {e}"
    result.append(entry)

(HERE / "snippets.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(len(result), "snippets,", sum("error" in r for r in result), "errors")
