namespace Gantry.Guardrails.Pipeline;

/// <summary>
/// The text form of per-check modes that keys, the admin API and <c>gantry serve</c> share:
/// <c>injection=block,pii=redact</c>, with <c>all=MODE</c> setting every built-in check (later items win).
/// Checks a spec does not name keep the baseline's mode (<see cref="ApplyTo"/>).
/// </summary>
public static class GuardrailModeSpec
{
    /// <summary>The pseudo-check that sets every built-in check.</summary>
    public const string All = "all";

    /// <summary>Parses a spec; throws <see cref="FormatException"/> naming the bad item. Whitespace around items is ignored.</summary>
    public static IReadOnlyDictionary<string, GuardrailMode> Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var modes = new Dictionary<string, GuardrailMode>(StringComparer.Ordinal);
        foreach (var item in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = item.IndexOf('=');
            if (eq <= 0) throw new FormatException($"guardrails: expected CHECK=MODE (got '{item}')");
            var check = item[..eq].Trim().ToLowerInvariant();
            var mode = GuardrailPolicy.ParseMode(item[(eq + 1)..].Trim());
            if (check == All)
            {
                foreach (var name in GuardrailCheckNames.All) modes[name] = mode;
            }
            else if (GuardrailCheckNames.All.Contains(check)) modes[check] = mode;
            else throw new FormatException($"guardrails: unknown check '{check}' (one of {string.Join(", ", GuardrailCheckNames.All)}, or {All})");
        }
        if (modes.Count == 0) throw new FormatException("guardrails: the spec names no check (e.g. injection=block,pii=redact)");
        return modes;
    }

    /// <summary>The canonical text of <paramref name="modes"/>: built-in checks in pipeline order, lowercase modes.</summary>
    public static string Format(IReadOnlyDictionary<string, GuardrailMode> modes)
    {
        ArgumentNullException.ThrowIfNull(modes);
        return string.Join(',', GuardrailCheckNames.All.Where(modes.ContainsKey).Select(n => $"{n}={Name(modes[n])}"));
    }

    /// <summary><c>off</c>, <c>flag</c>, <c>redact</c> or <c>block</c>.</summary>
    public static string Name(GuardrailMode mode) => mode switch
    {
        GuardrailMode.Off => "off",
        GuardrailMode.Flag => "flag",
        GuardrailMode.Redact => "redact",
        _ => "block",
    };

    /// <summary>The baseline's modes with <paramref name="overrides"/> laid on top; every built-in check is named.</summary>
    public static IReadOnlyDictionary<string, GuardrailMode> ApplyTo(GuardrailPolicy baseline, IReadOnlyDictionary<string, GuardrailMode>? overrides)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var modes = new Dictionary<string, GuardrailMode>(StringComparer.Ordinal);
        foreach (var name in GuardrailCheckNames.All)
            modes[name] = overrides is not null && overrides.TryGetValue(name, out var m) ? m : baseline.ModeFor(name);
        return modes;
    }
}
