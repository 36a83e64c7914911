using System.Collections.Frozen;

namespace Gantry.Models.Tokenizers;

/// <summary>
/// The token table shared by both tokenizer models: id ↔ text, scores, attributes, the ids with a
/// fixed role and the end-of-generation set. Immutable after construction, so safe to share across
/// threads. Text lookups take spans so the encoders can probe candidate merges without allocating.
/// </summary>
/// <remarks>
/// Besides the file's token types, llama.cpp marks some tokens by their text (it has no better
/// source for them yet); the same rules are applied here so that special-token parsing and
/// <see cref="IsEndOfGeneration"/> agree with it on the same file.
/// </remarks>
internal sealed class Vocabulary
{
    // Texts llama.cpp treats as an end-of-turn marker when tokenizer.ggml.eot_token_id is absent.
    private static readonly string[] EotTexts =
    [
        "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|end_of_text|>",
        "<EOT>", "_<EOT>", "[EOT]", "<｜end▁of▁sentence｜>", "<end_of_utterance>",
    ];

    private static readonly string[] FimPreTexts = ["<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>", "<｜fim▁begin｜>", "<PRE>", "▁<PRE>", "<|code_prefix|>", "<|prefix|>"];
    private static readonly string[] FimSufTexts = ["<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>", "<｜fim▁hole｜>", "<SUF>", "▁<SUF>", "<|code_suffix|>", "<|suffix|>"];
    private static readonly string[] FimMidTexts = ["<|fim_middle|>", "<fim-middle>", "<fim_middle>", "<｜fim▁end｜>", "<MID>", "▁<MID>", "<|code_middle|>", "<|middle|>"];
    private static readonly string[] FimPadTexts = ["<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]"];
    private static readonly string[] FimRepTexts = ["<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>"];
    private static readonly string[] FimSepTexts = ["<|file_sep|>"];

    // Texts that end generation whatever the metadata says (llama.cpp's special_eog_ids rule).
    private static readonly FrozenSet<string> EogTexts = new[]
    {
        "<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>", "<|flush|>", "<|calls|>",
        "<end_of_turn>", "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>", "_<EOT>", "[EOT]", "[EOS]",
        "<|end_of_text|>", "<end_of_utterance>", "<eos>", "<turn|>", "<|tool_response>",
        "<｜end▁of▁sentence｜>", "[e~[",
    }.ToFrozenSet(StringComparer.Ordinal);

    // gpt-oss: llama.cpp always renders these and matches them in text as added tokens.
    private static readonly string[] AlwaysUserDefinedTexts = ["<|channel|>", "<|message|>", "<|start|>", "<|constrain|>"];

    private readonly string[] _texts;
    private readonly float[] _scores;
    private readonly TokenAttributes[] _attributes;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _idByText;
    private readonly FrozenSet<int> _endOfGeneration;
    private readonly int[] _specialTokensLongestFirst;

    /// <param name="tokens">(n_tokens) token texts; empty ones are renamed <c>[EMPTY_i]</c> as llama.cpp does.</param>
    /// <param name="scores">(n_tokens) or null for all zero.</param>
    /// <param name="tokenTypes">(n_tokens) <see cref="GgufTokenType"/> values, or null for all Normal.</param>
    /// <param name="ids">Role ids already resolved against defaults; EOT/EOM are auto-detected here when -1.</param>
    /// <param name="modelName"><c>general.name</c>, for llama.cpp's per-model strip rules.</param>
    public Vocabulary(string[] tokens, float[]? scores, int[]? tokenTypes, SpecialTokenIds ids, string? modelName = null)
    {
        var n = tokens.Length;
        if (scores is not null && scores.Length < n)
            throw TokenizerErrors.Format($"tokenizer.ggml.scores has {scores.Length} entries for {n} tokens");
        if (tokenTypes is not null && tokenTypes.Length < n)
            throw TokenizerErrors.Format($"tokenizer.ggml.token_type has {tokenTypes.Length} entries for {n} tokens");

        _texts = new string[n];
        _scores = new float[n];
        _attributes = new TokenAttributes[n];
        var idByText = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var text = string.IsNullOrEmpty(tokens[i]) ? "[EMPTY_" + i + "]" : tokens[i];
            if (!idByText.TryAdd(text, i))
                throw TokenizerErrors.Format($"duplicate token in vocabulary: '{text}' has ids {idByText[text]} and {i}");
            _texts[i] = text;
            _scores[i] = scores?[i] ?? 0f;
            _attributes[i] = tokenTypes is null ? TokenAttributes.Normal : ((GgufTokenType)tokenTypes[i]).ToAttributes();
        }
        _idByText = idByText.GetAlternateLookup<ReadOnlySpan<char>>();

        // Auto-detect role tokens by text when the file does not name them; a detected token
        // must act as a control token (llama.cpp overrides its type the same way).
        if (ids.Eot < 0) ids = ids with { Eot = MarkControl(FirstWithText(EotTexts)) };
        if (ids.Eom < 0) ids = ids with { Eom = MarkControl(FirstWithText(["<|eom_id|>"])) };
        if (ids.FimPad < 0) ids = ids with { FimPad = MarkControl(FirstWithText(FimPadTexts)) };
        if (ids.FimRep < 0) ids = ids with { FimRep = MarkControl(FirstWithText(FimRepTexts)) };
        if (ids.FimSep < 0) ids = ids with { FimSep = MarkControl(FirstWithText(FimSepTexts)) };
        if (ids.FimPre < 0) MarkControl(FirstWithText(FimPreTexts));
        if (ids.FimSuf < 0) MarkControl(FirstWithText(FimSufTexts));
        if (ids.FimMid < 0) MarkControl(FirstWithText(FimMidTexts));

