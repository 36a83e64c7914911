using System.Text;

namespace Gantry.Models.Tokenizers.SentencePiece;

/// <summary>
/// SentencePiece-style BPE as llama.cpp runs it for <c>tokenizer.ggml.model = llama</c>
/// (<c>llm_tokenizer_spm</c>).
/// </summary>
/// <remarks>
/// Design: spaces become "▁" (U+2581), and with <c>add_space_prefix</c> a space is put in front of
/// the first fragment and of every fragment that follows a special token. The text is cut into
/// code points; every adjacent pair whose concatenation is a vocabulary entry is queued with that
/// entry's score; the best pair (highest score, then leftmost) is merged and its new neighbours are
/// queued, until nothing merges. A final piece that is not in the vocabulary (an unknown code point)
/// is written as its UTF-8 bytes through the <c>&lt;0xNN&gt;</c> byte-fallback tokens.
/// Merged pieces are always vocabulary entries, so llama.cpp's re-segmentation map never applies
/// to them and is not needed here.
/// </remarks>
internal sealed class SentencePieceModel : ITokenModel
{
    private const char EscapedSpace = '\u2581';

    private readonly Vocabulary _vocabulary;
    private readonly bool _addSpacePrefix;
    private readonly int[] _byteTokens; // (256) id of <0xNN>, or of the one-byte text, or -1

    public SentencePieceModel(Vocabulary vocabulary, bool addSpacePrefix)
    {
        _vocabulary = vocabulary;
        _addSpacePrefix = addSpacePrefix;
        _byteTokens = new int[256];
        Span<char> hex = stackalloc char[6];
        for (var b = 0; b < 256; b++)
        {
            $"<0x{b:X2}>".AsSpan().CopyTo(hex);
            var id = vocabulary.Find(hex);
            if (id < 0 && b < 0x80) id = vocabulary.Find([(char)b]);
            _byteTokens[b] = id;
        }
    }

    [ThreadStatic] private static Scratch? t_scratch;

    public void Encode(ReadOnlySpan<char> text, bool startsSegment, List<int> output)
    {
        var s = t_scratch ??= new Scratch();
        var escaped = s.Escape(text, _addSpacePrefix && startsSegment);
        if (escaped.Length == 0) return;

        // One symbol per code point (a surrogate pair is one code point).
        var symbols = s.Symbols(escaped.Length);
        var count = 0;
        for (var i = 0; i < escaped.Length;)
        {
            var len = char.IsHighSurrogate(escaped[i]) && i + 1 < escaped.Length && char.IsLowSurrogate(escaped[i + 1]) ? 2 : 1;
            symbols[count] = new MergeSymbol { Start = i, Length = len, Prev = count - 1, Next = i + len == escaped.Length ? -1 : count + 1 };
            count++;
            i += len;
        }

        var queue = s.Queue;
        queue.Clear();
        for (var i = 1; i < count; i++) TryAddBigram(escaped, symbols, i - 1, i, queue);

        while (queue.TryDequeue(out var bigram, out _))
        {
            ref var left = ref symbols[bigram.Left];
            ref var right = ref symbols[bigram.Right];
            // Stale: one side was merged since this pair was queued.
            if (left.Length == 0 || right.Length == 0 || left.Length + right.Length != bigram.Size) continue;

            left.Length += right.Length;
            right.Length = 0;
            left.Next = right.Next;
            if (right.Next >= 0) symbols[right.Next].Prev = bigram.Left;

            TryAddBigram(escaped, symbols, left.Prev, bigram.Left, queue);
            TryAddBigram(escaped, symbols, bigram.Left, left.Next, queue);
        }

        Span<byte> utf8 = stackalloc byte[8];
        for (var i = 0; i != -1; i = symbols[i].Next)
        {
            var piece = escaped.Slice(symbols[i].Start, symbols[i].Length);
            var id = _vocabulary.Find(piece);
            if (id >= 0)
            {
                output.Add(id);
                continue;
            }
            var n = Encoding.UTF8.GetBytes(piece, utf8);
            for (var j = 0; j < n; j++)
            {
                var byteId = _byteTokens[utf8[j]];
                // llama.cpp aborts here; a vocabulary without byte fallback gets <unk> instead.
                if (byteId < 0) byteId = _vocabulary.Ids.Unk;
                if (byteId >= 0) output.Add(byteId);
            }
        }
        s.TrimIfHuge();
    }

    public byte[] NormalTokenBytes(string tokenText) => Encoding.UTF8.GetBytes(tokenText.Replace(EscapedSpace, ' '));

    private void TryAddBigram(ReadOnlySpan<char> text, MergeSymbol[] symbols, int left, int right, PriorityQueue<SpmBigram, (float, int)> queue)
    {
        if (left < 0 || right < 0) return;
        var size = symbols[left].Length + symbols[right].Length;
        var id = _vocabulary.Find(text.Slice(symbols[left].Start, size));
        if (id < 0) return;
        queue.Enqueue(new SpmBigram(left, right, size), (_vocabulary.Score(id), left));
    }

    /// <summary>Per-thread buffers so that encoding allocates only its result.</summary>
    private sealed class Scratch
    {
        private char[] _text = new char[256];
        private MergeSymbol[] _symbols = new MergeSymbol[256];

        public readonly PriorityQueue<SpmBigram, (float, int)> Queue = new(SpmBigramPriority.Instance);

        public ReadOnlySpan<char> Escape(ReadOnlySpan<char> text, bool prefixSpace)
        {
            var length = text.Length + (prefixSpace ? 1 : 0);
            if (_text.Length < length) _text = new char[Math.Max(length, _text.Length * 2)];
            var dst = _text.AsSpan(0, length);
            if (prefixSpace) dst[0] = EscapedSpace;
            text.Replace(dst[(prefixSpace ? 1 : 0)..], ' ', EscapedSpace);
            return dst;
        }

        public MergeSymbol[] Symbols(int count)
        {
            if (_symbols.Length < count) _symbols = new MergeSymbol[Math.Max(count, _symbols.Length * 2)];
            return _symbols;
        }

        /// <summary>One huge input must not keep megabytes alive on every thread that ever saw one.</summary>
        public void TrimIfHuge()
        {
            if (_text.Length <= 1 << 16) return;
            _text = new char[256];
            _symbols = new MergeSymbol[256];
            Queue.Clear();
            Queue.TrimExcess();
        }
    }
}
