namespace Gantry.Server.Configuration;

/// <summary>One <c>--lora NAME=PATH</c> argument: the adapter file and the name requests use in <c>model</c>.</summary>
public sealed record LoraSpec(string Name, string Path)
{
    public static LoraSpec Parse(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1) throw new ArgumentException($"'{text}' is not NAME=PATH", nameof(text));
        var name = text[..eq];
        if (!IsValidName(name)) throw new ArgumentException($"adapter name '{name}' may hold letters, digits, '.', '_' and '-' only", nameof(text));
        return new LoraSpec(name, text[(eq + 1)..]);
    }

    /// <summary>Adapter names avoid ':' (which separates <c>base:adapter</c>) and anything a metrics label would escape.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 128 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
