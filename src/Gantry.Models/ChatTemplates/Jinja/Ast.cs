namespace Gantry.Models.ChatTemplates.Jinja;

// The syntax tree. Every node keeps the line and column where it starts so that runtime errors can point at the
// template source. Nodes are immutable: one parsed template is rendered by many threads at once.

internal abstract record Node(int Line, int Column);

internal abstract record Expr(int Line, int Column) : Node(Line, Column);

internal sealed record LiteralExpr(object? Value, int Line, int Column) : Expr(Line, Column);

internal sealed record NameExpr(string Name, int Line, int Column) : Expr(Line, Column);

/// <summary><c>[a, b]</c>, or a tuple <c>(a, b)</c> / <c>a, b</c>; both evaluate to a list.</summary>
internal sealed record ListExpr(IReadOnlyList<Expr> Items, int Line, int Column, bool IsTuple = false) : Expr(Line, Column);

internal sealed record DictExpr(IReadOnlyList<(Expr Key, Expr Value)> Pairs, int Line, int Column) : Expr(Line, Column);

/// <summary><c>obj.name</c>: Jinja tries the attribute, then the item of that name.</summary>
internal sealed record AttributeExpr(Expr Target, string Name, int Line, int Column) : Expr(Line, Column);

/// <summary><c>obj[index]</c>: Jinja tries the item, then the attribute.</summary>
internal sealed record IndexExpr(Expr Target, Expr Index, int Line, int Column) : Expr(Line, Column);

/// <summary><c>obj[start:stop:step]</c>, any part optional.</summary>
internal sealed record SliceExpr(Expr Target, Expr? Start, Expr? Stop, Expr? Step, int Line, int Column) : Expr(Line, Column);

internal sealed record Arguments(IReadOnlyList<Expr> Positional, IReadOnlyList<(string Name, Expr Value)> Named)
{
    public static readonly Arguments None = new([], []);
}

internal sealed record CallExpr(Expr Callee, Arguments Args, int Line, int Column) : Expr(Line, Column);

/// <summary><c>value | name(args)</c></summary>
internal sealed record FilterExpr(Expr Value, string Name, Arguments Args, int Line, int Column) : Expr(Line, Column);

/// <summary><c>value is [not] name(args)</c></summary>
internal sealed record TestExpr(Expr Value, string Name, Arguments Args, bool Negated, int Line, int Column) : Expr(Line, Column);

/// <summary><c>not x</c>, <c>-x</c>, <c>+x</c></summary>
internal sealed record UnaryExpr(string Op, Expr Operand, int Line, int Column) : Expr(Line, Column);

/// <summary>Arithmetic, <c>~</c>, comparisons, <c>in</c>/<c>not in</c>, and <c>and</c>/<c>or</c> (short-circuit).</summary>
internal sealed record BinaryExpr(string Op, Expr Left, Expr Right, int Line, int Column) : Expr(Line, Column);

/// <summary><c>then if test else otherwise</c>; without <c>else</c> the result is undefined when the test fails.</summary>
internal sealed record ConditionalExpr(Expr Test, Expr Then, Expr? Otherwise, int Line, int Column) : Expr(Line, Column);

internal abstract record Stmt(int Line, int Column) : Node(Line, Column);

internal sealed record TextStmt(string Text, int Line, int Column) : Stmt(Line, Column);

/// <summary><c>{{ expr }}</c></summary>
internal sealed record OutputStmt(Expr Value, int Line, int Column) : Stmt(Line, Column);

internal sealed record IfStmt(IReadOnlyList<(Expr Test, IReadOnlyList<Stmt> Body)> Branches, IReadOnlyList<Stmt>? Else, int Line, int Column)
    : Stmt(Line, Column);

/// <summary><c>{% for a[, b] in iterable [if filter] %}body{% else %}empty{% endfor %}</c></summary>
internal sealed record ForStmt(IReadOnlyList<string> Targets, Expr Iterable, Expr? Filter, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt>? Else,
    int Line, int Column) : Stmt(Line, Column);

/// <summary><c>{% set target = value %}</c> where target is a name, <c>ns.attr</c>, or names to unpack.</summary>
internal sealed record SetStmt(Expr Target, Expr Value, int Line, int Column) : Stmt(Line, Column);

/// <summary><c>{% set name %}body{% endset %}</c>: captures rendered output.</summary>
internal sealed record SetBlockStmt(string Name, IReadOnlyList<Stmt> Body, int Line, int Column) : Stmt(Line, Column);

internal sealed record MacroStmt(string Name, IReadOnlyList<(string Name, Expr? Default)> Parameters, IReadOnlyList<Stmt> Body, int Line, int Column)
    : Stmt(Line, Column);

/// <summary><c>{% break %}</c> and <c>{% continue %}</c> (the loopcontrols extension transformers enables).</summary>
internal sealed record LoopControlStmt(bool IsBreak, int Line, int Column) : Stmt(Line, Column);

/// <summary><c>{% filter name(args) | other %}body{% endfilter %}</c>: the body's output through the filters;
/// <see cref="Filter"/> applies them to the variable <see cref="BodyVariable"/>.</summary>
internal sealed record FilterBlockStmt(Expr Filter, IReadOnlyList<Stmt> Body, int Line, int Column) : Stmt(Line, Column)
{
    /// <summary>A name no template can write (the lexer never makes a NUL name).</summary>
    public const string BodyVariable = "\0filter-body";
}

/// <summary>A block whose tags render nothing of their own, such as transformers' <c>{% generation %}</c>.</summary>
internal sealed record BlockStmt(IReadOnlyList<Stmt> Body, int Line, int Column) : Stmt(Line, Column);
