namespace Gantry.Engine.Costs;

/// <summary>A model's price per million tokens, prompt (input) and completion (output) priced apart.</summary>
public readonly record struct TokenPrice(double InputPerMillion, double OutputPerMillion);

/// <summary>
/// The figures that turn counted work into energy, carbon and money: the CPU's power draw while serving, the grid's
/// carbon intensity and a price table by model name. Zero (or no price) makes that part of every cost zero.
/// </summary>
public sealed record CostSettings
{
    /// <summary>Watts the CPU draws while the engine computes (e.g. a socket's TDP share).</summary>
    public double CpuWatts { get; init; }

    /// <summary>Grams of CO₂-equivalent per kWh of the electricity used.</summary>
    public double GridGco2PerKwh { get; init; }

    /// <summary>Price per 1M tokens by served model name; a model without an entry costs nothing.</summary>
    public IReadOnlyDictionary<string, TokenPrice> Prices { get; init; } = new Dictionary<string, TokenPrice>(StringComparer.Ordinal);

    /// <summary>
    /// Parses <c>MODEL=IN,OUT</c> (prices per 1M prompt and completion tokens).
    /// </summary>
    /// <exception cref="FormatException">Not of that form, or a price that is negative or not a number.</exception>
    public static KeyValuePair<string, TokenPrice> ParsePrice(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var eq = spec.LastIndexOf('=');
        var parts = eq > 0 ? spec[(eq + 1)..].Split(',') : [];
        if (parts.Length != 2
            || !double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var input)
            || !double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var output)
            || !(input >= 0) || !(output >= 0) || double.IsInfinity(input) || double.IsInfinity(output))
            throw new FormatException($"'{spec}' is not MODEL=IN,OUT with non-negative prices per 1M tokens");
        return new(spec[..eq], new TokenPrice(input, output));
    }

    /// <summary>
    /// Parses a price table file's text: one <c>MODEL=IN,OUT</c> a line (see <see cref="ParsePrice"/>; spaces around
    /// the parts allowed), blank lines and <c>#</c> comments skipped.
    /// </summary>
    /// <exception cref="FormatException">A malformed line (its number is in the message) or a model priced twice.</exception>
    public static IReadOnlyDictionary<string, TokenPrice> ParsePriceTable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var table = new Dictionary<string, TokenPrice>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var hash = lines[i].IndexOf('#');
            var line = (hash >= 0 ? lines[i][..hash] : lines[i]).Replace(" ", "", StringComparison.Ordinal).Trim();
            if (line.Length == 0) continue;
            KeyValuePair<string, TokenPrice> entry;
            try
            {
                entry = ParsePrice(line);
            }
            catch (FormatException e)
            {
                throw new FormatException($"line {i + 1}: {e.Message}", e);
            }
            if (!table.TryAdd(entry.Key, entry.Value)) throw new FormatException($"line {i + 1}: prices model '{entry.Key}' twice");
        }
        return table;
    }
}
