namespace Gantry.Models.Tokenizers;

/// <summary>
/// The model-specific half of a tokenizer: how a raw-text fragment becomes ids and how a Normal
/// token's text becomes bytes. Special-token handling, BOS/EOS and the other token kinds are shared
/// in <see cref="Tokenizer"/>. Implementations are immutable and thread-safe.
/// </summary>
internal interface ITokenModel
{
    /// <summary>Appends the ids of one fragment of raw text (no special tokens inside).</summary>
    /// <param name="startsSegment">True for the first fragment and for one right after a special token.</param>
    void Encode(ReadOnlySpan<char> text, bool startsSegment, List<int> output);

    /// <summary>The UTF-8 bytes a Normal token stands for.</summary>
    byte[] NormalTokenBytes(string tokenText);
}
