using System.Text.Json;

namespace Gantry.Guardrails.Tests.Injection;

/// <summary>
/// The independent evaluation set (bench/data/injection-independent/v1.jsonl, written by an author who had not read
/// the detector) parses and has the composition its README states. Deliberately no detector scores here: the set is
/// for measurement in bench/, and a test that asserted scores on it would invite tuning to it.
/// </summary>
public sealed class IndependentSetTests
{
    private sealed record Row(string Id, string Text, string Label, string Family, string Source, string Style, string Language, string Origin);

    private static readonly Lazy<IReadOnlyList<Row>> Rows = new(() =>
    {
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "injection-independent-v1.jsonl");
        return [.. File.ReadLines(path).Select(l => JsonSerializer.Deserialize<Row>(l, options)!)];
    });

    /// <summary>(attack, benign) rows per family, as in bench/data/injection-independent/README.md.</summary>
    private static readonly Dictionary<string, (int Attack, int Benign)> StatedComposition = new()
    {
        ["multilingual"] = (52, 47), ["encoded"] = (37, 19), ["indirect"] = (43, 34), ["persona"] = (21, 17),
        ["extraction"] = (20, 13), ["policy_rewrite"] = (20, 13), ["output_hijack"] = (21, 12),
        ["about_injection"] = (0, 33), ["code"] = (0, 20), ["support"] = (0, 12),
    };

    [Fact]
    public void Load_EveryLine_HasTextLabelFamilyLanguageAndOrigin()
    {
        Assert.NotEmpty(Rows.Value);
        foreach (var r in Rows.Value)
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Text), r.Id);
            Assert.Contains(r.Label, new[] { "attack", "benign" });
            Assert.Contains(r.Origin, new[] { "user", "content" });
            Assert.True(StatedComposition.ContainsKey(r.Family), $"{r.Id}: unknown family {r.Family}");
            Assert.Matches("^[a-z]{2}$", r.Language);
            Assert.False(string.IsNullOrWhiteSpace(r.Source), r.Id);
            Assert.StartsWith($"{r.Label}-{r.Family}-", r.Id);
        }
    }

    [Fact]
    public void Composition_PerFamilyAndLabel_MatchesTheReadme()
    {
        var actual = Rows.Value.GroupBy(r => r.Family).ToDictionary(
            g => g.Key, g => (Attack: g.Count(r => r.Label == "attack"), Benign: g.Count(r => r.Label == "benign")));
        Assert.Equal(StatedComposition.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
        Assert.Equal(214, Rows.Value.Count(r => r.Label == "attack"));
        Assert.Equal(220, Rows.Value.Count(r => r.Label == "benign"));
    }

    [Fact]
    public void MultilingualAttacks_CoverAtLeastTenLanguagesBesidesEnglish()
    {
        var languages = Rows.Value.Where(r => r is { Label: "attack", Family: "multilingual" } && r.Language != "en")
            .Select(r => r.Language).Distinct().Count();
        Assert.True(languages >= 10, $"{languages} languages");
    }

    [Fact]
    public void IdsAndTexts_AreUnique()
    {
        Assert.Equal(Rows.Value.Count, Rows.Value.Select(r => r.Id).Distinct().Count());
        Assert.Equal(Rows.Value.Count, Rows.Value.Select(r => r.Text).Distinct().Count());
    }

    [Fact]
    public void ContentBorneRows_AppearInBothLabels()
    {
        // Indirect injection is judged against documents that carry ordinary imperatives, so both labels need content rows.
        Assert.Contains(Rows.Value, r => r is { Label: "attack", Origin: "content" });
        Assert.Contains(Rows.Value, r => r is { Label: "benign", Origin: "content" });
        Assert.All(Rows.Value.Where(r => r.Family == "indirect"), r => Assert.Equal("content", r.Origin));
    }
}
