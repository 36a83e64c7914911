using System.Text;

namespace Gantry.Models.Tokenizers.Bpe;

/// <summary>
/// GPT-2-style byte-level BPE as llama.cpp runs it for <c>tokenizer.ggml.model = gpt2</c>
/// (<c>llm_tokenizer_bpe</c>).
/// </summary>
/// <remarks>
/// Design: the pre-tokenizer named by <c>tokenizer.ggml.pre</c> cuts the text into words; each
/// word's UTF-8 bytes are written in the byte-level alphabet (<see cref="ByteLevel"/>), one symbol
/// per byte; then the adjacent pair with the lowest merge rank (leftmost on ties) is merged,
/// repeatedly, until no pair is in <c>tokenizer.ggml.merges</c>. Each final symbol is looked up
/// in the vocabulary. Words never merge across each other, which is why the pre-tokenizer decides
/// so much of the result. A <see cref="BpePreset.CharacterLevel"/> preset (Gemma 4) merges code points instead of
/// bytes, over text whose spaces are ▁, and falls back to <c>&lt;0xXX&gt;</c> byte tokens.
/// </remarks>
internal sealed class BpeModel : ITokenModel
{
    private readonly Vocabulary _vocabulary;
    private readonly BpePreset _preset;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _mergeRank; // "left right" → rank
    private readonly bool _needsCollapsed;

    public BpeModel(Vocabulary vocabulary, string[] merges, BpePreset preset)
    {
        _vocabulary = vocabulary;
        _preset = preset;
        var ranks = new Dictionary<string, int>(merges.Length, StringComparer.Ordinal);
        for (var i = 0; i < merges.Length; i++)
        {
            // llama.cpp splits at the first space after the first char and keeps the first rank of a duplicate.
            var space = merges[i].Length > 1 ? merges[i].IndexOf(' ', 1) : -1;
            ranks.TryAdd(space < 0 ? " " : merges[i], i);
        }
        _mergeRank = ranks.GetAlternateLookup<ReadOnlySpan<char>>();
        _needsCollapsed = preset.Steps.Any(s => s is CollapsedRegexSplitter);
    }

    [ThreadStatic] private static Scratch? t_scratch;

    public void Encode(ReadOnlySpan<char> text, bool startsSegment, List<int> output)
    {
        if (text.IsEmpty) return;
        var s = t_scratch ??= new Scratch();
        var input = s.Prepare(text, _needsCollapsed, escapeSpaces: _preset.CharacterLevel);

        var pieces = s.PiecesA;
        var next = s.PiecesB;
        pieces.Clear();
        pieces.Add(input.Codepoints.Length);
        foreach (var step in _preset.Steps)
        {
            next.Clear();
            step.Split(input, pieces, next);
            (pieces, next) = (next, pieces);
        }

        var start = 0;
        foreach (var length in pieces)
        {
            EncodeWord(s, input.Codepoints.Slice(start, length), output);
            start += length;
        }
        s.TrimIfHuge();
    }

    public byte[] NormalTokenBytes(string tokenText)
    {
        if (_preset.CharacterLevel) return Encoding.UTF8.GetBytes(tokenText.Replace('\u2581', ' '));
        // llama_decode_text: every char maps back to its byte; a char outside the alphabet is
        // written as llama.cpp writes it, so both decode the same broken vocabulary the same way.
        var bytes = new List<byte>(tokenText.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in tokenText.EnumerateRunes())
        {
            var b = rune.IsBmp ? ByteLevel.ToByte((char)rune.Value) : -1;
            if (b >= 0)
            {
                bytes.Add((byte)b);
                continue;
            }
            var n = rune.EncodeToUtf8(utf8);
            var sb = new StringBuilder("[UNK_BYTE_0x");
            for (var i = 0; i < n; i++) sb.Append(utf8[i].ToString("x2"));
            sb.Append(tokenText).Append(']');
            bytes.AddRange(Encoding.UTF8.GetBytes(sb.ToString()));
        }
        return bytes.ToArray();
    }

