namespace Gantry.Models.ChatTemplates.Jinja;

// The runtime objects that are not plain CLR values (see Values.cs for how values map to Python's types).

/// <summary>
/// A missing variable, attribute or item. Like Jinja's default <c>Undefined</c> it is falsy, prints as nothing and
/// iterates as empty; unlike it, attribute access on it gives another undefined instead of an error, because chat
/// templates probe optional fields (<c>message.tool_calls.function</c>) and should not fail on a plain conversation.
/// </summary>
internal sealed class Undefined
{
    public static readonly Undefined Instance = new();

    private Undefined() { }

    public override string ToString() => "";
}

/// <summary>
/// A Python tuple: behaves as a list everywhere (it is one) but prints as <c>(a, b)</c>. Tuple literals, dict
/// <c>items()</c> pairs and <c>dictsort</c> produce it, so printed values match Python's.
/// </summary>
internal sealed class TupleValue : List<object?>
{
    public TupleValue() { }

    public TupleValue(IEnumerable<object?> items) : base(items) { }

    public static TupleValue Pair(object? a, object? b) => [a, b];
}

/// <summary><c>namespace(...)</c>: the one object a template may mutate across loop scopes (<c>set ns.x = ...</c>).</summary>
internal sealed class Namespace
{
    public OrderedDictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);
}

/// <summary>The <c>loop</c> variable inside a for loop.</summary>
internal sealed class LoopInfo(IReadOnlyList<object?> items)
{
    public int Index0 { get; set; }

    public object? Get(string name) => name switch
    {
        "index" => (long)Index0 + 1,
        "index0" => (long)Index0,
        "revindex" => (long)(items.Count - Index0),
        "revindex0" => (long)(items.Count - Index0 - 1),
        "first" => Index0 == 0,
        "last" => Index0 == items.Count - 1,
        "length" => (long)items.Count,
        "previtem" => Index0 > 0 ? items[Index0 - 1] : Undefined.Instance,
        "nextitem" => Index0 + 1 < items.Count ? items[Index0 + 1] : Undefined.Instance,
        "depth" => 1L,
        "depth0" => 0L,
        _ => Undefined.Instance,
    };

    /// <summary><c>loop.cycle(a, b, ...)</c></summary>
    public object? Cycle(IReadOnlyList<object?> values) => values.Count == 0 ? Undefined.Instance : values[Index0 % values.Count];
}

/// <summary>A <c>{% macro %}</c> with the scope it was defined in (macros see globals, not the caller's locals).</summary>
internal sealed record Macro(MacroStmt Definition, Scope Closure);

/// <summary>A global function such as <c>raise_exception</c> or <c>range</c>.</summary>
internal sealed record Builtin(string Name, Func<CallArgs, object?> Invoke);

/// <summary>Evaluated call arguments.</summary>
internal sealed record CallArgs(IReadOnlyList<object?> Positional, IReadOnlyDictionary<string, object?> Named, Node At)
{
    public object? Get(int index, string name, object? fallback = null) =>
        Named.TryGetValue(name, out var v) ? v : index >= 0 && index < Positional.Count ? Positional[index] : fallback;

    public bool Has(int index, string name) => Named.ContainsKey(name) || (index >= 0 && index < Positional.Count);
}

/// <summary>
/// What Jinja2's <c>map</c>, <c>select</c>, <c>reject</c>, <c>selectattr</c> and <c>rejectattr</c> return: a Python
/// generator, not a list. It iterates like one, but is always true (even when empty), has no length or index, prints
/// as an object and is not JSON serializable: templates write <c>| list</c> for a list, and one that forgets gets
/// Jinja2's behaviour here too. The items are computed eagerly (the sandbox has no side effects to reorder).
/// </summary>
internal sealed class GeneratorValue(List<object?> items)
{
    public List<object?> Items { get; } = items;
}

/// <summary>
/// markupsafe's <c>Markup</c>, what <c>| safe</c> and <c>| escape</c> return: a string that HTML-escapes whatever plain
/// string is added to it (<c>"a"|safe + "&lt;"</c> is <c>a&amp;lt;</c>), as Python's does even without autoescaping.
/// </summary>
internal sealed class Markup(string text)
{
    public string Text { get; } = text;

    public override string ToString() => Text;

    /// <summary>markupsafe.escape: &amp; &lt; &gt; ' " as HTML entities.</summary>
    public static string Escape(string s) =>
        s.Replace("&", "&amp;").Replace(">", "&gt;").Replace("<", "&lt;").Replace("'", "&#39;").Replace("\"", "&#34;");
}
