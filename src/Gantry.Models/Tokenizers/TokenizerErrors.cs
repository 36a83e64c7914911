namespace Gantry.Models.Tokenizers;

/// <summary>One place that shapes the exceptions thrown for a tokenizer a file describes badly.</summary>
internal static class TokenizerErrors
{
    public static ModelFormatException Format(string message) => new(message);
}
