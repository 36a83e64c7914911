namespace Gantry.Models.ChatTemplates.Jinja;

/// <summary>
/// One frame of variables. Jinja scoping: a for loop body and a macro body get a new frame, so a <c>set</c> inside a
/// loop does not leak out of it (templates use <c>namespace()</c> for that); <c>if</c> blocks share their frame.
/// </summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Dictionary<string, object?> _vars = new(StringComparer.Ordinal);

    public Scope? Parent { get; } = parent;

    public bool TryGet(string name, out object? value)
    {
        for (var s = this; s is not null; s = s.Parent)
            if (s._vars.TryGetValue(name, out value)) return true;
        value = null;
        return false;
    }

    public void Set(string name, object? value) => _vars[name] = value;
}
