using Gantry.Models.Gguf;

namespace Gantry.Models.Tokenizers;

public static partial class TokenizerFactory
{
    /// <summary>
    /// Builds the tokenizer described by a file's <c>tokenizer.ggml.*</c> keys. Refuses, with a
    /// <see cref="ModelFormatException"/> naming the value, a <c>tokenizer.ggml.model</c> other than
    /// "llama" or "gpt2" and a <c>tokenizer.ggml.pre</c> it does not implement.
    /// </summary>
    public static ITokenizer FromGguf(GgufMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        const string p = "tokenizer.ggml.";
        return Create(new TokenizerData
        {
            Model = metadata.GetString(p + "model"),
            Pre = metadata.GetStringOrNull(p + "pre"),
            Tokens = metadata.GetStringArray(p + "tokens"),
            Scores = metadata.Contains(p + "scores") ? ReadScores(metadata, p + "scores") : null,
            TokenTypes = metadata.Contains(p + "token_type") ? metadata.GetInt32Array(p + "token_type") : null,
            Merges = metadata.Contains(p + "merges") ? metadata.GetStringArray(p + "merges") : null,
            BosId = Id(metadata, p + "bos_token_id"),
            EosId = Id(metadata, p + "eos_token_id"),
            EotId = Id(metadata, p + "eot_token_id"),
            EomId = Id(metadata, p + "eom_token_id"),
            UnkId = Id(metadata, p + "unknown_token_id"),
            SepId = Id(metadata, p + "seperator_token_id"), // sic: the key GGUF defines
            PadId = Id(metadata, p + "padding_token_id"),
            FimPreId = Id(metadata, p + "fim_pre_token_id") ?? Id(metadata, p + "prefix_token_id"),
            FimSufId = Id(metadata, p + "fim_suf_token_id") ?? Id(metadata, p + "suffix_token_id"),
            FimMidId = Id(metadata, p + "fim_mid_token_id") ?? Id(metadata, p + "middle_token_id"),
            FimPadId = Id(metadata, p + "fim_pad_token_id"),
            FimRepId = Id(metadata, p + "fim_rep_token_id"),
            FimSepId = Id(metadata, p + "fim_sep_token_id"),
            AddBos = Flag(metadata, p + "add_bos_token"),
            AddEos = Flag(metadata, p + "add_eos_token"),
            AddSpacePrefix = Flag(metadata, p + "add_space_prefix"),
            ModelName = metadata.Contains("general.name") ? metadata.GetStringOrNull("general.name") : null,
        });
    }

    /// <summary>Reads the tokenizer of the GGUF file at <paramref name="path"/>.</summary>
    public static ITokenizer FromGguf(string path)
    {
        using var file = GgufFile.Open(path);
        return FromGguf(file.Metadata);
    }

    // llama.cpp accepts float32 or int32 scores.
    private static float[] ReadScores(GgufMetadata metadata, string key) =>
        metadata[key].Value is int[] ints ? Array.ConvertAll(ints, x => (float)x) : metadata.GetFloatArray(key);

    private static int? Id(GgufMetadata metadata, string key) =>
        metadata.TryGetInteger(key, out var id) ? (id is >= 0 and <= int.MaxValue ? (int)id : -1) : null;

    private static bool? Flag(GgufMetadata metadata, string key) => metadata.Contains(key) ? metadata.GetBool(key, false) : null;
}
