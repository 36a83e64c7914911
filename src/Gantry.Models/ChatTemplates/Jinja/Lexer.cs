using System.Globalization;
using System.Text;

namespace Gantry.Models.ChatTemplates.Jinja;

/// <summary>
/// Splits a template into text and tag tokens, applying whitespace control the way Jinja2 does:
/// <list type="bullet">
/// <item><c>{%-</c>, <c>{{-</c>, <c>{#-</c> strip all whitespace before the tag; <c>-%}</c>, <c>-}}</c>, <c>-#}</c> all after it.</item>
/// <item><c>trim_blocks</c>: the first newline after a block or comment tag is dropped (not after <c>}}</c>).</item>
/// <item><c>lstrip_blocks</c>: spaces and tabs between a line start and a block or comment tag are dropped; <c>{%+</c> opts out.</item>
/// <item>One trailing newline at the end of the template is dropped (<c>keep_trailing_newline=False</c>).</item>
/// </list>
/// Hugging Face's <c>apply_chat_template</c> renders with <c>trim_blocks=True, lstrip_blocks=True</c>, so chat templates are
/// written for that; <see cref="LexerOptions"/> lets tests lex with Jinja's plain defaults too.
/// </summary>
internal sealed class Lexer
{
    private readonly string _src;
    private readonly LexerOptions _options;
    private readonly List<Token> _tokens = [];
    private readonly int[] _lineStarts;
    private int _pos;

    private Lexer(string source, LexerOptions options)
    {
        _src = source.Replace("\r\n", "\n");
        if (!options.KeepTrailingNewline && _src.EndsWith('\n')) _src = _src[..^1];
        _options = options;
        var starts = new List<int> { 0 };
        for (int i = 0; i < _src.Length; i++) if (_src[i] == '\n') starts.Add(i + 1);
        _lineStarts = [.. starts];
    }

    public static List<Token> Tokenize(string source, LexerOptions? options = null)
    {
        var lexer = new Lexer(source, options ?? LexerOptions.HuggingFace);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        var text = new StringBuilder();
        int textStart = 0;
        bool stripNextText = false; // a '-' closed the previous tag
        while (_pos < _src.Length)
        {
            int open = FindTagOpen(_pos);
            string chunk = _src[_pos..(open < 0 ? _src.Length : open)];
            if (stripNextText) { chunk = chunk.TrimStart(); stripNextText = false; }
            if (text.Length == 0) textStart = _pos;
            text.Append(chunk);
            if (open < 0) { _pos = _src.Length; break; }

            char kind = _src[open + 1]; // '{', '%' or '#'
            char modifier = open + 2 < _src.Length ? _src[open + 2] : '\0';
            if (modifier == '-') TrimEndWhitespace(text);
            else if (modifier != '+' && kind != '{' && _options.LstripBlocks) LstripLine(text, open);
            FlushText(text, textStart);

            _pos = open + 2 + (modifier is '-' or '+' ? 1 : 0);
            switch (kind)
            {
                case '#':
                    stripNextText = SkipComment(open);
                    break;
                case '%' when TryRawBlock(open, text, out textStart):
                    break;
                case '%':
                    Add(TokenKind.BlockStart, "{%", open);
                    stripNextText = LexTagBody(open, isBlock: true);
                    break;
                default:
                    Add(TokenKind.VariableStart, "{{", open);
                    stripNextText = LexTagBody(open, isBlock: false);
                    break;
            }
        }
        FlushText(text, textStart);
        Add(TokenKind.EndOfInput, "", _src.Length);
    }

    private int FindTagOpen(int from)
    {
        for (int i = _src.IndexOf('{', from); i >= 0 && i + 1 < _src.Length; i = _src.IndexOf('{', i + 1))
        {
            char c = _src[i + 1];
            if (c is '{' or '%' or '#') return i;
        }
        return -1;
    }

    private static void TrimEndWhitespace(StringBuilder text)
    {
        int n = text.Length;
        while (n > 0 && char.IsWhiteSpace(text[n - 1])) n--;
        text.Length = n;
    }

    /// <summary>lstrip_blocks: drop spaces/tabs before the tag when only they separate it from the line start.</summary>
    private void LstripLine(StringBuilder text, int tagOffset)
    {
        int n = text.Length;
        while (n > 0 && text[n - 1] is ' ' or '\t') n--;
        bool atLineStart = n > 0 ? text[n - 1] == '\n' : IsLineStartInSource(tagOffset - (text.Length - n));
        if (atLineStart) text.Length = n;
    }

    // Text may be empty here because a preceding tag ended right before; then the source decides.
    private bool IsLineStartInSource(int offset) => offset == 0 || _src[offset - 1] == '\n';

    private void FlushText(StringBuilder text, int start)
    {
        if (text.Length > 0) Add(TokenKind.Text, text.ToString(), start);
        text.Clear();
    }

