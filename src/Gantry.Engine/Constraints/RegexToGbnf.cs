using System.Globalization;
using System.Text;

namespace Gantry.Engine.Constraints;

/// <summary>
/// Translates a regular expression into a GBNF expression matching the same strings: literals, <c>.</c>, classes
/// (<c>[a-z]</c>, <c>[^...]</c>, <c>\d \w \s</c> and negations), groups (capturing, non-capturing, named),
/// alternation and quantifiers (<c>* + ? {n} {n,} {n,m}</c>, lazy forms alike). Features no grammar can express
/// (backreferences, lookaround, word boundaries, inline flags, possessive quantifiers) are refused by name.
/// </summary>
/// <remarks>
/// In JSON-string mode the expression matches the pattern's strings as they appear inside a JSON string: quotes,
/// backslashes and control characters are written in their escaped forms.
/// </remarks>
internal sealed class RegexToGbnf
{
    private readonly string _pattern;
    private readonly bool _json;
    private int _pos;

    private RegexToGbnf(string pattern, bool json)
    {
        _pattern = pattern;
        _json = json;
    }

    /// <summary>The GBNF expression for <paramref name="pattern"/>, and whether it was anchored with ^ and $.</summary>
    public static string Convert(string pattern, bool jsonString, out bool anchoredStart, out bool anchoredEnd)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var parser = new RegexToGbnf(pattern, jsonString);
        anchoredStart = pattern.StartsWith('^');
        if (anchoredStart) parser._pos = 1;
        var expression = parser.ParseAlternation(topLevel: true);
        anchoredEnd = parser._pos < pattern.Length && pattern[parser._pos] == '$';
        if (anchoredEnd) parser._pos++;
        if (parser._pos < pattern.Length)
            throw parser.Error(pattern[parser._pos] == ')' ? "unbalanced ')'" : $"'{pattern[parser._pos]}' is only supported at the end", parser._pos);
        return expression;
    }

    private string ParseAlternation(bool topLevel)
    {
        var alternatives = new List<string> { ParseSequence(topLevel) };
        while (Peek() == '|')
        {
            _pos++;
            alternatives.Add(ParseSequence(topLevel));
        }
        return alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(" | ", alternatives) + ")";
    }

    private string ParseSequence(bool topLevel)
    {
        var items = new List<string>();
        while (_pos < _pattern.Length)
        {
            var c = _pattern[_pos];
            if (c is '|' or ')') break;
            if (c == '$' && topLevel && _pos == _pattern.Length - 1) break;
            var atom = ParseAtom();
            items.Add(ParseQuantifier(atom));
        }
        return items.Count == 0 ? "\"\"" : string.Join(" ", items);
    }

    private string ParseAtom()
    {
        var at = _pos;
        var c = _pattern[_pos++];
        switch (c)
        {
            case '(':
                if (Peek() == '?')
                {
                    _pos++;
                    var kind = Peek();
                    if (kind == ':') _pos++;
                    else if (kind == 'P' && At(_pos + 1) == '<' || kind == '<' && At(_pos + 1) is not ('=' or '!') || kind == '\'')
                    {
                        var close = kind == '\'' ? '\'' : '>';
                        var end = _pattern.IndexOf(close, _pos + 1);
                        if (end < 0) throw Error("unterminated group name", at);
                        _pos = end + 1;
                    }
                    else
                        throw Error(kind is '=' or '!' or '<' ? "lookaround is not supported" : "inline options and special groups are not supported", at);
                }
                var inner = ParseAlternation(topLevel: false);
                if (Peek() != ')') throw Error("missing ')'", at);
                _pos++;
                return "(" + inner + ")";
            case '[':
                return Set(ParseClass(at));
            case '.':
                return Set(CodePointSet.Single('\n').Complement());
            case '\\':
                return ParseEscape(at, inClass: false) is var (set, literal) && set is not null ? Set(set) : Literal(literal);
            case '^':
                throw Error("'^' is only supported at the start", at);
            case '$':
                throw Error("'$' is only supported at the end", at);
            case '*' or '+' or '?':
                throw Error($"'{c}' has nothing to repeat", at);
            default:
                _pos--;
                var rune = Rune.GetRuneAt(_pattern, _pos);
                _pos += rune.Utf16SequenceLength;
                return Literal(rune.Value);
        }
    }

    private string ParseQuantifier(string atom)
    {
        while (_pos < _pattern.Length)
        {
            var at = _pos;
            string suffix;
            switch (_pattern[_pos])
            {
                case '*': suffix = "*"; _pos++; break;
                case '+': suffix = "+"; _pos++; break;
                case '?': suffix = "?"; _pos++; break;
                case '{':
                    var close = _pattern.IndexOf('}', _pos);
                    var body = close < 0 ? null : _pattern[(_pos + 1)..close];
                    if (body is null || !IsCount(body)) return atom; // a literal '{', as most engines read it
                    var parts = body.Split(',');
                    var min = parts[0].Length == 0 ? 0 : int.Parse(parts[0], CultureInfo.InvariantCulture);
                    if (parts.Length == 2 && parts[1].Length > 0 && int.Parse(parts[1], CultureInfo.InvariantCulture) < min)
                        throw Error("quantifier maximum is below its minimum", at);
                    suffix = "{" + body + "}";
                    _pos = close + 1;
                    break;
                default:
                    return atom;
            }
            if (Peek() == '?') _pos++; // lazy: same strings
            else if (Peek() == '+') throw Error("possessive quantifiers are not supported", _pos);
            atom = "(" + atom + ")" + suffix;
        }
        return atom;
    }

    private static bool IsCount(string body)
    {
        var parts = body.Split(',');
        return parts.Length is 1 or 2 && parts[0].All(char.IsAsciiDigit) && (parts.Length == 1 ? parts[0].Length > 0 : parts[1].All(char.IsAsciiDigit))
            && parts.All(p => p.Length <= 6);
    }

    private CodePointSet ParseClass(int at)
    {
        var negated = Peek() == '^';
        if (negated) _pos++;
        var set = CodePointSet.Empty;
        var first = true;
        while (true)
        {
            if (_pos >= _pattern.Length) throw Error("missing ']'", at);
            var c = _pattern[_pos];
            if (c == ']' && !first) break;
            first = false;
            if (c == '[' && At(_pos + 1) == ':') throw Error("POSIX classes ([:alpha:]) are not supported", _pos);
            var (lo, loSet) = ClassMember();
            if (loSet is not null)
            {
                set = set.Union(loSet);
                continue;
            }
            if (Peek() == '-' && At(_pos + 1) is not (']' or '\0'))
            {
                _pos++;
                var rangeAt = _pos;
                var (hi, hiSet) = ClassMember();
                if (hiSet is not null) throw Error("a range cannot end in a class escape", rangeAt);
                if (hi < lo) throw Error("class range is out of order", rangeAt);
                set = set.Union(CodePointSet.FromRanges([(lo, hi)]));
            }
            else
                set = set.Union(CodePointSet.Single(lo));
        }
        _pos++;
        if (negated) set = set.Complement();
        if (set.IsEmpty) throw Error("character class matches nothing", at);
        return set;
    }

    private (int CodePoint, CodePointSet? Set) ClassMember()
    {
        var at = _pos;
        if (_pattern[_pos] == '\\')
        {
            _pos++;
            var (set, literal) = ParseEscape(at, inClass: true);
            return (literal, set);
        }
        var rune = Rune.GetRuneAt(_pattern, _pos);
        _pos += rune.Utf16SequenceLength;
        return (rune.Value, null);
    }

    /// <summary>After a backslash: a class escape (\d) or a literal code point.</summary>
    private (CodePointSet? Set, int Literal) ParseEscape(int at, bool inClass)
    {
        if (_pos >= _pattern.Length) throw Error("pattern ends with a backslash", at);
        var e = _pattern[_pos++];
        switch (e)
        {
            case 'd': return (Digits, 0);
            case 'D': return (Digits.Complement(), 0);
            case 'w': return (Word, 0);
            case 'W': return (Word.Complement(), 0);
            case 's': return (Space, 0);
            case 'S': return (Space.Complement(), 0);
            case 'n': return (null, '\n');
            case 't': return (null, '\t');
            case 'r': return (null, '\r');
            case 'f': return (null, '\f');
            case 'v': return (null, '\v');
            case '0': return (null, 0);
            case 'b' when inClass: return (null, '\b');
            case 'x': return (null, Hex(2, at));
            case 'u':
                if (Peek() == '{')
                {
                    var close = _pattern.IndexOf('}', _pos);
                    if (close < 0) throw Error("unterminated \\u{...}", at);
                    _pos++;
                    return (null, Hex(close - _pos, at, skipClose: true));
                }
                return (null, Hex(4, at));
            case >= '1' and <= '9' or 'k':
                throw Error("backreferences are not supported", at);
            case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                throw Error($"the assertion '\\{e}' is not supported", at);
            case 'p' or 'P':
                throw Error("Unicode property classes (\\p{...}) are not supported", at);
            default:
                if (char.IsAsciiLetterOrDigit(e)) throw Error($"unknown escape '\\{e}'", at);
                return (null, e);
        }
    }

    private int Hex(int digits, int at, bool skipClose = false)
    {
        if (digits <= 0 || _pos + digits > _pattern.Length || !int.TryParse(_pattern.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
            || v > CodePointSet.MaxCodePoint || v is >= 0xD800 and <= 0xDFFF)
            throw Error("invalid hex escape", at);
        _pos += digits + (skipClose ? 1 : 0);
        return v;
    }

    private static readonly CodePointSet Digits = CodePointSet.FromRanges([('0', '9')]);
    private static readonly CodePointSet Word = CodePointSet.FromRanges([('0', '9'), ('A', 'Z'), ('a', 'z'), ('_', '_')]);
    private static readonly CodePointSet Space = CodePointSet.FromRanges([(' ', ' '), ('\t', '\r')]);

    /// <summary>Code points that a JSON string must escape.</summary>
    internal static readonly CodePointSet JsonEscaped = CodePointSet.FromRanges([(0, 0x1F), ('"', '"'), ('\\', '\\')]);

    private string Literal(int cp) => _json && JsonEscaped.Contains(cp) ? GbnfText.Literal(JsonEscape(cp)) : GbnfText.Literal(char.ConvertFromUtf32(cp));

    private string Set(CodePointSet set)
    {
        if (!_json) return GbnfText.Class(set);
        var plain = set.Except(JsonEscaped);
        var alternatives = new List<string>();
        if (!plain.IsEmpty) alternatives.Add(GbnfText.Class(plain));
        foreach (var (lo, hi) in set.Except(plain).Ranges)
            for (var cp = lo; cp <= hi; cp++) alternatives.Add(GbnfText.Literal(JsonEscape(cp)));
        return alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(" | ", alternatives) + ")";
    }

    internal static string JsonEscape(int cp) => cp switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\n' => "\\n",
        '\t' => "\\t",
        '\r' => "\\r",
        _ => $"\\u{cp:x4}",
    };

    private char Peek() => _pos < _pattern.Length ? _pattern[_pos] : '\0';

    private char At(int i) => i < _pattern.Length ? _pattern[i] : '\0';

    private RegexSyntaxException Error(string problem, int at) => new(problem, _pattern, at);
}
