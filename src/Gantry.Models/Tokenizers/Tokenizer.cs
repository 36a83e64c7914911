using System.Globalization;
using System.Text;

namespace Gantry.Models.Tokenizers;

/// <summary>
/// The shared half of every tokenizer: special-token splitting, BOS/EOS, token bytes and EOG,
/// around a model-specific <see cref="ITokenModel"/> (llama.cpp's llama_vocab::impl::tokenize and token_to_piece).
/// </summary>
internal sealed class Tokenizer : ITokenizer
{
    private readonly Vocabulary _vocabulary;
    private readonly ITokenModel _model;
    private readonly byte[] _pieceBytes;   // all token pieces back to back (rendered as if special)
    private readonly int[] _pieceOffsets;  // (n_tokens + 1) start of each piece in _pieceBytes

    public Tokenizer(Vocabulary vocabulary, ITokenModel model, bool addBos, bool addEos, bool addSpacePrefix, bool cleanSpaces)
    {
        _vocabulary = vocabulary;
        _model = model;
        AddBos = addBos;
        AddEos = addEos;
        AddSpacePrefix = addSpacePrefix;
        CleanSpaces = cleanSpaces;
        if (addBos && vocabulary.Ids.Bos < 0) throw TokenizerErrors.Format("tokenizer.ggml.add_bos_token is true, but tokenizer.ggml.bos_token_id is not set");
        if (addEos && vocabulary.Ids.Eos < 0) throw TokenizerErrors.Format("tokenizer.ggml.add_eos_token is true, but tokenizer.ggml.eos_token_id is not set");

        var pieces = new byte[vocabulary.Count][];
        _pieceOffsets = new int[vocabulary.Count + 1];
        for (var id = 0; id < pieces.Length; id++)
        {
            pieces[id] = Piece(id);
            _pieceOffsets[id + 1] = _pieceOffsets[id] + pieces[id].Length;
        }
        _pieceBytes = new byte[_pieceOffsets[^1]];
        for (var id = 0; id < pieces.Length; id++) pieces[id].CopyTo(_pieceBytes, _pieceOffsets[id]);
    }

    public int VocabSize => _vocabulary.Count;
    public int BosId => _vocabulary.Ids.Bos;
    public int EosId => _vocabulary.Ids.Eos;
    public bool AddBos { get; }
    public bool AddEos { get; }
    public bool AddSpacePrefix { get; }
    public bool CleanSpaces { get; }

    [ThreadStatic] private static List<TextFragment>? t_fragments;
    [ThreadStatic] private static List<int>? t_output;

    public int[] Encode(string text, bool addSpecial, bool parseSpecial)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = ReplaceLoneSurrogates(text);
        var fragments = t_fragments ??= [];
        var output = t_output ??= [];
        output.Clear();

        SpecialTokenSplitter.Split(_vocabulary, text, parseSpecial, fragments);

        if (addSpecial && AddBos) output.Add(_vocabulary.Ids.Bos);
        var startsSegment = true; // the first fragment, or one right after a special token
        foreach (var fragment in fragments)
        {
            if (fragment.IsText)
            {
                _model.Encode(text.AsSpan(fragment.Start, fragment.Length), startsSegment, output);
                startsSegment = false;
            }
            else
            {
                output.Add(fragment.TokenId);
                startsSegment = true;
            }
        }
        if (addSpecial && AddEos) output.Add(_vocabulary.Ids.Eos);

        var result = output.ToArray();
        output.Clear();
        if (output.Capacity > 1 << 16) output.Capacity = 1 << 10; // do not keep a huge buffer alive per thread
        return result;
    }

    public ReadOnlySpan<byte> TokenBytes(int id, bool renderSpecial = false)
    {
        CheckId(id);
        if (!renderSpecial && (_vocabulary.Attributes(id) & (TokenAttributes.Control | TokenAttributes.Unknown)) != 0) return default;
        return _pieceBytes.AsSpan(_pieceOffsets[id], _pieceOffsets[id + 1] - _pieceOffsets[id]);
    }

    public bool IsEndOfGeneration(int id) => id >= 0 && id < VocabSize && _vocabulary.IsEndOfGeneration(id);

    public string TokenText(int id)
    {
        CheckId(id);
        return _vocabulary.Text(id);
    }

    public TokenAttributes GetAttributes(int id)
    {
        CheckId(id);
        return _vocabulary.Attributes(id);
    }

    // llama.cpp's token_to_piece with special = true; TokenBytes hides control/unknown on request.
    private byte[] Piece(int id)
    {
        var attributes = _vocabulary.Attributes(id);
        var text = _vocabulary.Text(id);
        if ((attributes & (TokenAttributes.Control | TokenAttributes.Unknown | TokenAttributes.UserDefined)) != 0)
            return Encoding.UTF8.GetBytes(text);
        if ((attributes & TokenAttributes.Normal) != 0) return _model.NormalTokenBytes(text);
        if ((attributes & TokenAttributes.Byte) != 0)
        {
            // "<0xNN>": llama.cpp reads the two chars after "<0x" as hex.
            var hex = text.Length >= 5 ? text.AsSpan(3, 2) : default;
            return [byte.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b) ? b : (byte)0];
        }
        return []; // unused and undefined tokens decode to nothing
    }

    private void CheckId(int id)
    {
        if ((uint)id >= (uint)VocabSize) throw new ArgumentOutOfRangeException(nameof(id), id, $"token id outside the vocabulary of {VocabSize}");
    }

    private static string ReplaceLoneSurrogates(string text)
    {
        // Fast path: a well-formed string is used as is. Otherwise each lone surrogate becomes
        // U+FFFD, which is what Encoding.UTF8 hands llama.cpp for the same string.
        if (IsWellFormed(text)) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes()) sb.Append(rune.ToString());
        return sb.ToString();
    }

    private static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        var at = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (at < 0) return true;
        for (var i = at; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i])) continue;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            return false;
        }
        return true;
    }
}