    /// <summary>Skips to <c>#}</c>; returns whether the text after it is to be left-stripped.</summary>
    private bool SkipComment(int open)
    {
        int close = _src.IndexOf("#}", _pos, StringComparison.Ordinal);
        if (close < 0) throw Error("unclosed comment: '{#' has no matching '#}'", open);
        bool minus = close > _pos && _src[close - 1] == '-';
        bool plus = close > _pos && _src[close - 1] == '+';
        _pos = close + 2;
        if (!minus && !plus) TrimBlockNewline();
        return minus;
    }

    private void TrimBlockNewline()
    {
        if (_options.TrimBlocks && _pos < _src.Length && _src[_pos] == '\n') _pos++;
    }

    /// <summary><c>{% raw %}...{% endraw %}</c>: everything between is text.</summary>
    private bool TryRawBlock(int open, StringBuilder text, out int textStart)
    {
        textStart = _pos;
        int p = _pos;
        while (p < _src.Length && char.IsWhiteSpace(_src[p])) p++;
        if (string.CompareOrdinal(_src, p, "raw", 0, 3) != 0) return false;
        p += 3;
        while (p < _src.Length && char.IsWhiteSpace(_src[p])) p++;
        bool minus = p < _src.Length && _src[p] == '-';
        if (minus || (p < _src.Length && _src[p] == '+')) p++;
        if (string.CompareOrdinal(_src, p, "%}", 0, 2) != 0) return false;
        int bodyStart = p + 2;
        int search = bodyStart;
        while (true)
        {
            int endOpen = _src.IndexOf("{%", search, StringComparison.Ordinal);
            if (endOpen < 0) throw Error("'raw' block has no matching 'endraw'", open);
            int q = endOpen + 2;
            bool endMinusBefore = q < _src.Length && _src[q] == '-';
            if (endMinusBefore || (q < _src.Length && _src[q] == '+')) q++;
            while (q < _src.Length && char.IsWhiteSpace(_src[q])) q++;
            if (string.CompareOrdinal(_src, q, "endraw", 0, 6) != 0) { search = endOpen + 2; continue; }
            q += 6;
            while (q < _src.Length && char.IsWhiteSpace(_src[q])) q++;
            bool endMinusAfter = q < _src.Length && _src[q] == '-';
            if (endMinusAfter || (q < _src.Length && _src[q] == '+')) q++;
            if (string.CompareOrdinal(_src, q, "%}", 0, 2) != 0) throw Error("malformed 'endraw' tag", endOpen);
            string body = _src[bodyStart..endOpen];
            if (minus) body = body.TrimStart();
            else if (_options.TrimBlocks && body.StartsWith('\n')) body = body[1..];
            if (endMinusBefore) body = body.TrimEnd();
            text.Append(body);
            FlushText(text, bodyStart);
            _pos = q + 2;
            if (endMinusAfter) { int s = _pos; while (s < _src.Length && char.IsWhiteSpace(_src[s])) s++; _pos = s; }
            else TrimBlockNewline();
            textStart = _pos;
            return true;
        }
    }

    /// <summary>Lexes expression tokens up to the closing <c>%}</c> or <c>}}</c>; returns whether it carried a '-'.</summary>
    private bool LexTagBody(int open, bool isBlock)
    {
        int depth = 0; // brackets opened inside the tag: a '}}' inside a dict literal does not close it
        while (true)
        {
            while (_pos < _src.Length && char.IsWhiteSpace(_src[_pos])) _pos++;
            if (_pos >= _src.Length)
                throw Error(isBlock ? "unclosed tag: '{%' has no matching '%}'" : "unclosed expression: '{{' has no matching '}}'", open);

            string close = isBlock ? "%}" : "}}";
            char c = _src[_pos];
            if (depth == 0 && (c is '-' or '+') && Match(_pos + 1, close))
            {
                Add(isBlock ? TokenKind.BlockEnd : TokenKind.VariableEnd, close, _pos);
                _pos += 3;
                if (c == '+' || !isBlock) return c == '-';
                return true;
            }
            if (depth == 0 && Match(_pos, close))
            {
                Add(isBlock ? TokenKind.BlockEnd : TokenKind.VariableEnd, close, _pos);
                _pos += 2;
                if (isBlock) TrimBlockNewline();
                return false;
            }
            if (!isBlock && Match(_pos, "%}")) throw Error("'{{' closed by '%}'", _pos);
            if (isBlock && depth == 0 && Match(_pos, "}}")) throw Error("'{%' closed by '}}'", _pos);

            if (c == '"' || c == '\'') LexString(c);
            else if (char.IsAsciiDigit(c)) LexNumber();
            else if (char.IsLetter(c) || c == '_') LexName();
            else LexOperator(ref depth);
        }
    }

    private bool Match(int at, string s) => string.CompareOrdinal(_src, at, s, 0, s.Length) == 0 && at + s.Length <= _src.Length;

