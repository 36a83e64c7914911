namespace Gantry.Models;

/// <summary>
/// A model file is malformed, truncated, hostile or uses a feature Gantry does not support.
/// The message names the offending field and, where it has one, its byte offset in the file.
/// </summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException(string message) : base(message) { }

    public ModelFormatException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates an error about <paramref name="field"/> read at <paramref name="offset"/>.</summary>
    public static ModelFormatException At(string field, long offset, string problem) =>
        new($"{field} at offset {offset}: {problem}");
}
