using System.Security.Cryptography;
using Gantry.Models;
using Gantry.Models.Gguf;

namespace Gantry.Server.Lifecycle;

/// <summary>Reads what the registry records about a GGUF file: SHA-256, size, architecture and dominant quantization.</summary>
public static class ModelFileInspector
{
    /// <summary>Inspects <paramref name="path"/>; throws <see cref="ModelLifecycleException"/> (400) when it is missing or not GGUF.</summary>
    public static ModelVersion Inspect(string name, string version, string path, string? notes, DateTimeOffset now)
    {
        if (!File.Exists(path)) throw ModelLifecycleException.Invalid($"file not found: {path}", "path");
        string architecture, quantization;
        try
        {
            using var file = GgufFile.Open(path);
            architecture = file.Metadata.GetStringOrNull("general.architecture") ?? "unknown";
            quantization = Dominant(file);
        }
        catch (Exception e) when (e is ModelFormatException or NotSupportedException or EndOfStreamException or ArgumentException or IOException)
        {
            throw ModelLifecycleException.Invalid($"'{path}' is not a readable GGUF file: {e.Message}", "path");
        }
        using var stream = File.OpenRead(path);
        return new ModelVersion(name, version, Path.GetFullPath(path), Hash(stream), architecture, quantization, stream.Length, now, notes);
    }

    /// <summary>Lowercase hex SHA-256 of a stream's remaining bytes.</summary>
    public static string Hash(Stream stream) => Convert.ToHexStringLower(SHA256.HashData(stream));

    /// <summary>The tensor type with the most bytes among the 2-D weight matrices (the model's quantization).</summary>
    private static string Dominant(GgufFile file) =>
        file.Tensors.Where(t => t.Shape.Length >= 2).GroupBy(t => t.Type).Select(g => (g.Key, Bytes: g.Sum(t => t.ByteSize)))
            .OrderByDescending(x => x.Bytes).Select(x => x.Key.ToString()).FirstOrDefault() ?? "unknown";
}
