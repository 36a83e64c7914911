using System.Text;
using System.Text.Json;
using Gantry.Engine.Constraints;
using Json.Schema;
using Xunit.Abstractions;

namespace Gantry.Engine.Tests.Constraints;

public sealed class ConstrainedGenerationTests(ConstraintModelFixture fixture, ITestOutputHelper output) : IClassFixture<ConstraintModelFixture>
{
    /// <summary>
    /// Property: for many random schemas, whatever a random-weight model samples under the constraint parses as JSON
    /// and validates against the schema (checked by an independent validator, formats included), and it is complete
    /// by max_tokens even though the model never prefers to stop.
    /// </summary>
    [Fact]
    public void RandomSchemas_RandomModel_OutputAlwaysValidates()
    {
        var rng = new Random(2024);
        var options = new EvaluationOptions { RequireFormatValidation = true, OutputFormat = OutputFormat.List };
        var stoppedByBudget = 0;
        const int Schemas = 60;
        for (var i = 0; i < Schemas; i++)
        {
            var schemaText = RandomSchemas.Next(rng).ToJsonString();
            var grammar = ConstraintGrammars.FromJsonSchema(schemaText);
            var masker = new TokenMasker(new GrammarAutomaton(grammar), fixture.Trie);
            var maxTokens = masker.Automaton.Distance(masker.Automaton.Start) + rng.Next(4, 80);
            var (tokens, constraint) = fixture.Generate(masker, maxTokens, seed: (ulong)i, greedy: i % 5 == 4);
            var text = Text(tokens);
            Assert.True(constraint.IsAccepting, $"incomplete after {tokens.Count}/{maxTokens} tokens for {schemaText}: {text}");
            if (!constraint.IsFinished) stoppedByBudget++;
            using var doc = ParseOrFail(text, schemaText);
            var result = JsonSchema.FromText(schemaText).Evaluate(doc.RootElement, options);
            if (i < 6) output.WriteLine($"{schemaText}\n  -> {text}");
            Assert.True(result.IsValid, $"schema {schemaText}\noutput {text}\nerrors: {string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}")))}");
        }
        output.WriteLine($"{Schemas} schemas; {stoppedByBudget} outputs were closed by the token budget");
    }

    [Fact]
    public void Regex_RandomModel_OutputMatches()
    {
        var regex = new System.Text.RegularExpressions.Regex("^(?:[A-Z]{3}-\\d{2,5}( [a-z]+)?)\\z");
        var masker = new TokenMasker(new GrammarAutomaton(ConstraintGrammars.FromRegex("[A-Z]{3}-\\d{2,5}( [a-z]+)?")), fixture.Trie);
        for (ulong seed = 0; seed < 8; seed++)
        {
            var (tokens, constraint) = fixture.Generate(masker, 24, seed);
            Assert.True(constraint.IsAccepting);
            Assert.Matches(regex, Text(tokens));
        }
    }

    [Fact]
    public void Gbnf_RandomModel_OutputParsesAsJson()
    {
        var masker = new TokenMasker(new GrammarAutomaton(Grammar.Parse(GbnfGrammarTests.LlamaCppJson)), fixture.Trie);
        for (ulong seed = 0; seed < 6; seed++)
        {
            var (tokens, constraint) = fixture.Generate(masker, 64, seed);
            Assert.True(constraint.IsAccepting);
            using var doc = ParseOrFail(Text(tokens), "llama.cpp json.gbnf");
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        }
    }

    private string Text(List<int> tokens)
    {
        var bytes = new List<byte>();
        foreach (var t in tokens) bytes.AddRange(fixture.Trie.TokenBytes(t).ToArray());
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static JsonDocument ParseOrFail(string text, string schema)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            Assert.Fail($"output is not JSON ({e.Message}) for {schema}: {text}");
            throw;
        }
    }
}
