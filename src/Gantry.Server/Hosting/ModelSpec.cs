namespace Gantry.Server.Hosting;

/// <summary>One <c>--model path.gguf[:name]</c> argument (or <c>demo:random</c>): the file and the name clients use in <c>model</c>.</summary>
public sealed record ModelSpec(string Path, string Name)
{
    /// <summary>Splits <c>path[:name]</c>; the name defaults to the file name without extension. A drive letter (<c>C:\…</c>) is not a name.</summary>
    public static ModelSpec Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (text == DemoModel.RandomSpec) return DemoModel.Spec(random: true);
        var colon = text.LastIndexOf(':');
        var hasName = colon > 1 && colon < text.Length - 1 && text.IndexOfAny(['/', '\\'], colon) < 0;
        var path = hasName ? text[..colon] : text.TrimEnd(':');
        var name = hasName ? text[(colon + 1)..] : FileStem(path);
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException($"--model '{text}' gives no model name");
        return new ModelSpec(path, name);
    }

    /// <summary>True for a built-in demo model (<c>demo:random</c>), which has no file to check.</summary>
    public bool IsBuiltIn => DemoModel.IsBuiltIn(this);

    /// <summary>The file name without its extension, splitting on both separators so Windows paths parse anywhere.</summary>
    private static string FileStem(string path)
    {
        var file = path[(path.LastIndexOfAny(['/', '\\']) + 1)..];
        var dot = file.LastIndexOf('.');
        return dot > 0 ? file[..dot] : file;
    }
}
