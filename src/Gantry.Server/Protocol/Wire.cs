using System.Text;

namespace Gantry.Server.Protocol;

/// <summary>Small conversions between engine values and their wire form.</summary>
internal static class Wire
{
    public static string FinishReason(Engine.FinishReason reason) => reason switch
    {
        Engine.FinishReason.Length => "length",
        Engine.FinishReason.Error => "error",
        Engine.FinishReason.Cancelled => "cancelled",
        _ => "stop",
    };

    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N");

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>A token's text for log-probability reports (lossy where the token is part of a multi-byte character).</summary>
    public static string TokenText(Models.Tokenizers.ITokenizer tokenizer, int id) => Encoding.UTF8.GetString(tokenizer.TokenBytes(id));

    public static int[] TokenBytes(Models.Tokenizers.ITokenizer tokenizer, int id)
    {
        var bytes = tokenizer.TokenBytes(id);
        var ints = new int[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) ints[i] = bytes[i];
        return ints;
    }
}
