namespace Gantry.Server.Configuration;

/// <summary>One <c>--model path.gguf[:name]</c> argument (or <c>demo:random</c>): the file and the name clients use in <c>model</c>.</summary>
public sealed record ModelSpec(string Path, string Name)
{
    /// <summary>Splits <c>path[:name]</c>; the name defaults to the file name without extension. A drive letter (<c>C:\…</c>) is not a name.</summary>
    public static ModelSpec Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (text == RandomDemoSpec) return BuiltIn(random: true);
        var colon = text.LastIndexOf(':');
        var hasName = colon > 1 && colon < text.Length - 1 && text.IndexOfAny(['/', '\\'], colon) < 0;
        var path = hasName ? text[..colon] : text.TrimEnd(':');
        var name = hasName ? text[(colon + 1)..] : FileStem(path);
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException($"'{text}' gives no model name (write path.gguf:name)", nameof(text));
        return new ModelSpec(path, name);
    }

    /// <summary>The spec value that selects the random-weight demo model.</summary>
    public const string RandomDemoSpec = "demo:random";

    /// <summary>The served name of the trained built-in demo model (stories260K).</summary>
    public const string TrainedDemoName = "stories260K";

    /// <summary>The served name of the random-weight built-in demo model.</summary>
    public const string RandomDemoName = "gantry-demo-random";

    // Not a file path anyone could pass: built-in specs never reach File.Exists checks or the GGUF reader.
    private const string BuiltInPrefix = "builtin:";

    /// <summary>The spec of a built-in demo model (the catalog writes its file); <paramref name="random"/> picks the random-weight one.</summary>
    public static ModelSpec BuiltIn(bool random) => random ? new(BuiltInPrefix + "random", RandomDemoName) : new(BuiltInPrefix + "stories260K", TrainedDemoName);

    /// <summary>True for a built-in demo model (<c>demo:random</c>, or the default), which has no file to check.</summary>
    public bool IsBuiltIn => Path.StartsWith(BuiltInPrefix, StringComparison.Ordinal);

    /// <summary>True for the random-weight built-in demo model.</summary>
    public bool IsRandomDemo => Path == BuiltInPrefix + "random";

    /// <summary>The file name without its extension, splitting on both separators so Windows paths parse anywhere.</summary>
    private static string FileStem(string path)
    {
        var file = path[(path.LastIndexOfAny(['/', '\\']) + 1)..];
        var dot = file.LastIndexOf('.');
        return dot > 0 ? file[..dot] : file;
    }
}
