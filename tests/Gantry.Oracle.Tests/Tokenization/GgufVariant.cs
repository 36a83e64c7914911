using Gantry.Models.Gguf;

namespace Gantry.Oracle.Tests.Tokenization;

/// <summary>
/// Writes a vocab-only copy of a real GGUF's metadata (no tensors) with changes, to test tokenizer
/// settings no shared model has: extra added tokens, another model name, other flags.
/// </summary>
public static class GgufVariant
{
    public static void Write(string sourcePath, string path, Action<GgufWriter, GgufMetadata> modify)
    {
        using var source = GgufFile.Open(sourcePath);
        var writer = new GgufWriter();
        foreach (var key in source.Metadata.Keys)
            if (source.Metadata.TryGetValue(key, out var value)) writer.Set(key, value);
        modify(writer, source.Metadata);
        writer.WriteTo(path);
    }

    /// <summary>Appends tokens of the given GGUF token types (score 0) to the vocabulary.</summary>
    public static void AddTokens(GgufWriter writer, GgufMetadata metadata, params (string Text, int Type)[] added)
    {
        const string p = "tokenizer.ggml.";
        writer.Set(p + "tokens", metadata.GetStringArray(p + "tokens").Concat(added.Select(a => a.Text)).ToArray());
        writer.Set(p + "scores", metadata.GetFloatArray(p + "scores").Concat(added.Select(_ => 0f)).ToArray());
        writer.Set(p + "token_type", metadata.GetInt32Array(p + "token_type").Concat(added.Select(a => a.Type)).ToArray());
    }
}
