namespace Gantry.Server.Configuration;

/// <summary>The start-time checks of <see cref="ServerOptions.Cascades"/>, part of <see cref="ServerOptionsValidator"/>.</summary>
internal static class CascadeChecks
{
    public static void Add(ServerOptions o, List<OptionProblem> problems)
    {
        if (!double.IsFinite(o.CascadeMinMeanLogProb))
            problems.Add(new OptionProblem(nameof(o.CascadeMinMeanLogProb), $"must be a finite number (got {o.CascadeMinMeanLogProb})"));
        if (o.Cascades.Count == 0) return;
        var served = o.Models.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in o.Cascades)
        {
            void Problem(string message) => problems.Add(new OptionProblem(nameof(o.Cascades), $"'{c.Name}' {message}"));
            if (!seen.Add(c.Name)) Problem("is named twice");
            if (served.Contains(c.Name)) Problem("is also a served model's name; give the cascade a name of its own");
            foreach (var model in new[] { c.Small, c.Large }.Distinct())
                if (!served.Contains(model)) Problem($"names '{model}', which is not a served model");
            if (c.MinMeanLogProb is { } min && !double.IsFinite(min)) Problem($"has a threshold that is not a finite number ({min})");
        }
    }
}