    private static readonly string[] Operators =
        ["//", "**", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|"];

    private void LexOperator(ref int depth)
    {
        foreach (var op in Operators)
        {
            if (!Match(_pos, op)) continue;
            if (op is "(" or "[" or "{") depth++;
            else if (op is ")" or "]" or "}") depth = Math.Max(0, depth - 1);
            Add(TokenKind.Operator, op, _pos);
            _pos += op.Length;
            return;
        }
        throw Error($"unexpected character '{_src[_pos]}'", _pos);
    }

    private void LexName()
    {
        int start = _pos;
        while (_pos < _src.Length && (char.IsLetterOrDigit(_src[_pos]) || _src[_pos] == '_')) _pos++;
        Add(TokenKind.Name, _src[start.._pos], start);
    }

    private void LexNumber()
    {
        int start = _pos;
        while (_pos < _src.Length && (char.IsAsciiDigit(_src[_pos]) || _src[_pos] == '_')) _pos++;
        bool isFloat = false;
        if (_pos + 1 < _src.Length && _src[_pos] == '.' && char.IsAsciiDigit(_src[_pos + 1]))
        {
            isFloat = true;
            _pos++;
            while (_pos < _src.Length && (char.IsAsciiDigit(_src[_pos]) || _src[_pos] == '_')) _pos++;
        }
        if (_pos < _src.Length && _src[_pos] is 'e' or 'E')
        {
            int p = _pos + 1;
            if (p < _src.Length && _src[p] is '+' or '-') p++;
            if (p < _src.Length && char.IsAsciiDigit(_src[p]))
            {
                isFloat = true;
                _pos = p;
                while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos])) _pos++;
            }
        }
        string text = _src[start.._pos];
        string digits = text.Replace("_", "");
        if (isFloat)
        {
            Add(TokenKind.Float, text, start, double.Parse(digits, CultureInfo.InvariantCulture));
        }
        else
        {
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long n))
                throw Error($"integer literal '{text}' is too large", start);
            Add(TokenKind.Integer, text, start, n);
        }
    }

    /// <summary>Python string literal escapes, as Jinja's <c>unicode-escape</c> decoding reads them.</summary>
    private void LexString(char quote)
    {
        int start = _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _src.Length) throw Error("unterminated string literal", start);
            char c = _src[_pos++];
            if (c == quote) break;
            if (c != '\\' || _pos >= _src.Length) { sb.Append(c); continue; }
            char e = _src[_pos++];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case '\\': sb.Append('\\'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case '\n': break; // line continuation
                case 'x': sb.Append(HexEscape(2, start)); break;
                case 'u': sb.Append(HexEscape(4, start)); break;
                case 'U': sb.Append(HexEscape(8, start)); break;
                case >= '0' and <= '7':
                    int v = e - '0';
                    for (int k = 0; k < 2 && _pos < _src.Length && _src[_pos] is >= '0' and <= '7'; k++) v = v * 8 + (_src[_pos++] - '0');
                    sb.Append((char)v);
                    break;
                default: sb.Append('\\').Append(e); break; // Python keeps unknown escapes verbatim
            }
        }
        Add(TokenKind.String, _src[start.._pos], start, sb.ToString());
    }

    private string HexEscape(int digits, int stringStart)
    {
        if (_pos + digits > _src.Length || !int.TryParse(_src.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int cp)
            || cp > 0x10FFFF)
            throw Error("malformed escape sequence in string literal", stringStart);
        _pos += digits;
        return char.ConvertFromUtf32(cp is >= 0xD800 and <= 0xDFFF ? 0xFFFD : cp);
    }

    private void Add(TokenKind kind, string text, int offset, object? value = null)
    {
        var (line, column) = Position(offset);
        _tokens.Add(new Token(kind, text, line, column, value));
    }

    private (int Line, int Column) Position(int offset)
    {
        int i = Array.BinarySearch(_lineStarts, offset);
        if (i < 0) i = ~i - 1;
        return (i + 1, offset - _lineStarts[i] + 1);
    }

    private ChatTemplateException Error(string message, int offset)
    {
        var (line, column) = Position(Math.Min(offset, _src.Length));
        return new ChatTemplateException(message, line, column);
    }
}

/// <summary>Jinja environment switches that change lexing.</summary>
internal sealed record LexerOptions(bool TrimBlocks, bool LstripBlocks, bool KeepTrailingNewline)
{
    /// <summary>What transformers' <c>apply_chat_template</c> uses, and so what chat templates expect.</summary>
    public static readonly LexerOptions HuggingFace = new(TrimBlocks: true, LstripBlocks: true, KeepTrailingNewline: false);

    /// <summary>Jinja2's own defaults.</summary>
    public static readonly LexerOptions JinjaDefaults = new(TrimBlocks: false, LstripBlocks: false, KeepTrailingNewline: false);
}
