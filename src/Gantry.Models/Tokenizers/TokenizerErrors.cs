namespace Gantry.Models.Tokenizers;

/// <summary>One place that shapes the exceptions thrown for a tokenizer a file describes badly.</summary>
internal static class TokenizerErrors
{
    public static Exception Format(string message) => new InvalidDataException(message);
}
