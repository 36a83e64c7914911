namespace Gantry.Models.Tokenizers;

/// <summary>
/// The tokenizer part of a GGUF file as plain arrays, before any llama.cpp defaults are applied.
/// <see cref="TokenizerFactory"/> fills it from <c>tokenizer.ggml.*</c> metadata; tests build it by hand.
/// A null id or flag means "key absent", so the model-specific default applies.
/// </summary>
internal sealed class TokenizerData
{
    /// <summary><c>tokenizer.ggml.model</c>: "llama" (SentencePiece) or "gpt2" (byte-level BPE).</summary>
    public required string Model { get; init; }

    /// <summary><c>tokenizer.ggml.pre</c>; only read for "gpt2".</summary>
    public string? Pre { get; init; }

    public required string[] Tokens { get; init; }

    /// <summary>(n_tokens) SentencePiece merge priorities; higher merges first.</summary>
    public float[]? Scores { get; init; }

    /// <summary>(n_tokens) <see cref="GgufTokenType"/> values.</summary>
    public int[]? TokenTypes { get; init; }

    /// <summary>BPE merges "left right", rank = index.</summary>
    public string[]? Merges { get; init; }

    public int? BosId { get; init; }
    public int? EosId { get; init; }
    public int? EotId { get; init; }
    public int? EomId { get; init; }
    public int? UnkId { get; init; }
    public int? SepId { get; init; }
    public int? PadId { get; init; }
    public int? FimPreId { get; init; }
    public int? FimSufId { get; init; }
    public int? FimMidId { get; init; }
    public int? FimPadId { get; init; }
    public int? FimRepId { get; init; }
    public int? FimSepId { get; init; }

    public bool? AddBos { get; init; }
    public bool? AddEos { get; init; }

    /// <summary><c>general.name</c>: llama.cpp gives Phi-3's special tokens a right-strip rule by name.</summary>
    public string? ModelName { get; init; }

    /// <summary><c>tokenizer.ggml.add_space_prefix</c>.</summary>
    public bool? AddSpacePrefix { get; init; }
}