        // Control tokens named "...unused..." are placeholders (Gemma's <unused0>, ...).
        for (var i = 0; i < n; i++)
            if ((_attributes[i] & TokenAttributes.Control) != 0 && _texts[i].Contains("unused", StringComparison.Ordinal))
                _attributes[i] |= TokenAttributes.Unused;

        var eog = new HashSet<int>();
        foreach (var id in (ReadOnlySpan<int>)[ids.FimPad, ids.FimRep, ids.FimSep])
            if (id >= 0) eog.Add(id);
        for (var i = 0; i < n; i++)
        {
            if (!EogTexts.Contains(_texts[i])) continue;
            eog.Add(i);
            MarkControl(i);
        }
        foreach (var text in AlwaysUserDefinedTexts)
            if (idByText.TryGetValue(text, out var id)) _attributes[id] = TokenAttributes.UserDefined;
        foreach (var id in (ReadOnlySpan<int>)[ids.Eos, ids.Eot, ids.Eom])
            if (id >= 0) eog.Add(id);
        RemoveHarmonyEnd(eog);
        _endOfGeneration = eog.ToFrozenSet();
        Ids = ids;

        // Tokens matched in raw text before the model splits it, longest first so that a token
        // containing another wins. llama.cpp's sort is unstable; ties are broken by id here.
        _specialTokensLongestFirst = Enumerable.Range(0, n)
            .Where(i => (_attributes[i] & (TokenAttributes.Control | TokenAttributes.UserDefined | TokenAttributes.Unknown)) != 0)
            .OrderByDescending(i => System.Text.Encoding.UTF8.GetByteCount(_texts[i]))
            .ThenBy(i => i)
            .ToArray();

        ApplyModelRules(modelName, idByText);
    }

    public int Count => _texts.Length;

    public SpecialTokenIds Ids { get; }

    /// <summary>Control, user-defined and unknown tokens, longest text first (llama.cpp's cache_special_tokens).</summary>
    public ReadOnlySpan<int> SpecialTokensLongestFirst => _specialTokensLongestFirst;

    public string Text(int id) => _texts[id];

    public float Score(int id) => _scores[id];

    public TokenAttributes Attributes(int id) => _attributes[id];

    public bool IsEndOfGeneration(int id) => _endOfGeneration.Contains(id);

    /// <summary>The id whose text is exactly <paramref name="text"/>, or -1.</summary>
    public int Find(ReadOnlySpan<char> text) => _idByText.TryGetValue(text, out var id) ? id : -1;

    // Phi-3's chat markers swallow the whitespace after them (llama.cpp sets RSTRIP by model name;
    // the GGUF has no field for it). The other name rules in llama.cpp concern BERT-style models.
    private void ApplyModelRules(string? modelName, Dictionary<string, int> idByText)
    {
        var name = modelName?.ToLowerInvariant() ?? "";
        if (!name.Contains("phi-3", StringComparison.Ordinal) && !name.Contains("phi3", StringComparison.Ordinal)) return;
        foreach (var id in _specialTokensLongestFirst) _attributes[id] |= TokenAttributes.RStrip;
        SetRStrip("</s>", true);
        foreach (var text in (ReadOnlySpan<string>)["<unk>", "<s>", "<|endoftext|>"]) SetRStrip(text, false);

        void SetRStrip(string text, bool on)
        {
            // llama.cpp uses token_to_id.at() here and fails to load a Phi-3 file without these tokens.
            if (!idByText.TryGetValue(text, out var id)) throw TokenizerErrors.Format($"Phi-3 vocabulary without '{text}'");
            _attributes[id] = on ? _attributes[id] | TokenAttributes.RStrip : _attributes[id] & ~TokenAttributes.RStrip;
        }
    }

    private int FirstWithText(ReadOnlySpan<string> candidates)
    {
        // llama.cpp takes whichever its hash map yields first; the lowest id is the stable choice.
        var best = -1;
        foreach (var text in candidates)
        {
            var id = Find(text);
            if (id >= 0 && (best < 0 || id < best)) best = id;
        }
        return best;
    }

    private int MarkControl(int id)
    {
        if (id >= 0) _attributes[id] |= TokenAttributes.Control;
        return id;
    }

    // o200k_harmony and solar-open use <|end|> between messages, not to stop: llama.cpp drops it
    // from the EOG set when the vocabulary also has their real stop tokens.
    private void RemoveHarmonyEnd(HashSet<int> eog)
    {
        bool hasReturn = false, hasCall = false, hasFlush = false;
        var endId = -1;
        foreach (var id in eog)
        {
            switch (_texts[id])
            {
                case "<|return|>": hasReturn = true; break;
                case "<|call|>" or "<|calls|>": hasCall = true; break;
                case "<|flush|>": hasFlush = true; break;
                case "<|end|>": endId = id; break;
            }
        }
        if (endId >= 0 && hasCall && (hasReturn || hasFlush))
        {
            eog.Remove(endId);
            _attributes[endId] = TokenAttributes.UserDefined;
        }
    }
}
