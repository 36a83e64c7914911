namespace Gantry.Models.ChatTemplates.Jinja;

internal enum TokenKind
{
    /// <summary>Literal template text, already trimmed by whitespace control.</summary>
    Text,
    /// <summary><c>{{</c></summary>
    VariableStart,
    /// <summary><c>}}</c></summary>
    VariableEnd,
    /// <summary><c>{%</c></summary>
    BlockStart,
    /// <summary><c>%}</c></summary>
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    /// <summary>Punctuation and operators: <c>+ - * / // % ** ~ == != &lt; &lt;= &gt; &gt;= = ( ) [ ] { } , . : |</c>.</summary>
    Operator,
    EndOfInput,
}

/// <summary>One lexed token. <see cref="Value"/> holds the unescaped string, or the number, for literals.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column, object? Value = null)
{
    public bool Is(TokenKind kind, string text) => Kind == kind && Text == text;

    public bool IsName(string name) => Kind == TokenKind.Name && Text == name;

    public bool IsOperator(string op) => Kind == TokenKind.Operator && Text == op;

    public override string ToString() => Kind switch
    {
        TokenKind.EndOfInput => "end of template",
        TokenKind.Text => "template text",
        _ => $"'{Text}'",
    };
}
