using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Gantry.Models.Tokenizers;

/// <summary>
/// Turns a stream of token ids into text deltas for one sequence. A UTF-8 character whose bytes are
/// spread over several tokens (byte-fallback pieces of an emoji, a CJK character split by BPE) is
/// held back until it is complete, so no delta ever ends in half a character; bytes that can
/// never form a character come out as U+FFFD. Not thread-safe: one instance per sequence, owned by
/// whoever consumes that sequence's tokens. Allocates only the returned strings.
/// </summary>
public sealed class StreamingDetokenizer
{
    private readonly ITokenizer _tokenizer;
    private readonly bool _renderSpecial;
    private bool _skipLeadingSpace;
    private byte[] _bytes = new byte[64];   // held-back tail (at most 3 bytes) + the new piece
    private int _pending;                   // bytes of an incomplete character kept from the last push
    private char[] _chars = new char[64];

    /// <param name="tokenizer">The tokenizer that produced the ids.</param>
    /// <param name="skipLeadingSpaceOfFirstToken">Drop one leading space of the first token, undoing
    /// SentencePiece's space prefix when the stream starts at the start of the text (pass
    /// <see cref="ITokenizer.AddSpacePrefix"/> for that case, false when continuing a prompt).</param>
    /// <param name="renderSpecial">Write control tokens' text instead of nothing.</param>
    public StreamingDetokenizer(ITokenizer tokenizer, bool skipLeadingSpaceOfFirstToken, bool renderSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _tokenizer = tokenizer;
        _skipLeadingSpace = skipLeadingSpaceOfFirstToken;
        _renderSpecial = renderSpecial;
    }

    /// <summary>Adds one token; returns the text that is now complete (possibly empty).</summary>
    public string Push(int tokenId)
    {
        var piece = _tokenizer.TokenBytes(tokenId, _renderSpecial);
        if (_skipLeadingSpace)
        {
            // As llama_detokenize: only the first token is considered, even if it renders as nothing.
            _skipLeadingSpace = false;
            if (piece.Length > 0 && piece[0] == (byte)' ') piece = piece[1..];
        }
        if (piece.IsEmpty) return string.Empty;

        if (_bytes.Length < _pending + piece.Length) Array.Resize(ref _bytes, Math.Max(_pending + piece.Length, _bytes.Length * 2));
        piece.CopyTo(_bytes.AsSpan(_pending));
        return Drain(_pending + piece.Length, isFinal: false);
    }

    /// <summary>Ends the stream: returns U+FFFD for a character left incomplete, and resets for reuse.</summary>
    public string Flush()
    {
        var text = _pending == 0 ? string.Empty : Drain(_pending, isFinal: true);
        _pending = 0;
        return text;
    }

    /// <summary>Forgets any held-back bytes and starts over as a new stream.</summary>
    public void Reset(bool skipLeadingSpaceOfFirstToken)
    {
        _pending = 0;
        _skipLeadingSpace = skipLeadingSpaceOfFirstToken;
    }

    private string Drain(int count, bool isFinal)
    {
        var source = _bytes.AsSpan(0, count);
        if (_chars.Length < count) _chars = new char[Math.Max(count, _chars.Length * 2)];
        // Invalid sequences are replaced; a valid but unfinished one at the end is left unread
        // unless this is the final block, in which case it becomes one U+FFFD.
        var status = Utf8.ToUtf16(source, _chars, out var read, out var written, replaceInvalidSequences: true, isFinalBlock: isFinal);
        System.Diagnostics.Debug.Assert(status is OperationStatus.Done or OperationStatus.NeedMoreData);
        _pending = count - read;
        System.Diagnostics.Debug.Assert(_pending <= 3);
        if (_pending > 0) source[read..].CopyTo(_bytes);
        return written == 0 ? string.Empty : new string(_chars, 0, written);
    }
}
