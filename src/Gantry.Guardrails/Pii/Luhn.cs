namespace Gantry.Guardrails.Pii;

/// <summary>The Luhn (mod 10) checksum every payment card number satisfies.</summary>
public static class Luhn
{
    /// <summary>Whether the digits of <paramref name="number"/> (other characters skipped) pass the Luhn check.
    /// Fewer than two digits never pass.</summary>
    public static bool IsValid(ReadOnlySpan<char> number)
    {
        int sum = 0, count = 0;
        for (var i = number.Length - 1; i >= 0; i--)
        {
            var c = number[i];
            if (!char.IsAsciiDigit(c)) continue;
            var d = c - '0';
            if ((count & 1) == 1)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            count++;
        }
        return count >= 2 && sum % 10 == 0;
    }
}
