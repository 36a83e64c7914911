using System.Security.Cryptography;

namespace Gantry.Security.Keys;

/// <summary>
/// A full API key as the client presents it: <c>gk-&lt;id&gt;-&lt;secret&gt;</c>. The id (48 random bits, hex) finds the stored
/// row; the secret (256 random bits, hex) is verified against that row's salted hash. Only <see cref="KeyHasher"/> and the
/// one-time print in <c>gantry keys create</c> ever see <see cref="Secret"/>.
/// </summary>
public sealed record ApiKey(KeyId Id, string Secret)
{
    public const string Prefix = "gk-";
    public const int SecretLength = 64;

    public static ApiKey Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyId.Length / 2));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretLength / 2));
        return new ApiKey(new KeyId(id), secret);
    }

    /// <summary>Parses a presented key; null for anything not shaped like one (which is answered 401 like a wrong key).</summary>
    public static ApiKey? TryParse(ReadOnlySpan<char> text)
    {
        if (text.Length != Prefix.Length + KeyId.Length + 1 + SecretLength || !text.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var id = text.Slice(Prefix.Length, KeyId.Length);
        if (!KeyId.IsValid(id) || text[Prefix.Length + KeyId.Length] != '-') return null;
        var secret = text[(Prefix.Length + KeyId.Length + 1)..];
        foreach (var c in secret) if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return null;
        return new ApiKey(new KeyId(id.ToString()), secret.ToString());
    }

    /// <summary>The text to hand to the user exactly once.</summary>
    public string Reveal() => $"{Prefix}{Id.Value}-{Secret}";

    /// <summary>Never the secret: records are logged and printed by accident more often than on purpose.</summary>
    public override string ToString() => $"{Prefix}{Id.Value}-***";
}
