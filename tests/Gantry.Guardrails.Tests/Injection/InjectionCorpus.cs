using System.Text.Json;

namespace Gantry.Guardrails.Tests.Injection;

/// <summary>The per-family corpus (src/Gantry.Guardrails/Injection/Training/injection_corpus.jsonl, copied to Data/;
/// built by Data/corpus/build.py).</summary>
internal static class InjectionCorpus
{
    internal sealed record Row(string Text, string Label, string Family, string Source, string Split)
    {
        public bool IsInjection => Label == "injection";
    }

    private static readonly Lazy<IReadOnlyList<Row>> All = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "injection_corpus.jsonl");
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        return [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Row>(l, options)!)];
    });

    public static IReadOnlyList<Row> Rows => All.Value;
}
