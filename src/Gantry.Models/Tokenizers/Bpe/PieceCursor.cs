namespace Gantry.Models.Tokenizers.Bpe;

/// <summary>
/// Reads one piece of a fragment for the hand-written splitters: positions outside the piece read
/// as <see cref="OutOfRange"/> with no flags, exactly as llama.cpp's _get_cpt/_get_flags lambdas.
/// </summary>
internal ref struct PieceCursor
{
    public const int OutOfRange = -1;

    private readonly ReadOnlySpan<int> _codepoints;
    private readonly ReadOnlySpan<CodepointFlags> _flags;
    private readonly List<int> _output;
    private int _previousEnd;

    public PieceCursor(in PreTokenizerInput input, int start, int end, List<int> output)
    {
        _codepoints = input.Codepoints;
        _flags = input.Flags;
        Start = start;
        End = end;
        _output = output;
        _previousEnd = start;
    }

    public int Start { get; }
    public int End { get; }

    public readonly int Codepoint(int pos) => pos >= Start && pos < End ? _codepoints[pos] : OutOfRange;

    public readonly CodepointFlags Flags(int pos) => pos >= Start && pos < End ? _flags[pos] : CodepointFlags.None;

    /// <summary>Ends the current word at <paramref name="end"/>; returns its length (0 adds nothing).</summary>
    public int Cut(int end)
    {
        var length = end - _previousEnd;
        if (length > 0) _output.Add(length);
        _previousEnd = end;
        return length;
    }

    public static bool IsLetter(CodepointFlags f) => (f & CodepointFlags.Letter) != 0;
    public static bool IsNumber(CodepointFlags f) => (f & CodepointFlags.Number) != 0;
    public static bool IsWhitespace(CodepointFlags f) => (f & CodepointFlags.Whitespace) != 0;

    /// <summary>[^\s\p{L}\p{N}] for a position inside the piece.</summary>
    public static bool IsOther(CodepointFlags f) =>
        (f & (CodepointFlags.Whitespace | CodepointFlags.Letter | CodepointFlags.Number)) == 0 && f != CodepointFlags.None;
}
