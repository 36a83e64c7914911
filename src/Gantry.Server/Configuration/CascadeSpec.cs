using System.Globalization;

namespace Gantry.Server.Configuration;

/// <summary>
/// One cascade route (<c>--cascade NAME=SMALL,LARGE[,MIN_LOGPROB]</c>): requests for <see cref="Name"/> are answered by
/// the served model <see cref="Small"/> first and by <see cref="Large"/> when the small model's answer falls short
/// (see <c>CascadePolicy</c>). <see cref="MinMeanLogProb"/> null takes the server's <c>--cascade-min-logprob</c>.
/// </summary>
public sealed record CascadeSpec(string Name, string Small, string Large, double? MinMeanLogProb = null)
{
    /// <exception cref="ArgumentException">Not of that form, a bad name, or a threshold that is not a finite number.</exception>
    public static CascadeSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var eq = text.IndexOf('=');
        var parts = eq > 0 ? text[(eq + 1)..].Split(',') : [];
        if (parts.Length is not (2 or 3) || parts[0].Length == 0 || parts[1].Length == 0)
            throw new ArgumentException($"'{text}' is not NAME=SMALL,LARGE[,MIN_LOGPROB]", nameof(text));
        var name = text[..eq];
        if (!LoraSpec.IsValidName(name)) throw new ArgumentException($"cascade name '{name}' may hold letters, digits, '.', '_' and '-' only", nameof(text));
        double? min = null;
        if (parts.Length == 3)
        {
            if (!double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                throw new ArgumentException($"'{parts[2]}' in '{text}' is not a finite number (the least mean token log-probability)", nameof(text));
            min = value;
        }
        return new CascadeSpec(name, parts[0], parts[1], min);
    }
}
