namespace Gantry.Models.ChatTemplates.Jinja;

// Expressions, by precedence level, lowest first (see the summary on Parser).
internal sealed partial class Parser
{
    /// <summary>An expression, or an unparenthesised tuple <c>a, b</c> (as in <c>set x = 1, 2</c>).</summary>
    private Expr ParseTupleOrExpression()
    {
        var first = ParseExpression();
        if (!Peek().IsOperator(",")) return first;
        var items = new List<Expr> { first };
        while (Peek().IsOperator(","))
        {
            Next();
            items.Add(ParseExpression());
        }
        return new ListExpr(items, first.Line, first.Column, IsTuple: true);
    }

    public Expr ParseExpression()
    {
        Enter();
        var expr = ParseOr();
        while (Peek().IsName("if"))
        {
            var t = Next();
            var test = ParseOr();
            Expr? otherwise = null;
            if (Peek().IsName("else"))
            {
                Next();
                otherwise = ParseExpression();
            }
            expr = new ConditionalExpr(test, expr, otherwise, t.Line, t.Column);
        }
        _depth--;
        return expr;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Peek().IsName("or"))
        {
            var t = Next();
            left = new BinaryExpr("or", left, ParseAnd(), t.Line, t.Column);
        }
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (Peek().IsName("and"))
        {
            var t = Next();
            left = new BinaryExpr("and", left, ParseNot(), t.Line, t.Column);
        }
        return left;
    }

    private Expr ParseNot()
    {
        if (!Peek().IsName("not")) return ParseCompare();
        var t = Next();
        Enter();
        var operand = ParseNot();
        _depth--;
        return new UnaryExpr("not", operand, t.Line, t.Column);
    }

    private static readonly HashSet<string> CompareOps = ["==", "!=", "<", "<=", ">", ">="];

    /// <summary>Comparisons chain as in Python: <c>a &lt; b &lt; c</c> is <c>a &lt; b and b &lt; c</c>.</summary>
    private Expr ParseCompare()
    {
        var left = ParseAdditive();
        Expr? result = null;
        while (true)
        {
            var t = Peek();
            string op;
            if (t.Kind == TokenKind.Operator && CompareOps.Contains(t.Text)) { Next(); op = t.Text; }
            else if (t.IsName("in")) { Next(); op = "in"; }
            else if (t.IsName("not") && Peek(1).IsName("in")) { Next(); Next(); op = "not in"; }
            else break;
            var right = ParseAdditive();
            var cmp = new BinaryExpr(op, left, right, t.Line, t.Column);
            result = result is null ? cmp : new BinaryExpr("and", result, cmp, t.Line, t.Column);
            left = right;
        }
        return result ?? left;
    }

    private Expr ParseAdditive()
    {
        var left = ParseConcat();
        while (Peek().Kind == TokenKind.Operator && Peek().Text is "+" or "-")
        {
            var t = Next();
            left = new BinaryExpr(t.Text, left, ParseConcat(), t.Line, t.Column);
        }
        return left;
    }

    private Expr ParseConcat()
    {
        var left = ParseMultiplicative();
        while (Peek().IsOperator("~"))
        {
            var t = Next();
            left = new BinaryExpr("~", left, ParseMultiplicative(), t.Line, t.Column);
        }
        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParsePower();
        while (Peek().Kind == TokenKind.Operator && Peek().Text is "*" or "/" or "//" or "%")
        {
            var t = Next();
            left = new BinaryExpr(t.Text, left, ParsePower(), t.Line, t.Column);
        }
        return left;
    }

    private Expr ParsePower()
    {
        var left = ParseUnary();
        while (Peek().IsOperator("**"))
        {
            var t = Next();
            left = new BinaryExpr("**", left, ParseUnary(), t.Line, t.Column);
        }
        return left;
    }

    /// <summary>As Jinja2's parse_unary: the sign binds to its operand before postfixes and filters apply, so
    /// <c>-3 | abs</c> is 3 and <c>-2 ** 2</c> is 4.</summary>
    private Expr ParseUnary(bool withFilters = true)
    {
        var t = Peek();
        Expr node;
        if (t.Kind == TokenKind.Operator && t.Text is "-" or "+")
        {
            Next();
            Enter();
            node = new UnaryExpr(t.Text, ParseUnary(withFilters: false), t.Line, t.Column);
            _depth--;
        }
        else
        {
            node = ParsePrimary();
        }
        node = ParsePostfix(node);
        return withFilters ? ParseFiltersAndTests(node) : node;
    }

    private Expr ParsePrimary()
    {
        var t = Next();
        switch (t.Kind)
        {
            case TokenKind.String:
                var s = (string)t.Value!;
                while (Peek().Kind == TokenKind.String) s += (string)Next().Value!; // 'a' 'b' is 'ab', as in Python
                return new LiteralExpr(s, t.Line, t.Column);
            case TokenKind.Integer:
            case TokenKind.Float:
                return new LiteralExpr(t.Value, t.Line, t.Column);
            case TokenKind.Name:
                return t.Text switch
                {
                    "true" or "True" => new LiteralExpr(true, t.Line, t.Column),
                    "false" or "False" => new LiteralExpr(false, t.Line, t.Column),
                    "none" or "None" => new LiteralExpr(null, t.Line, t.Column),
                    _ => new NameExpr(t.Text, t.Line, t.Column),
                };
            case TokenKind.Operator when t.Text == "(":
                return ParseParenthesised(t);
            case TokenKind.Operator when t.Text == "[":
                var items = ParseSequence("]");
                return new ListExpr(items, t.Line, t.Column);
            case TokenKind.Operator when t.Text == "{":
                return ParseDict(t);
            default:
                throw Error($"expected an expression but found {t}", t);
        }
    }

    private Expr ParseParenthesised(Token open)
    {
        if (Peek().IsOperator(")")) { Next(); return new ListExpr([], open.Line, open.Column, IsTuple: true); }
        var first = ParseExpression();
        if (Peek().IsOperator(")")) { Next(); return first; }
        var items = new List<Expr> { first };
        while (Peek().IsOperator(","))
        {
            Next();
            if (Peek().IsOperator(")")) break;
            items.Add(ParseExpression());
        }
        Expect(TokenKind.Operator, ")");
        return new ListExpr(items, open.Line, open.Column, IsTuple: true);
    }

    private List<Expr> ParseSequence(string close)
    {
        var items = new List<Expr>();
        while (!Peek().IsOperator(close))
        {
            if (items.Count > 0)
            {
                Expect(TokenKind.Operator, ",");
                if (Peek().IsOperator(close)) break;
            }
            items.Add(ParseExpression());
        }
        Next();
        return items;
    }

    private DictExpr ParseDict(Token open)
    {
        var pairs = new List<(Expr, Expr)>();
        while (!Peek().IsOperator("}"))
        {
            if (pairs.Count > 0)
            {
                Expect(TokenKind.Operator, ",");
                if (Peek().IsOperator("}")) break;
            }
            var key = ParseExpression();
            Expect(TokenKind.Operator, ":");
            pairs.Add((key, ParseExpression()));
        }
        Next();
        return new DictExpr(pairs, open.Line, open.Column);
    }

    private Expr ParsePostfix(Expr target)
    {
        while (true)
        {
            var t = Peek();
            if (t.IsOperator("."))
            {
                Next();
                var name = Next();
                if (name.Kind is not (TokenKind.Name or TokenKind.Integer)) throw Error($"expected an attribute name after '.' but found {name}", name);
                target = name.Kind == TokenKind.Integer
                    ? new IndexExpr(target, new LiteralExpr(name.Value, name.Line, name.Column), t.Line, t.Column)
                    : new AttributeExpr(target, name.Text, t.Line, t.Column);
            }
            else if (t.IsOperator("["))
            {
                Next();
                target = ParseSubscript(target, t);
            }
            else if (t.IsOperator("("))
            {
                Next();
                target = new CallExpr(target, ParseArguments(), t.Line, t.Column);
            }
            else
            {
                return target;
            }
        }
    }

    private Expr ParseSubscript(Expr target, Token open)
    {
        Expr? start = null, stop = null, step = null;
        if (!Peek().IsOperator(":")) start = ParseExpression();
        if (Peek().IsOperator("]"))
        {
            Next();
            return new IndexExpr(target, start ?? throw Error("empty subscript '[]'", open), open.Line, open.Column);
        }
        Expect(TokenKind.Operator, ":");
        if (!Peek().IsOperator(":") && !Peek().IsOperator("]")) stop = ParseExpression();
        if (Peek().IsOperator(":"))
        {
            Next();
            if (!Peek().IsOperator("]")) step = ParseExpression();
        }
        Expect(TokenKind.Operator, "]");
        return new SliceExpr(target, start, stop, step, open.Line, open.Column);
    }

    /// <summary>Call arguments after '(' up to and including ')': positional first, then <c>name=value</c>.</summary>
    private Arguments ParseArguments()
    {
        var positional = new List<Expr>();
        var named = new List<(string, Expr)>();
        while (!Peek().IsOperator(")"))
        {
            if (positional.Count + named.Count > 0)
            {
                Expect(TokenKind.Operator, ",");
                if (Peek().IsOperator(")")) break;
            }
            if (Peek().Kind == TokenKind.Name && Peek(1).IsOperator("="))
            {
                var n = Next().Text;
                Next();
                named.Add((n, ParseExpression()));
            }
            else
            {
                if (named.Count > 0) throw Error("positional argument after a keyword argument", Peek());
                positional.Add(ParseExpression());
            }
        }
        Next();
        return new Arguments(positional, named);
    }

    private Expr ParseFiltersAndTests(Expr value, bool requireFilter = false)
    {
        while (true)
        {
            var t = Peek();
            if (t.IsOperator("|") || requireFilter)
            {
                if (!requireFilter) Next();
                requireFilter = false;
                var name = ParseDottedName();
                var args = Arguments.None;
                if (Peek().IsOperator("(")) { Next(); args = ParseArguments(); }
                value = new FilterExpr(value, name, args, t.Line, t.Column);
            }
            else if (t.IsName("is"))
            {
                Next();
                bool negated = false;
                if (Peek().IsName("not")) { Next(); negated = true; }
                var nameToken = Next();
                string name = nameToken.Kind switch
                {
                    TokenKind.Name => nameToken.Text,
                    // "x is == y" style tests: Jinja spells them eq/ne/...; only names are allowed here.
                    _ => throw Error($"expected a test name after 'is' but found {nameToken}", nameToken),
                };
                if (name is "none" or "None") name = "none";
                if (name is "true" or "True") name = "true";
                if (name is "false" or "False") name = "false";
                var args = Arguments.None;
                if (Peek().IsOperator("(")) { Next(); args = ParseArguments(); }
                else if (StartsTestArgument(Peek())) args = new Arguments([ParsePostfix(ParsePrimary())], []);
                value = new TestExpr(value, name, args, negated, t.Line, t.Column);
            }
            else
            {
                return value;
            }
        }
    }

    /// <summary>Jinja lets a test take one argument without parentheses: <c>x is divisibleby 3</c>, <c>x is sameas none</c>.</summary>
    private static bool StartsTestArgument(Token t) => t.Kind switch
    {
        TokenKind.String or TokenKind.Integer or TokenKind.Float => true,
        TokenKind.Name => t.Text is not ("and" or "or" or "not" or "if" or "else" or "in" or "is"),
        TokenKind.Operator => t.Text is "[" or "{",
        _ => false,
    };

    private string ParseDottedName()
    {
        var name = Expect(TokenKind.Name).Text;
        while (Peek().IsOperator(".") && Peek(1).Kind == TokenKind.Name)
        {
            Next();
            name += "." + Next().Text;
        }
        return name;
    }
}
