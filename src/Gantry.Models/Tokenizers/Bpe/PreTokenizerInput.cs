namespace Gantry.Models.Tokenizers.Bpe;

/// <summary>
/// One raw-text fragment prepared for the pre-tokenizer steps: its code points, their flags, and
/// llama.cpp's "collapsed" text (one char per code point; see <see cref="CollapsedRegexSplitter"/>).
/// All three have the same length; pieces are counted in code points.
/// </summary>
internal readonly ref struct PreTokenizerInput(ReadOnlySpan<int> codepoints, ReadOnlySpan<CodepointFlags> flags, ReadOnlySpan<char> collapsed)
{
    public ReadOnlySpan<int> Codepoints { get; } = codepoints;
    public ReadOnlySpan<CodepointFlags> Flags { get; } = flags;
    public ReadOnlySpan<char> Collapsed { get; } = collapsed;
}

/// <summary>
/// One splitting pass. Each pass cuts every piece of the previous pass further and keeps the text
/// between matches as pieces of its own, so passes compose (llama.cpp's unicode_regex_split).
/// </summary>
internal interface IPreTokenizerStep
{
    /// <param name="input">The whole fragment.</param>
    /// <param name="pieces">Lengths of the current pieces, in code points, summing to the fragment length.</param>
    /// <param name="output">Receives the lengths of the new pieces (cleared by the caller).</param>
    void Split(in PreTokenizerInput input, List<int> pieces, List<int> output);
}