    private void EncodeWord(Scratch s, ReadOnlySpan<int> codepoints, List<int> output)
    {
        if (_preset.CharacterLevel)
        {
            EncodeCharacterWord(s, codepoints, output);
            return;
        }
        var word = s.ByteLevelWord(codepoints);

        if (_preset.IgnoreMerges)
        {
            var whole = _vocabulary.Find(word);
            if (whole >= 0)
            {
                output.Add(whole);
                return;
            }
        }

        // One symbol per byte; every byte-level char is a single UTF-16 unit.
        var symbols = s.Symbols(word.Length);
        for (var i = 0; i < word.Length; i++)
            symbols[i] = new MergeSymbol { Start = i, Length = 1, Prev = i - 1, Next = i + 1 == word.Length ? -1 : i + 1 };

        Merge(s, word, symbols, word.Length);

        for (var i = 0; i != -1; i = symbols[i].Next)
        {
            var piece = word.Slice(symbols[i].Start, symbols[i].Length);
            var id = _vocabulary.Find(piece);
            if (id >= 0)
            {
                output.Add(id);
                continue;
            }
            // llama.cpp then looks up each raw byte of the symbol's UTF-8 text as a one-byte
            // string; only ASCII bytes can match, and what matches nothing is dropped.
            foreach (var c in piece)
            {
                if (c >= 0x80) continue;
                var byteId = _vocabulary.Find([c]);
                if (byteId >= 0) output.Add(byteId);
            }
        }
    }

    /// <summary>A word of a character-level preset: one symbol per code point (one or two UTF-16 units).</summary>
    private void EncodeCharacterWord(Scratch s, ReadOnlySpan<int> codepoints, List<int> output)
    {
        var word = s.Utf16Word(codepoints);
        if (!word.ContainsAnyExcept('\n'))
        {
            // A run of newlines that is itself a token ("\n\n") is emitted whole (llama.cpp's Gemma 4 fix).
            var whole = _vocabulary.Find(word);
            if (whole >= 0)
            {
                output.Add(whole);
                return;
            }
        }
        var symbols = s.Symbols(codepoints.Length);
        for (int i = 0, at = 0; i < codepoints.Length; i++)
        {
            var units = codepoints[i] >= 0x10000 ? 2 : 1;
            symbols[i] = new MergeSymbol { Start = at, Length = units, Prev = i - 1, Next = i + 1 == codepoints.Length ? -1 : i + 1 };
            at += units;
        }
        Merge(s, word, symbols, codepoints.Length);

        Span<byte> utf8 = stackalloc byte[4];
        Span<char> byteToken = stackalloc char[6];
        for (var i = 0; i != -1; i = symbols[i].Next)
        {
            var piece = word.Slice(symbols[i].Start, symbols[i].Length);
            var id = _vocabulary.Find(piece);
            if (id >= 0)
            {
                output.Add(id);
                continue;
            }
            // No token: each UTF-8 byte as its "<0xXX>" token; a byte without one is dropped, as llama.cpp does.
            foreach (var rune in piece.EnumerateRunes())
            {
                var n = rune.EncodeToUtf8(utf8);
                for (var b = 0; b < n; b++)
                {
                    "<0x".CopyTo(byteToken);
                    utf8[b].TryFormat(byteToken[3..], out _, "X2", System.Globalization.CultureInfo.InvariantCulture);
                    byteToken[5] = '>';
                    var byteId = _vocabulary.Find(byteToken);
                    if (byteId >= 0) output.Add(byteId);
                }
            }
        }
    }

    /// <summary>Merges the adjacent pair with the lowest rank (leftmost on ties) until no pair has a merge.</summary>
    private void Merge(Scratch s, ReadOnlySpan<char> word, MergeSymbol[] symbols, int count)
    {
        var queue = s.Queue;
        queue.Clear();
        for (var i = 1; i < count; i++) TryAddBigram(s, word, symbols, i - 1, i, queue);

        while (queue.TryDequeue(out var bigram, out _))
        {
            ref var left = ref symbols[bigram.Left];
            ref var right = ref symbols[bigram.Right];
            if (left.Length == 0 || right.Length == 0 || left.Length + right.Length != bigram.Size) continue;

            left.Length += right.Length;
            right.Length = 0;
            left.Next = right.Next;
            if (right.Next >= 0) symbols[right.Next].Prev = bigram.Left;

            TryAddBigram(s, word, symbols, left.Prev, bigram.Left, queue);
            TryAddBigram(s, word, symbols, bigram.Left, left.Next, queue);
        }
    }

