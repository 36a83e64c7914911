using System.Runtime.CompilerServices;

namespace Gantry.Models.ChatTemplates.Jinja;

/// <summary>
/// Recursive-descent parser from tokens to the statement list of <see cref="Ast"/> nodes. Expression precedence follows
/// Jinja2's parser, lowest first: conditional (<c>x if c else y</c>), <c>or</c>, <c>and</c>, <c>not</c>, comparisons and
/// <c>in</c>, <c>+ -</c>, <c>~</c>, <c>* / // %</c>, <c>**</c>, unary <c>- +</c>, then a primary with its postfixes
/// (<c>.attr</c>, <c>[index]</c>, <c>(call)</c>) and filters/tests, so <c>'a' + b | trim</c> trims only <c>b</c> and
/// <c>not x is defined</c> negates the test. Nesting is bounded so a hostile template cannot overflow the stack.
/// </summary>
internal sealed partial class Parser
{
    private const int MaxNesting = 200;

    private readonly List<Token> _tokens;
    private int _pos;
    private int _depth;

    private Parser(List<Token> tokens) => _tokens = tokens;

    public static IReadOnlyList<Stmt> Parse(string source, LexerOptions? options = null)
    {
        var parser = new Parser(Lexer.Tokenize(source, options));
        var body = parser.ParseBody(out var end);
        if (end is not null) throw Error($"unexpected '{end.Value.Text}' tag with no open block to close", end.Value);
        return body;
    }

    private Token Peek(int ahead = 0) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private Token Next() => _tokens[Math.Min(_pos++, _tokens.Count - 1)];

    private static ChatTemplateException Error(string message, Token at) => new(message, at.Line, at.Column);

    private Token Expect(TokenKind kind, string? text = null)
    {
        var t = Peek();
        if (t.Kind != kind || (text is not null && t.Text != text))
            throw Error($"expected {(text is null ? kind.ToString().ToLowerInvariant() : $"'{text}'")} but found {t}", t);
        return Next();
    }

