namespace Gantry.Security.Keys;

/// <summary>The public half of an API key: 12 lowercase hex digits, safe to log and show in listings.</summary>
public readonly record struct KeyId(string Value)
{
    public const int Length = 12;

    public static bool IsValid(ReadOnlySpan<char> s)
    {
        if (s.Length != Length) return false;
        foreach (var c in s) if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return false;
        return true;
    }

    public override string ToString() => Value;
}