    private void TryAddBigram(Scratch s, ReadOnlySpan<char> word, MergeSymbol[] symbols, int left, int right, PriorityQueue<BpeBigram, (int, int)> queue)
    {
        if (left < 0 || right < 0) return;
        var key = s.MergeKey(word.Slice(symbols[left].Start, symbols[left].Length), word.Slice(symbols[right].Start, symbols[right].Length));
        if (!_mergeRank.TryGetValue(key, out var rank)) return;
        queue.Enqueue(new BpeBigram(left, right, symbols[left].Length + symbols[right].Length), (rank, left));
    }

    /// <summary>Per-thread buffers so that encoding allocates only its result.</summary>
    private sealed class Scratch
    {
        private int[] _codepoints = new int[256];
        private CodepointFlags[] _flags = new CodepointFlags[256];
        private char[] _collapsed = new char[256];
        private char[] _word = new char[256];
        private char[] _key = new char[256];
        private MergeSymbol[] _symbols = new MergeSymbol[256];

        public readonly List<int> PiecesA = [];
        public readonly List<int> PiecesB = [];
        public readonly PriorityQueue<BpeBigram, (int, int)> Queue = new(BpeBigramPriority.Instance);

        /// <param name="escapeSpaces">Each space becomes ▁ first (SentencePiece-style BPE).</param>
        public PreTokenizerInput Prepare(ReadOnlySpan<char> text, bool collapse, bool escapeSpaces)
        {
            Grow(ref _codepoints, text.Length);
            Grow(ref _flags, text.Length);
            if (collapse) Grow(ref _collapsed, text.Length);
            var n = 0;
            foreach (var rune in text.EnumerateRunes())
            {
                var cp = escapeSpaces && rune.Value == ' ' ? 0x2581 : rune.Value;
                var flags = Codepoints.Flags(cp);
                _codepoints[n] = cp;
                _flags[n] = flags;
                if (collapse) _collapsed[n] = CollapsedRegexSplitter.CollapsedChar(cp, flags);
                n++;
            }
            return new PreTokenizerInput(_codepoints.AsSpan(0, n), _flags.AsSpan(0, n), collapse ? _collapsed.AsSpan(0, n) : default);
        }

        public ReadOnlySpan<char> ByteLevelWord(ReadOnlySpan<int> codepoints)
        {
            Grow(ref _word, codepoints.Length * 4);
            var n = 0;
            Span<byte> utf8 = stackalloc byte[4];
            foreach (var cp in codepoints)
            {
                var len = new Rune(cp).EncodeToUtf8(utf8);
                for (var i = 0; i < len; i++) _word[n++] = ByteLevel.ToChar(utf8[i]);
            }
            return _word.AsSpan(0, n);
        }

        /// <summary>The code points as UTF-16 text (a character-level preset's word).</summary>
        public ReadOnlySpan<char> Utf16Word(ReadOnlySpan<int> codepoints)
        {
            Grow(ref _word, codepoints.Length * 2);
            var n = 0;
            foreach (var cp in codepoints) n += new Rune(cp).EncodeToUtf16(_word.AsSpan(n));
            return _word.AsSpan(0, n);
        }

        public ReadOnlySpan<char> MergeKey(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
        {
            Grow(ref _key, left.Length + right.Length + 1);
            left.CopyTo(_key);
            _key[left.Length] = ' ';
            right.CopyTo(_key.AsSpan(left.Length + 1));
            return _key.AsSpan(0, left.Length + right.Length + 1);
        }

        public MergeSymbol[] Symbols(int count)
        {
            Grow(ref _symbols, count);
            return _symbols;
        }

        /// <summary>One huge input must not keep megabytes alive on every thread that ever saw one.</summary>
        public void TrimIfHuge()
        {
            if (_codepoints.Length <= 1 << 16 && _word.Length <= 1 << 16) return;
            _codepoints = new int[256];
            _flags = new CodepointFlags[256];
            _collapsed = new char[256];
            _word = new char[256];
            _key = new char[256];
            _symbols = new MergeSymbol[256];
            PiecesA.Clear();
            PiecesA.TrimExcess();
            PiecesB.Clear();
            PiecesB.TrimExcess();
            Queue.Clear();
            Queue.TrimExcess();
        }

        private static void Grow<T>(ref T[] array, int length)
        {
            if (array.Length < length) array = new T[Math.Max(length, array.Length * 2)];
        }
    }
}