    private void Enter()
    {
        if (++_depth > MaxNesting || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw Error($"template nested deeper than {MaxNesting} levels", Peek());
    }

    // ---- statements ----

    /// <summary>
    /// Parses statements until end of input or a block tag this level cannot handle (endif, else, ...); then
    /// <paramref name="endTag"/> is that tag's name token, with the parser positioned just after it.
    /// </summary>
    private List<Stmt> ParseBody(out Token? endTag)
    {
        Enter();
        var body = new List<Stmt>();
        endTag = null;
        while (true)
        {
            var t = Peek();
            switch (t.Kind)
            {
                case TokenKind.EndOfInput:
                    _depth--;
                    return body;
                case TokenKind.Text:
                    Next();
                    body.Add(new TextStmt(t.Text, t.Line, t.Column));
                    break;
                case TokenKind.VariableStart:
                    Next();
                    var value = ParseExpression();
                    Expect(TokenKind.VariableEnd);
                    body.Add(new OutputStmt(value, t.Line, t.Column));
                    break;
                case TokenKind.BlockStart:
                    Next();
                    var name = Expect(TokenKind.Name);
                    var stmt = ParseStatement(name);
                    if (stmt is null)
                    {
                        endTag = name;
                        _depth--;
                        return body;
                    }
                    body.Add(stmt);
                    break;
                default:
                    throw Error($"unexpected {t}", t);
            }
        }
    }

    private static readonly HashSet<string> EndTags =
        ["endif", "elif", "else", "endfor", "endset", "endmacro", "endgeneration", "endfilter", "endcall"];

    private Stmt? ParseStatement(Token name)
    {
        switch (name.Text)
        {
            case "if": return ParseIf(name);
            case "for": return ParseFor(name);
            case "set": return ParseSet(name);
            case "macro": return ParseMacro(name);
            case "break":
            case "continue":
                Expect(TokenKind.BlockEnd);
                return new LoopControlStmt(name.Text == "break", name.Line, name.Column);
            case "filter":
                return ParseFilterBlock(name);
            case "generation":
                Expect(TokenKind.BlockEnd);
                var inner = ParseBody(out var end);
                RequireEnd(name, end, "endgeneration");
                return new BlockStmt(inner, name.Line, name.Column);
            default:
                if (EndTags.Contains(name.Text)) return null;
                throw Error($"unknown or unsupported tag '{name.Text}'", name);
        }
    }

    private void RequireEnd(Token open, Token? end, params string[] allowed)
    {
        if (end is null) throw Error($"'{open.Text}' block is never closed (expected '{allowed[0]}')", open);
        if (!allowed.Contains(end.Value.Text))
            throw Error($"expected '{string.Join("' or '", allowed)}' to close '{open.Text}' (line {open.Line}) but found '{end.Value.Text}'", end.Value);
        if (end.Value.Text.StartsWith("end", StringComparison.Ordinal))
        {
            // "{% endif %}": nothing but the closing tag; "{% endmacro name %}" may repeat the name.
            if (Peek().Kind == TokenKind.Name && end.Value.Text == "endmacro") Next();
            Expect(TokenKind.BlockEnd);
        }
    }

    private IfStmt ParseIf(Token open)
    {
        var branches = new List<(Expr, IReadOnlyList<Stmt>)>();
        List<Stmt>? elseBody = null;
        var test = ParseExpression();
        Expect(TokenKind.BlockEnd);
        while (true)
        {
            var body = ParseBody(out var end);
            branches.Add((test, body));
            RequireEnd(open, end, "endif", "elif", "else");
            if (end!.Value.Text == "elif")
            {
                test = ParseExpression();
                Expect(TokenKind.BlockEnd);
                continue;
            }
            if (end.Value.Text == "else")
            {
                Expect(TokenKind.BlockEnd);
                elseBody = ParseBody(out var end2);
                RequireEnd(open, end2, "endif");
            }
            return new IfStmt(branches, elseBody, open.Line, open.Column);
        }
    }

    private ForStmt ParseFor(Token open)
    {
        var targets = new List<string> { Expect(TokenKind.Name).Text };
        while (Peek().IsOperator(","))
        {
            Next();
            targets.Add(Expect(TokenKind.Name).Text);
        }
        var inToken = Expect(TokenKind.Name, "in");
        _ = inToken;
        // The iterable stops before a loop filter "if": parse below the conditional expression.
        var iterable = ParseOr();
        Expr? filter = null;
        if (Peek().IsName("if"))
        {
            Next();
            filter = ParseExpression();
        }
        if (Peek().IsName("recursive")) throw Error("recursive for loops are not supported", Peek());
        Expect(TokenKind.BlockEnd);
        var body = ParseBody(out var end);
        List<Stmt>? elseBody = null;
        RequireEnd(open, end, "endfor", "else");
        if (end!.Value.Text == "else")
        {
            Expect(TokenKind.BlockEnd);
            elseBody = ParseBody(out var end2);
            RequireEnd(open, end2, "endfor");
        }
        return new ForStmt(targets, iterable, filter, body, elseBody, open.Line, open.Column);
    }

    private Stmt ParseSet(Token open)
    {
        var first = Expect(TokenKind.Name);
        Expr target = new NameExpr(first.Text, first.Line, first.Column);
        if (Peek().IsOperator("."))
        {
            Next();
            var attr = Expect(TokenKind.Name);
            target = new AttributeExpr(target, attr.Text, attr.Line, attr.Column);
        }
        else if (Peek().IsOperator(","))
        {
            var names = new List<Expr> { target };
            while (Peek().IsOperator(","))
            {
                Next();
                var n = Expect(TokenKind.Name);
                names.Add(new NameExpr(n.Text, n.Line, n.Column));
            }
            target = new ListExpr(names, first.Line, first.Column, IsTuple: true);
        }
        if (Peek().Kind == TokenKind.BlockEnd && target is NameExpr blockName)
        {
            Next();
            var body = ParseBody(out var end);
            RequireEnd(open, end, "endset");
            return new SetBlockStmt(blockName.Name, body, open.Line, open.Column);
        }
        Expect(TokenKind.Operator, "=");
        var value = ParseTupleOrExpression();
        Expect(TokenKind.BlockEnd);
        return new SetStmt(target, value, open.Line, open.Column);
    }

    private FilterBlockStmt ParseFilterBlock(Token open)
    {
        var chain = ParseFiltersAndTests(new NameExpr(FilterBlockStmt.BodyVariable, open.Line, open.Column), requireFilter: true);
        Expect(TokenKind.BlockEnd);
        var body = ParseBody(out var end);
        RequireEnd(open, end, "endfilter");
        return new FilterBlockStmt(chain, body, open.Line, open.Column);
    }

    private MacroStmt ParseMacro(Token open)
    {
        var name = Expect(TokenKind.Name).Text;
        Expect(TokenKind.Operator, "(");
        var parameters = new List<(string, Expr?)>();
        while (!Peek().IsOperator(")"))
        {
            if (parameters.Count > 0) Expect(TokenKind.Operator, ",");
            if (Peek().IsOperator(")")) break;
            var p = Expect(TokenKind.Name).Text;
            Expr? def = null;
            if (Peek().IsOperator("="))
            {
                Next();
                def = ParseExpression();
            }
            parameters.Add((p, def));
        }
        Next();
        Expect(TokenKind.BlockEnd);
        var body = ParseBody(out var end);
        RequireEnd(open, end, "endmacro");
        return new MacroStmt(name, parameters, body, open.Line, open.Column);
    }
}
