namespace Gantry.Models.ChatTemplates.Jinja;

/// <summary>
/// One frame of variables. Jinja scoping: a for loop body (each iteration) and a macro body get a new frame, so a
/// <c>set</c> inside a loop does not leak out of it (templates use <c>namespace()</c> for that); <c>if</c> blocks
/// share their frame. Frames hold a handful of names, so a small array with linear search beats a dictionary, and
/// loops create one frame per iteration.
/// </summary>
internal sealed class Scope(Scope? parent)
{
    private string[]? _names;
    private object?[]? _values;
    private int _count;

    public Scope? Parent { get; } = parent;

    public bool TryGet(string name, out object? value)
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            int i = s.IndexOf(name);
            if (i >= 0)
            {
                value = s._values![i];
                return true;
            }
        }
        value = null;
        return false;
    }

    public void Set(string name, object? value)
    {
        int i = IndexOf(name);
        if (i >= 0)
        {
            _values![i] = value;
            return;
        }
        if (_names is null || _count == _names.Length)
        {
            int size = _names is null ? 4 : _names.Length * 2;
            Array.Resize(ref _names, size);
            Array.Resize(ref _values, size);
        }
        _names[_count] = name;
        _values![_count++] = value;
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < _count; i++)
            if (string.Equals(_names![i], name, StringComparison.Ordinal)) return i;
        return -1;
    }
}
