using System.Globalization;
using System.Text;

namespace Gantry.Engine.Constraints;

/// <summary>
/// Parses llama.cpp's GBNF grammar format into rule definitions:
/// <c>name ::= alt | alt</c>, string literals with <c>\n \t \xHH \uHHHH \UHHHHHHHH</c> escapes, character classes
/// <c>[a-z] [^"\\]</c>, <c>.</c>, groups, and the repetitions <c>* + ? {m} {m,} {m,n}</c>; <c>#</c> starts a comment.
/// As in llama.cpp, a rule ends at a newline unless inside parentheses or right after <c>::=</c> or <c>|</c>;
/// a following line that starts with <c>|</c> also continues it. Errors carry 1-based line and column.
/// </summary>
internal sealed class GbnfParser
{
    private readonly string _text;
    private int _pos;

    private GbnfParser(string text) => _text = text;

    public static List<RuleDefinition> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new GbnfParser(text).ParseRules();
    }

    private List<RuleDefinition> ParseRules()
    {
        var rules = new List<RuleDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        SkipSpace(newlines: true);
        while (_pos < _text.Length)
        {
            var start = _pos;
            var name = ParseName();
            if (!seen.Add(name)) throw Error($"rule '{name}' is defined twice", start);
            SkipSpace(newlines: false);
            if (!Follows("::=")) throw Error("expected '::=' after the rule name", _pos);
            _pos += 3;
            SkipSpace(newlines: true);
            var body = ParseAlternates(nested: false);
            var (line, column) = Location(start);
            rules.Add(new RuleDefinition(name, body, line, column));
            SkipSpace(newlines: true);
        }
        if (rules.Count == 0) throw Error("the grammar has no rules", 0);
        return rules;
    }

    private ChoiceNode ParseAlternates(bool nested)
    {
        var alternatives = new List<GrammarNode> { ParseSequence(nested) };
        while (true)
        {
            if (Peek() == '|')
            {
                _pos++;
                SkipSpace(newlines: true);
                alternatives.Add(ParseSequence(nested));
                continue;
            }
            if (!nested && ContinuesOnNextLine())
                continue;
            return new ChoiceNode(alternatives);
        }
    }

    /// <summary>At top level, a newline followed (after blanks and comments) by '|' continues the rule.</summary>
    private bool ContinuesOnNextLine()
    {
        var save = _pos;
        SkipSpace(newlines: true);
        if (Peek() == '|' && _pos > save) return true;
        _pos = save;
        return false;
    }

    private SequenceNode ParseSequence(bool nested)
    {
        var items = new List<GrammarNode>();
        while (true)
        {
            SkipSpace(newlines: nested);
            var c = Peek();
            if (c is '\0' or '|' or ')' or '\n' or '\r') break;
            var itemStart = _pos;
            GrammarNode item;
            if (c == '"')
                item = ParseLiteral();
            else if (c == '[')
                item = ParseClass();
            else if (c == '.')
            {
                _pos++;
                item = new CharClassNode(CodePointSet.All);
            }
            else if (c == '(')
            {
                _pos++;
                SkipSpace(newlines: true);
                item = ParseAlternates(nested: true);
                SkipSpace(newlines: true);
                if (Peek() != ')') throw Error("expected ')'", _pos);
                _pos++;
            }
            else if (IsNameChar(c))
            {
                var (line, column) = Location(_pos);
                var name = ParseName();
                SkipSpace(newlines: false);
                if (Follows("::=")) throw Error($"expected a newline before the definition of '{name}'", itemStart);
                item = new RuleRefNode(name, line, column);
            }
            else
                throw Error($"unexpected character '{c}'", _pos);
            items.Add(ParseRepetition(item));
        }
        return new SequenceNode(items);
    }

    private GrammarNode ParseRepetition(GrammarNode item)
    {
        while (true)
        {
            SkipSpace(newlines: false);
            switch (Peek())
            {
                case '*': _pos++; item = new RepeatNode(item, 0, null); continue;
                case '+': _pos++; item = new RepeatNode(item, 1, null); continue;
                case '?': _pos++; item = new RepeatNode(item, 0, 1); continue;
                case '{':
                    var start = _pos++;
                    SkipSpace(newlines: false);
                    var min = ParseCount() ?? 0;
                    int? max = min;
                    SkipSpace(newlines: false);
                    if (Peek() == ',')
                    {
                        _pos++;
                        SkipSpace(newlines: false);
                        max = ParseCount();
                        SkipSpace(newlines: false);
                    }
                    if (Peek() != '}') throw Error("expected '}' to close the repetition", _pos);
                    _pos++;
                    if (max < min) throw Error($"repetition maximum {max} is below its minimum {min}", start);
                    item = new RepeatNode(item, min, max);
                    continue;
                default:
                    return item;
            }
        }
    }

    private int? ParseCount()
    {
        var start = _pos;
        while (char.IsAsciiDigit(Peek())) _pos++;
        if (_pos == start) return null;
        if (!int.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > GrammarLowering.MaxRepetition)
            throw Error($"repetition count above {GrammarLowering.MaxRepetition}", start);
        return n;
    }

    private LiteralNode ParseLiteral()
    {
        var start = _pos++;
        var text = new StringBuilder();
        while (true)
        {
            var c = Peek();
            if (c == '\0' || c == '\n') throw Error("unterminated string literal", start);
            if (c == '"')
            {
                _pos++;
                break;
            }
            AppendCodePoint(text, ParseChar());
        }
        return new LiteralNode(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private CharClassNode ParseClass()
    {
        var start = _pos++;
        var negated = Peek() == '^';
        if (negated) _pos++;
        var ranges = new List<(int, int)>();
        while (Peek() != ']')
        {
            if (Peek() is '\0' or '\n') throw Error("unterminated character class", start);
            var lo = ParseChar();
            var hi = lo;
            if (Peek() == '-' && _pos + 1 < _text.Length && _text[_pos + 1] != ']')
            {
                _pos++;
                var rangeAt = _pos;
                hi = ParseChar();
                if (hi < lo) throw Error("character range is out of order", rangeAt);
            }
            ranges.Add((lo, hi));
        }
        _pos++;
        var set = CodePointSet.FromRanges(ranges);
        return new CharClassNode(negated ? set.Complement() : set);
    }

    /// <summary>One character of a literal or class, escapes resolved, as a code point.</summary>
    private int ParseChar()
    {
        var at = _pos;
        var c = _text[_pos];
        if (c != '\\')
        {
            if (char.IsHighSurrogate(c) && _pos + 1 < _text.Length && char.IsLowSurrogate(_text[_pos + 1]))
            {
                _pos += 2;
                return char.ConvertToUtf32(c, _text[_pos - 1]);
            }
            _pos++;
            return c;
        }
        _pos++;
        var e = Peek();
        _pos++;
        return e switch
        {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            '\\' or '"' or '[' or ']' or '-' or '^' or '/' or '.' => e,
            'x' => ParseHex(2, at),
            'u' => ParseHex(4, at),
            'U' => ParseHex(8, at),
            _ => throw Error($"unknown escape '\\{e}'", at),
        };
    }

    private int ParseHex(int digits, int at)
    {
        if (_pos + digits > _text.Length || !int.TryParse(_text.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            throw Error($"expected {digits} hex digits in the escape", at);
        if (value > CodePointSet.MaxCodePoint || value is >= 0xD800 and <= 0xDFFF) throw Error("escape is not a Unicode scalar value", at);
        _pos += digits;
        return value;
    }

    private string ParseName()
    {
        var start = _pos;
        while (IsNameChar(Peek())) _pos++;
        if (_pos == start) throw Error(Peek() == '\0' ? "unexpected end of grammar; expected a rule name" : $"expected a rule name, found '{Peek()}'", start);
        return _text[start.._pos];
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    private void SkipSpace(bool newlines)
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' || (newlines && c is '\n' or '\r'))
                _pos++;
            else if (c == '#')
                while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
            else
                break;
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private bool Follows(string s) => string.CompareOrdinal(_text, _pos, s, 0, s.Length) == 0;

    private (int Line, int Column) Location(int offset)
    {
        int line = 1, column = 1;
        for (var i = 0; i < offset && i < _text.Length; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
                column++;
        }
        return (line, column);
    }

    private GrammarSyntaxException Error(string problem, int offset)
    {
        var (line, column) = Location(offset);
        return new GrammarSyntaxException(problem, line, column);
    }

    private static void AppendCodePoint(StringBuilder sb, int cp) => sb.Append(char.ConvertFromUtf32(cp));
}
