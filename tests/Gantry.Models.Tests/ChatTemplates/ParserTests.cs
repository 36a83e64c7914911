using Gantry.Models.ChatTemplates;
using Gantry.Models.ChatTemplates.Jinja;

namespace Gantry.Models.Tests.ChatTemplates;

public sealed class ParserTests
{
    private static Expr Expression(string source) => Assert.IsType<OutputStmt>(Assert.Single(Parser.Parse("{{ " + source + " }}"))).Value;

    [Fact]
    public void Parse_FilterBindsTighterThanPlus()
    {
        var e = Assert.IsType<BinaryExpr>(Expression("'a' + b | trim"));
        Assert.Equal("+", e.Op);
        Assert.Equal("trim", Assert.IsType<FilterExpr>(e.Right).Name);
    }

    [Fact]
    public void Parse_NotAppliesToWholeTest()
    {
        var e = Assert.IsType<UnaryExpr>(Expression("not x is defined"));
        Assert.False(Assert.IsType<TestExpr>(e.Operand).Negated);
    }

    [Fact]
    public void Parse_IsNot_NegatedTest() => Assert.True(Assert.IsType<TestExpr>(Expression("x is not none")).Negated);

    [Fact]
    public void Parse_Ternary_ThenIfTestElseOtherwise()
    {
        var e = Assert.IsType<ConditionalExpr>(Expression("'a' if x else 'b'"));
        Assert.IsType<NameExpr>(e.Test);
        Assert.NotNull(e.Otherwise);
    }

    [Fact]
    public void Parse_ComparisonChain_BecomesAnd() => Assert.Equal("and", Assert.IsType<BinaryExpr>(Expression("1 < x < 3")).Op);

    [Fact]
    public void Parse_NotIn_SingleOperator() => Assert.Equal("not in", Assert.IsType<BinaryExpr>(Expression("a not in b")).Op);

    [Fact]
    public void Parse_Slice_AllPartsOptional()
    {
        var s = Assert.IsType<SliceExpr>(Expression("m[::-1]"));
        Assert.Null(s.Start);
        Assert.Null(s.Stop);
        Assert.IsType<UnaryExpr>(s.Step);
    }

    [Fact]
    public void Parse_MethodCall_WithKeywordArguments()
    {
        var c = Assert.IsType<CallExpr>(Expression("x.get('a', default=1)"));
        Assert.Equal("get", Assert.IsType<AttributeExpr>(c.Callee).Name);
        Assert.Single(c.Args.Positional);
        Assert.Equal("default", Assert.Single(c.Args.Named).Name);
    }

    [Fact]
    public void Parse_ForWithFilterAndElse()
    {
        var f = Assert.IsType<ForStmt>(Assert.Single(Parser.Parse("{% for k, v in d if k %}x{% else %}y{% endfor %}")));
        Assert.Equal(["k", "v"], f.Targets);
        Assert.NotNull(f.Filter);
        Assert.NotNull(f.Else);
    }

    [Fact]
    public void Parse_IfElifElse_Branches()
    {
        var i = Assert.IsType<IfStmt>(Assert.Single(Parser.Parse("{% if a %}1{% elif b %}2{% elif c %}3{% else %}4{% endif %}")));
        Assert.Equal(3, i.Branches.Count);
        Assert.NotNull(i.Else);
    }

    [Fact]
    public void Parse_SetNamespaceAttribute_Target()
    {
        var s = Assert.IsType<SetStmt>(Assert.Single(Parser.Parse("{% set ns.count = ns.count + 1 %}")));
        Assert.Equal("count", Assert.IsType<AttributeExpr>(s.Target).Name);
    }

    [Fact]
    public void Parse_Macro_ParametersWithDefaults()
    {
        var m = Assert.IsType<MacroStmt>(Assert.Single(Parser.Parse("{% macro f(a, b=2) %}{{ a }}{% endmacro %}")));
        Assert.Equal("f", m.Name);
        Assert.Null(m.Parameters[0].Default);
        Assert.NotNull(m.Parameters[1].Default);
    }

    [Fact]
    public void Parse_GenerationBlock_Supported() =>
        Assert.IsType<BlockStmt>(Assert.Single(Parser.Parse("{% generation %}x{% endgeneration %}")));

    [Theory]
    [InlineData("{% if x %}a", 1, 4, "'if' block is never closed")]
    [InlineData("a\n{% endif %}", 2, 4, "no open block")]
    [InlineData("{% for x in y %}\n{% endif %}", 2, 4, "expected 'endfor' or 'else'")]
    [InlineData("{% include 'x' %}", 1, 4, "unknown or unsupported tag 'include'")]
    [InlineData("{{ 1 + }}", 1, 8, "expected an expression")]
    [InlineData("{{ a b }}", 1, 6, "expected variableend")]
    [InlineData("{% for in x %}{% endfor %}", 1, 11, "expected 'in' but found 'x'")]
    [InlineData("{{ f(a=1, 2) }}", 1, 11, "positional argument after a keyword")]
    [InlineData("{% set %}", 1, 8, "expected name")]
    [InlineData("{{ x[] }}", 1, 6, "expected an expression but found ']'")]
    public void Parse_SyntaxError_ReportsLineAndColumn(string source, int line, int column, string message)
    {
        var ex = Assert.Throws<ChatTemplateException>(() => Parser.Parse(source));
        Assert.Contains(message, ex.Reason);
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.False(ex.RaisedByTemplate);
        Assert.StartsWith($"chat template, line {line}, column {column}: ", ex.Message);
    }

    [Fact]
    public void Parse_DeeplyNestedParentheses_ThrowsInsteadOfOverflowing()
    {
        var source = "{{ " + new string('(', 100_000) + "1" + new string(')', 100_000) + " }}";
        var ex = Assert.Throws<ChatTemplateException>(() => Parser.Parse(source));
        Assert.Contains("nested deeper", ex.Reason);
    }

    [Fact]
    public void Parse_DeeplyNestedBlocks_ThrowsInsteadOfOverflowing()
    {
        var source = string.Concat(Enumerable.Repeat("{% if x %}", 50_000));
        Assert.Contains("nested deeper", Assert.Throws<ChatTemplateException>(() => Parser.Parse(source)).Reason);
    }

    [Fact]
    public void Parse_LongUnaryChain_ThrowsInsteadOfOverflowing() =>
        Assert.Throws<ChatTemplateException>(() => Parser.Parse("{{ " + string.Concat(Enumerable.Repeat("not ", 100_000)) + "x }}"));
}
