using System.Security.Cryptography;
using System.Text;

namespace Gantry.Security.Keys;

/// <summary>
/// Salted hashes of key secrets: HMAC-SHA256 keyed by a random 16-byte per-key salt. A slow password KDF (PBKDF2,
/// Argon2) exists to make guessing low-entropy human passwords expensive; our secrets are 256 random bits, so no
/// dictionary or brute force can reach them and a fast hash costs an attacker holding the database nothing extra —
/// while keeping the per-request verification cost in microseconds. The salt stops equal secrets from producing equal
/// rows and rules out precomputed tables.
/// </summary>
public static class KeyHasher
{
    public const int SaltBytes = 16;

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    public static byte[] Hash(ReadOnlySpan<byte> salt, string secret)
    {
        Span<byte> secretBytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(secret.Length)];
        var n = Encoding.UTF8.GetBytes(secret, secretBytes);
        var hash = HMACSHA256.HashData(salt, secretBytes[..n]);
        CryptographicOperations.ZeroMemory(secretBytes);
        return hash;
    }

    /// <summary>Constant-time in the hash contents, so response timing says nothing about how close a guess was.</summary>
    public static bool Verify(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> expectedHash, string secret) =>
        CryptographicOperations.FixedTimeEquals(Hash(salt, secret), expectedHash);
}
