namespace Gantry.Models.Sharding;

/// <summary>The transformer blocks [<see cref="Start"/>, <see cref="End"/>) one pipeline stage runs.</summary>
public readonly record struct LayerRange(int Start, int End)
{
    public int Count => End - Start;

    /// <summary>Parses <c>START-END</c> (END exclusive), as <c>gantry worker --layers</c> takes it.</summary>
    public static LayerRange Parse(string text)
    {
        var dash = text.IndexOf('-');
        if (dash <= 0 || !int.TryParse(text.AsSpan(0, dash), out var start) || !int.TryParse(text.AsSpan(dash + 1), out var end) || start < 0 || end <= start)
            throw new FormatException($"'{text}' is not a layer range START-END with 0 <= START < END");
        return new LayerRange(start, end);
    }

    /// <summary>Throws unless this range lies inside a model of <paramref name="layerCount"/> layers.</summary>
    public void Validate(int layerCount)
    {
        if (Start < 0 || End > layerCount || Count <= 0)
            throw new ArgumentOutOfRangeException(nameof(layerCount), $"layer range {this} does not fit a model of {layerCount} layers");
    }

    public override string ToString() => $"{Start}-{End}";
}
